"""The actor dictionary: canonical actors with ids, aliases, states, sectors and dated roles."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from sitroom.actors.lexicon import Lexicon, LexiconBuilder, form_key
from sitroom.actors.tables import (
    ACTOR_ID,
    Row,
    Table,
    header_of,
    packaged_table,
    read_rows,
    user_table,
)
from sitroom.errors import ResourceError

FORMAT_VERSION = "1"
"""The format of the actor tables; part of :attr:`ActorDictionary.version`."""

Kind = Literal["state", "institution", "organisation", "armed_group", "person"]
KINDS: tuple[str, ...] = get_args(Kind)
ACTOR_COLUMNS = frozenset(
    {
        "id",
        "kind",
        "name",
        "country",
        "sector",
        "sector2",
        "igo",
        "wiki",
        "aliases",
        "role",
        "from",
        "to",
        "source",
        "note",
    }
)
PACKAGED_LEXICON = ("sectors.tsv", "patterns.tsv", "demonyms.tsv", "places.tsv")
PACKAGED_ACTORS = ("states.tsv", "actors.tsv", "people.tsv")
FORMER = "ELI"
"""PLOVER's sector for people who held an office and hold none now."""


@dataclass(frozen=True, slots=True)
class Role:
    """An office an actor held, from ``start`` to ``end`` (years, both included; None: open)."""

    title: str
    country: str | None
    sector: str | None
    sector2: str | None = None
    igo: str | None = None
    start: int | None = None
    end: int | None = None
    source: str = ""

    def active(self, year: int) -> bool:
        """True when the role was held at some time in ``year``."""
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(frozen=True, slots=True)
class Standing:
    """What an actor was at one time: state, sectors, IGO and the role that says so."""

    country: str | None
    sector: str | None
    sector2: str | None = None
    igo: str | None = None
    role: Role | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """One canonical actor.

    ``kind`` is state, institution, organisation, armed_group or person; ``country`` ISO
    alpha-3 or None; ``sector``/``sector2`` PLOVER sector codes; ``igo`` the code of the
    international organisation family an actor belongs to (UNO, EUR, IGO); ``wiki`` its English
    Wikipedia title.
    """

    id: str
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    sector2: str | None = None
    igo: str | None = None
    wiki: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.name, *(a for a in self.aliases if a != self.name))

    def at(self, year: int | None = None) -> Standing:
        """What the actor was in ``year``; None means "as its latest role has it".

        A person none of whose roles is held in ``year`` but some ended before is a former
        office holder (ELI); a person whose roles all come later has no sector yet.
        """
        base = Standing(self.country, self.sector, self.sector2, self.igo)
        if not self.roles:
            return base
        ordered = sorted(enumerate(self.roles), key=lambda pair: (pair[1].start or 0, pair[0]))
        if year is None:
            return _standing(ordered[-1][1])
        active = [role for _, role in ordered if role.active(year)]
        if active:
            return _standing(active[-1])
        if self.kind != "person":
            return base
        ended = [role for _, role in ordered if role.end is not None and role.end < year]
        if ended:
            last = ended[-1]
            return Standing(last.country or self.country, FORMER, last.sector, None, last)
        return Standing(self.country, None)


def _standing(role: Role) -> Standing:
    return Standing(role.country, role.sector, role.sector2, role.igo, role)


@dataclass(slots=True)
class _Draft:
    """An actor being assembled from its rows."""

    id: str
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    sector2: str | None = None
    igo: str | None = None
    wiki: str | None = None
    aliases: dict[str, None] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    source: str = ""

    def freeze(self) -> Actor:
        wiki = self.name if self.wiki is None else self.wiki or None
        aliases = tuple(a for a in self.aliases if a != self.name)
        return Actor(
            self.id,
            self.kind,
            self.name,
            self.country,
            self.sector,
            self.sector2,
            self.igo,
            wiki,
            aliases,
            tuple(self.roles),
            self.source,
        )


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """Canonical actors by id, their aliases, and the lexicon of descriptive actors.

    Built by :meth:`load`; the matchers built from it for a spaCy vocabulary are kept in
    ``cache`` so that every article reuses them.
    """

    actors: Mapping[str, Actor]
    lexicon: Lexicon
    aliases: Mapping[str, tuple[str, ...]]
    """Alias key (see :func:`form_key`) → ids of the actors that have that alias."""
    version: str
    files: tuple[str, ...] = ()
    cache: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> ActorDictionary:
        """Read the packaged tables, then the user's ``extra`` files in order.

        A user file may be an actor table (it has an ``id`` column), a patterns table
        (``forms``), a demonyms table (``adjective``) or a places table (``name`` and
        ``country``); later rows add aliases to an actor or override its fields. Raises
        ResourceError naming the file and line of the first malformed row.
        """
        tables = [packaged_table(name) for name in (*PACKAGED_LEXICON, *PACKAGED_ACTORS)]
        tables.extend(user_table(Path(path)) for path in extra)
        return cls.from_tables(tables)

    @classmethod
    def from_tables(cls, tables: Sequence[Table]) -> ActorDictionary:
        """Build a dictionary from tables in order (each kind recognised by its header)."""
        lexicon = LexiconBuilder()
        actor_tables: list[Table] = []
        for table in tables:
            kind = _table_kind(table)
            if kind == "actors":
                actor_tables.append(table)
            elif kind == "sectors":
                lexicon.add_sectors(table)
            elif kind == "patterns":
                lexicon.add_patterns(table)
            elif kind == "demonyms":
                lexicon.add_demonyms(table)
            else:
                lexicon.add_places(table)
        built = lexicon.build()
        drafts: dict[str, _Draft] = {}
        for table in actor_tables:
            for row in read_rows(table, columns=ACTOR_COLUMNS, required=frozenset({"id"})):
                _apply(drafts, row, built.sectors)
        actors = {actor_id: draft.freeze() for actor_id, draft in drafts.items()}
        index: dict[str, list[str]] = {}
        for actor in actors.values():
            for name in actor.names:
                ids = index.setdefault(form_key(name), [])
                if actor.id not in ids:
                    ids.append(actor.id)
        digest = hashlib.sha256()
        for table in tables:
            digest.update(table.name.rsplit("/", 1)[-1].encode())
            digest.update(table.text.encode())
        return cls(
            actors,
            built,
            {key: tuple(ids) for key, ids in index.items()},
            f"{FORMAT_VERSION}+{digest.hexdigest()[:12]}",
            tuple(table.name for table in tables),
        )

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def lookup(self, name: str) -> tuple[Actor, ...]:
        """The actors that have ``name`` as their name or an alias (an empty tuple: none)."""
        return tuple(self.actors[i] for i in self.aliases.get(form_key(_strip_the(name)), ()))

    def institution(self, country: str, key: str) -> Actor | None:
        """The generated organ ``key`` (ARMY, GOV ...) of state ``country``, if it exists."""
        return self.actors.get(f"{country}-{key}")

    def nationalities(self) -> dict[str, str]:
        """Every name, alias, demonym and people noun of a state, as written → ISO3."""
        found: dict[str, str] = {}
        keys: set[str] = set()
        names = [
            (name, actor.country)
            for actor in self.actors.values()
            if actor.kind == "state" and actor.country
            for name in actor.names
        ]
        for table in (self.lexicon.demonyms, self.lexicon.people):
            names.extend(
                (self.lexicon.primary_forms.get(key, key), country)
                for key, country in table.items()
            )
        for name, country in names:
            if country is not None and form_key(name) not in keys:
                keys.add(form_key(name))
                found[name] = country
        return found


