"""Parquet exports: the flat tables of the CSV export, typed, for DuckDB, pandas or Spark.

Each kind is one file with the CSV export's columns (events in ACLED's column order plus
sitroom's own), numbers as numbers, lists and objects as JSON text, and, for events, the whole
CONTRACT.md record as JSON in a last ``record`` column, so that nothing is lost in flattening.
pyarrow is an optional dependency (``pip install 'sitroom[parquet]'``); it is imported here only.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sitroom.errors import ConfigError
from sitroom.export import Record, flat_rows, store_records
from sitroom.store import Store

BATCH = 10_000
"""Rows written to the file at a time: memory stays bounded whatever the store holds."""
INTEGER_COLUMNS = frozenset({
    "year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp", "n_sources",
    "start", "end", "geonameid", "speaker_start", "speaker_end",
})  # fmt: skip
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "lat", "lon", "score"})
BOOLEAN_COLUMNS = frozenset({"direct"})


def export_parquet(
    store: Store,
    kind: str,
    path: Path,
    *,
    country_names: Callable[[], Mapping[str, tuple[str, int]]] | None = None,
) -> int:
    """Write every stored record of ``kind`` to a Parquet file at ``path``; return the row count."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError(
            "Parquet export needs pyarrow: pip install 'sitroom[parquet]'"
        ) from exc
    records, originals = itertools.tee(store_records(store, kind))
    columns, rows = flat_rows(records, kind, country_names=country_names)
    if kind == "events":
        # The rows and the records are read in step, so the tee holds one record at a time.
        rows = ({**row, "record": json.dumps(event, ensure_ascii=False)}
                for row, event in zip(rows, originals, strict=True))
        columns = (*columns, "record")
    schema = pa.schema([(name, _type(pa, name)) for name in columns])
    written = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in _batches(rows, BATCH):
            table = pa.Table.from_pylist([_typed(row, columns) for row in batch], schema=schema)
            writer.write_table(table)
            written += len(batch)
    return written


def _type(pa: Any, name: str) -> Any:
    if name in INTEGER_COLUMNS:
        return pa.int64()
    if name in FLOAT_COLUMNS:
        return pa.float64()
    if name in BOOLEAN_COLUMNS:
        return pa.bool_()
    return pa.string()


def _typed(row: Record, columns: tuple[str, ...]) -> Record:
    out: Record = {}
    for name in columns:
        out[name] = _cell(name, row.get(name))
    return out


def _cell(name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if name in INTEGER_COLUMNS:
        return int(value)
    if name in FLOAT_COLUMNS:
        return float(value)
    if name in BOOLEAN_COLUMNS:
        return bool(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _batches(rows: Iterable[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
