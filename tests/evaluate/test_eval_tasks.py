"""The task registry and runner, end to end with tiny fake systems on hand-made data."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from sitroom.errors import DatasetError, EvaluationError, StageUnavailableError
from sitroom.evaluate import (
    DocumentText,
    EvalReport,
    EvalSystem,
    MentionRef,
    PlaceKind,
    PredictedArgument,
    PredictedEvent,
    PredictedEventType,
    PredictedIncident,
    PredictedQuote,
    PredictedTimex,
    PredictedToponym,
    evaluate,
    list_tasks,
)
from sitroom.geo import EARTH_RADIUS_KM

WriteSet = Callable[..., Path]
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180  # along a meridian

ISSUE_METRICS = {
    "geo_gwn": ("toponym_f1", "toponym_f1_overlap", "acc_161km", "acc_161km_all", "median_km"),
    "case2021": ("weighted_f1", "macro_f1", "accuracy"),
    "plover_gsr": ("type_accuracy",),
    "polnear": ("content_f1", "speaker_accuracy"),
    "gva": ("killed_exact", "injured_exact", "date_exact", "place_40km", "cluster_b3_f1",
            "e2e_killed_exact", "e2e_date_exact", "e2e_place_40km"),
    "ecbplus": ("cluster_b3_f1", "event_coref_f1"),
    "giveme5w1h": ("cluster_b3_f1",),
    "tempeval3": ("timex_f1", "value_accuracy"),
    "meantime": ("timex_f1", "value_accuracy"),
    "mordecai3_test_cases": ("pass_rate",),
    "ngec_actor_test_cases": ("pass_rate",),
}


def test_list_tasks() -> None:
    tasks = {t.name: t for t in list_tasks()}
    assert set(tasks) == {
        "geo_gwn", "geo_geovirus", "geo_lgl", "geo_trnews", "case2021", "plover_gsr", "gva",
        "wikievents", "ecbplus", "giveme5w1h", "polnear", "tempeval3", "meantime",
        "mordecai3_test_cases", "ngec_actor_test_cases", "petrarch2_unittest",
    }
    for name, keys in ISSUE_METRICS.items():
        assert tasks[name].metric_keys == keys
    assert tasks["geo_trnews"].metric_keys == ISSUE_METRICS["geo_gwn"]
    stages = {name: t.stage for name, t in tasks.items()}
    assert stages["geo_gwn"] == stages["mordecai3_test_cases"] == "places"
    assert (stages["meantime"], stages["polnear"], stages["ecbplus"]) == (
        "dates", "quotes", "stories"
    )
    assert (stages["case2021"], stages["ngec_actor_test_cases"]) == ("events", "actors")
    assert all(t.description for t in tasks.values())


def test_unknown_task_names_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"unknown task 'geo_xx'; known tasks: geo_gwn, "):
        evaluate("geo_xx", data_dir=tmp_path)


@pytest.mark.parametrize("task", [t.name for t in list_tasks()])
def test_every_task_loads_then_needs_its_stage(eval_root: Path, task: str) -> None:
    stage = next(t.stage for t in list_tasks() if t.name == task)
    with pytest.raises(StageUnavailableError) as caught:
        evaluate(task, data_dir=eval_root)
    assert (caught.value.task, caught.value.stage) == (task, stage)
    assert "does not have yet" in str(caught.value)


def test_broken_data_is_reported_before_the_missing_stage(
    write_set: WriteSet, tmp_path: Path
) -> None:
    root = write_set("case2021", ['{"id": "1", "text": "A march.", "label": "PEACE_PROTEST"}',
                                  "not json"])
    with pytest.raises(DatasetError, match=r"dev.jsonl:2: invalid JSON"):
        evaluate("case2021", data_dir=root)
    with pytest.raises(DatasetError, match="file not found"):
        evaluate("polnear", data_dir=tmp_path / "nowhere")
    with pytest.raises(DatasetError, match="one part"):
        evaluate("petrarch2_unittest", data_dir=tmp_path, split="test")


def test_empty_split_reports_no_metrics(write_set: WriteSet) -> None:
    root = write_set("geo_lgl", [])
    report = evaluate("geo_lgl", data_dir=root, system=EvalSystem(geoparser=OracleGeoparser([])))
    assert report.n_records == 0
    assert report.metrics == dict.fromkeys(ISSUE_METRICS["geo_gwn"])
    assert "n/a" in report.format_table()
    with pytest.raises(StageUnavailableError):
        evaluate("geo_lgl", data_dir=root)


# Geoparsing -------------------------------------------------------------------------------------

GEO_TEXT = "Rain hit Lisbon, Porto and Faro coast as Portugal's city officials warned."


def _at(word: str) -> tuple[int, int]:
    start = GEO_TEXT.index(word)
    return start, start + len(word)


def _gold_toponym(word: str, lat: float | None, lon: float | None, geonameid: int | None,
                  kind: str) -> dict[str, Any]:
    start, end = _at(word)
    return {"start": start, "end": end, "name": word, "lat": lat, "lon": lon,
            "geonameid": geonameid, "type": kind, "gazetteer_name": word}


GEO_DOC = {
    "doc_id": "g1",
    "title": None,
    "url": None,
    "text": GEO_TEXT,
    "toponyms": [
        _gold_toponym("Lisbon", 38.7, -9.1, 2267057, "Literal"),
        _gold_toponym("Porto", 41.1, -8.6, 2735943, "Literal"),
        _gold_toponym("Faro", 37.0, -7.9, 2268339, "Literal"),
        _gold_toponym("Portugal", 39.5, -8.0, 2264397, "Metonymic"),
        _gold_toponym("city", None, None, None, "Literal_Expression"),
    ],
}


class OracleGeoparser:
    """Returns the true gold toponyms of each known text, with gold coordinates."""

    def __init__(self, documents: Sequence[dict[str, Any]]) -> None:
        self.by_text = {d["text"]: d["toponyms"] for d in documents}

    def geoparse(self, text: str) -> list[PredictedToponym]:
        return [
            PredictedToponym(t["start"], t["end"], lat=t["lat"], lon=t["lon"])
            for t in self.by_text[text]
            if t["type"] not in ("Literal_Expression", "Non_Lit_Expression", "Non_Toponym")
        ]


class FixedGeoparser:
    """Returns the same predictions for any text."""

    def __init__(self, *found: PredictedToponym) -> None:
        self.found = list(found)

    def geoparse(self, text: str) -> list[PredictedToponym]:
        return self.found


class SloppyGeoparser:
    """Finds Lisbon 1 degree north, Portugal as a country 3 degrees off, 'Faro coast' 2 degrees
    south, and two non-toponyms; misses Porto."""

    def geoparse(self, text: str) -> list[PredictedToponym]:
        return [
            PredictedToponym(*_at("Rain")),
            PredictedToponym(*_at("Lisbon"), lat=39.7, lon=-9.1, kind="city", country="PRT"),
            PredictedToponym(*_at("Faro coast"), lat=35.0, lon=-7.9, kind="city"),
            PredictedToponym(*_at("Portugal"), lat=42.5, lon=-8.0, kind="country", country="PRT"),
            PredictedToponym(*_at("city"), lat=38.0, lon=-9.0),
        ]


def test_gold_geoparser_scores_one(write_set: WriteSet) -> None:
    root = write_set("geo_gwn", [GEO_DOC])
    system = EvalSystem(geoparser=OracleGeoparser([GEO_DOC]))
    report = evaluate("geo_gwn", data_dir=root, system=system)
    assert report.metrics == {
        "toponym_f1": 1.0,
        "toponym_f1_overlap": 1.0,
        "acc_161km": 1.0,
        "acc_161km_all": 1.0,
        "median_km": 0.0,
    }
    assert report.details["n_gold_excluded"] == 1
    assert report.details["recall_by_type"]["Literal_Expression"]["recall_exact"] == 0.0


def test_geoparser_errors_scored_by_hand(write_set: WriteSet) -> None:
    root = write_set("geo_gwn", [GEO_DOC])
    report = evaluate("geo_gwn", data_dir=root, system=EvalSystem(geoparser=SloppyGeoparser()))
    m = report.metrics
    # 4 true gold toponyms (city is excluded), 5 predictions. Exact: Lisbon, Portugal -> P 2/5,
    # R 2/4, F1 4/9. Overlap adds Faro/"Faro coast" -> P 3/5, R 3/4, F1 2/3.
    assert m["toponym_f1"] == pytest.approx(4 / 9)
    assert m["toponym_f1_overlap"] == pytest.approx(2 / 3)
    # Geocoding over found and resolved gold: Lisbon 1 degree (111 km, right), Portugal right by
    # the area rule (same country, 0 km), Faro 2 degrees (222 km, wrong): 2/3. Over all four
    # gold toponyms with coordinates (Porto missed): 2/4. Median of [0, 111, 222] is 111 km.
    assert m["acc_161km"] == pytest.approx(2 / 3)
    assert m["acc_161km_all"] == pytest.approx(0.5)
    assert m["median_km"] == pytest.approx(KM_PER_DEGREE)
    assert report.details["n_right_by_area_rule_only"] == 1
    assert report.details["geocoding"]["mean_km"] == pytest.approx(KM_PER_DEGREE)


def test_area_rule_by_name_without_geonames_ids(write_set: WriteSet) -> None:
    text = "Aid reached France by truck."
    start = text.index("France")
    gold = {"doc_id": "v1", "title": None, "url": None, "text": text, "toponyms": [
        {"start": start, "end": start + 6, "name": "France", "lat": 46.0, "lon": 2.0,
         "geonameid": None, "type": None, "gazetteer_name": None,
         "wikipedia": "https://en.wikipedia.org/wiki/France"}]}
    root = write_set("geo_geovirus", [gold])

    def run(kind: PlaceKind) -> EvalReport:
        found = PredictedToponym(start, start + 6, lat=50.0, lon=2.0, kind=kind, country="FRA")
        return evaluate("geo_geovirus", data_dir=root,
                        system=EvalSystem(geoparser=FixedGeoparser(found)))

    # 4 degrees (445 km) away, but the same country: right.
    assert run("country").metrics["acc_161km"] == 1.0
    assert run("city").metrics["acc_161km"] == 0.0


def test_predicted_span_outside_the_text_is_an_error(write_set: WriteSet) -> None:
    root = write_set("geo_gwn", [GEO_DOC])
    system = EvalSystem(geoparser=FixedGeoparser(PredictedToponym(5, 500)))
    with pytest.raises(EvaluationError, match="document 'g1': predicted span 5-500"):
        evaluate("geo_gwn", data_dir=root, system=system)


# Dates ------------------------------------------------------------------------------------------


class FakeTagger:
    """Finds 'Friday' (right value) and 'days' with a wrong value; remembers the dct."""

    def __init__(self) -> None:
        self.dcts: list[str | None] = []

    def tag(self, text: str, dct: str | None) -> list[PredictedTimex]:
        self.dcts.append(dct)
        friday, days = text.index("Friday"), text.index("days")
        return [
            PredictedTimex(friday, friday + 6, value="2013-03-22", type="DATE"),
            PredictedTimex(days, days + 4, value="P3D", type="DURATION"),
        ]


def test_timex_task(write_set: WriteSet) -> None:
    text = "Talks ended on Friday after two days."
    doc = {"doc_id": "t1", "dct": "2013-03-22", "text": text, "corpus": "x", "url": "u",
           "timexes": [
               {"start": 15, "end": 21, "value": "2013-03-22", "type": "DATE"},
               {"start": 28, "end": 36, "value": "P2D", "type": "DURATION"}]}
    root = write_set("meantime", [doc])
    tagger = FakeTagger()
    report = evaluate("meantime", data_dir=root, system=EvalSystem(timex_tagger=tagger))
    # Strict: 1 exact of 2 gold, 2 predicted -> F1 1/2. Relaxed matches: both; right value: 1.
    assert report.metrics == {"timex_f1": 0.5, "value_accuracy": 0.5}
    assert report.details["relaxed"]["f1"] == 1.0
    assert tagger.dcts == ["2013-03-22"]


# Events -----------------------------------------------------------------------------------------


class KeywordClassifier:
    """Air strikes and marches by keyword (ACLED names); anything else is COERCE."""

    def classify_event(self, text: str) -> PredictedEventType:
        if "jets" in text:
            return PredictedEventType("ASSAULT", acled_sub_event_type="Air/drone strike")
        if "march" in text:
            return PredictedEventType("PROTEST", acled_sub_event_type="Peaceful protest")
        if "demanded" in text:
            return PredictedEventType("REQUEST")
        return PredictedEventType("COERCE")


def test_case2021_task(write_set: WriteSet) -> None:
    root = write_set("case2021", [
        {"id": "1", "text": "Army jets struck a depot.", "label": "AIR_STRIKE"},
        {"id": "2", "text": "Students held a quiet march.", "label": "PEACE_PROTEST"},
        {"id": "3", "text": "Two envoys were sent home.", "label": "DIPLO"},
        {"id": "4", "text": "More jets flew over the hills.", "label": "AIR_STRIKE"},
    ])
    system = EvalSystem(event_classifier=KeywordClassifier())
    report = evaluate("case2021", data_dir=root, system=system)
    # 3 of 4 right; per label F1: AIR_STRIKE 1, PEACE_PROTEST 1, DIPLO 0 (predicted "no label").
    # Macro = 2/3; weighted by support (2, 1, 1) = 3/4.
    assert report.metrics == {
        "weighted_f1": pytest.approx(0.75),
        "macro_f1": pytest.approx(2 / 3),
        "accuracy": 0.75,
    }
    assert report.details["n_without_label"] == 1
    assert "DIPLO" in report.details["confusion_text"]


def test_plover_task_maps_old_gold_labels(write_set: WriteSet) -> None:
    record: dict[str, Any] = {"mode": None, "source": [], "target": [], "location": None}
    root = write_set("plover_gsr", [
        {**record, "id": "a", "text": "Farmers demanded lower taxes.", "event": "DEMAND"},
        {**record, "id": "b", "text": "Crowds filled the square.", "event": "PROTEST"},
    ])
    system = EvalSystem(event_classifier=KeywordClassifier())
    report = evaluate("plover_gsr", data_dir=root, system=system)
    # DEMAND is REQUEST now: right; PROTEST predicted as COERCE: wrong.
    assert report.metrics == {"type_accuracy": 0.5}


class FakeIncidentReader:
    """Incident A: right killed, wrong injured, a day late, 0.3 degrees off; B: all right but the
    place, 1 degree off."""

    def read_incident(self, documents: Sequence[DocumentText]) -> PredictedIncident:
        if documents[0].doc_id == "d1":
            return PredictedIncident(date="2016-05-02", killed=2, injured=0, lat=40.3, lon=-75.0)
        return PredictedIncident(date="2016-06-02", killed=0, injured=3, lat=36.0, lon=-80.0,
                                 city="Elm", state="Ohio")


class OneCluster:
    """Puts every document in one cluster; remembers what it was given."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def cluster(self, documents: Sequence[DocumentText]) -> Mapping[str, str]:
        self.seen = [d.doc_id for d in documents]
        return {d.doc_id: "all" for d in documents}


