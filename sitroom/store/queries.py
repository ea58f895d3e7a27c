"""Read-only queries over a store: filtered, sorted, paged events, articles, quotes and stories.

These are the library functions behind the REST API (and usable from Python): each takes an open
:class:`Store` (SQLite or PostgreSQL) and a frozen query record, and returns plain CONTRACT.md
records. Every value that goes into SQL is a bound parameter; the SQL text is built only from fixed
fragments, and the store's dialect where the two backends differ.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sitroom.errors import ConfigError, NotFoundError
from sitroom.store.base import Dialect, Store
from sitroom.store.sqlite import VISIBLE_EVENTS

Record = dict[str, Any]
EventSort = Literal["date", "-date", "sources", "-sources"]
EventFields = Literal["full", "brief"]
BRIEF_FIELDS = (
    "id", "story_id", "type", "mode", "acled", "summary", "modality", "attributed_to",
    "n_sources", "date", "place", "fatalities",
)
"""The fields of an event in ``brief`` form: what a map or a list shows, without the evidence."""
MODALITIES = ("asserted", "negated", "hypothetical", "future", "claimed")
MAX_LIMIT = 500
MAX_TEXT_QUERY = 200
MAX_CHOICES = 30

# {nulls_last} is empty on SQLite, where NULL sorts lowest; PostgreSQL sorts it highest.
_EVENT_ORDER: dict[str, str] = {
    "date": "date_start IS NULL, date_start, rowid",
    # Newest first reads the date index backwards (NULL sorts lowest, so undated events come last).
    "-date": "date_start DESC{nulls_last}, rowid DESC",
    "sources": "n_sources, rowid",
    "-sources": "n_sources DESC, date_start DESC{nulls_last}, rowid",
}


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """A longitude/latitude box, west-south-east-north as in GeoJSON."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> BoundingBox:
        """Read ``west,south,east,north`` in degrees."""
        parts = text.split(",")
        try:
            west, south, east, north = (float(part) for part in parts)
        except ValueError as exc:
            raise ConfigError(
                f"bbox {text!r}: expected four numbers west,south,east,north"
            ) from exc
        if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
            raise ConfigError(f"bbox {text!r}: out of range or south above north")
        return cls(west, south, east, north)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """What to select from the store's events; every field left empty selects all."""

    start: date | None = None
    end: date | None = None
    bbox: BoundingBox | None = None
    types: tuple[str, ...] = ()
    acled_types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    actor: str | None = None
    place: str | None = None
    text: str | None = None
    story_id: str | None = None
    min_sources: int = 1
    sort: EventSort = "-date"

    def __post_init__(self) -> None:
        for name in ("types", "acled_types", "modalities"):
            if len(getattr(self, name)) > MAX_CHOICES:
                raise ConfigError(f"{name}: at most {MAX_CHOICES} values")
        for name in ("actor", "place", "text"):
            if getattr(self, name) is not None:
                _check_text(name, getattr(self, name))
        unknown = set(self.modalities) - set(MODALITIES)
        if unknown:
            raise ConfigError(f"modality: unknown {sorted(unknown)}; use {', '.join(MODALITIES)}")
        if self.sort not in _EVENT_ORDER:
            raise ConfigError(f"sort {self.sort!r}: use one of {', '.join(_EVENT_ORDER)}")
        if self.start and self.end and self.start > self.end:
            raise ConfigError("start is after end")


