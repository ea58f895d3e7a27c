"""People and in-article linking: titles, honorifics, surnames, acronyms, epithets, entities.

Within one article, "US Secretary of State John Kerry", "Mr Kerry" and "Kerry" are one actor;
"the Islamic State of Iraq and the Levant (ISIL)" teaches the article that ISIL names it; "the
al-Qaida-breakaway group" refers to the named group next to it; "the officials" to the last
"Iraqi security officials". Pronouns are not resolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sitroom.actors.dictionary import FORMER
from sitroom.actors.patterns import HYPHENS, PatternContext
from sitroom.actors.spans import POSSESSIVE, Candidate, clean_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_NAME = 5
"""Words in a personal name found after a title or honorific."""
MAX_ACRONYM = 10
MAX_EXPANSION = 12
"""Words of the name an acronym in parentheses stands for."""
EPITHET_SENTENCES = 2
"""How many sentences back "the group" looks for the organisation it means."""
REPEAT_SENTENCES = 3
"""How many sentences back "the officials" looks for the officials it repeats."""
ORGANISATION_KINDS = frozenset({"organisation", "armed_group", "institution"})
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
"""NER labels that say a capitalised word after a title is no name ("officials Sunday")."""


def find_people(
    ctx: PatternContext,
    dictionary_people: Sequence[Candidate],
    *,
    descriptions: Sequence[Candidate],
) -> list[Candidate]:
    """Person mentions: dictionary people with their titles, titled and honoured names, surnames.

    ``dictionary_people`` are the dictionary candidates of kind person; ``descriptions`` the
    descriptive candidates, whose title nouns ("US Secretary of State") may precede a name.
    """
    doc = ctx.doc
    honorifics = ctx.dictionary.lexicon.word_set("honorific")
    titles = {c.end: c for c in descriptions if c.head is not None and "title" in c.head.flags}
    people = [_with_title(ctx, person, titles, honorifics) for person in dictionary_people]
    taken: set[int] = set()
    for person in dictionary_people:
        taken.update(range(person.start, person.end))
    surnames: dict[str, Candidate] = {}
    for person in people:
        if len(person.name.split()) >= 2:
            surnames.setdefault(person.name.split()[-1], person)
            surnames.setdefault(doc[person.end - 1].text, person)
    found: list[Candidate] = []
    for title in titles.values():
        if title.end in taken:
            continue
        end = _name_end(ctx, title.end)
        if end == title.end or not _plausible_name(doc, title.end, end, surnames):
            continue
        name = clean_text(doc[title.end : end])
        full = surnames.get(name) if end - title.end == 1 else None
        title_text = clean_text(doc[title.start : title.end])
        if full is not None:
            found.append(replace(full, start=title.start, end=end, title=title_text))
        else:
            found.append(
                Candidate(
                    title.start,
                    end,
                    "person",
                    name,
                    country=title.country,
                    sector=title.sector,
                    sector2=title.sector2,
                    title=title_text,
                    key=f"P:{name}",
                )
            )
        taken.update(range(title.start, end))
    for candidate in found:
        words = candidate.name.split()
        if len(words) >= 2:
            surnames.setdefault(words[-1], candidate)
    found.extend(_confirmed_names(ctx, surnames, taken, honorifics))
    people.extend(found)
    people.extend(_surname_mentions(ctx, surnames, taken, honorifics))
    return people


def _confirmed_names(
    ctx: PatternContext,
    surnames: dict[str, Candidate],
    taken: set[int],
    honorifics: frozenset[str],
) -> list[Candidate]:
    """People the NER model names whom the article later calls "Mr X".

    The model alone is no evidence (it takes "Tal Afar" for a person); the surnames of the
    people confirmed join ``surnames``.
    """
    doc = ctx.doc
    honoured = {
        doc[i].text
        for i in range(1, len(doc))
        if doc[i - 1].lower_ in honorifics and doc[i].is_title
    }
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or taken.intersection(range(ent.start, ent.end)):
            continue
        surname = doc[ent.end - 1].text
        if surname not in honoured or surname in surnames:
            continue
        if not _looks_like_name(ctx, ent.start, ent.end):
            continue
        name = clean_text(ent)
        candidate = Candidate(ent.start, ent.end, "name", name, key=f"P:{name}")
        found.append(candidate)
        surnames[surname] = candidate
        taken.update(range(ent.start, ent.end))
    return found


def _with_title(
    ctx: PatternContext, person: Candidate, titles: dict[int, Candidate], honorifics: frozenset[str]
) -> Candidate:
    """A dictionary person with the title or honorific written before the name.

    Undated, the title chooses among the person's roles ("US Senator Marco Rubio" is the
    senator, not the later Secretary of State); a "former" title makes the person ELI.
    """
    doc = ctx.doc
    title = titles.get(person.start)
    if title is None:
        if person.start > 0 and doc[person.start - 1].lower_ in honorifics:
            return replace(person, start=person.start - 1)
        return person
    text = clean_text(doc[title.start : title.end])
    if title.sector == FORMER:
        return replace(person, start=title.start, title=text, sector=FORMER)
    actor = person.actor
    if ctx.year is None and actor is not None and title.sector is not None:
        roles = [r for r in actor.roles if r.sector == title.sector]
        if roles:
            role = max(roles, key=lambda r: r.start or 0)
            return replace(
                person,
                start=title.start,
                title=text,
                country=role.country,
                sector=role.sector,
                sector2=role.sector2,
                igo=role.igo,
                role=role.title,
            )
    return replace(person, start=title.start, title=text)


def _surname_mentions(
    ctx: PatternContext,
    surnames: dict[str, Candidate],
    taken: set[int],
    honorifics: frozenset[str],
) -> list[Candidate]:
    """Surnames alone ("Kerry", "Mr Kerry") of people named in full elsewhere in the article."""
    doc = ctx.doc
    found: list[Candidate] = []
    for i, token in enumerate(doc):
        if i in taken or not token.is_title:
            continue
        honoured = i > 0 and doc[i - 1].lower_ in honorifics and (i - 1) not in taken
        start = i - 1 if honoured else i
        full = surnames.get(token.text)
        if full is not None:
            found.append(replace(full, start=start, end=i + 1, title=None))
        elif honoured and token.pos_ == "PROPN":
            found.append(Candidate(start, i + 1, "person", token.text, key=f"P:{token.text}"))
        else:
            continue
        taken.update(range(start, i + 1))
    return found


def _plausible_name(doc: Doc, start: int, end: int, surnames: dict[str, Candidate]) -> bool:
    """A name after a title: two words or more, a known surname, or a PERSON to the NER model."""
    if any(doc[i].ent_type_ in NOT_NAMES for i in range(start, end)):
        return False
    if end - start >= 2:
        return True
    return doc[start].text in surnames or doc[start].ent_type_ == "PERSON"


def _name_end(ctx: PatternContext, start: int) -> int:
    """The end of a personal name starting at ``start`` (``start`` itself when there is none)."""
    doc, index = ctx.doc, ctx.index
    particles = ctx.dictionary.lexicon.word_set("particle")
    sent_end = ctx.bounds[ctx.sentence_of[start]][1] if start < len(doc) else start
    end = start
    i = start
    while i < min(sent_end, start + MAX_NAME):
        token = doc[i]
        if index.actor_starting(i) is not None or index.longest_starting("noun", i) is not None:
            break
        if token.is_title and token.is_alpha and token.pos_ in ("PROPN", "NOUN", "ADJ"):
            i += 1
            end = i
        elif _inside_name(doc, i, end, sent_end, particles):
            i += 1
        else:
            break
    return end


def _inside_name(doc: Doc, i: int, end: int, sent_end: int, particles: frozenset[str]) -> bool:
    """True for a particle before a name word ("al" in "Nuri al Maliki") or a joining hyphen."""
    if i + 1 >= sent_end or not doc[i + 1].is_title:
        return False
    token = doc[i]
    if token.lower_ in particles:
        return True
    return token.text in HYPHENS and end == i and not doc[i - 1].whitespace_


def _looks_like_name(ctx: PatternContext, start: int, end: int) -> bool:
    """An NER person whose words are capitalised names, not a phrase the lexicon knows."""
    index, doc = ctx.index, ctx.doc
    particles = ctx.dictionary.lexicon.word_set("particle")
    for i in range(start, end):
        token = doc[i]
        if not (token.is_title or token.lower_ in particles or token.text in HYPHENS):
            return False
        for category in ("noun", "demonym", "place", "modifier"):
            if index.longest_starting(category, i) is not None:
                return False
        if index.actor_starting(i) is not None:
            return False
    return True


def _actor_key(candidate: Candidate) -> str:
    return f"A:{candidate.actor.id}" if candidate.actor is not None else candidate.key or ""


def learn_acronyms(ctx: PatternContext, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Mentions of acronyms the article defines in parentheses ("... Levant (ISIL)").

    The name before the parenthesis is a candidate (a dictionary actor or a descriptive one)
    or a capitalised name whose initials the acronym follows; every use of the acronym is then
    a mention of it.
    """
    doc = ctx.doc
    ends: dict[int, Candidate] = {}
    for candidate in candidates:
        if candidate.end not in ends or candidate.length > ends[candidate.end].length:
            ends[candidate.end] = candidate
    defined: dict[str, Candidate] = {}
    definitions: list[Candidate] = []
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(" or doc[i + 2].text != ")":
            continue
        acronym = doc[i + 1].text
        if not _is_acronym(acronym) or acronym in defined:
            continue
        meaning = ends.get(i)
        found_here = meaning is None
        meaning = meaning or _capitalised_name(ctx, i, acronym)
        if meaning is not None:
            defined[acronym] = meaning
            if found_here:
                # A name only the acronym's definition reveals is a mention too.
                definitions.append(meaning)
    found: list[Candidate] = list(definitions)
    for i, token in enumerate(doc):
        meaning = defined.get(token.text)
        if meaning is None or meaning.start <= i < meaning.end:
            continue
        found.append(
            replace(
                meaning,
                start=i,
                end=i + 1,
                kind="acronym" if meaning.actor is None else meaning.kind,
                title=None,
                bare=False,
                key=meaning.key or _actor_key(meaning) or f"L:{token.text}",
            )
        )
    return found


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(text) <= MAX_ACRONYM and len(letters) >= 2 and all(c.isupper() for c in letters)