def _gva_doc(doc_id: str, text: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "title": "T", "published": "2016-05-03", "url": "u", "text": text}


def test_gva_task(write_set: WriteSet) -> None:
    incident: dict[str, Any] = {"state": "Ohio", "city": "Elm", "address": None, "participants": []}
    root = write_set("gva", [
        {**incident, "incident_id": "A", "date": "2016-05-01", "lat": 40.0, "lon": -75.0,
         "killed": 2, "injured": 1,
         "documents": [_gva_doc("d1", "Two died in a shooting."), _gva_doc("d2", "Police said.")]},
        {**incident, "incident_id": "B", "date": "2016-06-02", "lat": 35.0, "lon": -80.0,
         "killed": 0, "injured": 3, "documents": [_gva_doc("d3", "Three were hurt.")]},
    ])
    clusterer = OneCluster()
    system = EvalSystem(incident_reader=FakeIncidentReader(), document_clusterer=clusterer)
    report = evaluate("gva", data_dir=root, system=system)
    # Place: A is 0.3 degrees (33 km) off, within 40 km; B 1 degree (111 km) off.
    # B-cubed of one cluster over {d1, d2 | d3}: P = (2/3 + 2/3 + 1/3)/3 = 5/9, R = 1, F1 = 5/7.
    assert report.metrics == {
        "killed_exact": 1.0,
        "injured_exact": 0.5,
        "date_exact": 0.5,
        "place_40km": 0.5,
        "cluster_b3_f1": pytest.approx(5 / 7),
        # End to end, both incidents fall in the one cluster, whose facts (read once, from
        # d1 d2 d3) are A's: B's count, date and place are then wrong, and A's date still is.
        "e2e_killed_exact": 0.5,
        "e2e_date_exact": 0.0,
        "e2e_place_40km": 0.5,
    }
    assert report.details["date_within_1_day"] == 1.0
    assert report.details["city_match"] == 0.5
    assert clusterer.seen == ["d1", "d2", "d3"]
    system = EvalSystem(incident_reader=FakeIncidentReader())
    assert evaluate("gva", data_dir=root, system=system).metrics["cluster_b3_f1"] is None


