"""Event triggers in a parsed spaCy Doc: lexicon matches, their event types and syntactic roles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from sitroom.events.lexicon import Lexicon, TriggerEntry

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Scope = Literal["sentence", "doc"]

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
NOMINAL_OBJECT_PREPS = frozenset({"on", "against", "of", "at", "upon", "targeting"})
PLACE_PREPS = frozenset({
    "in", "at", "near", "around", "outside", "inside", "across", "into", "from", "to", "on",
    "through", "throughout", "over", "along", "towards", "toward", "within", "off", "west",
    "east", "north", "south",
})  # fmt: skip
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_ENTS = frozenset({"NORP", "ORG", "GPE", "PERSON"})
QUANTITY_NOUNS = frozenset({
    "number", "series", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
    "scores", "group", "couple", "lot", "host", "batch", "amount", "cache", "stash", "set",
})  # fmt: skip
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
# Children left out of a role's span: they start a new phrase rather than describe the head.
SPAN_BREAK_DEPS = frozenset(
    {"conj", "cc", "relcl", "acl", "appos", "punct", "advcl", "parataxis", "prep"}
)
CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
LIGHT_VERB_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "attr", "conj"})


@dataclass(frozen=True, slots=True)
class CharSpan:
    """A stretch of the document: character offsets (end-exclusive) and its text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Trigger:
    """One event trigger: its words, event type(s) and the phrases filling its roles.

    ``acled_sub_event_type`` is None when ACLED codes none or when it depends on the actor:
    then ``territory`` is True and ``acled_by_actor`` maps ``state`` / ``non_state`` to the
    sub-event type, for the caller to resolve once the actor is known (see ``resolve_acled``).
    ``subjects`` are the agents (active subjects, passive ``by`` phrases, ``Israeli`` in
    "Israeli air strikes"); ``objects`` the patients (direct objects, passive subjects, "attack
    on X"); ``places`` the objects of locative prepositions, candidates for the event's place.
    """

    start: int
    end: int
    text: str
    lemma: str
    head: int
    """Token index of the trigger's syntactic head in the Doc."""
    sentence_start: int
    sentence_end: int
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    territory: bool = False
    acled_by_actor: Mapping[str, str] = field(default_factory=dict)
    rank: int = 0
    nominal: bool = False
    subjects: tuple[CharSpan, ...] = ()
    objects: tuple[CharSpan, ...] = ()
    places: tuple[CharSpan, ...] = ()

    def resolve_acled(self, actor_kind: str | None) -> str | None:
        """The ACLED sub-event type once the actor is known (``state``, ``non_state`` or None).

        An unknown actor counts as non-state, as in ACLED's territorial sub-types.
        """
        if not self.acled_by_actor:
            return self.acled_sub_event_type
        return self.acled_by_actor.get(actor_kind or "non_state", self.acled_sub_event_type)


def find_triggers(doc: Doc, lexicon: Lexicon, *, scope: Scope = "sentence") -> list[Trigger]:
    """The event triggers of ``doc`` in text order (one per token stretch, the best entry).

    ``scope`` says where ``ctx=`` conditions look for their words: the trigger's sentence
    (articles) or the whole doc (short snippets, whose sentence splits are unreliable).
    """
    tokens = [(t.lemma_.lower(), t.lower_, t.is_punct) for t in doc]
    by_span: dict[tuple[int, int], list[TriggerEntry]] = {}
    for index, start, end in lexicon.index().match(tokens):
        by_span.setdefault((start, end), []).append(lexicon.entries[index])
    doc_words = _words(doc) if scope == "doc" else None
    sentence_words: dict[int, frozenset[str]] = {}
    candidates: list[tuple[int, int, TriggerEntry]] = []
    for (start, end), entries in by_span.items():
        span = doc[start:end]
        head = span.root
        context = doc_words
        if context is None:
            sentence = head.sent
            if sentence.start not in sentence_words:
                sentence_words[sentence.start] = _words(sentence)
            context = sentence_words[sentence.start]
        fitting = [
            e
            for e in entries
            if _pos_fits(e.pos, head) and _condition_holds(e, head, lexicon, context)
        ]
        if fitting:
            best = max(fitting, key=lambda e: (e.rank, -e.line))
            candidates.append((start, end, best))
    # Longest match first, then most specific: "suicide bomber" beats "bomber".
    candidates.sort(key=lambda c: (-(c[1] - c[0]), -c[2].rank, c[0]))
    taken: set[int] = set()
    chosen = []
    for start, end, entry in candidates:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            chosen.append((start, end, entry))
    chosen.sort()
    return [_trigger(doc[start:end], entry) for start, end, entry in chosen]


