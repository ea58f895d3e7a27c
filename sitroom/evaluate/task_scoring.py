"""Scoring of the place, date, quote and story tasks (events: ``event_scoring``).

Each function runs a capability over the gold records, applies the pure scorers and returns
the task's fixed metrics and JSON-ready details. Predicted offsets are
checked against the text they came from; an offset outside it is a bug of the system under
test and raises EvaluationError rather than being scored.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol, TypeVar

from sitroom.errors import EvaluationError
from sitroom.evaluate.areas import AreaIndex, area_match
from sitroom.evaluate.clustering import (
    adjusted_rand_index,
    bcubed,
    clusters_from_labels,
    complete_labels,
    coref_scores,
    normalized_mutual_info,
)
from sitroom.evaluate.gold import (
    Attribution,
    EcbDocument,
    GeoDocument,
    GivemeArticle,
    GoldToponym,
    GvaDocument,
    GvaIncident,
    PolnearDocument,
    TimexDocument,
)
from sitroom.evaluate.report import MetricValue
from sitroom.evaluate.scoring import (
    ACCURACY_KM,
    DocSpan,
    TimexItem,
    match_doc_spans,
    overlaps,
    span_score,
    summarise_errors,
    timex_scores,
)
from sitroom.evaluate.system import (
    DocumentClusterer,
    DocumentText,
    EventCoreferencer,
    Geoparser,
    IncidentReader,
    MentionRef,
    PredictedIncident,
    PredictedQuote,
    QuoteExtractor,
    TimexTagger,
)
from sitroom.geo import haversine_km

NOT_TOPONYM_TYPES = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})
"""GeoWebNews types that are not toponyms (common-noun expressions, enclosing names)."""
PLACE_KM = 40.0
"""How near a GVA incident's predicted point must be to count as the right place."""


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Spanned)


@dataclass(frozen=True, slots=True)
class Scored:
    """The fixed metrics of a task and its details."""

    metrics: dict[str, MetricValue]
    details: dict[str, Any]


def score_geo(
    documents: Sequence[GeoDocument],
    geoparser: Geoparser,
    *,
    areas: AreaIndex,
    by_geonameid: bool,
) -> Scored:
    """Geotagging and geocoding scores of a geoparser.

    Span F1 is over true toponyms (GeoWebNews' non-toponym types excluded). Geocoding pairs gold
    and predicted mentions by any-overlap one-to-one matching, so that a boundary difference
    ("Aleppo" / "Aleppo Governorate") is judged on its coordinates. A pair counts as right
    within 161 km, or by the area rule of :mod:`sitroom.evaluate.areas` (its error then
    counts as 0 km). ``acc_161km`` is over gold toponyms with coordinates that the system found
    and resolved; ``acc_161km_all`` over all gold toponyms with coordinates, a miss being wrong.
    ``by_geonameid`` says whether gold GeoNames ids identify areas (GeoWebNews).
    """
    gold_all: list[tuple[DocSpan, GoldToponym]] = []
    predicted = []
    for doc in documents:
        gold_all.extend(((doc.doc_id, g.start, g.end), g) for g in doc.toponyms)
        for p in doc_predictions(doc.doc_id, doc.text, geoparser.geoparse(doc.text)):
            predicted.append(((doc.doc_id, p.start, p.end), p))
    gold = [(span, g) for span, g in gold_all if g.type not in NOT_TOPONYM_TYPES]
    gold_spans = [span for span, _ in gold]
    pred_spans = [span for span, _ in predicted]
    exact = match_doc_spans(gold_spans, pred_spans, mode="exact")
    overlap = match_doc_spans(gold_spans, pred_spans, mode="overlap")
    errors: list[float] = []
    by_area_only = unresolved = 0
    for i, j in overlap:
        g, p = gold[i][1], predicted[j][1]
        if g.lat is None or g.lon is None:
            continue
        if p.lat is None or p.lon is None:
            unresolved += 1
            continue
        distance = haversine_km(g.lat, g.lon, p.lat, p.lon)
        names = (g.gazetteer_name, g.name)
        found = areas.find(geonameid=g.geonameid if by_geonameid else None, names=names)
        if area_match(found, names, p):
            by_area_only += distance > ACCURACY_KM
            distance = 0.0
        errors.append(distance)
    n_geocodable = sum(g.has_coordinates for _, g in gold)
    summary = summarise_errors(errors)
    right = sum(e <= ACCURACY_KM for e in errors)
    exact_score = span_score(len(exact), len(gold), len(predicted))
    overlap_score = span_score(len(overlap), len(gold), len(predicted))
    details: dict[str, Any] = {
        "spans_exact": exact_score.to_json(),
        "spans_overlap": overlap_score.to_json(),
        "n_gold_excluded": len(gold_all) - len(gold),
        "n_gold_with_coordinates": n_geocodable,
        "n_found_unresolved": unresolved,
        "geocoding": summary.to_json(),
        "n_right_by_area_rule_only": by_area_only,
    }
    if any(g.type for _, g in gold_all):
        details["recall_by_type"] = _recall_by_type(gold_all, pred_spans)
    return Scored(
        {
            "toponym_f1": exact_score.f1,
            "toponym_f1_overlap": overlap_score.f1,
            "acc_161km": summary.acc_161km,
            "acc_161km_all": right / n_geocodable if n_geocodable else None,
            "median_km": summary.median_km,
        },
        details,
    )