def test_wikievents_task(write_set: WriteSet) -> None:
    text = "A bomb exploded in the market and killed two people. They met in May."

    def at(word: str) -> list[int]:
        return [text.index(word), text.index(word) + len(word)]

    def arg(role: str, word: str) -> dict[str, Any]:
        start, end = at(word)
        return {"role": role, "start": start, "end": end, "text": word, "entity_type": "X"}

    attack, die = "Conflict.Attack.DetonateExplode", "Life.Die.Unspecified"
    root = write_set("wikievents", [{"doc_id": "w1", "text": text, "events": [
        {"id": "e1", "type": attack, "trigger": at("exploded"), "trigger_text": "exploded",
         "arguments": [arg("Instrument", "bomb"), arg("Place", "market")]},
        {"id": "e2", "type": die, "trigger": at("killed"), "trigger_text": "killed",
         "arguments": [arg("Victim", "people")]},
        {"id": "e3", "type": "Contact.Contact.Meet", "trigger": at("met"), "trigger_text": "met",
         "arguments": [arg("Participant", "They")]},
    ]}])

    class Extractor:
        def extract_events(self, text: str) -> list[PredictedEvent]:
            def span(word: str) -> tuple[int, int]:
                return text.index(word), text.index(word) + len(word)

            return [
                PredictedEvent(attack, *span("exploded"), arguments=(
                    PredictedArgument("Instrument", *span("bomb")),
                    PredictedArgument("Target", *span("market")))),
                PredictedEvent("Life.Injure.Unspecified", *span("killed"), arguments=(
                    PredictedArgument("Victim", *span("people")),)),
            ]

    report = evaluate("wikievents", data_dir=root, system=EvalSystem(event_extractor=Extractor()))
    # Only attacks, deaths and injuries count (the meeting is left out). Triggers: both spans
    # right (1.0), one type right (1/2). Arguments identified with their event type: bomb and
    # market (2 of 3 -> 2/3); with the role too: bomb only (1/3).
    assert report.metrics == {
        "trigger_id_f1": 1.0,
        "trigger_class_f1": 0.5,
        "argument_id_f1": pytest.approx(2 / 3),
        "argument_role_f1": pytest.approx(1 / 3),
    }
    # Over every type, the meeting is a missed trigger: 2 found of 3.
    assert report.details["all_types"]["trigger_id"]["recall"] == pytest.approx(2 / 3)


