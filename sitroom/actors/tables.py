"""Reading the actor data files: tab-separated tables with a header, ``#`` comment lines."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitroom.errors import ResourceError

PACKAGE = "sitroom.data"
FOLDER = "actors"

CODE = re.compile(r"^[A-Z]{3}$")
"""An ISO 3166-1 alpha-3 country code, a PLOVER sector code or an IGO code."""
ACTOR_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True, slots=True)
class Table:
    """One data file's text and the name its messages use."""

    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of a table, with where it came from for error messages."""

    table: str
    line: int
    values: Mapping[str, str]

    def get(self, column: str) -> str:
        """The stripped value of ``column`` ("" when the column is absent or empty)."""
        return self.values.get(column, "").strip()

    def error(self, reason: str) -> ResourceError:
        """A ResourceError naming this row's file and line."""
        return ResourceError(f"{self.table}:{self.line}: {reason}")

    def code(self, column: str) -> str | None:
        """A three-letter code column: None when empty or ``-``; an error when malformed."""
        value = self.get(column)
        if value in ("", "-"):
            return None
        if not CODE.match(value):
            raise self.error(f"{column} {value!r} is not a three-letter upper-case code")
        return value

    def year(self, column: str) -> int | None:
        """A four-digit year column, or None when empty."""
        value = self.get(column)
        if not value:
            return None
        if not YEAR.match(value):
            raise self.error(f"{column} {value!r} is not a four-digit year")
        return int(value)

    def forms(self, column: str) -> list[str]:
        """A ``|``-separated list column, without empty items."""
        return [item.strip() for item in self.get(column).split("|") if item.strip()]


def packaged_table(filename: str) -> Table:
    """A table shipped with sitroom in ``sitroom/data/actors``."""
    resource = resources.files(PACKAGE).joinpath(FOLDER).joinpath(filename)
    try:
        return Table(f"sitroom/data/{FOLDER}/{filename}", resource.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"sitroom/data/{FOLDER}/{filename}: cannot read ({exc})") from exc


def user_table(path: Path) -> Table:
    """A table from the user's own files."""
    try:
        return Table(str(path), Path(path).read_text("utf-8"))
    except FileNotFoundError as exc:
        raise ResourceError(f"{path}: no such actor file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{path}: cannot read ({exc})") from exc


def header_of(table: Table) -> tuple[int, list[str]]:
    """The header line number and column names of a table (an error when it has none)."""
    for number, line in enumerate(table.text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            return number, [name.strip() for name in line.split("\t")]
    raise ResourceError(f"{table.name}: no header line (the table is empty)")


def read_rows(table: Table, *, columns: frozenset[str], required: frozenset[str]) -> Iterator[Row]:
    """The data rows of ``table``, checked against the columns its format allows.

    Lines starting with ``#`` and blank lines are skipped; a row may leave out trailing empty
    fields but never has more fields than the header.
    """
    header_line, header = header_of(table)
    unknown = [name for name in header if name not in columns]
    if unknown:
        raise ResourceError(
            f"{table.name}:{header_line}: unknown column {unknown[0]!r} "
            f"(known: {', '.join(sorted(columns))})"
        )
    missing = sorted(required - set(header))
    if missing:
        raise ResourceError(f"{table.name}:{header_line}: missing column {missing[0]!r}")
    if len(set(header)) != len(header):
        raise ResourceError(f"{table.name}:{header_line}: a column is named twice")
    for number, line in enumerate(table.text.splitlines(), start=1):
        if number <= header_line or not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) > len(header):
            raise ResourceError(
                f"{table.name}:{number}: {len(fields)} fields but the header has {len(header)} "
                "(a stray tab?)"
            )
        row = Row(table.name, number, dict(zip(header, fields, strict=False)))
        for name in required:
            if not row.get(name):
                raise row.error(f"empty {name}")
        yield row