def _words(tokens: Iterable[Token]) -> frozenset[str]:
    return frozenset(w for t in tokens for w in (t.lemma_.lower(), t.lower_))


def _pos_fits(pos: str, head: Token) -> bool:
    if pos == "any":
        return True
    if pos == "VERB":
        if head.pos_ in ("VERB", "AUX") or head.tag_.startswith("VB"):
            return True
        # Headlines ("Somalia severs ties") fool the tagger; a real noun has a determiner or
        # is the object of a verb or preposition ("held up signs").
        if head.dep_ in ("dobj", "pobj"):
            return False
        return not any(c.dep_ in ("det", "poss", "amod") for c in head.children)
    if pos == "NOUN":
        return head.pos_ in ("NOUN", "PROPN") or head.tag_.startswith("NN")
    return head.pos_ == pos


def token_in(token: Token, words: frozenset[str]) -> bool:
    """True when the token's lemma or lower-case form is one of ``words``."""
    return token.lemma_.lower() in words or token.lower_ in words


def _condition_holds(
    entry: TriggerEntry, head: Token, lexicon: Lexicon, context: frozenset[str]
) -> bool:
    if entry.condition is None:
        return True
    kind, _, name = entry.condition.partition("=")
    words = lexicon.words(name)
    if kind == "ctx":
        return not words.isdisjoint(context)
    if kind == "unless":
        return not any(token_in(t, words) for t in _complement_markers(head))
    patients = [t for t in object_tokens(head) for t in (t, *t.conjuncts)]
    if name == "none":
        # An intransitive use: "protesters demonstrated", not "demonstrated the urgency".
        return not patients and not any(c.dep_ in CLAUSE_DEPS for c in head.children)
    for token in patients:
        if token_in(token, words) or any(
            token_in(c, words) for c in token.children if c.dep_ in ("compound", "amod")
        ):
            return True
        if name == "place" and token.ent_type_ in PLACE_ENTS:
            return True
        if name == "person" and token.ent_type_ == "PERSON":
            return True
    return False


def _complement_markers(head: Token) -> list[Token]:
    """The words that open the trigger's complements: "if", "whether", "about", "what" ..."""
    found = []
    for child in head.children:
        if child.dep_ == "prep":
            found.append(child)
        elif child.dep_ in CLAUSE_DEPS or child.dep_ == "advcl":
            # "Asked if X would ..." (the parser often hangs the clause as advcl)
            found.extend(g for g in child.children if g.dep_ in ("mark", "advmod", "nsubj", "dobj"))
    return found