# Stories ----------------------------------------------------------------------------------------

ECB_DOCS = [
    ("1_1ecb", "1_ecb", "Police arrested a man .\nThe arrest came late .", [0, 1],
     [("arrested", 0, "C1"), ("arrest", 1, "C1")]),
    ("1_2ecb", "1_ecb", "A man was arrested on Monday .", [0], [("arrested", 0, "C1")]),
    ("1_3ecbplus", "1_ecbplus", "Talks collapsed in Geneva .\nNothing else happened .", [0],
     [("collapsed", 0, "C2"), ("happened", 1, "S1")]),
]


def _ecb_records() -> list[dict[str, Any]]:
    records = []
    for doc_id, cluster, text, sentences, mentions in ECB_DOCS:
        records.append({
            "doc_id": doc_id, "topic": "1", "subtopic": cluster[2:], "cluster": cluster,
            "text": text, "coref_sentences": sentences,
            "mentions": [
                {"start": text.index(word), "end": text.index(word) + len(word), "kind": "event",
                 "tag": "ACTION_OCCURRENCE", "chain": chain, "sentence": sentence}
                for word, sentence, chain in mentions
            ],
        })
    return records


class ChainCoreferencer:
    """Groups event mentions by chain; ``split`` keeps 1_2ecb's mention apart."""

    def __init__(self, *, split: bool) -> None:
        self.split = split

    def corefer_events(self, documents: Sequence[DocumentText]) -> list[list[MentionRef]]:
        chains: dict[str, list[MentionRef]] = {}
        for doc in documents:
            _, _, text, _, mentions = next(d for d in ECB_DOCS if d[0] == doc.doc_id)
            for word, _, chain in mentions:
                key = f"{chain}-alone" if self.split and doc.doc_id == "1_2ecb" else chain
                start = text.index(word)
                chains.setdefault(key, []).append(MentionRef(doc.doc_id, start, start + len(word)))
        return list(chains.values())


