"""Event assembly: each trigger, with the article's actors, places, dates and casualties, an Event.

The rules, in order of the Event's fields:
- actors are the actor mentions inside the trigger's subject phrases; a pronoun subject ("it",
  "they") takes the nearest actor mention before it in the same or the previous sentence, since
  news names the actor once and refers back to it. Targets are the actor mentions inside its
  object phrases. States that only locate the event ("in Iraq") are not actors.
- the ACLED sub-event type of a territorial trigger follows the first actor's sector: a state
  actor (GOV, MIL, COP, SPY, JUD, LEG) regains territory, anyone else overtakes it.
- the place is the most precise place mention inside the trigger's place phrases ("fighting in
  Samarra"), then inside its object phrases ("captured the city of Tal Afar"; for territorial
  triggers the object comes first, since the place taken is where it happened); a phrase counts
  with its complements and appositions but not its relative clauses. Failing both, the place of
  the noun whose relative clause holds the trigger ("Samarra, a Tigris city ... where fighting
  continued"). A territorial trigger whose object is a generic noun ("town", "city") takes the
  town named within a few words of it ("overran yet another town yesterday, Saqlawiya"; "Mosul,
  the north's main city, which ISIL seized"). Otherwise none: a place elsewhere in the sentence
  is not taken to be where the event happened.
- the date is the resolved date mention of the sentence nearest the trigger; none if the sentence
  gives none (the publication date is never assumed).
- fatalities are the deaths the trigger governs, else those of its sentence (most conservative
  figure when several describe the same deaths). Failing both, a violent event takes the deaths of
  one of the next two sentences when that sentence continues it: it refers back with a
  ``continuation`` noun ("the fighting", "It was a crazy battle and dozens were killed"), it is
  the first of them to report deaths, it reports no new violent event of its own (casualty verbs
  aside), and no other violent event stands between.
- a violent or destructive trigger that an accident or a natural hazard caused is no event
  (:mod:`sitroom.events.hazards`).
- a nominal trigger with no actor, target, place, date or deaths in its sentence is a topic, not
  an event ("on the issue of air strikes, he said"), and is left out.
- modality and attribution come from :func:`sitroom.events.modality.modality`; ``attributed_to``
  takes the canonical name of the actor mention it points at when there is one.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sitroom.events.fatalities import Casualty, fatalities_for
from sitroom.events.hazards import caused_by_hazard
from sitroom.events.lexicon import Lexicon
from sitroom.events.modality import modality
from sitroom.events.numbers import load_number_words
from sitroom.events.triggers import CharSpan, Trigger
from sitroom.nlp import doc_text
from sitroom.records import (
    ActorMention,
    Article,
    DateMention,
    Event,
    EventActor,
    EventSource,
    Evidence,
    Fatalities,
    PlaceMention,
    Quote,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
PRONOUNS = frozenset({"it", "they", "he", "she", "its", "their", "them", "we"})
PERSONAL = frozenset({"he", "she"})
# Most precise first: where an event happened is the smallest place its phrase names.
PRECISION_ORDER = ("point", "town", "district", "province", "region", "country", "continent")
# How far (characters) a town's name may stand from the generic noun it names.
NAMING_WINDOW = 25
WORD = re.compile(r"\w+")
VIOLENT_TYPES = frozenset({"ASSAULT"})
"""Events whose deaths a following sentence may go on to tell."""
CONTINUATION_SENTENCES = 2
"""How many sentences after a violent event may still tell its deaths."""
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def assemble_events(
    doc: Doc,
    triggers: Sequence[Trigger],
    *,
    article: Article,
    lexicon: Lexicon,
    places: Sequence[PlaceMention],
    actors: Sequence[ActorMention],
    dates: Sequence[DateMention],
    casualties: list[Casualty],
) -> list[Event]:
    """Return one Event per trigger, in text order."""
    events = []
    continued = _continued_fatalities(doc, triggers, casualties, lexicon)
    for index, trigger in enumerate(triggers):
        if caused_by_hazard(trigger, doc, lexicon):
            continue
        sentence = (trigger.sentence_start, trigger.sentence_end)
        found = modality(trigger, doc, lexicon)
        event_actors = _subject_actors(trigger, actors, doc)
        targets = _actors_of(trigger.objects, actors, doc)
        place = _place_of(trigger, places, doc, lexicon.words("place"))
        place_basis = "argument"
        if place is None:
            place, place_basis = _sentence_country(trigger, places, doc, lexicon), "sentence"
        when = _date_of(trigger, dates, doc, lexicon)
        if trigger.nominal and not (event_actors or targets or place or when) and not any(
            c.kind == "killed" and trigger.sentence_start <= c.evidence.start < trigger.sentence_end
            for c in casualties
        ):
            # A bare noun with no participant, place or time names a topic, not an event
            # ("on the issue of air strikes").
            continue
        kind = None
        if event_actors:
            kind = "state" if event_actors[0].sector in STATE_SECTORS else "non_state"
        sub_event_type = trigger.resolve_acled(kind)
        events.append(
            Event(
                id=event_id(article.id, trigger),
                type=trigger.type,
                mode=trigger.mode,
                acled_event_type=trigger.acled_event_type if sub_event_type else None,
                acled_sub_event_type=sub_event_type,
                summary=_summary(trigger, event_actors, targets, place),
                actors=tuple(event_actors),
                targets=tuple(t for t in targets if t not in event_actors),
                place=place,
                date=when,
                fatalities=fatalities_for(
                    casualties, sentence=sentence, trigger=(trigger.start, trigger.end)
                ) or continued.get(index),
                modality=found.modality,
                attributed_to=_attribution(found.attributed_to_span, found.attributed_to_text,
                                           actors),
                sources=(
                    EventSource(
                        article_id=article.id,
                        outlet=article.metadata.outlet,
                        start=trigger.sentence_start,
                        end=trigger.sentence_end,
                        sentence=doc_text(doc)[trigger.sentence_start : trigger.sentence_end],
                    ),
                ),
                trigger=Evidence(article.id, trigger.start, trigger.end, trigger.text),
                place_basis=place_basis,
            )
        )
    return events


def _continued_fatalities(
    doc: Doc, triggers: Sequence[Trigger], casualties: Sequence[Casualty], lexicon: Lexicon
) -> dict[int, Fatalities]:
    """Trigger index -> the deaths a following sentence reports of its event (module docstring)."""
    killed = [c for c in casualties if c.kind == "killed"]
    if not killed:
        return {}
    words = lexicon.words("continuation")
    number_words = load_number_words()
    casualty_verbs = number_words.words("killed_verbs") | number_words.words("injured_verbs")
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    starts = [start for start, _ in sentences]
    violent: dict[int, list[int]] = {}
    for index, trigger in enumerate(triggers):
        if _is_violent(trigger):
            violent.setdefault(bisect_right(starts, trigger.start) - 1, []).append(index)
    result: dict[int, Fatalities] = {}
    with_deaths = sorted({bisect_right(starts, c.evidence.start) - 1 for c in killed})
    for number in with_deaths:
        own = [triggers[i] for i in violent.get(number, [])]
        back = [t for t in own if _refers_back(doc[t.head], words)]
        if not back or any(t not in back and t.lemma not in casualty_verbs for t in own):
            continue
        deaths = fatalities_for(list(killed), sentence=sentences[number])
        for earlier in range(number - 1, max(number - CONTINUATION_SENTENCES, 0) - 1, -1):
            if earlier in with_deaths:
                break  # deaths told in between belong to their own sentence's events
            if earlier in violent:
                for index in violent[earlier]:
                    if deaths is not None:
                        result.setdefault(index, deaths)
                break
    return result


def _is_holding(trigger: Trigger) -> bool:
    """A state such as holding a town (occupy with no ACLED event), not a thing that happened."""
    return trigger.mode == "occupy" and not trigger.territory and trigger.acled_event_type is None


def _is_violent(trigger: Trigger) -> bool:
    """A violent event, not a state such as holding a town."""
    return trigger.type in VIOLENT_TYPES and not _is_holding(trigger)


def _governed_by(doc: Doc, mention: DateMention, prepositions: frozenset[str]) -> bool:
    """True when the date sits in a phrase headed by one of ``prepositions`` ("since 1979")."""
    if not prepositions:
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    for ancestor in [span.root, *list(span.root.ancestors)[:3]]:
        if ancestor.dep_ == "prep" or ancestor.pos_ == "ADP":
            return ancestor.lower_ in prepositions
        if ancestor.pos_ in ("VERB", "AUX"):
            return False
    return False


def _refers_back(token: Token, words: frozenset[str]) -> bool:
    """A continuation noun made definite ("the fighting", "this attack") or said of "it"."""
    if token.lemma_.lower() not in words and token.lower_ not in words:
        return False
    if any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children):
        return True
    head = token.head
    return token.dep_ == "attr" and any(
        c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that") for c in head.children
    )


def link_quotes(quotes: Sequence[Quote], events: Sequence[Event]) -> list[Quote]:
    """Return the quotes with ``event_ids`` naming the events whose trigger lies in their words."""
    linked = []
    for quote in quotes:
        ids = tuple(
            e.id
            for e in events
            if e.trigger is not None and quote.start <= e.trigger.start < quote.end
        )
        linked.append(replace(quote, event_ids=ids) if ids else quote)
    return linked


def event_id(article_id: str, trigger: Trigger) -> str:
    """A stable id: the same trigger of the same article always gets the same id."""
    key = f"{article_id}:{trigger.start}:{trigger.end}:{trigger.type}"
    return "e_" + hashlib.sha1(key.encode()).hexdigest()[:16]


def _inside(start: int, end: int, spans: Sequence[CharSpan]) -> bool:
    return any(span.start <= start and end <= span.end for span in spans)


def _event_actor(mention: ActorMention) -> EventActor:
    return EventActor(
        name=mention.name,
        country=mention.country,
        sector=mention.sector,
        actor_id=mention.actor_id,
        evidence=Evidence(mention.article_id, mention.start, mention.end, mention.text),
    )


def _actors_of(
    spans: Sequence[CharSpan], actors: Sequence[ActorMention], doc: Doc
) -> list[EventActor]:
    """The actors a role phrase names: the mention at its head or at a head in apposition.

    "the commander of Iran's elite Quds Force, Gen Ghasem Soleimani" names Soleimani (a named
    actor in apposition is preferred to a descriptive head), not the Quds Force in its
    complement.
    """
    chosen: list[EventActor] = []
    for span in spans:
        heads = _role_heads(doc, span)
        found = [
            m
            for m in actors
            if any(m.start <= t.idx < m.end for t in heads)
        ]
        found.sort(key=lambda m: (m.kind == "pattern", m.start))
        for mention in found[:1]:
            actor = _event_actor(mention)
            if all(a.name != actor.name for a in chosen):
                chosen.append(actor)
    return chosen


def _role_heads(doc: Doc, span: CharSpan) -> list[Token]:
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    if found is None:
        return []
    root = found.root
    # The tokens of the phrase up to its head, so that "ISIL fighters" and "Militants from
    # ISIL" both reach the mention that covers their head.
    heads = [t for t in found if t.i <= root.i]
    heads.extend(c for c in root.children if c.dep_ == "appos")
    return heads


def _inherited_subject(trigger: Trigger, doc: Doc) -> Token | None:
    """The subject of the verb a subjectless trigger depends on ("has boasted of massacring")."""
    for ancestor in list(doc[trigger.head].ancestors)[:3]:
        subjects = [c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
    return None


def _subject_actors(
    trigger: Trigger, actors: Sequence[ActorMention], doc: Doc
) -> list[EventActor]:
    named = _actors_of(trigger.subjects, actors, doc)
    if named:
        return named
    pronoun = next((s for s in trigger.subjects if s.text.lower() in PRONOUNS), None)
    # Only a verb shares its governor's subject: "It was a crazy battle" has no actor "It".
    if pronoun is None and not trigger.subjects and not trigger.nominal:
        inherited = _inherited_subject(trigger, doc)
        if inherited is not None:
            span = CharSpan(inherited.idx, inherited.idx + len(inherited.text), inherited.text)
            if inherited.lower_ not in PRONOUNS:
                return _actors_of([span], actors, doc)
            pronoun = span
    if pronoun is None:
        return []
    return _antecedent(pronoun, actors, doc)


def _antecedent(
    pronoun: CharSpan, actors: Sequence[ActorMention], doc: Doc
) -> list[EventActor]:
    """What a pronoun subject refers to: for "he"/"she" the nearest person named before it; for
    "it"/"they" the subject of the previous sentence (news names the actor there and refers
    back), else the nearest earlier actor."""
    sentence = doc.char_span(pronoun.start, pronoun.end, alignment_mode="expand")
    if sentence is None:
        return []
    current = sentence.root.sent
    previous = [s for s in doc.sents if s.end_char <= current.start_char]
    candidates = [m for m in actors if m.end <= pronoun.start]
    if pronoun.text.lower() in PERSONAL:
        people = [m for m in candidates if m.title or m.kind == "person"]
        return [_event_actor(people[-1])] if people else []
    if previous:
        window = previous[-1]
        subjects = [
            t for t in window if t.dep_ in ("nsubj", "nsubjpass") and t.head == window.root
        ]
        for subject in subjects:
            for mention in candidates:
                if mention.start <= subject.idx < mention.end:
                    return [_event_actor(mention)]
        candidates = [m for m in candidates if m.start >= window.start_char]
    else:
        candidates = [m for m in candidates if m.start >= current.start_char]
    return [_event_actor(candidates[-1])] if candidates else []


def _precision_rank(place: PlaceMention) -> int:
    feature = place.entry.feature if place.entry else None
    return PRECISION_ORDER.index(feature) if feature in PRECISION_ORDER else len(PRECISION_ORDER)


def _place_of(
    trigger: Trigger, places: Sequence[PlaceMention], doc: Doc, place_nouns: frozenset[str]
) -> PlaceMention | None:
    resolved = [p for p in places if p.entry is not None]
    territory = trigger.territory
    order = (trigger.objects, trigger.places) if territory else (trigger.places, trigger.objects)
    for spans in order:
        starts = {t.idx for span in spans for t in _phrase_tokens(doc, span)}
        inside = [p for p in resolved if p.start in starts]
        if inside:
            return min(inside, key=lambda p: (_precision_rank(p), p.start))
    if territory:
        named = _named_settlement(trigger, resolved, doc, place_nouns)
        if named is not None:
            return named
    return _enclosing_place(doc[trigger.head], resolved)


def _named_settlement(
    trigger: Trigger, places: Sequence[PlaceMention], doc: Doc, place_nouns: frozenset[str]
) -> PlaceMention | None:
    """The town that names a generic object ("took yet another town, Saqlawiya"; "Mosul, ...
    which ISIL seized"): the nearest town-level place within a few words of the object."""
    for span in trigger.objects:
        found = doc.char_span(span.start, span.end, alignment_mode="expand")
        if found is None or found.root.lemma_.lower() not in place_nouns:
            continue
        near = [
            p
            for p in places
            if _precision_rank(p) <= PRECISION_ORDER.index("town")
            and trigger.sentence_start <= p.start < trigger.sentence_end
            and _distance(p.start, p.end, span) <= NAMING_WINDOW
            and _apposed(doc_text(doc), p, span)
        ]
        if near:
            return min(near, key=lambda p: _distance(p.start, p.end, span))
    return None


def _phrase_tokens(doc: Doc, span: CharSpan) -> list[Token]:
    """The tokens of a role phrase with its complements and appositions, not relative clauses."""
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    if found is None:
        return []
    root = found.root
    heads = [root, *(c for c in root.children if c.dep_ == "appos")]
    if root.dep_ == "appos":
        heads.append(root.head)
    tokens: list[Token] = []
    for head in heads:
        tokens.extend(_subtree_without_clauses(head))
    return tokens


def _subtree_without_clauses(token: Token) -> list[Token]:
    tokens = [token]
    for child in token.children:
        if child.dep_ not in ("relcl", "acl", "advcl", "ccomp", "conj", "cc", "appos"):
            tokens.extend(_subtree_without_clauses(child))
    return tokens


def _enclosing_place(token: Token, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place named by (or in apposition to) the noun whose relative clause holds ``token``."""
    by_start = {p.start: p for p in places}
    inside_clause = False
    for ancestor in list(token.ancestors)[:10]:
        inside_clause = inside_clause or ancestor.dep_ == "relcl"
        if not inside_clause or ancestor.pos_ not in ("NOUN", "PROPN"):
            continue
        for candidate in (ancestor, ancestor.head if ancestor.dep_ == "appos" else None):
            if candidate is not None and candidate.idx in by_start:
                return by_start[candidate.idx]
    return None


def _sentence_country(
    trigger: Trigger, places: Sequence[PlaceMention], doc: Doc, lexicon: Lexicon
) -> PlaceMention | None:
    """The one country the sentence names as where things happen ("over a swath of Iraq")."""
    locative, area = lexicon.words("locative"), lexicon.words("area") | lexicon.words("place")
    found: dict[int, PlaceMention] = {}
    for place in places:
        entry = place.entry
        if entry is None or entry.feature != "country":
            continue
        if not trigger.sentence_start <= place.start < trigger.sentence_end:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        token = span.root
        while token.dep_ == "conj" and token.head is not token:
            token = token.head  # "in Iraq and Syria": Syria stands where Iraq does
        if token.dep_ != "pobj":
            continue
        preposition = token.head.lower_
        if preposition in locative or (
            preposition == "of" and token.head.head.lemma_.lower() in area
        ):
            found.setdefault(entry.geonameid, place)
    return next(iter(found.values())) if len(found) == 1 else None


def _date_of(
    trigger: Trigger, dates: Sequence[DateMention], doc: Doc, lexicon: Lexicon
) -> DateMention | None:
    period_start = frozenset() if _is_holding(trigger) else lexicon.words("period_start")
    in_sentence = [
        d
        for d in dates
        if trigger.sentence_start <= d.start
        and d.end <= trigger.sentence_end
        and d.precision != "unresolved"
        and not _governed_by(doc, d, period_start)
    ]
    if not in_sentence:
        return None
    return min(in_sentence, key=lambda d: _distance(d.start, d.end, trigger))


def _apposed(text: str, place: PlaceMention, span: CharSpan) -> bool:
    """True when only a comma and a word or two stand between a name and the noun it names."""
    gap = text[span.end : place.start] if place.start >= span.end else text[place.end : span.start]
    return "," in gap and len(WORD.findall(gap)) <= 2


def _distance(start: int, end: int, other: Trigger | CharSpan) -> int:
    return min(abs(start - other.end), abs(other.start - end))


def _attribution(
    span: CharSpan | None, text: str | None, actors: Sequence[ActorMention]
) -> str | None:
    if span is None:
        return text
    for mention in actors:
        if span.start <= mention.start and mention.end <= span.end:
            return mention.name
    return text


def _summary(
    trigger: Trigger,
    actors: Sequence[EventActor],
    targets: Sequence[EventActor],
    place: PlaceMention | None,
) -> str:
    who = actors[0].name if actors else "Unidentified actor"
    whom = targets[0].name if targets else (place.text if place else "")
    return " ".join(part for part in (who, trigger.text, whom) if part)