def _capitalised_name(ctx: PatternContext, end: int, acronym: str) -> Candidate | None:
    """The capitalised words before ``end`` whose initials spell ``acronym``, as a candidate."""
    doc = ctx.doc
    connectors = ctx.dictionary.lexicon.word_set("connector")
    floor = max(ctx.bounds[ctx.sentence_of[end - 1]][0], end - MAX_EXPANSION)
    start = end
    while start - 1 >= floor and (doc[start - 1].is_title or doc[start - 1].lower_ in connectors):
        start -= 1
    while start < end and (doc[start].lower_ in connectors or not doc[start].is_title):
        start += 1
    if start >= end:
        return None
    initials = "".join(t.text[0] for t in doc[start:end] if t.is_title).upper()
    letters = "".join(c for c in acronym if c.isalpha())
    if not initials or initials[0] != letters[0] or not _subsequence(letters, initials):
        return None
    name = clean_text(doc[start:end])
    return Candidate(start, end, "acronym", name, key=f"L:{acronym}")


def _subsequence(letters: str, initials: str) -> bool:
    remaining = iter(initials)
    return all(letter in remaining for letter in letters)


def assign_entities(
    ctx: PatternContext, chosen: Sequence[Candidate]
) -> list[tuple[Candidate, str]]:
    """The entity key of each chosen candidate (in document order); unresolved epithets dropped.

    Known actors group by id, people and acronyms by their article key; a definite group noun
    with nothing of its own ("the al-Qaida-breakaway group") takes the named organisation near
    it; a bare definite description ("the officials") repeats the last one with its head noun,
    and a description repeated word for word within a few sentences is the same actor.
    """
    keyed: list[tuple[Candidate, str]] = []
    repeats: dict[str, tuple[str, int]] = {}
    named: dict[int, list[Candidate]] = {}
    for candidate in chosen:
        if _is_named_organisation(candidate):
            named.setdefault(ctx.sentence_of[candidate.start], []).append(candidate)
    for number, original in enumerate(chosen):
        candidate = original
        sentence = ctx.sentence_of[candidate.start]
        key = f"D:{number}"
        if candidate.actor is not None:
            key = f"A:{candidate.actor.id}"
        elif candidate.key:
            key = candidate.key
        elif _referring(candidate):
            antecedent = _antecedent(ctx, candidate, named)
            repeat = repeats.get(candidate.pattern or "")
            if antecedent is not None:
                candidate = replace(
                    antecedent, start=original.start, end=original.end, kind="epithet", title=None
                )
                key = _actor_key(antecedent)
            elif repeat is not None and sentence - repeat[1] <= REPEAT_SENTENCES:
                key = repeat[0]
            elif candidate.sector is None:
                continue
        elif not candidate.bare and candidate.kind == "pattern":
            # "Sunni militants" twice in a few sentences are the same militants.
            same = repeats.get(f"name:{candidate.name.casefold()}")
            if same is not None and sentence - same[1] <= REPEAT_SENTENCES:
                key = same[0]
        if candidate.kind == "pattern" and candidate.pattern and candidate.actor is None:
            repeats[candidate.pattern] = (key, sentence)
            if not candidate.bare:
                repeats[f"name:{candidate.name.casefold()}"] = (key, sentence)
        keyed.append((candidate, key))
    return keyed