def test_ecbplus_task(write_set: WriteSet) -> None:
    root = write_set("ecbplus", _ecb_records())

    class ByCluster:
        def cluster(self, documents: Sequence[DocumentText]) -> Mapping[str, str]:
            return {d.doc_id: "ecbplus" if d.doc_id.endswith("plus") else "ecb" for d in documents}

    perfect = EvalSystem(document_clusterer=ByCluster(),
                         event_coreferencer=ChainCoreferencer(split=False))
    report = evaluate("ecbplus", data_dir=root, system=perfect)
    assert report.metrics == {"cluster_b3_f1": 1.0, "event_coref_f1": 1.0}
    # "happened" lies outside the annotated sentences: it is in neither key nor response.
    assert report.details["event_coreference"]["n_key_mentions"] == 4
    assert report.details["event_coreference"]["n_response_mentions"] == 4

    split = EvalSystem(document_clusterer=ByCluster(),
                       event_coreferencer=ChainCoreferencer(split=True))
    report = evaluate("ecbplus", data_dir=root, system=split)
    # Key {a,b,c} {d}; response {a,b} {c} {d}. MUC: R (3-2)/(3-1) = 1/2, P 1 -> 2/3.
    # B3: R ((4+1)/3 + 1)/4 = 2/3, P 1 -> 4/5. CEAF-e: phi4 {a,b,c}-{a,b} 4/5 + {d}-{d} 1 = 9/5;
    # R 9/10, P 3/5 -> 18/25. CoNLL = (2/3 + 4/5 + 18/25)/3 = 164/225.
    assert report.metrics["event_coref_f1"] == pytest.approx(164 / 225)
    no_coref = evaluate("ecbplus", data_dir=root, system=EvalSystem(document_clusterer=ByCluster()))
    assert no_coref.metrics["event_coref_f1"] is None


