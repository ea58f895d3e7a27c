"""Cleaning: normalised whitespace and Unicode, scraping debris removed, the headline found.

The cleaned text is what every later stage works on and what offsets count in, and the
article id is a hash of it, so cleaning must be deterministic and idempotent.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.errors import ConfigError, EmptyInputError
from sitroom.records import Article, RawDocument

if TYPE_CHECKING:
    from sitroom.link.profiles import WordRarity

DEFAULT_RULES_RESOURCE = "debris.txt"
_VERSION_LINE = re.compile(r"#\s*version:\s*(\S+)\s*", re.IGNORECASE)
# A headline does not end a sentence (nor introduce, continue or trail one): "He said:", a
# dateline "BAGHDAD -" and a hard-wrapped line ending in a comma are not headlines.
_SENTENCE_END = re.compile(r"[.!?…:;,\-–—][\"'”’»)\]]*$")
# Where a line may end without the next line continuing it: a full stop or a colon.
_SENTENCE_FINAL = re.compile(r"[.!?…:][\"'”’»)\]]*$")
# Lone surrogates (from JSON escapes) cannot be encoded, so the id could not be computed.
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def _translation_table() -> dict[int, str | None]:
    """Map odd spaces to a space, odd line breaks to a newline, invisible controls to nothing."""
    table: dict[int, str | None] = {}
    spaces = [0x09, 0x1F, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]
    for code in spaces:
        table[code] = " "
    for code in (0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029):
        table[code] = "\n"
    invisible = [*range(0x00, 0x09), *range(0x0E, 0x1C), *range(0x7F, 0x85), *range(0x86, 0xA0)]
    for code in [*invisible, 0xAD, 0x200B, 0x2060, 0xFEFF]:
        table[code] = None
    return table


@dataclass(frozen=True, slots=True)
class CleaningRules:
    """The debris patterns and headline limits; regexes are compiled once, on construction."""

    patterns: tuple[str, ...]
    version: str = "unversioned"
    max_headline_words: int = 20
    max_headline_chars: int = 200
    _debris: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _table: dict[int, str | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        combined = "|".join(f"(?:{p})" for p in self.patterns) or "(?!)"
        try:
            compiled = re.compile(combined, re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"cleaning rules: cannot combine the patterns: {exc}") from exc
        # Frozen dataclasses set derived fields through object.__setattr__.
        object.__setattr__(self, "_debris", compiled)
        object.__setattr__(self, "_table", _translation_table())

    def is_debris(self, line: str) -> bool:
        """True when a whole stripped line is scraping debris."""
        return self._debris.fullmatch(line) is not None

    def normalise(self, text: str) -> str:
        """Return text with newlines, odd spaces, invisible characters and Unicode form unified."""
        text = text.replace("\r\n", "\n").translate(self._table)
        return unicodedata.normalize("NFC", _SURROGATES.sub("\ufffd", text))


def load_cleaning_rules(path: Path | None = None) -> CleaningRules:
    """Read cleaning rules from ``path``, or the default list shipped in ``sitroom/data``."""
    try:
        if path is None:
            source = resources.files("sitroom.data").joinpath(DEFAULT_RULES_RESOURCE)
            text = source.read_text(encoding="utf-8")
            where = f"sitroom/data/{DEFAULT_RULES_RESOURCE}"
        else:
            text = path.read_text(encoding="utf-8")
            where = str(path)
    except (OSError, UnicodeDecodeError) as exc:
        shown = path or DEFAULT_RULES_RESOURCE
        raise ConfigError(f"cannot read cleaning rules {shown}: {exc}") from exc
    return parse_cleaning_rules(text, where=where)


def parse_cleaning_rules(text: str, *, where: str = "cleaning rules") -> CleaningRules:
    """Parse the line-based rules format documented at the top of ``sitroom/data/debris.txt``."""
    patterns: list[str] = []
    version = "unversioned"
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            match = _VERSION_LINE.fullmatch(line)
            if match:
                version = match.group(1)
            continue
        try:
            re.compile(line, re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"{where}:{number}: invalid regular expression: {exc}") from exc
        patterns.append(line)
    return CleaningRules(patterns=tuple(patterns), version=version)


def article_id(text: str) -> str:
    """Return the content id of a cleaned text: ``a_`` and 20 hex digits of its SHA-256."""
    return "a_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def clean_title(title: str | None, *, rules: CleaningRules) -> str | None:
    """Return a title on one line with whitespace collapsed, or None when it is blank."""
    if title is None:
        return None
    return " ".join(rules.normalise(title).split()) or None


def clean_text(
    text: str, *, rules: CleaningRules, title: str | None = None, find_headline: bool = False
) -> tuple[str, str | None]:
    """Return the cleaned text and the title (the given one, or the headline found).

    Every non-blank line becomes a paragraph, separated by one blank line; lines that are
    debris or repeat the title are dropped whole. With ``find_headline``, a short first line
    that does not end a sentence and is followed by more text is taken as the headline.
    """
    blocks = _blocks(rules.normalise(text))
    lines = [line for line in _unwrap(blocks) if not rules.is_debris(line)]
    if find_headline and len(lines) > 1 and _is_headline(lines[0], rules, blocks):
        title = title or lines[0]
        lines = lines[1:]
    if title is not None:
        key = _key(title)
        lines = [line for line in lines if _key(line) != key]
    return "\n\n".join(lines), title


def clean_document(
    doc: RawDocument, *, rules: CleaningRules, rarity: WordRarity | None = None
) -> Article:
    """Clean a raw document into an Article whose id is the hash of its cleaned text.

    With ``rarity``, a text that does not tell its headline (a site's sign-in or subscription
    page, see :func:`~sitroom.link.profiles.tells_headline`) is hashed with its headline: the
    same page scraped under two headlines is two articles, not one stored and one dropped.
    Raises EmptyInputError when nothing is left after cleaning.
    """
    title = clean_title(doc.metadata.title, rules=rules)
    text, title = clean_text(
        doc.text, rules=rules, title=title, find_headline=doc.title_from_first_line
    )
    if not text:
        raise EmptyInputError(doc.source, "no text left after cleaning", line=doc.line)
    source = doc.source if doc.line is None else f"{doc.source}:{doc.line}"
    content = text
    if rarity is not None and title:
        from sitroom.link.profiles import tells_headline

        if not tells_headline(title, text, rarity):
            content = f"{title}\n\n{text}"
    return Article(
        id=article_id(content),
        text=text,
        # A NUL is no text (a scrap of binary past the check of a file's head); it becomes the
        # replacement character, so that every store (PostgreSQL refuses NULs) keeps the same.
        raw_text=doc.text.replace("\x00", "\ufffd"),
        metadata=dataclasses.replace(doc.metadata, title=title),
        source=source,
    )


def _blocks(text: str) -> list[list[str]]:
    """Split text into blocks of consecutive non-blank lines, each line stripped and collapsed."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _unwrap(blocks: list[list[str]]) -> list[str]:
    """Return the paragraphs: one per line, except that hard-wrapped sentences are rejoined.

    A line that does not end a sentence followed by one that starts in lower case is the same
    sentence broken by a hard wrap; a new paragraph never starts in lower case.
    """
    paragraphs: list[str] = []
    for block in blocks:
        paragraphs.append(block[0])
        for line in block[1:]:
            previous = paragraphs[-1]
            if line[0].islower() and not _ends_sentence(previous):
                paragraphs[-1] = f"{previous} {line}"
            else:
                paragraphs.append(line)
    return paragraphs


