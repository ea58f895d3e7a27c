"""Loaders of the evaluation sets: ``DIR/NAME/SPLIT.jsonl`` into validated gold records."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from sitroom.errors import EvaluationError
from sitroom.evaluate._jsonl import Fields, dataset_error, read_jsonl
from sitroom.evaluate.gold import (
    Attribution,
    Case2021Record,
    EcbDocument,
    EcbMention,
    FiveW1H,
    FiveW1HAnswer,
    GeoDocument,
    GivemeArticle,
    GoldTimex,
    GoldToponym,
    GvaDocument,
    GvaIncident,
    GvaParticipant,
    NewsClusterEvent,
    PloverActor,
    PloverRecord,
    PolnearDocument,
    TimexDocument,
    WikiArgument,
    WikiDocument,
    WikiEvent,
)


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


R = TypeVar("R", bound=_Keyed)

_SPLIT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
GEO_SETS = ("geo_gwn", "geo_geovirus", "geo_lgl", "geo_trnews")
TIMEX_SETS = ("tempeval3", "meantime")
_ECB_KINDS = frozenset({"event", "time", "location", "participant"})
_TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
_PARTICIPANT_KEYS = ("type", "status", "gender", "age", "age_group", "name", "relationship")
_QUESTIONS = ("who", "what", "when", "where", "why", "how")


def dataset_path(data_dir: Path, name: str, split: str = "dev") -> Path:
    """The file ``DIR/NAME/SPLIT.jsonl``; a split name with path characters is an error."""
    if not _SPLIT_NAME.fullmatch(split) or ".." in split:
        raise EvaluationError(f"invalid split name {split!r}")
    return Path(data_dir) / name / f"{split}.jsonl"


def _load(data_dir: Path, name: str, split: str, parse: Callable[[Fields], R]) -> list[R]:
    """Read ``DIR/NAME/SPLIT.jsonl`` with ``parse`` and check that record ids are unique."""
    path = dataset_path(data_dir, name, split)
    records = read_jsonl(path, parse)
    seen: set[str] = set()
    for line, record in enumerate(records, start=1):
        # A repeated id would make scores keyed by id silently merge two records.
        if record.key in seen:
            raise dataset_error(path, f"duplicate id {record.key!r}", line)
        seen.add(record.key)
    return records


def load_case2021(data_dir: Path, split: str = "dev") -> list[Case2021Record]:
    """Load CASE 2021 task 2 snippets with their event-type labels."""
    return _load(data_dir, "case2021", split, _case2021)


def _case2021(f: Fields) -> Case2021Record:
    return Case2021Record(
        f.text("id", allow_empty=False),
        f.text("text", allow_empty=False),
        f.text("label", allow_empty=False),
    )


def load_gva(data_dir: Path, split: str = "dev") -> list[GvaIncident]:
    """Load Gun Violence Archive incidents with their news articles."""
    return _load(data_dir, "gva", split, _gva)


def _gva(f: Fields) -> GvaIncident:
    lat, lon = _lat_lon(f)
    documents = tuple(
        GvaDocument(
            d.text("doc_id", allow_empty=False),
            d.text("text", allow_empty=False),
            title=d.opt_text("title"),
            published=d.opt_iso_date("published"),
            url=d.opt_text("url"),
        )
        for d in f.objects("documents")
    )
    if not documents:
        raise f.error("documents", "an incident needs at least one document")
    participants = []
    for p in f.objects("participants"):
        values = {key: p.opt_text(key) for key in _PARTICIPANT_KEYS}
        participants.append(GvaParticipant(**values))
    return GvaIncident(
        f.text("incident_id", allow_empty=False),
        date=f.iso_date("date"),
        state=f.text("state"),
        city=f.text("city"),
        address=f.opt_text("address"),
        lat=lat,
        lon=lon,
        killed=f.integer("killed", minimum=0),
        injured=f.integer("injured", minimum=0),
        participants=tuple(participants),
        documents=documents,
    )


def load_geo(data_dir: Path, name: str, split: str = "dev") -> list[GeoDocument]:
    """Load one of the geoparsing sets named in ``GEO_SETS``."""
    if name not in GEO_SETS:
        raise EvaluationError(f"{name!r} is not a geoparsing set ({', '.join(GEO_SETS)})")
    return _load(data_dir, name, split, _geo)


def load_geo_gwn(data_dir: Path, split: str = "dev") -> list[GeoDocument]:
    """Load GeoWebNews (fine-grained toponym types, GeoNames ids)."""
    return load_geo(data_dir, "geo_gwn", split)


def load_geo_geovirus(data_dir: Path, split: str = "dev") -> list[GeoDocument]:
    """Load GeoVirus (WikiNews disease-outbreak articles, Wikipedia-linked places)."""
    return load_geo(data_dir, "geo_geovirus", split)


def load_geo_lgl(data_dir: Path, split: str = "dev") -> list[GeoDocument]:
    """Load LGL (US local news)."""
    return load_geo(data_dir, "geo_lgl", split)


def load_geo_trnews(data_dir: Path, split: str = "dev") -> list[GeoDocument]:
    """Load TR-News (international news)."""
    return load_geo(data_dir, "geo_trnews", split)


def _geo(f: Fields) -> GeoDocument:
    text = f.text("text")
    toponyms = []
    for t in f.objects("toponyms"):
        name = t.text("name", allow_empty=False)
        start, end = t.offsets(text, surface=name)
        lat, lon = _lat_lon(t)
        toponyms.append(
            GoldToponym(
                start,
                end,
                name=name,
                lat=lat,
                lon=lon,
                geonameid=t.opt_integer("geonameid"),
                type=t.opt_text("type"),
                gazetteer_name=t.opt_text("gazetteer_name"),
                wikipedia=t.opt_text("wikipedia"),
            )
        )
    return GeoDocument(
        f.text("doc_id", allow_empty=False),
        text,
        title=f.opt_text("title"),
        url=f.opt_text("url"),
        toponyms=tuple(toponyms),
    )


def load_ecbplus(data_dir: Path, split: str = "dev") -> list[EcbDocument]:
    """Load ECB+ documents with their event, time, location and participant mentions."""
    return _load(data_dir, "ecbplus", split, _ecbplus)


def _ecbplus(f: Fields) -> EcbDocument:
    text = f.text("text")
    n_lines = text.count("\n") + 1
    mentions = []
    for m in f.objects("mentions"):
        start, end = m.offsets(text)
        sentence = m.integer("sentence", minimum=0)
        if sentence >= n_lines:
            raise m.error("sentence", f"{sentence} is past the last line ({n_lines - 1})")
        mentions.append(
            EcbMention(
                start,
                end,
                kind=m.choice("kind", _ECB_KINDS),
                tag=m.text("tag"),
                chain=m.text("chain", allow_empty=False),
                sentence=sentence,
            )
        )
    return EcbDocument(
        f.text("doc_id", allow_empty=False),
        text,
        topic=f.text("topic", allow_empty=False),
        subtopic=f.text("subtopic", allow_empty=False),
        cluster=f.text("cluster", allow_empty=False),
        coref_sentences=frozenset(f.integers("coref_sentences")),
        mentions=tuple(mentions),
    )


def load_polnear(data_dir: Path, split: str = "dev") -> list[PolnearDocument]:
    """Load PolNeAR articles with their attributions (source, cue, content)."""
    return _load(data_dir, "polnear", split, _polnear)


def _polnear(f: Fields) -> PolnearDocument:
    text = f.text("text")
    attributions = tuple(
        Attribution(
            a.span("content", text),
            source=a.opt_span("source", text),
            cue=a.opt_span("cue", text),
            content_fragments=a.opt_spans("content_fragments", text),
            source_fragments=a.opt_spans("source_fragments", text),
            cue_fragments=a.opt_spans("cue_fragments", text),
        )
        for a in f.objects("attributions")
    )
    return PolnearDocument(
        f.text("doc_id", allow_empty=False),
        text,
        orig_split=f.text("orig_split"),
        annotator=f.text("annotator"),
        publisher=f.text("publisher"),
        published=f.iso_date("published"),
        title=f.text("title"),
        attributions=attributions,
    )


def load_timex(data_dir: Path, name: str, split: str = "dev") -> list[TimexDocument]:
    """Load one of the TIMEX3 sets (``tempeval3``, ``meantime``)."""
    if name not in TIMEX_SETS:
        raise EvaluationError(f"{name!r} is not a TIMEX3 set ({', '.join(TIMEX_SETS)})")
    return _load(data_dir, name, split, _timex)


def load_tempeval3(data_dir: Path, split: str = "dev") -> list[TimexDocument]:
    """Load the TempEval-3 platinum documents."""
    return load_timex(data_dir, "tempeval3", split)


def load_meantime(data_dir: Path, split: str = "dev") -> list[TimexDocument]:
    """Load the English MEANTIME documents."""
    return load_timex(data_dir, "meantime", split)


def _timex(f: Fields) -> TimexDocument:
    text = f.text("text")
    timexes = tuple(
        GoldTimex(
            *t.offsets(text),
            value=t.text("value", allow_empty=False),
            type=t.choice("type", _TIMEX_TYPES),
        )
        for t in f.objects("timexes")
    )
    return TimexDocument(
        f.text("doc_id", allow_empty=False),
        text,
        dct=f.opt_iso_date("dct"),
        timexes=timexes,
        title=f.opt_text("title"),
        corpus=f.opt_text("corpus"),
        url=f.opt_text("url"),
    )


def load_plover_gsr(data_dir: Path, split: str = "dev") -> list[PloverRecord]:
    """Load the PLOVER gold-standard records (one coded sentence each)."""
    return _load(data_dir, "plover_gsr", split, _plover)


def _plover(f: Fields) -> PloverRecord:
    location = f.opt_obj("location")
    # One upstream record carries its markup as a bare string instead of {"markup": ...}.
    markup: str | None
    if isinstance(f.data.get("textInfo"), str):
        markup = f.text("textInfo")
    else:
        info = f.opt_obj("textInfo")
        markup = None if info is None else info.opt_text("markup")
    return PloverRecord(
        f.text("id", allow_empty=False),
        f.text("text", allow_empty=False),
        event=f.text("event", allow_empty=False),
        mode=f.opt_text("mode"),
        source=_actors(f, "source"),
        target=_actors(f, "target"),
        location_name=None if location is None else location.text("name"),
        location_country=None if location is None else location.opt_text("country code"),
        event_text=f.opt_text("eventText"),
        context=f.opt_text("context"),
        markup=markup,
        target_raw=f.opt_text("target_raw"),
    )


def _actors(f: Fields, key: str) -> tuple[PloverActor, ...]:
    return tuple(
        PloverActor(a.text("actorText"), a.text("code", allow_empty=False), a.opt_text("sector"))
        for a in f.objects(key)
    )


def load_wikievents(data_dir: Path, split: str = "dev") -> list[WikiDocument]:
    """Load WikiEvents documents with their KAIROS events and arguments."""
    return _load(data_dir, "wikievents", split, _wikievents)


def _wikievents(f: Fields) -> WikiDocument:
    text = f.text("text")
    events = []
    for e in f.objects("events"):
        arguments = tuple(
            WikiArgument(
                a.text("role", allow_empty=False),
                *a.offsets(text),
                text=a.text("text"),
                entity_type=a.text("entity_type"),
            )
            for a in e.objects("arguments")
        )
        events.append(
            WikiEvent(
                e.text("id", allow_empty=False),
                e.text("type", allow_empty=False),
                trigger=e.span("trigger", text),
                trigger_text=e.text("trigger_text"),
                arguments=arguments,
            )
        )
    return WikiDocument(f.text("doc_id", allow_empty=False), text, events=tuple(events))


def load_giveme5w1h(data_dir: Path, split: str = "dev") -> list[GivemeArticle]:
    """Load Giveme5W1H articles (5W1H gold and/or same-event cluster labels)."""
    return _load(data_dir, "giveme5w1h", split, _giveme)


def _giveme(f: Fields) -> GivemeArticle:
    event_fields = f.opt_obj("event")
    event = None
    if event_fields is not None:
        event = NewsClusterEvent(
            event_fields.integer("event_id"),
            event_fields.text("event"),
            category=event_fields.text("category"),
            topic=event_fields.text("topic"),
        )
    answers_fields = f.opt_obj("fivew1h")
    fivew1h = None
    if answers_fields is not None:
        answers = {
            question: tuple(
                FiveW1HAnswer(
                    a.opt_text("text"), a.integer("coders", minimum=0), a.opt_iso_date("parsed")
                )
                for a in answers_fields.objects(question)
            )
            for question in _QUESTIONS
        }
        fivew1h = FiveW1H(**answers)
    return GivemeArticle(
        f.text("doc_id", allow_empty=False),
        f.text("text"),
        title=f.text("title"),
        description=f.opt_text("description"),
        published=f.opt_iso_date("published"),
        publisher=f.text("publisher"),
        url=f.text("url"),
        gold_category=f.opt_text("gold_category"),
        event=event,
        fivew1h=fivew1h,
    )


def _lat_lon(f: Fields) -> tuple[float | None, float | None]:
    """The ``lat``/``lon`` fields: both numbers in range, or both null."""
    lat, lon = f.opt_number("lat"), f.opt_number("lon")
    if (lat is None) != (lon is None):
        raise f.error("lat", "lat and lon must both be set or both be null")
    if lat is not None and not -90.0 <= lat <= 90.0:
        raise f.error("lat", f"{lat} is not a latitude")
    if lon is not None and not -180.0 <= lon <= 180.0:
        raise f.error("lon", f"{lon} is not a longitude")
    return lat, lon