def _referring(candidate: Candidate) -> bool:
    """A definite description that may refer back: bare ("the officials") or anonymous."""
    return (
        candidate.definite
        and candidate.head is not None
        and (candidate.bare or _anonymous(candidate))
    )


def _anonymous(candidate: Candidate) -> bool:
    """A description that says nothing of who it is ("the al-Qaida-breakaway group")."""
    return candidate.actor is None and candidate.country is None and candidate.sector is None


def _is_named_organisation(candidate: Candidate) -> bool:
    if candidate.kind == "acronym":
        return True
    actor = candidate.actor
    return (
        actor is not None
        and candidate.kind in ("dictionary", "acronym")
        and actor.kind in ORGANISATION_KINDS
    )


def _antecedent(
    ctx: PatternContext, epithet: Candidate, named: dict[int, list[Candidate]]
) -> Candidate | None:
    """The named organisation "the group" means: in its sentence, else the nearest before it.

    ``named`` holds the named organisations by sentence, so that the search stays local.
    """
    if epithet.head is None or "group" not in epithet.head.flags or epithet.country is not None:
        return None
    sentence = ctx.sentence_of[epithet.start]
    same = [c for c in named.get(sentence, ()) if _sector_fits(epithet, c)]
    if same:
        return min(same, key=lambda c: abs(c.start - epithet.start))
    for earlier in range(sentence - 1, sentence - EPITHET_SENTENCES - 1, -1):
        before = [c for c in named.get(earlier, ()) if _sector_fits(epithet, c)]
        if before:
            return before[-1]
    return None


def _sector_fits(epithet: Candidate, candidate: Candidate) -> bool:
    return epithet.sector is None or epithet.sector == candidate.sector


def possessive_after(doc: Doc, end: int) -> bool:
    """True when a possessive ending follows token ``end`` ("Iran's")."""
    return end < len(doc) and doc[end].lower_ in POSSESSIVE
