"""Speakers: from a cue's subject to a named actor, a description or a pronoun's antecedent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.records import ActorMention, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
THING_PRONOUNS = frozenset({"it"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
RECENT_CHARS = 1500
"""How far back (in characters) the last speaker stays a pronoun's likely antecedent."""
_PHRASE_STOPS = frozenset({",", "(", "—", "–", "--", ";", ":", "\u201c", '"'})
_DESCRIPTIVE_KINDS = frozenset({"pattern"})


@dataclass(frozen=True, slots=True)
class Resolved:
    """A resolved speaker and whether it is a person (for later pronouns)."""

    speaker: Speaker
    person: bool
    position: int


@dataclass(frozen=True, slots=True)
class SpeakerContext:
    """The actor mentions of one article, indexed for speaker look-ups."""

    doc: Doc
    actors: Sequence[ActorMention]
    by_entity: Mapping[int, tuple[ActorMention, ...]]
    person_entities: frozenset[int]

    @classmethod
    def build(cls, doc: Doc, actors: Sequence[ActorMention]) -> SpeakerContext:
        """Index ``actors`` by entity and note which entities are people."""
        grouped: dict[int, list[ActorMention]] = {}
        for mention in actors:
            grouped.setdefault(mention.entity, []).append(mention)
        person_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        people = {
            m.entity
            for m in actors
            if m.kind == "person"
            or (m.kind == "dictionary" and m.title is not None)
            or any(s < m.end and m.start < e for s, e in person_spans)
        }
        return cls(
            doc,
            tuple(sorted(actors, key=lambda m: m.start)),
            {k: tuple(v) for k, v in grouped.items()},
            frozenset(people),
        )


def phrase_span(token: Token) -> tuple[int, int]:
    """The token span of the noun phrase headed by ``token``, cut before commas and clauses.

    "A medical source at a hospital in the nearby city of Falluja, largely held by …" keeps
    the words before the comma; "officials who spoke …" loses the relative clause.
    """
    start = token.left_edge.i
    end = token.i + 1
    # A relative clause starts at its pronoun ("officials who …"), left of the clause's verb.
    stop = min(
        (c.left_edge.i for c in token.rights if c.dep_ == "relcl"),
        default=token.right_edge.i + 1,
    )
    for t in token.doc[token.i + 1 : stop]:
        if t.text in _PHRASE_STOPS or "\n" in t.text or t.dep_ in ("relcl", "acl", "appos"):
            break
        end = t.i + 1
    for t in token.doc[start : token.i]:
        # A comma or dash before the head ends a preceding aside: keep what follows it.
        if t.text in _PHRASE_STOPS or "\n" in t.text:
            start = t.i + 1
    while end > start + 1 and token.doc[end - 1].is_punct:
        end -= 1
    return start, end


def resolve_speaker(ctx: SpeakerContext, head: Token, *, recent: Sequence[Resolved]) -> Resolved:
    """The speaker whose mention is headed by ``head`` (a subject or an "according to" object)."""
    doc = ctx.doc
    lower = head.lower_
    antecedent = _relative_antecedent(ctx, head)
    if antecedent is not None:
        # Named for its antecedent, found at the pronoun, as for a personal pronoun.
        found = resolve_speaker(ctx, antecedent, recent=recent)
        here = Speaker(head.text, None, head.idx, head.idx + len(head.text))
        return Resolved(_moved(found.speaker, here), found.person, head.idx)
    if head.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
        return _pronoun(ctx, head, recent=recent)
    start, end = phrase_span(head)
    span = doc[start:end]
    mention = _mention_at(ctx, head, span.start_char, span.end_char)
    if mention is None:
        speaker = Speaker(span.text, None, span.start_char, span.end_char)
        return Resolved(speaker, head.ent_type_ == "PERSON", head.idx)
    return Resolved(
        _from_mention(ctx, mention, span.text, span.start_char, span.end_char),
        mention.entity in ctx.person_entities,
        head.idx,
    )


def _relative_antecedent(ctx: SpeakerContext, head: Token) -> Token | None:
    """'officials who believe …': the noun a relative pronoun stands for, when it names actors.

    The noun must be an actor mention, a named group or person, or a plural (''figures from
    the era, who …'' hangs the clause on 'era' as often as on 'figures').
    """
    clause = head.head
    if head.lower_ not in RELATIVE_PRONOUNS or clause.dep_ != "relcl":
        return None
    noun = clause.head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    named = noun.ent_type_ in ("PERSON", "ORG", "NORP")
    if (
        named
        or noun.tag_ in ("NNS", "NNPS")
        or any(m.start <= noun.idx < m.end for m in ctx.actors)
    ):
        return noun
    if head.lower_ == "who" and noun.ent_type_ == "" and not _holds_mention(ctx, noun):
        # 'a strategist who spoke …': 'who' stands for a person, named by its own words.
        return noun
    return None


def _holds_mention(ctx: SpeakerContext, noun: Token) -> bool:
    start, end = phrase_span(noun)
    span = ctx.doc[start:end]
    return any(span.start_char <= m.start < span.end_char for m in ctx.actors)


def _from_mention(
    ctx: SpeakerContext, mention: ActorMention, phrase: str, start: int, end: int
) -> Speaker:
    entity = ctx.by_entity.get(mention.entity, (mention,))
    title = mention.title or next((m.title for m in entity if m.title), None)
    if mention.kind in _DESCRIPTIVE_KINDS:
        fullest = max((m.name for m in entity), key=lambda n: len(n.split()))
        if len(phrase.split()) > len(fullest.split()):
            return Speaker(phrase, title, start, end)
        return Speaker(fullest, title, start, end, actor_id=mention.actor_id)
    return Speaker(mention.name, title, mention.start, mention.end, actor_id=mention.actor_id)


def _mention_at(ctx: SpeakerContext, head: Token, start: int, end: int) -> ActorMention | None:
    inside = [m for m in ctx.actors if m.start < end and start < m.end]
    for m in inside:
        if m.start <= head.idx < m.end:
            return m
    if not inside:
        return None
    return min(inside, key=lambda m: abs(m.start - head.idx))


def _pronoun(ctx: SpeakerContext, head: Token, *, recent: Sequence[Resolved]) -> Resolved:
    lower = head.lower_
    here = Speaker(head.text, None, head.idx, head.idx + len(head.text))
    want_person = lower in PERSON_PRONOUNS
    if lower not in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
        return Resolved(here, False, head.idx)
    if recent:
        last = recent[-1]
        if head.idx - last.position < RECENT_CHARS and last.person == want_person:
            return Resolved(_moved(last.speaker, here), last.person, head.idx)
    for mention in reversed(ctx.actors):
        if mention.end > head.idx:
            continue
        person = mention.entity in ctx.person_entities
        if person == want_person and (want_person or _fits_group(mention, plural=lower != "it")):
            found = _from_mention(ctx, mention, mention.text, mention.start, mention.end)
            return Resolved(_moved(found, here), person, head.idx)
    return Resolved(here, want_person, head.idx)


def _fits_group(mention: ActorMention, *, plural: bool) -> bool:
    if plural:
        return mention.kind in _DESCRIPTIVE_KINDS or mention.text.endswith("s")
    return mention.kind not in _DESCRIPTIVE_KINDS


def _moved(found: Speaker, pronoun: Speaker) -> Speaker:
    """The antecedent's name and title at the pronoun's span (the mention nearest the quote)."""
    return Speaker(found.name, found.title, pronoun.start, pronoun.end, actor_id=found.actor_id)