def _is_nominal(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN", "ADJ") or token.tag_.startswith("NN")


def _resolve_relative(token: Token) -> Token:
    """The noun a relative pronoun stands for ("Mosul, which ISIL seized" -> Mosul)."""
    if token.lower_ in RELATIVE_PRONOUNS:
        clause = token.head
        while clause.dep_ != "relcl" and clause.head.i != clause.i:
            if clause.dep_ not in ("conj", "xcomp", "ccomp"):
                return token
            clause = clause.head
        if clause.dep_ == "relcl":
            return clause.head
    return token


def _verb_of(token: Token) -> Token | None:
    """The verb a nominal trigger is an argument of ("launched air strikes" -> launched)."""
    if not _is_nominal(token) or token.dep_ not in LIGHT_VERB_DEPS:
        return None
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if token.dep_ == "conj":
        return _verb_of(head) if head.i != token.i else None
    return head if head.pos_ in ("VERB", "AUX") else None


def subject_tokens(head: Token) -> list[Token]:
    """The agents of a trigger, with passive ``by`` agents and inherited subjects."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in SUBJECT_DEPS:
            found.append(_resolve_relative(child))
        elif child.dep_ == "agent":
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif _is_nominal(head) and child.dep_ in ("poss", "compound", "amod", "nmod"):
            if child.ent_type_ in ACTOR_ENTS:
                found.append(child)
        elif _is_nominal(head) and child.dep_ == "prep" and child.lower_ == "by":
            found.extend(c for c in child.children if c.dep_ == "pobj")
    if found:
        return found
    verb = _verb_of(head)
    if verb is not None and head.dep_ in ("dobj", "attr"):
        return subject_tokens(verb)
    if head.dep_ in ("conj", "xcomp", "advcl") and head.head.i != head.i:
        # "ISIL captured X and seized Y": the second verb shares the first one's subject.
        return subject_tokens(head.head) if head.head.pos_ in ("VERB", "AUX") else []
    if head.dep_ in ("relcl", "acl") and head.tag_ != "VBN":
        return [head.head]
    return []


def object_tokens(head: Token) -> list[Token]:
    """The patients of a trigger: direct objects, passive subjects, "attack on X"."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ in PASSIVE_SUBJECT_DEPS:
            found.append(_resolve_relative(child))
        elif child.dep_ == "prep" and child.lower_ in NOMINAL_OBJECT_PREPS and _is_nominal(head):
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prt":
            continue
    # "a number of barracks", "dozens of civilians": the patient is what is counted.
    found = [_counted(t) for t in found]
    if not found and head.dep_ == "acl" and head.tag_ == "VBN":
        # "the village seized by rebels": the noun a past participle modifies is its patient.
        # "a source in the city of X, held by rebels": a participle set off by a comma right
        # after a place name describes that place, however the parser attached it.
        before = _noun_before_comma(head)
        found.append(before if before is not None else head.head)
    if not found and head.dep_ == "relcl":
        found.extend(c for c in head.children if c.lower_ in RELATIVE_PRONOUNS)
    if not found and head.pos_ == "VERB":
        # "attacked and injured a demonstration": two verbs share the object after the second.
        for conj in head.children:
            if conj.dep_ == "conj" and conj.pos_ == "VERB":
                found.extend(_counted(c) for c in conj.children if c.dep_ in OBJECT_DEPS)
    return found


def _noun_before_comma(participle: Token) -> Token | None:
    start = participle.left_edge.i
    doc = participle.doc
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ in PLACE_ENTS:
        return doc[start - 2]
    return None


def _counted(token: Token) -> Token:
    if token.lemma_.lower() in QUANTITY_NOUNS or token.like_num:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return token


def place_tokens(head: Token) -> list[Token]:
    """Objects of locative prepositions under the trigger (or the verb it is an argument of)."""
    found: list[Token] = []
    holders = [head]
    verb = _verb_of(head)
    if verb is not None:
        holders.append(verb)
    holders.extend(t for t in object_tokens(head) if _is_nominal(t))
    # "seized by rebels in Anbar": the parser hangs the place on the agent.
    holders.extend(
        p for c in head.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
    )
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                found.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "npadvmod" and child.ent_type_ in PLACE_ENTS:
                found.append(child)
    for holder in holders:
        if holder.dep_ == "relcl" and any(c.lower_ == "where" for c in holder.children):
            # "Samarra, ... where fighting continued": the clause's noun is the place.
            found.append(holder.head)
    return found


def phrase(token: Token) -> CharSpan:
    """The phrase a role word heads: its modifiers, without clauses and conjuncts."""
    left = token.i
    for child in token.lefts:
        if child.dep_ not in SPAN_BREAK_DEPS and child.dep_ != "det":
            left = min(left, child.left_edge.i)
            break
    right = token.i
    for child in token.rights:
        if child.dep_ in SPAN_BREAK_DEPS:
            break
        right = max(right, child.right_edge.i)
    doc = token.doc
    span: Span = doc[left : right + 1]
    return CharSpan(span.start_char, span.end_char, span.text)


def _spans(tokens: Iterable[Token]) -> tuple[CharSpan, ...]:
    seen: dict[int, CharSpan] = {}
    for token in tokens:
        for t in (token, *token.conjuncts):
            if t.i not in seen and t.pos_ != "PUNCT":
                seen[t.i] = phrase(t)
    return tuple(seen[i] for i in sorted(seen))


def _trigger(span: Span, entry: TriggerEntry) -> Trigger:
    head = span.root
    sentence = head.sent
    return Trigger(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        lemma=entry.pattern,
        head=head.i,
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        type=entry.type,
        mode=entry.mode,
        acled_event_type=entry.acled_event_type,
        acled_sub_event_type=entry.acled_sub_event_type,
        territory=bool(entry.acled_by_actor),
        acled_by_actor=entry.acled_by_actor,
        rank=entry.rank,
        nominal=_is_nominal(head),
        subjects=_spans(subject_tokens(head)),
        objects=_spans(object_tokens(head)),
        places=_spans(place_tokens(head)),
    )