def _recall_by_type(
    gold: Sequence[tuple[DocSpan, GoldToponym]], pred_spans: Sequence[DocSpan]
) -> dict[str, dict[str, float | int]]:
    """Exact and overlap recall per gold type, every type included (excluded ones too)."""
    spans = [span for span, _ in gold]
    found = {
        mode: {i for i, _ in match_doc_spans(spans, pred_spans, mode=mode)}
        for mode in ("exact", "overlap")
    }
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, (_, g) in enumerate(gold):
        by_type[g.type or "(none)"].append(i)
    return {
        kind: {
            "n": len(ids),
            "recall_exact": sum(i in found["exact"] for i in ids) / len(ids),
            "recall_overlap": sum(i in found["overlap"] for i in ids) / len(ids),
        }
        for kind, ids in sorted(by_type.items(), key=lambda item: -len(item[1]))
    }


def score_gva(
    incidents: Sequence[GvaIncident],
    reader: IncidentReader,
    clusterer: DocumentClusterer | None,
) -> Scored:
    """Incident facts read from all of an incident's articles, and clustering of the articles.

    With a clusterer, the facts are also read end to end: each gold incident is matched to the
    predicted cluster holding most of its articles, and the facts read from that cluster's
    articles are scored (``e2e_*``).
    """
    facts, details = _incident_facts(
        [(i, reader.read_incident([_document_text(d) for d in i.documents])) for i in incidents]
    )
    # One article can report several incidents; it is pooled once, under its first incident.
    documents: dict[str, DocumentText] = {}
    gold: dict[str, Hashable] = {}
    for incident in incidents:
        for d in incident.documents:
            if d.doc_id not in documents:
                documents[d.doc_id] = _document_text(d)
                gold[d.doc_id] = incident.incident_id
    metrics: dict[str, float | None] = {**facts, "cluster_b3_f1": None}
    metrics.update({f"e2e_{k}": None for k in ("killed_exact", "date_exact", "place_40km")})
    if clusterer is None:
        details["clustering"] = "no document clusterer"
        return Scored(metrics, details)
    predicted = clusterer.cluster(list(documents.values()))
    details["clustering"] = cluster_details(list(documents.values()), gold, _Fixed(predicted))
    metrics["cluster_b3_f1"] = details["clustering"]["b_cubed"]["f1"]
    members: dict[Hashable, list[str]] = defaultdict(list)
    for doc_id in documents:
        members[predicted.get(doc_id, ("alone", doc_id))].append(doc_id)
    read: dict[Hashable, PredictedIncident] = {}
    pairs = []
    for incident in incidents:
        votes = Counter(predicted.get(d.doc_id, ("alone", d.doc_id)) for d in incident.documents)
        cluster = max(votes, key=lambda c: votes[c])
        if cluster not in read:
            read[cluster] = reader.read_incident([documents[i] for i in members[cluster]])
        pairs.append((incident, read[cluster]))
    e2e, e2e_details = _incident_facts(pairs)
    metrics.update({f"e2e_{k}": e2e[k] for k in ("killed_exact", "date_exact", "place_40km")})
    details["end_to_end"] = {**e2e, **e2e_details}
    return Scored(metrics, details)