def _ends_sentence(line: str) -> bool:
    return _SENTENCE_FINAL.search(line) is not None


def _is_headline(line: str, rules: CleaningRules, blocks: list[list[str]]) -> bool:
    """True when the first line reads as a headline rather than the start of the article."""
    if len(line) > rules.max_headline_chars or len(line.split()) > rules.max_headline_words:
        return False
    if _SENTENCE_END.search(line) or not any(c.isalpha() for c in line):
        return False
    # In hard-wrapped text a short first line may be half a sentence; there the headline must
    # stand alone, followed by a blank line.
    stands_alone = any(len(b) == 1 and b[0] == line for b in blocks[:3])
    return stands_alone or not _hard_wrapped(blocks)


def _hard_wrapped(blocks: list[list[str]]) -> bool:
    """True when most lines followed by another line in their block stop mid-sentence."""
    # The first line of the document is the one under judgement, so it does not count.
    inner = [
        line
        for b, block in enumerate(blocks)
        for n, line in enumerate(block[:-1])
        if (b, n) != (0, 0)
    ]
    if len(inner) < 2:
        return False
    open_ended = sum(1 for line in inner if not _ends_sentence(line))
    return open_ended * 2 > len(inner)


def _key(line: str) -> str:
    return " ".join(line.split()).casefold()