@dataclass(frozen=True, slots=True)
class Page:
    """One page of records, with the total that matched."""

    items: list[Record]
    total: int
    limit: int
    offset: int

    def to_json(self) -> Record:
        """The page as JSON: ``items``, ``total``, ``limit``, ``offset``."""
        return {
            "items": self.items,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


@dataclass(frozen=True, slots=True)
class _Where:
    """A conjunction of SQL conditions with their parameters."""

    clauses: list[str] = field(default_factory=list)
    parameters: list[Any] = field(default_factory=list)

    def add(self, clause: str, *parameters: Any) -> None:
        self.clauses.append(clause)
        self.parameters.extend(parameters)

    def sql(self) -> str:
        return " AND ".join(f"({clause})" for clause in self.clauses) or "1 = 1"


def find_events(
    store: Store,
    query: EventQuery,
    *,
    limit: int = 100,
    offset: int = 0,
    fields: EventFields = "full",
    count: bool = True,
) -> Page:
    """Return one page of the events that match ``query``, in its sort order.

    ``fields="brief"`` keeps only :data:`BRIEF_FIELDS`; ``count=False`` skips counting the
    matches (``total`` is then -1), for the later pages of a long listing.
    """
    _check_page(limit, offset)
    where = _event_where(query, store.dialect)
    total = (
        store.query(f"SELECT count(*) FROM events WHERE {where.sql()}", where.parameters)[0][0]
        if count
        else -1
    )
    rows = store.query(
        f"SELECT record FROM events WHERE {where.sql()} "
        f"ORDER BY {_event_order(query, store.dialect)} LIMIT ? OFFSET ?",
        [*where.parameters, limit, offset],
    )
    records = [json.loads(record) for (record,) in rows]
    if fields == "brief":
        records = [{key: record.get(key) for key in BRIEF_FIELDS} for record in records]
    return Page(records, int(total), limit, offset)


def event_histogram(
    store: Store, query: EventQuery, *, bucket: Literal["day", "month"] = "day"
) -> list[Record]:
    """Count the matching events that have a date, by the day (or month) they start on."""
    where = _event_where(query, store.dialect)
    where.add("date_start IS NOT NULL")
    key = "date_start" if bucket == "day" else "substr(date_start, 1, 7)"
    rows = store.query(
        f"SELECT {key} AS bucket, count(*) FROM events WHERE {where.sql()} "
        "GROUP BY bucket ORDER BY bucket",
        where.parameters,
    )
    return [{"date": bucket_date, "count": int(count)} for bucket_date, count in rows]


def event_grid(store: Store, query: EventQuery, *, cell: float) -> list[Record]:
    """Count the matching events that have a place in cells of ``cell`` degrees.

    Each cell is reported at the mean position of its events, so that a lone event stays where
    it is; ``types`` counts them by PLOVER type, for colouring.
    """
    if not 0.01 <= cell <= 90:
        raise ConfigError("cell must be between 0.01 and 90 degrees")
    dialect = store.dialect
    where = _event_where(query, dialect)
    where.add("lat IS NOT NULL AND lon IS NOT NULL")
    rows = store.query(
        f"SELECT {dialect.integer('(lat + 90) / ?')} AS row_index, "
        f"{dialect.integer('(lon + 180) / ?')} AS column_index, plover_type, count(*), avg(lat), "
        f"avg(lon) FROM events WHERE {where.sql()} "
        "GROUP BY row_index, column_index, plover_type "
        # The order SQLite's grouping gives; cells of equal counts keep it.
        f"ORDER BY row_index, column_index, plover_type{dialect.nulls_first}",
        [cell, cell, *where.parameters],
    )
    cells: dict[tuple[int, int], Record] = {}
    for row_index, column_index, plover_type, count, lat, lon in rows:
        found = cells.setdefault(
            (row_index, column_index), {"lat": 0.0, "lon": 0.0, "count": 0, "types": {}}
        )
        # A running mean over the type groups keeps the cell at its events' mean position.
        total = found["count"] + count
        found["lat"] = (found["lat"] * found["count"] + lat * count) / total
        found["lon"] = (found["lon"] * found["count"] + lon * count) / total
        found["count"] = total
        found["types"][plover_type or "unknown"] = int(count)
    return [
        {**found, "lat": round(found["lat"], 5), "lon": round(found["lon"], 5)}
        for found in sorted(cells.values(), key=lambda c: -int(c["count"]))
    ]


def iter_events(store: Store, query: EventQuery) -> Iterator[Record]:
    """Yield every event that matches ``query`` (for streamed exports)."""
    where = _event_where(query, store.dialect)
    yield from (
        json.loads(record)
        for (record,) in store.iter_query(
            f"SELECT record FROM events WHERE {where.sql()} "
            f"ORDER BY {_event_order(query, store.dialect)}",
            where.parameters,
        )
    )


def get_event(store: Store, event_id: str) -> Record:
    """Return one event with its evidence: each source sentence with its article's title and URL."""
    rows = store.query("SELECT record FROM events WHERE id = ?", (event_id,))
    if not rows:
        raise NotFoundError(f"no event {event_id!r}")
    event: Record = json.loads(rows[0][0])
    ids = sorted({source["article_id"] for source in event.get("sources", [])})
    articles = _article_heads(store, ids)
    event["evidence"] = [
        {**source, **_without_id(articles.get(source["article_id"], {}))}
        for source in event.get("sources", [])
    ]
    return event


def find_articles(
    store: Store, *, text: str | None = None, limit: int = 50, offset: int = 0
) -> Page:
    """Return one page of articles (without their text), newest first, or matching ``text``."""
    _check_page(limit, offset)
    if text:
        _check_text("q", text)
        hits = store.search(text, limit=offset + limit)
        ids = [hit.article_id for hit in hits][offset:]
        heads = _article_heads(store, ids)
        return Page([heads[i] for i in ids if i in heads], len(hits), limit, offset)
    total = store.query("SELECT count(*) FROM articles")[0][0]
    rows = store.query(
        f"SELECT {_HEAD_COLUMNS} FROM articles ORDER BY published IS NULL, published DESC, rowid "
        "LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return Page([_head(row) for row in rows], int(total), limit, offset)


def get_article(store: Store, article_id: str) -> Record:
    """Return one article with its text and the spans of its places, actors, events and quotes."""
    article = store.get_article(article_id)
    record = article.to_record()
    record["story_id"] = _story_of(store, article_id)
    record["places"] = list(store.iter_records_of("places", article_id))
    record["actors"] = list(store.iter_records_of("actors", article_id))
    record["dates"] = list(store.iter_records_of("dates", article_id))
    record["events"] = list(store.iter_records_of("events", article_id))
    record["quotes"] = list(store.iter_records_of("quotes", article_id))
    return record


def find_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    article_id: str | None = None,
    text: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Page:
    """Return one page of quotes, filtered by speaker name, article or words of the quote."""
    _check_page(limit, offset)
    dialect = store.dialect
    where = _Where()
    if article_id:
        where.add("article_id = ?", article_id)
    if speaker:
        _check_text("speaker", speaker)
        where.add(
            f"{dialect.json_text('record', 'speaker', 'name')} {dialect.like} ? ESCAPE '\\'",
            _like(speaker),
        )
    if text:
        _check_text("q", text)
        where.add(
            f"{dialect.json_text('record', 'text')} {dialect.like} ? ESCAPE '\\'", _like(text)
        )
    total = store.query(f"SELECT count(*) FROM quotes WHERE {where.sql()}", where.parameters)[0][0]
    rows = store.query(
        f"SELECT record FROM quotes WHERE {where.sql()} ORDER BY rowid LIMIT ? OFFSET ?",
        [*where.parameters, limit, offset],
    )
    return Page([json.loads(record) for (record,) in rows], int(total), limit, offset)


def find_stories(store: Store, *, limit: int = 50, offset: int = 0) -> Page:
    """Return one page of up-to-date stories, the most recently published first."""
    _check_page(limit, offset)
    total = store.query("SELECT count(*) FROM stories WHERE dirty = 0")[0][0]
    dialect = store.dialect
    rows = store.query(
        "SELECT record FROM stories WHERE dirty = 0 ORDER BY "
        f"{dialect.json_text('record', 'last_published')} DESC{dialect.nulls_last}, rowid "
        "LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return Page([json.loads(record) for (record,) in rows], int(total), limit, offset)


def _event_order(query: EventQuery, dialect: Dialect) -> str:
    return _EVENT_ORDER[query.sort].format(nulls_last=dialect.nulls_last)


def _event_where(query: EventQuery, dialect: Dialect) -> _Where:
    where = _Where()
    where.add(VISIBLE_EVENTS)
    if query.start:
        where.add("coalesce(date_end, date_start) >= ?", query.start.isoformat())
    if query.end:
        where.add("date_start <= ?", query.end.isoformat())
    if query.bbox:
        box = query.bbox
        condition, parameters = dialect.in_box(box.west, box.south, box.east, box.north)
        where.add(condition, *parameters)
    _add_choice(where, "plover_type", query.types)
    _add_choice(where, "acled_type", query.acled_types)
    _add_choice(where, "modality", query.modalities)
    if query.min_sources > 1:
        where.add("n_sources >= ?", query.min_sources)
    if query.story_id:
        where.add("story_id = ?", query.story_id)
    like = f"{dialect.like} ? ESCAPE '\\'"
    if query.actor:
        where.add(dialect.any_element_like("events.record", "actors", "name"), _like(query.actor))
    if query.place:
        where.add(
            f"({dialect.json_text('record', 'place', 'name')} {like} "
            f"OR {dialect.json_text('record', 'place', 'text')} {like})",
            _like(query.place),
            _like(query.place),
        )
    if query.text:
        where.add(
            f"({dialect.json_text('record', 'summary')} {like} OR "
            f"{dialect.any_element_like('events.record', 'sources', 'sentence')})",
            _like(query.text),
            _like(query.text),
        )
    return where


def _add_choice(where: _Where, column: str, values: Sequence[str]) -> None:
    if values:
        where.add(f"{column} IN ({', '.join('?' for _ in values)})", *values)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _check_text(name: str, text: str) -> None:
    if len(text) > MAX_TEXT_QUERY:
        raise ConfigError(f"{name}: at most {MAX_TEXT_QUERY} characters")


def _check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise ConfigError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise ConfigError("offset must not be negative")


_HEAD_COLUMNS = "id, outlet, wire, url, title, published, language, duplicate_of"


def _head(row: Sequence[Any]) -> Record:
    keys = [name.strip() for name in _HEAD_COLUMNS.split(",")]
    return dict(zip(keys, row, strict=True))


def _article_heads(store: Store, ids: Sequence[str]) -> dict[str, Record]:
    """Id, title, outlet, URL and date of each article (no text), by id."""
    heads: dict[str, Record] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = list(ids[chunk_start : chunk_start + 500])
        rows = store.query(
            f"SELECT {_HEAD_COLUMNS} FROM articles WHERE id IN ({', '.join('?' for _ in chunk)})",
            chunk,
        )
        heads.update({row[0]: _head(row) for row in rows})
    return heads


def _without_id(head: Record) -> Record:
    return {key: value for key, value in head.items() if key != "id"}


def _story_of(store: Store, article_id: str) -> str | None:
    rows = store.query("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
    return str(rows[0][0]) if rows else None
