"""Short texts as one actor: "American warplanes" → MIL, USA; "an American destroyer" → USA."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sitroom.actors.dictionary import ActorDictionary
from sitroom.actors.find import describe_candidates, year_of
from sitroom.actors.lexicon import form_key, is_case_sensitive
from sitroom.actors.matcher import strip_accents
from sitroom.actors.spans import Candidate

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

NATIONALITY_CACHE = "nationality"
_ARTICLE = re.compile(r"^(?:a|an|the)(?:\s+|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ActorDescription:
    """What a short text says about the one actor it names; every field None when nothing.

    ``kind`` says how it was found (dictionary, state, pattern, person, acronym); ``pattern``
    is the head noun of a descriptive actor in its first form ("soldier"); ``role`` the office
    a person held at the date asked about; ``igo`` the organisation family (UNO, EUR, IGO).
    """

    text: str
    name: str | None = None
    actor_id: str | None = None
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    sector2: str | None = None
    igo: str | None = None
    pattern: str | None = None
    wiki: str | None = None
    role: str | None = None

    @property
    def found(self) -> bool:
        """True when the text names an actor."""
        return self.kind is not None


def describe_actor(
    text: str,
    dictionary: ActorDictionary,
    nlp: Language,
    *,
    when: date | str | None = None,
) -> ActorDescription:
    """Describe ``text`` as one actor: the candidate covering its head, else the longest.

    ``when`` dates the question (a date, or a string holding a year, "today" for this year):
    people's sectors follow the office they held then.
    """
    year = date.today().year if isinstance(when, str) and when.strip() == "today" else year_of(when)
    doc = nlp(text)
    candidates = describe_candidates(doc, dictionary, year=year)
    if not candidates:
        return ActorDescription(text)
    main = _main(doc, candidates)
    actor = main.actor
    role = main.role
    if actor is not None and role is None:
        standing = actor.at(year)
        role = standing.role.title if standing.role is not None else None
    return ActorDescription(
        text,
        name=main.name,
        actor_id=actor.id if actor is not None else None,
        kind=main.kind,
        country=main.country,
        sector=main.sector,
        sector2=main.sector2,
        igo=main.igo if main.igo is not None else (actor.igo if actor is not None else None),
        pattern=main.pattern,
        wiki=actor.wiki if actor is not None and main.kind != "pattern" else None,
        role=role,
    )


def _main(doc: Doc, candidates: list[Candidate]) -> Candidate:
    """The candidate that covers the root of the text's first sentence, else the longest."""
    roots = [t.i for t in doc if t.dep_ == "ROOT"]
    if roots:
        for candidate in candidates:
            if candidate.start <= roots[0] < candidate.end:
                return candidate
    return max(candidates, key=lambda c: (c.length, c.start))


def search_nationality(text: str, dictionary: ActorDictionary) -> tuple[str | None, str]:
    """The state a short text names (a state's name or demonym) and the text without it.

    ``("USA", "destroyer")`` for "an American destroyer"; ``(None, text)`` when none. The
    leftmost, then longest, name wins; a leading article is dropped from the rest.
    """
    sensitive, insensitive, table = _nationality_patterns(dictionary)
    best: tuple[int, int, str] | None = None
    for pattern in (sensitive, insensitive):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            found = match.group(0)
            entry = table.get(found) or table.get(form_key(strip_accents(found)))
            if entry is None or not _capitals_agree(entry[1], found):
                continue
            span = (match.start(), match.end())
            if best is None or (span[0], -span[1]) < (best[0], -best[1]):
                best = (span[0], span[1], entry[0])
    if best is None:
        return None, text
    rest = (text[: best[0]] + text[best[1] :]).strip()
    return best[2], _ARTICLE.sub("", rest).strip()


def _capitals_agree(form: str, found: str) -> bool:
    """A capitalised word of a name must not be written in lower case ("polish" is no Pole)."""
    return all(
        not (word[:1].isupper() and seen.islower())
        for word, seen in zip(form.split(), found.split(), strict=False)
    )


def _nationality_patterns(
    dictionary: ActorDictionary,
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, tuple[str, str]]]:
    cached = dictionary.cache.get(NATIONALITY_CACHE)
    if isinstance(cached, tuple):
        return cached
    table: dict[str, tuple[str, str]] = {}
    sensitive: list[str] = []
    insensitive: list[str] = []
    for form, country in dictionary.nationalities().items():
        for variant in {form, strip_accents(form)}:
            table.setdefault(form_key(variant), (country, variant))
            (sensitive if is_case_sensitive(variant) else insensitive).append(variant)
    built = (_alternation(sensitive, 0), _alternation(insensitive, re.IGNORECASE), table)
    dictionary.cache[NATIONALITY_CACHE] = built
    return built


def _alternation(forms: list[str], flags: int) -> re.Pattern[str] | None:
    if not forms:
        return None
    ordered = sorted(set(forms), key=len, reverse=True)
    body = "|".join(re.escape(f) for f in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