def test_giveme5w1h_clusters_only_labelled_articles(write_set: WriteSet) -> None:
    article = {"title": "T", "description": None, "published": None, "publisher": "p",
               "url": "u", "gold_category": None, "fivew1h": None}
    event = {"event": "e", "category": "c", "topic": "t"}
    root = write_set("giveme5w1h", [
        {**article, "doc_id": "a", "text": "A dam burst.", "event": {**event, "event_id": 1}},
        {**article, "doc_id": "b", "text": "The dam failed.", "event": {**event, "event_id": 1}},
        {**article, "doc_id": "c", "text": "A vote was held.", "event": {**event, "event_id": 2}},
        {**article, "doc_id": "d", "text": "Unlabelled.", "event": None},
    ])
    clusterer = OneCluster()
    report = evaluate("giveme5w1h", data_dir=root, system=EvalSystem(document_clusterer=clusterer))
    assert clusterer.seen == ["a", "b", "c"]
    assert report.metrics == {"cluster_b3_f1": pytest.approx(5 / 7)}  # as for gva above
    assert report.details["clustering"]["ari"] == 0.0


# Quotes -----------------------------------------------------------------------------------------


def test_polnear_task(write_set: WriteSet) -> None:
    text = "The mayor said the bridge will reopen soon. Critics argued it was unsafe."

    def at(words: str) -> list[int]:
        return [text.index(words), text.index(words) + len(words)]

    root = write_set("polnear", [{
        "doc_id": "p1", "orig_split": "dev", "annotator": "a1", "publisher": "x",
        "published": "2016-03-01", "title": "Bridge", "text": text,
        "attributions": [
            {"source": at("The mayor"), "cue": at("said"),
             "content": at("the bridge will reopen soon")},
            {"source": at("Critics"), "cue": at("argued"), "content": at("it was unsafe")},
        ],
    }])

    class Extractor:
        def extract_quotes(self, text: str) -> list[PredictedQuote]:
            bridge, unsafe = at("the bridge will reopen soon"), at("was unsafe")
            critics = at("Critics")
            return [
                PredictedQuote(*bridge, cue="said", speaker_name="mayor"),
                PredictedQuote(
                    *unsafe, cue="claimed", speaker_start=critics[0], speaker_end=critics[1]
                ),
                PredictedQuote(0, 3),
            ]

    report = evaluate("polnear", data_dir=root, system=EvalSystem(quote_extractor=Extractor()))
    # Content exact: 1 match, 2 gold, 3 predicted -> P 1/3, R 1/2, F1 2/5. Both gold contents
    # are found by overlap and both speakers are right (by name, by span).
    assert report.metrics == {"content_f1": pytest.approx(0.4), "speaker_accuracy": 1.0}
    assert report.details["cue_accuracy"] == 0.5