@dataclass(frozen=True, slots=True)
class _Fixed:
    """A clustering already made, behind the DocumentClusterer protocol."""

    labels: Mapping[str, str]

    def cluster(self, documents: Sequence[DocumentText]) -> Mapping[str, str]:
        return self.labels


def _incident_facts(
    pairs: Sequence[tuple[GvaIncident, PredictedIncident]],
) -> tuple[dict[str, float | None], dict[str, Any]]:
    """Exact-match rates of casualty counts, date and place, and their error details."""
    killed = injured = day = near_day = city = state = 0
    killed_errors: list[int] = []
    injured_errors: list[int] = []
    place_right = n_with_point = 0
    for incident, p in pairs:
        killed += p.killed == incident.killed
        injured += p.injured == incident.injured
        if p.killed is not None:
            killed_errors.append(abs(p.killed - incident.killed))
        if p.injured is not None:
            injured_errors.append(abs(p.injured - incident.injured))
        gap = _days_apart(p.date, incident.date)
        day += gap == 0
        near_day += gap is not None and gap <= 1
        city += _same_text(p.city, incident.city)
        state += _same_text(p.state, incident.state)
        if incident.lat is not None and incident.lon is not None:
            n_with_point += 1
            if p.lat is not None and p.lon is not None:
                distance = haversine_km(incident.lat, incident.lon, p.lat, p.lon)
                place_right += distance <= PLACE_KM
    n = len(pairs)
    details: dict[str, Any] = {
        "killed_mean_abs_error": _mean(killed_errors),
        "injured_mean_abs_error": _mean(injured_errors),
        "n_killed_predicted": len(killed_errors),
        "n_injured_predicted": len(injured_errors),
        "date_within_1_day": near_day / n if n else None,
        "city_match": city / n if n else None,
        "state_match": state / n if n else None,
        "n_with_coordinates": n_with_point,
    }
    metrics = {
        "killed_exact": killed / n if n else None,
        "injured_exact": injured / n if n else None,
        "date_exact": day / n if n else None,
        "place_40km": place_right / n_with_point if n_with_point else None,
    }
    return metrics, details


def _document_text(document: GvaDocument | GivemeArticle) -> DocumentText:
    """A gold article as the capability sees it (id, text, title, publication date)."""
    return DocumentText(
        document.doc_id,
        document.text,
        title=document.title,
        published=document.published,
        url=document.url,
    )


