"""The words of descriptive actors: sector nouns, modifiers, demonyms, places, function words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from sitroom.actors.tables import Row, Table, read_rows

NOUN_FLAGS = frozenset({"member", "generic", "title", "group", "collective", "modified", "place"})
"""What a sector noun may be flagged as; README.md says what each flag does."""
MODIFIER_FLAGS = frozenset({"qualifier", "override", "relation", "origin", "weak", "keep"})
WORD_KINDS = ("honorific", "locative", "postmod", "article", "particle", "connector", "skip")
PATTERN_COLUMNS = frozenset(
    {"kind", "forms", "sector", "sector2", "institution", "flags", "source", "note"}
)
DEMONYM_COLUMNS = frozenset({"country", "adjective", "people", "source", "note"})
PLACE_COLUMNS = frozenset({"name", "country", "kind", "source", "note"})
SECTOR_COLUMNS = frozenset({"code", "meaning", "source", "note"})

ModifierKind = Literal["qualifier", "override", "relation", "origin"]


def is_case_sensitive(form: str) -> bool:
    """Forms with no lower-case letter ("US", "ISIL", "U.S.") match case-sensitively.

    Acronyms must not match ordinary words: "IS" is not "is", "US" is not "us".
    """
    return any(c.isalpha() for c in form) and not any(c.islower() for c in form)


def form_key(form: str) -> str:
    """The lookup key of a form: itself when case-sensitive, else case-folded."""
    return form if is_case_sensitive(form) else form.casefold()


@dataclass(frozen=True, slots=True)
class Noun:
    """A head noun that makes a descriptive actor ("militants", "security forces").

    ``pattern`` is its first form (the singular); ``institution`` the key of the state organ
    it names ("ARMY"), so that "Iraqi troops" can link to the actor IRQ-MIL.
    """

    pattern: str
    sector: str | None
    sector2: str | None = None
    institution: str | None = None
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Modifier:
    """A word before a head noun that changes the actor's sector or state."""

    form: str
    kind: ModifierKind
    sector: str | None = None
    weak: bool = False
    keep: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the pattern layer knows, keyed by :func:`form_key` of each form."""

    nouns: Mapping[str, Noun] = field(default_factory=dict)
    modifiers: Mapping[str, Modifier] = field(default_factory=dict)
    demonyms: Mapping[str, str] = field(default_factory=dict)
    """Adjective → ISO3: "Iraqi" → IRQ."""
    people: Mapping[str, str] = field(default_factory=dict)
    """Plural noun for a state's people → ISO3: "Iraqis" → IRQ."""
    places: Mapping[str, str] = field(default_factory=dict)
    """Capitals and large cities → ISO3, for phrases such as "Kyiv police"."""
    words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Function words by kind (honorific, locative, postmod, particle, skip), case-folded."""
    sectors: Mapping[str, str] = field(default_factory=dict)
    """Sector code → meaning."""
    primary_forms: Mapping[str, str] = field(default_factory=dict)
    """The original spelling of each key, for case checks ("Iraqi" for "iraqi")."""

    def word_set(self, kind: str) -> frozenset[str]:
        """The function words of one kind."""
        return self.words.get(kind, frozenset())


@dataclass(slots=True)
class LexiconBuilder:
    """Collects lexicon tables in order; later rows override earlier ones form by form."""

    nouns: dict[str, Noun] = field(default_factory=dict)
    modifiers: dict[str, Modifier] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    words: dict[str, set[str]] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)

    def add_sectors(self, table: Table) -> None:
        """Read the sector codes table."""
        for row in read_rows(table, columns=SECTOR_COLUMNS, required=frozenset({"code"})):
            code = row.code("code")
            if code is None:
                raise row.error("empty code")
            self.sectors[code] = row.get("meaning")

    def add_patterns(self, table: Table) -> None:
        """Read a patterns table (kind, forms, sector, sector2, institution, flags)."""
        required = frozenset({"kind", "forms"})
        for row in read_rows(table, columns=PATTERN_COLUMNS, required=required):
            kind = row.get("kind")
            forms = row.forms("forms")
            if kind == "noun":
                self._add_noun(row, forms)
            elif kind == "modifier":
                self._add_modifier(row, forms)
            elif kind in WORD_KINDS:
                self.words.setdefault(kind, set()).update(f.casefold() for f in forms)
            else:
                raise row.error(
                    f"kind {kind!r} is not one of noun, modifier, {', '.join(WORD_KINDS)}"
                )

    def add_demonyms(self, table: Table) -> None:
        """Read a demonyms table (country, adjective, people)."""
        required = frozenset({"country", "adjective"})
        for row in read_rows(table, columns=DEMONYM_COLUMNS, required=required):
            country = row.code("country")
            if country is None:
                raise row.error("empty country")
            self._put(self.demonyms, row.get("adjective"), country)
            for people in row.forms("people"):
                self._put(self.people, people, country)

    def add_places(self, table: Table) -> None:
        """Read a places table (name, country)."""
        for row in read_rows(table, columns=PLACE_COLUMNS, required=frozenset({"name", "country"})):
            country = row.code("country")
            if country is None:
                raise row.error("empty country")
            self._put(self.places, row.get("name"), country)

    def build(self) -> Lexicon:
        """The finished lexicon."""
        return Lexicon(
            nouns=dict(self.nouns),
            modifiers=dict(self.modifiers),
            demonyms=dict(self.demonyms),
            people=dict(self.people),
            places=dict(self.places),
            words={kind: frozenset(words) for kind, words in self.words.items()},
            sectors=dict(self.sectors),
            primary_forms=dict(self.forms),
        )

    def _put(self, mapping: dict[str, str], form: str, value: str) -> None:
        key = form_key(form)
        mapping[key] = value
        self.forms.setdefault(key, form)

    def _sector(self, row: Row, column: str) -> str | None:
        code = row.code(column)
        if code is not None and self.sectors and code not in self.sectors:
            raise row.error(f"{column} {code!r} is not a sector code of sectors.tsv")
        return code

    def _flags(self, row: Row, allowed: frozenset[str]) -> frozenset[str]:
        flags = frozenset(f.strip() for f in row.get("flags").split(",") if f.strip())
        unknown = sorted(flags - allowed)
        if unknown:
            raise row.error(f"unknown flag {unknown[0]!r} (known: {', '.join(sorted(allowed))})")
        return flags

    def _add_noun(self, row: Row, forms: list[str]) -> None:
        if not forms:
            raise row.error("empty forms")
        institution = row.get("institution") or None
        noun = Noun(
            pattern=forms[0],
            sector=self._sector(row, "sector"),
            sector2=self._sector(row, "sector2"),
            institution=institution,
            flags=self._flags(row, NOUN_FLAGS),
        )
        for form in forms:
            key = form_key(form)
            self.nouns[key] = noun
            self.forms.setdefault(key, form)

    def _add_modifier(self, row: Row, forms: list[str]) -> None:
        flags = self._flags(row, MODIFIER_FLAGS)
        kinds = [k for k in ("qualifier", "override", "relation", "origin") if k in flags]
        if len(kinds) != 1:
            raise row.error("a modifier needs exactly one of qualifier, override, relation, origin")
        kind: ModifierKind = kinds[0]
        sector = self._sector(row, "sector")
        if kind in ("qualifier", "override") and sector is None:
            raise row.error(f"a {kind} modifier needs a sector")
        for form in forms:
            key = form_key(form)
            self.modifiers[key] = Modifier(
                form, kind, sector, weak="weak" in flags, keep="keep" in flags
            )
            self.forms.setdefault(key, form)
