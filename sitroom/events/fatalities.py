"""Casualties in a parsed text (killed, injured, shot) and the fatalities of one event.

Three ways a text gives casualties, all words from ``events_numbers.json``:

- a casualty verb and its victim: the object of an active verb ("killing 6 civilians",
  "massacring hundreds of troops", "killed himself"), the subject of a passive or intransitive
  one ("dozens were killed", "two people died", "a man was shot and killed", "the man did not
  survive"), or the noun a participle modifies ("two people killed in ...");
- a number followed by a state word or a casualty noun ("4 dead, 2 injured", "left three
  dead", "one fatally", "15 deaths"), or a toll ("the death toll rose to 15");
- a condition ("a man is in critical condition": injured).

The victim's number is the quantity in front of the victim noun; a singular person ("a man",
"he", a named person) is one; "no one" / "nobody" is zero (exact); a plural without a number
("people were killed") gives a quantity whose ``best`` is None. ``shot`` means hit by gunfire,
fatal or not: an incident reader turns it into injuries once the deaths are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sitroom.events.numbers import (
    NumberWords,
    Quantity,
    load_number_words,
    match_quantity,
    tokenize,
    with_text,
)
from sitroom.nlp import doc_text
from sitroom.records import Evidence, Fatalities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CasualtyKind = Literal["killed", "injured", "shot"]
_YEAR_CUE = re.compile(r"\b(?:since|in|of|during|for)\s+(?:19|20)\d\d\b")
_ROUNDUP_CUE = re.compile(
    r"\b(?:in|from|during)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple"
    r"|a series of)\s+(?:separate\s+|different\s+)?(?:shootings|incidents|attacks|scenes)\b"
)
"""A sum over several incidents ("in three shootings", "in four separate scenes")."""
_SUBJECTS = ("nsubjpass", "nsubj")
_OBJECTS = ("dobj",)


@dataclass(frozen=True, slots=True)
class Casualty:
    """People killed, injured or shot, as one phrase of a text reports them.

    ``quantity`` offsets are into the document text; ``evidence`` spans the phrase (number to
    trigger); ``sentence`` the sentence; ``trigger`` the casualty word that governs the count;
    ``cumulative`` is True when the sentence gives a running total ("45 homicides this year").
    """

    kind: CasualtyKind
    quantity: Quantity
    evidence: Evidence
    sentence: Evidence
    trigger: Evidence | None = None
    cumulative: bool = False


_GENERIC_VICTIMS = frozenset({"people", "person", "victim", "individual", "other"})
"""Nouns a following list may break down ("five people, three men and two women")."""
_DEADLY = frozenset({"fatal", "deadly"})
"""Adjectives that make an event noun report a death ("a fatal shooting")."""
# Words that make a sentence worth reading for casualties whatever the data file lists.
_ALWAYS_CUES = frozenset({"survive", "death", "deaths", "toll", "dead", "die", "died"})


@dataclass(frozen=True, slots=True)
class _Lexicon:
    words: NumberWords
    killed_verbs: frozenset[str]
    injured_verbs: frozenset[str]
    shot_verbs: frozenset[str]
    shot_nouns: frozenset[str]
    shot_agents: frozenset[str]
    hospital_verbs: frozenset[str]
    killed_states: frozenset[str]
    injured_states: frozenset[str]
    shot_states: frozenset[str]
    killed_nouns: frozenset[str]
    injured_nouns: frozenset[str]
    person_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    group_nouns: frozenset[str]
    none_subjects: frozenset[str]
    fatally: frozenset[str]
    conditions: tuple[str, ...]
    cumulative_cues: tuple[str, ...]
    wound_nouns: frozenset[str]
    wound_verbs: frozenset[str]
    deadly_events: frozenset[str]

    @property
    def cue_words(self) -> frozenset[str]:
        """Every word (or lemma) that can make a sentence report casualties."""
        return (
            self.killed_verbs | self.injured_verbs | self.shot_verbs | self.hospital_verbs
            | self.killed_states | self.injured_states | self.shot_states | self.killed_nouns
            | self.injured_nouns | self.shot_nouns | self.fatally | self.wound_nouns
            | _ALWAYS_CUES | _DEADLY
        )


def _lexicon(words: NumberWords) -> _Lexicon:
    return _Lexicon(
        words=words,
        killed_verbs=words.words("killed_verbs"),
        injured_verbs=words.words("injured_verbs"),
        shot_verbs=words.words("shot_verbs"),
        shot_nouns=words.words("shot_nouns"),
        shot_agents=words.words("shot_agents"),
        hospital_verbs=words.words("hospital_verbs"),
        killed_states=words.words("killed_states"),
        injured_states=words.words("injured_states"),
        shot_states=words.words("shot_states"),
        killed_nouns=words.words("killed_nouns"),
        injured_nouns=words.words("injured_nouns"),
        person_nouns=words.words("person_nouns"),
        person_pronouns=words.words("person_pronouns"),
        group_nouns=words.words("group_nouns"),
        none_subjects=words.words("none_subjects"),
        fatally=words.words("fatally"),
        conditions=tuple(sorted(words.words("conditions"))),
        cumulative_cues=tuple(sorted(words.words("cumulative_cues"))),
        wound_nouns=words.words("wound_nouns"),
        wound_verbs=words.words("wound_verbs"),
        deadly_events=words.words("deadly_events"),
    )


def find_casualties(
    doc: Doc, *, article_id: str, words: NumberWords | None = None
) -> list[Casualty]:
    """Every report of people killed, injured or shot in ``doc``, in text order."""
    lex = _lexicon(words if words is not None else load_number_words())
    cues = lex.cue_words
    found: list[Casualty] = []
    for sent in doc.sents:
        # Most sentences of a report name no casualty: skip them before the costly number scan.
        if not _may_report(sent, cues, lex.conditions):
            continue
        found.extend(_sentence_casualties(sent, lex, article_id))
    return found


def _may_report(sent: Span, cues: frozenset[str], conditions: tuple[str, ...]) -> bool:
    if any(t.lower_ in cues or t.lemma_.lower() in cues for t in sent):
        return True
    lowered = sent.text.lower()
    return any(c in lowered for c in conditions)


class _Sentence:
    """One sentence's quantities (offsets into the document) and its casualty findings."""

    def __init__(self, sent: Span, lex: _Lexicon, article_id: str) -> None:
        self.sent = sent
        self.lex = lex
        self.article_id = article_id
        text = sent.text
        lowered = text.lower()
        self.cumulative = any(c in lowered for c in lex.cumulative_cues) or bool(
            _YEAR_CUE.search(lowered) or _ROUNDUP_CUE.search(lowered)
        )
        self.toks = tokenize(text)
        self.quantities: list[Quantity] = []
        self.after: list[int] = []  # index of the token after each quantity
        i = 0
        while i < len(self.toks):
            matched = match_quantity(self.toks, i, words=lex.words)
            if matched is None:
                i += 1
                continue
            q, i = matched
            self.quantities.append(with_text(q, text).shifted(sent.start_char))
            self.after.append(i)
        self.found: dict[tuple[str, int, int], Casualty] = {}

    def evidence(self, start: int, end: int) -> Evidence:
        text = doc_text(self.sent.doc)
        return Evidence(self.article_id, start, end, text[start:end])

    def add(self, kind: CasualtyKind, q: Quantity, trigger: Token | None) -> None:
        key = (kind, q.start, q.end)
        if any(k[1] < q.end and q.start < k[2] for k in self.found):
            return  # one number, one report: the first (most specific) reading wins
        t_ev = None
        start, end = q.start, q.end
        if trigger is not None:
            t_ev = self.evidence(trigger.idx, trigger.idx + len(trigger.text))
            start, end = min(start, trigger.idx), max(end, trigger.idx + len(trigger.text))
        sent = self.sent
        self.found[key] = Casualty(
            kind, q, self.evidence(start, end), self.evidence(sent.start_char, sent.end_char),
            t_ev, self.cumulative,
        )

    def quantity_in(self, start: int, end: int) -> Quantity | None:
        """The last quantity lying within the character range (the one nearest the noun)."""
        inside = [q for q in self.quantities if q.start >= start and q.end <= end]
        return inside[-1] if inside else None