def _days_apart(predicted: str | None, gold: str) -> int | None:
    if predicted is None:
        return None
    try:
        return abs((date.fromisoformat(predicted) - date.fromisoformat(gold)) // timedelta(days=1))
    except ValueError:
        # A malformed predicted date is simply wrong.
        return None


def _same_text(predicted: str | None, gold: str) -> bool:
    return predicted is not None and predicted.strip().casefold() == gold.strip().casefold()


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def cluster_details(
    documents: Sequence[DocumentText], gold: Mapping[str, Hashable], clusterer: DocumentClusterer
) -> dict[str, Any]:
    """B-cubed, ARI and NMI of the clusterer's grouping of ``documents`` against ``gold``."""
    predicted = clusterer.cluster(documents)
    labels = complete_labels(gold, predicted)
    ids = list(gold)
    gold_labels = [gold[i] for i in ids]
    pred_labels = [labels[i] for i in ids]
    return {
        "b_cubed": bcubed(gold, predicted).to_json(),
        "ari": adjusted_rand_index(gold_labels, pred_labels),
        "nmi": normalized_mutual_info(gold_labels, pred_labels),
        "n_documents": len(ids),
        "n_gold_clusters": len(set(gold_labels)),
        "n_predicted_clusters": len(clusters_from_labels(labels)),
    }


def score_ecbplus(
    documents: Sequence[EcbDocument],
    clusterer: DocumentClusterer,
    coreferencer: EventCoreferencer | None,
) -> Scored:
    """Same-event document clustering and, if the system can, cross-document event coreference.

    Event coreference is scored within each topic over event mentions in ``coref_sentences``
    (where the annotation is complete), singletons included; predicted mentions outside those
    sentences are dropped before scoring. The topics' clusters are pooled into one key and one
    response (they never cross topics) for MUC, B-cubed and CEAF-e.
    """
    texts = [DocumentText(d.doc_id, d.text) for d in documents]
    details: dict[str, Any] = {
        "clustering": cluster_details(texts, {d.doc_id: d.cluster for d in documents}, clusterer)
    }
    coref_f1 = None
    if coreferencer is None:
        details["event_coreference"] = "no event coreferencer"
    else:
        key: list[frozenset[MentionRef]] = []
        response: list[frozenset[MentionRef]] = []
        by_topic: dict[str, list[EcbDocument]] = defaultdict(list)
        for d in documents:
            by_topic[d.topic].append(d)
        for group in by_topic.values():
            key.extend(_event_chains(group))
            clusters = coreferencer.corefer_events([DocumentText(d.doc_id, d.text) for d in group])
            response.extend(_in_coref_sentences(group, clusters))
        scores = coref_scores(key, response)
        coref_f1 = scores.conll_f1
        details["event_coreference"] = {
            "muc": scores.muc.to_json(),
            "b_cubed": scores.b_cubed.to_json(),
            "ceaf_e": scores.ceaf_e.to_json(),
            "conll_f1": scores.conll_f1,
            "n_key_mentions": sum(len(c) for c in key),
            "n_response_mentions": sum(len(c) for c in response),
        }
    return Scored(
        {"cluster_b3_f1": details["clustering"]["b_cubed"]["f1"], "event_coref_f1": coref_f1},
        details,
    )


def _event_chains(group: Sequence[EcbDocument]) -> list[frozenset[MentionRef]]:
    chains: dict[str, set[MentionRef]] = defaultdict(set)
    for d in group:
        for m in d.mentions:
            if m.kind == "event" and m.sentence in d.coref_sentences:
                chains[m.chain].add(MentionRef(d.doc_id, m.start, m.end))
    return [frozenset(chain) for chain in chains.values()]


def _in_coref_sentences(
    group: Sequence[EcbDocument], clusters: Sequence[Sequence[MentionRef]]
) -> list[frozenset[MentionRef]]:
    """The predicted clusters restricted to mentions in annotated sentences of the group."""
    by_id = {d.doc_id: d for d in group}
    line_starts = {
        d.doc_id: [0] + [i + 1 for i, c in enumerate(d.text) if c == "\n"] for d in group
    }
    kept = []
    for cluster in clusters:
        mentions = set()
        for m in cluster:
            doc = by_id.get(m.doc_id)
            if doc is None:
                raise EvaluationError(f"event mention in unknown document {m.doc_id!r}")
            check_span(m.doc_id, doc.text, m.start, m.end)
            sentence = bisect.bisect_right(line_starts[m.doc_id], m.start) - 1
            if sentence in doc.coref_sentences:
                mentions.add(m)
        if mentions:
            kept.append(frozenset(mentions))
    return kept


def score_giveme5w1h(articles: Sequence[GivemeArticle], clusterer: DocumentClusterer) -> Scored:
    """Same-event clustering of the articles that carry a news_cluster event id."""
    labelled = [a for a in articles if a.event is not None]
    gold: dict[str, Hashable] = {a.doc_id: a.event.event_id for a in labelled if a.event}
    details = cluster_details([_document_text(a) for a in labelled], gold, clusterer)
    return Scored({"cluster_b3_f1": details["b_cubed"]["f1"]}, {"clustering": details})


def score_polnear(documents: Sequence[PolnearDocument], extractor: QuoteExtractor) -> Scored:
    """Quote content span F1 (exact; overlap in details) and speaker accuracy.

    Speaker accuracy is over gold attributions with a source whose content the system found
    (any-overlap, one-to-one): right when the predicted speaker span overlaps the gold source,
    or the speaker name and the gold source text share all the words of the shorter one.
    """
    gold: list[tuple[DocSpan, PolnearDocument, Attribution]] = []
    predicted: list[tuple[DocSpan, PredictedQuote]] = []
    for doc in documents:
        gold.extend(((doc.doc_id, *a.content), doc, a) for a in doc.attributions)
        for q in doc_predictions(doc.doc_id, doc.text, extractor.extract_quotes(doc.text)):
            predicted.append(((doc.doc_id, q.start, q.end), q))
    gold_spans = [span for span, _, _ in gold]
    pred_spans = [span for span, _ in predicted]
    exact = match_doc_spans(gold_spans, pred_spans, mode="exact")
    overlap = match_doc_spans(gold_spans, pred_spans, mode="overlap")
    with_source = speaker_right = with_cue = cue_right = 0
    for i, j in overlap:
        _, doc, attribution = gold[i]
        quote = predicted[j][1]
        if attribution.source is not None:
            with_source += 1
            speaker_right += _speaker_right(doc.text, attribution.source, quote)
        if attribution.cue is not None:
            with_cue += 1
            cue_text = doc.text[attribution.cue[0] : attribution.cue[1]]
            cue_right += _same_text(quote.cue, cue_text)
    exact_score = span_score(len(exact), len(gold), len(predicted))
    details = {
        "content_exact": exact_score.to_json(),
        "content_overlap": span_score(len(overlap), len(gold), len(predicted)).to_json(),
        "n_matched_with_source": with_source,
        "cue_accuracy": cue_right / with_cue if with_cue else None,
    }
    return Scored(
        {
            "content_f1": exact_score.f1,
            "speaker_accuracy": speaker_right / with_source if with_source else None,
        },
        details,
    )


def _speaker_right(text: str, source: tuple[int, int], quote: PredictedQuote) -> bool:
    start, end = quote.speaker_start, quote.speaker_end
    if start is not None and end is not None and overlaps(source, (start, end)):
        return True
    if not quote.speaker_name:
        return False
    gold_words = set(text[source[0] : source[1]].casefold().split())
    name_words = set(quote.speaker_name.casefold().split())
    shorter, longer = sorted((gold_words, name_words), key=len)
    return bool(shorter) and shorter <= longer


def score_timex(documents: Sequence[TimexDocument], tagger: TimexTagger) -> Scored:
    """TIMEX3 strict span F1 and value accuracy over relaxed matches; DATE-only in details."""
    gold: list[TimexItem] = []
    predicted: list[TimexItem] = []
    for doc in documents:
        gold.extend(
            TimexItem(doc.doc_id, t.start, t.end, value=t.value, type=t.type) for t in doc.timexes
        )
        for t in doc_predictions(doc.doc_id, doc.text, tagger.tag(doc.text, doc.dct)):
            predicted.append(TimexItem(doc.doc_id, t.start, t.end, value=t.value, type=t.type))
    scores = timex_scores(gold, predicted)
    dates = timex_scores(
        [t for t in gold if t.type == "DATE"], [t for t in predicted if t.type == "DATE"]
    )
    details = {
        "strict": scores.strict.to_json(),
        "relaxed": scores.relaxed.to_json(),
        "type_accuracy": scores.type_accuracy,
        "value_f1": scores.value_f1,
        "date_only": {
            "strict_f1": dates.strict.f1,
            "relaxed_f1": dates.relaxed.f1,
            "value_accuracy": dates.value_accuracy,
        },
    }
    return Scored(
        {"timex_f1": scores.strict.f1, "value_accuracy": scores.value_accuracy}, details
    )


def doc_predictions(doc_id: str, text: str, predictions: Sequence[S]) -> list[S]:
    """The predictions of one document, after checking their ``start``/``end`` against it."""
    for p in predictions:
        check_span(doc_id, text, p.start, p.end)
    return list(predictions)


def check_span(doc_id: str, text: str, start: int, end: int) -> None:
    """Raise EvaluationError when a predicted span does not lie inside the document text."""
    if not 0 <= start <= end <= len(text):
        raise EvaluationError(
            f"document {doc_id!r}: predicted span {start}-{end} is outside its text"
            f" ({len(text)} chars)"
        )