def _table_kind(table: Table) -> str:
    """Which of the documented formats a table is in, from its header."""
    line, header = header_of(table)
    columns = set(header)
    if "id" in columns:
        return "actors"
    if "forms" in columns:
        return "patterns"
    if "adjective" in columns:
        return "demonyms"
    if {"code", "meaning"} <= columns:
        return "sectors"
    if {"name", "country"} <= columns:
        return "places"
    raise ResourceError(
        f"{table.name}:{line}: not an actor table (no 'id' column), patterns table ('forms'), "
        "demonyms table ('adjective') or places table ('name' and 'country')"
    )


def _strip_the(name: str) -> str:
    """Names never include a leading article: "the Pentagon" is "Pentagon"."""
    stripped = name.strip()
    return stripped[4:].strip() if stripped[:4].casefold() == "the " else stripped


def _apply(drafts: dict[str, _Draft], row: Row, sectors: Mapping[str, str]) -> None:
    """Apply one actor row: create the actor, or add to and override an existing one."""
    actor_id = row.get("id")
    if not ACTOR_ID.match(actor_id):
        raise row.error(f"id {actor_id!r} has characters other than letters, digits, _ . : -")
    kind = row.get("kind")
    if kind and kind not in KINDS:
        raise row.error(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    name = _strip_the(row.get("name"))
    role_title = row.get("role")
    country = row.code("country")
    sector = _sector(row, "sector", sectors)
    sector2 = _sector(row, "sector2", sectors)
    igo = row.code("igo")
    draft = drafts.get(actor_id)
    if draft is None:
        if not name:
            raise row.error(f"new actor {actor_id!r} needs a name")
        draft = _Draft(
            actor_id,
            kind or ("person" if role_title else "organisation"),
            name,
            country,
            sector,
            sector2,
            igo,
            source=row.get("source"),
        )
        drafts[actor_id] = draft
    else:
        if name and name != draft.name:
            # The old name still names the actor in text ("Syrian army" for the SAA).
            draft.aliases[draft.name] = None
            draft.name = name
        if kind:
            draft.kind = kind
        if not role_title:
            # In a role row these fields describe the role, not the actor.
            draft.country = _override(row, "country", draft.country, country)
            draft.sector = _override(row, "sector", draft.sector, sector)
            draft.sector2 = _override(row, "sector2", draft.sector2, sector2)
            draft.igo = _override(row, "igo", draft.igo, igo)
    source = row.get("source")
    if source and source not in draft.source:
        draft.source = f"{draft.source}; {source}" if draft.source else source
    wiki = row.get("wiki")
    if wiki:
        # "" records "no article" (``-``); None means "the name is the title".
        draft.wiki = "" if wiki == "-" else wiki
    for alias in row.forms("aliases"):
        if alias.startswith("!"):
            draft.aliases.pop(_strip_the(alias[1:]), None)
        elif _strip_the(alias):
            draft.aliases[_strip_the(alias)] = None
    if role_title:
        start, end = row.year("from"), row.year("to")
        if start is not None and end is not None and end < start:
            raise row.error(f"role {role_title!r} ends ({end}) before it starts ({start})")
        draft.roles.append(
            Role(role_title, country, sector, sector2, igo, start, end, row.get("source"))
        )
    elif row.get("from") or row.get("to"):
        raise row.error("from/to years need a role")


def _override(row: Row, column: str, old: str | None, new: str | None) -> str | None:
    """A later row's value wins; ``-`` clears the field, an empty field keeps it."""
    value = row.get(column)
    if value == "-":
        return None
    return new if value else old


def _sector(row: Row, column: str, sectors: Mapping[str, str]) -> str | None:
    code = row.code(column)
    if code is not None and sectors and code not in sectors:
        raise row.error(f"{column} {code!r} is not a sector code of sectors.tsv")
    return code