def _sentence_casualties(sent: Span, lex: _Lexicon, article_id: str) -> list[Casualty]:
    s = _Sentence(sent, lex, article_id)
    for token in sent:
        _verb_casualty(s, token)
        _noun_casualty(s, token)
    _state_casualties(s)
    _condition_casualties(s)
    return sorted(s.found.values(), key=lambda c: (c.quantity.start, c.kind))


def _kind_of_verb(token: Token, lex: _Lexicon) -> CasualtyKind | None:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBN", "VBD", "VBG") and not any(
        c.dep_ == "nsubj" for c in token.children
    ):
        return None  # a noun, unless it has a subject ("Juvenile shot in arm": a misread verb)
    if lemma in lex.killed_verbs:
        return "killed"
    if lemma in lex.injured_verbs:
        # "was fatally injured": a death told with an injury verb.
        return "killed" if {c.lower_ for c in token.children} & lex.fatally else "injured"
    if lemma in lex.shot_verbs:
        children = {c.lower_ for c in token.children}
        if children & lex.fatally or "dead" in children:
            return "killed"
        if any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.lower_ == "death" for g in c.children) for c in token.children):
            return "killed"
        if lemma != "shoot" and not any(
            g.lower_ in lex.shot_agents for c in token.children if c.dep_ == "agent"
            for g in c.children
        ) and not any(
            c.dep_ == "nsubj" and c.lower_ in lex.shot_agents for c in token.children
        ):
            return None  # "hit" and "struck" are shootings only when bullets do it
        return "shot"
    if lemma == "survive" and any(c.dep_ == "neg" for c in token.children):
        return "killed"
    if lemma in lex.hospital_verbs and any(t.lower_ in ("hospital", "hospitals")
                                           for t in token.subtree):
        return "shot"  # "sent four people to the hospital": hurt, fatal or not
    return None


def _victim(token: Token, kind: CasualtyKind) -> Token | None:
    """The victim of a casualty verb: passive or intransitive subject, object, or head noun."""
    children = list(token.children)
    passive = any(c.dep_ == "auxpass" for c in children) or token.tag_ == "VBN"
    intransitive = token.lemma_.lower() in ("die", "perish", "survive", "go")
    for c in children:
        if c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and intransitive):
            return c.head.head if c.lower_ in ("who", "that") and c.head.dep_ == "relcl" else c
    for c in children:
        if c.dep_ in _OBJECTS:
            return c
    headline = _headline_passive(token)
    if headline is not None:
        return headline
    if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
        return _victim(token.head, kind)  # "a man was shot and killed": shared subject
    if token.dep_ in ("acl", "amod") and (passive or token.tag_ == "VBD"):
        return token.head  # "two people killed in ...", "left a boy injured" (misread VBD)
    if token.dep_ == "relcl" and passive:
        return token.head
    if token.dep_ == "pcomp" and passive and token.head.head.pos_ in ("VERB", "AUX"):
        # "is recovering after being shot": the victim is the subject of the main clause.
        return next((c for c in token.head.head.children if c.dep_ in _SUBJECTS), None)
    return None


def _headline_passive(token: Token) -> Token | None:
    """The subject of a headline's reduced passive ("Teen injured in ...", "Man shot by cousin").

    Headlines drop the auxiliary, so the tagger reads an active verb with a subject. It is a
    passive when nothing follows as an object (the verb has none, shares none with a conjoined
    verb, and is not "shot at"), no auxiliary stands by it, and the subject is a bare noun
    ("Buffalo man", not "the gunman") or the verb a past participle.
    """
    children = list(token.children)
    subjects = [c for c in children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or token.dep_ not in ("ROOT", "ccomp") or token.tag_ not in (
        "VBN", "VBD"
    ):
        return None
    if any(c.dep_ in ("aux", "auxpass", "neg", "dobj", "ccomp", "xcomp") for c in children):
        return None
    if any(c.dep_ == "prep" and c.lower_ == "at" for c in children):
        return None
    if any(c.dep_ == "conj" and any(g.dep_ == "dobj" for g in c.children) for c in children):
        return None
    subject = subjects[0]
    if subject.pos_ == "PRON":
        return None
    bare = not any(c.dep_ in ("det", "poss") for c in subject.children)
    return subject if bare or token.tag_ == "VBN" else None


def _victim_quantity(s: _Sentence, victim: Token) -> Quantity | None:
    lex = s.lex
    lower = victim.lower_
    det_no = any(c.lower_ in ("no", "none") and c.dep_ == "det" for c in victim.children)
    if lower in lex.none_subjects or det_no:
        if any(c.lower_ in ("other", "else", "further", "more") for c in victim.children):
            return None  # "no other injuries": says nothing of the ones already counted
        start = min(victim.idx, victim.left_edge.idx)
        end = victim.idx + len(victim.text)
        return Quantity(0, 0, 0, doc_text(s.sent.doc)[start:end], True, start, end)
    parts = [victim, *victim.conjuncts]  # "a man, woman and child": every conjunct
    if victim.tag_ in ("NN", "NNP") and victim.lower_ not in lex.group_nouns:
        # "A man, a woman and a boy": the parser may read the list as an apposition; one
        # person cannot be broken down, so the list names others (a plural's apposition,
        # "four teens, one ... and three ...", is a breakdown and is left alone).
        for listed in (
            c for c in victim.children if c.dep_ == "appos" and c.conjuncts and not c.like_num
        ):
            parts.extend((listed, *listed.conjuncts))
    known: list[Quantity] = []
    for index, part in enumerate(parts):
        if index and not _names_people(part, lex):
            continue  # "four people and two vehicles were shot": cars are no casualties
        q = _one_victim(s, part)
        # "nine hundred and one people": the parser may split one number into conjuncts.
        if q is not None and not any(k.start <= part.left_edge.idx < k.end for k in known):
            known.append(q)
    if not known:
        return None
    if len(known) == 1:
        return known[0]
    text = doc_text(s.sent.doc)
    if victim.lemma_.lower() in _GENERIC_VICTIMS and "," in text[known[0].end : known[1].start]:
        # "six people, three men and three women": the list after the comma breaks them down.
        return known[0]
    # Conjoined groups are different people: "two officers and three civilians" = 5.
    best = None if any(q.best is None for q in known) else sum(q.best or 0 for q in known)
    start, end = known[0].start, known[-1].end
    exact = all(q.exact for q in known)
    return Quantity(
        best, best if exact else None, best if exact else None, doc_text(s.sent.doc)[start:end],
        exact, start, end,
    )


def _names_people(token: Token, lex: _Lexicon) -> bool:
    """True when a conjoined victim word names people (or is a bare number or a name)."""
    lemma = token.lemma_.lower()
    return (
        lemma in lex.person_nouns or token.lower_ in lex.group_nouns or lemma in lex.group_nouns
        or token.ent_type_ == "PERSON" or token.lower_.endswith("-old")
        or token.lower_ in lex.person_pronouns
    )


def _one_victim(s: _Sentence, victim: Token) -> Quantity | None:
    lex = s.lex
    end = victim.idx + len(victim.text)
    q = s.quantity_in(victim.left_edge.idx, end)
    if q is None:
        # "three thousand nine hundred and one people": the parser may end the phrase mid-number.
        starting = [q for q in s.quantities if victim.left_edge.idx <= q.start < end]
        q = starting[-1] if starting else None
    if q is not None:
        return q
    lower, lemma = victim.lower_, victim.lemma_.lower()
    verb = victim.head.lemma_.lower()
    casualty_verb = verb in lex.killed_verbs or verb in lex.injured_verbs or verb in lex.shot_verbs
    if casualty_verb and victim.dep_ in _SUBJECTS and victim.tag_ in ("NN", "NNP") and (
        victim.ent_type_ not in ("ORG", "GPE", "LOC", "FAC", "NORP")
    ):
        lemma = "person"  # "Farmer shot", "a motel guest was injured": the one it befell
    if lower.endswith("year-old") or lemma.endswith("-old"):
        lemma = "person"  # "a 14-year-old" is one person
    singular = victim.tag_ in ("NN", "NNP", "PRP", "CD", "DT") or lower in lex.person_pronouns
    if lower in ("one", "another") or (lower in lex.person_pronouns) or (
        singular and (lemma in lex.person_nouns or victim.ent_type_ == "PERSON")
    ):
        if lower in lex.group_nouns:
            return None
        start = victim.left_edge.idx if victim.left_edge.i < victim.i else victim.idx
        return Quantity(1, 1, 1, doc_text(s.sent.doc)[start:end], True, start, end)
    if lower in lex.group_nouns or lemma in lex.person_nouns:
        return Quantity(None, None, None, victim.text, False, victim.idx, end)
    return None


def _verb_casualty(s: _Sentence, token: Token) -> None:
    kind = _kind_of_verb(token, s.lex)
    if kind is None:
        return
    if kind == "shot" and any(
        c.dep_ == "conj" and _kind_of_verb(c, s.lex) == "killed" for c in token.children
    ):
        return  # "shot and killed" is one death, counted by "killed"
    negated = any(c.dep_ == "neg" for c in token.children) and token.lemma_.lower() != "survive"
    victim = _victim(token, kind)
    if victim is None or (kind != "killed" and any(
        t.lower_ in s.lex.killed_states for t in (victim, *victim.children) if t.dep_ != "det"
    )):
        return  # "Two dead, 5 injured": "Two dead" is a toll of its own, not the injured
    q = _victim_quantity(s, victim)
    if q is None or (negated and q.best != 0):
        return
    s.add(kind, q, token)
    # "four people were shot, one fatally": the fatal part is a death of the same shooting.
    for c in token.children:
        if c.dep_ in ("npadvmod", "advmod", "appos", "conj") and any(
            g.lower_ in s.lex.fatally for g in c.subtree
        ):
            fatal = s.quantity_in(c.left_edge.idx, c.idx + len(c.text))
            if fatal is not None:
                s.add("killed", fatal, c)


def _noun_casualty(s: _Sentence, token: Token) -> None:
    """"The death of his son", "shooting death of a 14-year-old", "was pronounced dead"."""
    lex = s.lex
    if token.lower_ in ("death", "killing", "murder", "slaying", "homicide") and not any(
        c.lower_ == "attempted" for c in token.children
    ):
        victims = [v for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                   for v in prep.children if v.dep_ == "pobj"]
        # "his friend's shooting death": the possessor died.
        victims.extend(c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON")
        for victim in victims:
            q = _victim_quantity(s, victim)
            if q is not None:
                s.add("killed", q, token)
    if token.lower_ in lex.shot_nouns:
        # "charged in the shooting of a 12-year-old": hit by gunfire, fatal or not.
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for victim in (v for v in prep.children if v.dep_ == "pobj"):
                q = _victim_quantity(s, victim)
                if q is not None:
                    s.add("shot", q, token)
    if token.lower_ in lex.deadly_events and any(
        c.dep_ == "amod" and c.lower_ in _DEADLY for c in token.children
    ):
        # "a fatal shooting": someone died, how many the phrase does not say.
        start, end = token.idx, token.idx + len(token.text)
        s.add("killed", Quantity(None, None, None, token.text, False, start, end), token)
    _wound_casualty(s, token)
    if token.lower_ in lex.killed_states and token.dep_ in ("oprd", "acomp", "advmod", "xcomp"):
        verb = token.head
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if verb.lemma_.lower() in ("pronounce", "find", "declare", "be", "lie") and subjects:
            q = _victim_quantity(s, subjects[0])
            if q is not None:
                s.add("killed", q, token)


def _wound_casualty(s: _Sentence, token: Token) -> None:
    """"Three men with gunshot wounds", "suffering from injuries", "treated for gunshot wounds"."""
    lex = s.lex
    if token.lemma_.lower() not in lex.wound_nouns or any(
        c.dep_ == "det" and c.lower_ in ("no", "any") for c in token.children
    ):
        return
    holder = token.head
    if token.dep_ == "pobj" and holder.dep_ == "prep" and holder.lower_ in ("with", "from", "for"):
        holder = holder.head
    elif not (token.dep_ == "dobj" and holder.lemma_.lower() in lex.wound_verbs):
        return
    if holder.lemma_.lower() in lex.killed_verbs:
        return  # "died of his wounds": a death, counted by the verb
    victim: Token | None = holder
    if holder.pos_ in ("VERB", "AUX"):
        objects = [c for c in holder.children if c.dep_ == "dobj"]
        subjects = [c for c in holder.children if c.dep_ in _SUBJECTS]
        if holder.lemma_.lower() == "leave" and objects:
            victim = objects[0]  # "the shooting left a teen with minor injuries"
        elif subjects:
            victim = subjects[0]
        elif holder.dep_ in ("acl", "relcl", "conj") and holder.head.pos_ in ("NOUN", "PROPN"):
            victim = holder.head  # "a man suffering from gunshot wounds"
        else:
            victim = None
    q = _victim_quantity(s, victim) if victim is not None else None
    if q is None and holder.pos_ in ("NOUN", "PROPN"):
        # "walked into a gas station with gunshot wounds": the place is not the victim.
        verb = next((a for a in holder.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS] if verb is not None else []
        q = _victim_quantity(s, subjects[0]) if subjects else None
    if q is not None:
        gunshot = any(c.lower_ in ("gunshot", "bullet") for c in token.children)
        s.add("shot" if gunshot else "injured", q, token)


def _state_casualties(s: _Sentence) -> None:
    """A number then a state word or casualty noun: "4 dead", "two others injured", "15 deaths"."""
    lex = s.lex
    toks = s.toks
    offset = s.sent.start_char
    doc = s.sent.doc
    for q, after in zip(s.quantities, s.after, strict=True):
        j = after
        nouns_only = True
        while j < len(toks) and (toks[j].text in lex.group_nouns or toks[j].text in (
            "more", "other", "people", "person", "were", "are", "was", "is", "have", "been")):
            nouns_only = nouns_only and toks[j].text not in ("were", "are", "was", "is", "have")
            j += 1
        if j >= len(toks):
            continue
        word = toks[j].text
        kind: CasualtyKind | None = None
        if word in lex.killed_states or word in lex.killed_nouns or word in lex.fatally:
            kind = "killed"
        elif word in lex.injured_states or word in lex.injured_nouns:
            kind = "injured"
        elif word in lex.shot_states and nouns_only:
            kind = "shot"
        if kind is None:
            continue
        trigger = doc.char_span(
            offset + toks[j].start, offset + toks[j].end, alignment_mode="expand"
        )
        s.add(kind, q, trigger[0] if trigger is not None and len(trigger) else None)
    # "4-year-old shot in ...": a headline's age noun is one victim.
    for i in range(3, len(toks) - 1):
        if toks[i].text != "old" or toks[i - 1].text != "-" or toks[i - 2].text != "year":
            continue
        word = toks[i + 1].text
        age_kind: CasualtyKind | None = (
            "killed" if word in lex.killed_states else "injured" if word in lex.injured_states
            else "shot" if word in lex.shot_states else None
        )
        start = next((t.start for t in toks[max(0, i - 4) : i - 2] if t.text[:1].isdigit()), None)
        if age_kind is not None and start is not None:
            q = Quantity(1, 1, 1, s.sent.text[start : toks[i].end], True,
                         offset + start, offset + toks[i].end)
            span = doc.char_span(offset + toks[i + 1].start, offset + toks[i + 1].end)
            s.add(age_kind, q, span[0] if span is not None and len(span) else None)
    # "the death toll rose to 15": the first quantity after a toll noun.
    for tok in toks:
        if tok.text != "toll":
            continue
        later = [q for q in s.quantities if q.start >= offset + tok.end]
        if later and later[0].start - (offset + tok.end) < 40:
            span = doc.char_span(offset + tok.start, offset + tok.end)
            s.add("killed", later[0], span[0] if span is not None else None)


def _condition_casualties(s: _Sentence) -> None:
    """"A man is in critical condition": the subject of the clause is injured."""
    lowered = s.sent.text.lower()
    for phrase in s.lex.conditions:
        at = lowered.find(phrase)
        if at < 0:
            continue
        span = s.sent.doc.char_span(s.sent.start_char + at, s.sent.start_char + at + len(phrase),
                                    alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX"):
            head = head.head
        subjects = [c for c in head.children if c.dep_ in _SUBJECTS]
        if not subjects and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN"):
            subjects = [head]  # a headline with no verb: "Teen in critical condition"
        if not subjects:
            continue
        q = _victim_quantity(s, subjects[0])
        if q is not None:
            s.add("injured", q, span.root)


def fatalities_for(
    casualties: list[Casualty],
    *,
    sentence: tuple[int, int] | None = None,
    trigger: tuple[int, int] | None = None,
) -> Fatalities | None:
    """The deaths of one event: the killed casualties its trigger governs, else its sentence's.

    Several figures for the same deaths give the most conservative one (ACLED's rule); a trigger
    governs one count (conjoined victim groups are already summed into it). None when the text
    mentions no deaths for the event.
    """
    killed = [c for c in casualties if c.kind == "killed"]
    chosen: list[Casualty] = []
    if trigger is not None:
        chosen = [c for c in killed if c.trigger is not None
                  and (c.trigger.start, c.trigger.end) == trigger]
    if not chosen and sentence is not None:
        chosen = [c for c in killed
                  if c.sentence.start >= sentence[0] and c.sentence.end <= sentence[1]]
    if not chosen:
        return None
    numbered = [c for c in chosen if c.quantity.best is not None]
    pick = min(numbered, key=lambda c: c.quantity.best or 0) if numbered else chosen[0]
    q = pick.quantity
    return Fatalities(q.best, q.min, q.max, q.text, pick.evidence)
