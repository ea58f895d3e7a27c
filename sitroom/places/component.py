"""A spaCy component that fixes place entities with the gazetteer: ``sitroom_toponyms``.

General NER misreads rare place names (on the sample reports "Tal Afar" is a PERSON,
"Saqlawiya" an ORG, "Samarra" NORP, "Levant" a PERSON). This component, added after ``ner``,
looks up runs of capitalised words in the gazetteer and relabels or adds GPE/LOC spans when a
name matches with enough support: a prominent entry (a country, a province, a large city) or
place context ("in X", "the city of X", "X, a Tigris city", "X west of Y"). Stop words
("March", "Police") never become places alone; person context ("Jordan said", "Mr X") blocks a
reading as a place. Importing this module registers the factory; the pipeline builder imports
it explicitly (sitroom/__init__ never does).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom.errors import ResourceError
from sitroom.places.gazetteer import Candidate, Gazetteer
from sitroom.places.normalise import normalise_name
from sitroom.places.sources import WordLists, load_words

FACTORY = "sitroom_toponyms"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
STRONG_FEATURES = frozenset({"country", "province", "region", "continent"})
AREA_FEATURES = frozenset({"region", "continent"})
CONNECTORS = frozenset({"of", "de", "del", "la", "al", "el", "and", "upon", "da", "do", "du"})
DATELINE_NEXT = frozenset({"(", "—", "–", "-", ","})
NONE, WEAK, STRONG = 0, 1, 2
"""How clearly the context says a place is named."""


@dataclass(frozen=True, slots=True)
class _Match:
    """A run of tokens whose text is a gazetteer name, and what supports reading it as a place."""

    start: int
    end: int
    key: str
    evidence: bool
    person: bool
    blocked: bool


@Language.factory(
    FACTORY,
    default_config={"min_population": 100_000, "max_words": 6},
    requires=["doc.ents"],
    assigns=["doc.ents"],
)
def make_toponym_component(
    nlp: Language, name: str, *, min_population: int, max_words: int
) -> ToponymComponent:
    """Create the component; give it a gazetteer with ``set_gazetteer`` before use."""
    return ToponymComponent(min_population=min_population, max_words=max_words)


def add_toponym_component(nlp: Language, gazetteer: Gazetteer) -> None:
    """Add ``sitroom_toponyms`` after ``ner`` (if not there yet) and give it ``gazetteer``."""
    if FACTORY in nlp.pipe_names:
        component = nlp.get_pipe(FACTORY)
    else:
        where = {"after": "ner"} if "ner" in nlp.pipe_names else {}
        component = nlp.add_pipe(FACTORY, **where)  # type: ignore[arg-type]
    if not isinstance(component, ToponymComponent):
        raise ResourceError(f"pipe {FACTORY!r} is not sitroom's toponym component")
    component.set_gazetteer(gazetteer)


class ToponymComponent:
    """Relabels and adds GPE/LOC entities where the gazetteer supports a place reading."""

    def __init__(self, *, min_population: int = 100_000, max_words: int = 6) -> None:
        self.min_population = min_population
        self.max_words = max_words
        self.words: WordLists = load_words()
        self._gazetteer: Gazetteer | None = None

    def set_gazetteer(self, gazetteer: Gazetteer) -> None:
        """Use ``gazetteer`` for lookups (and its word lists)."""
        self._gazetteer = gazetteer
        self.words = gazetteer.words

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer; raises ResourceError if none was given."""
        if self._gazetteer is None:
            raise ResourceError(f"the {FACTORY} component has no gazetteer: use "
                                "add_toponym_component(nlp, gazetteer)")
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        """Fix the place entities of ``doc``."""
        gazetteer = self.gazetteer
        matches = list(self._matches(doc, gazetteer))
        accepted = {m.key for m in matches if m.evidence and not m.person and not m.blocked}
        owner = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        removed: set[tuple[int, int]] = set()
        added: list[Span] = []
        for m in matches:
            if m.blocked or m.person or not (m.evidence or m.key in accepted):
                continue
            best = gazetteer.lookup_key(m.key)[0]
            end = self._division_end(doc, m.end, best)
            covered = {(e.start, e.end): e for i in range(m.start, end) if (e := owner.get(i))}
            if any(s < m.start or e > end for s, e in covered):
                continue  # part of a longer name ("Michael Jordan", "Toronto Police Board")
            if (m.start, end) in covered and covered[(m.start, end)].label_ in PLACE_LABELS:
                continue
            label = "LOC" if best.entry.feature in AREA_FEATURES else "GPE"
            removed.update(covered)
            added.append(Span(doc, m.start, end, label=label))
        people = [e.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
        kept = [
            e for e in doc.ents if (e.start, e.end) not in removed and not self._junk(e, people)
        ]
        doc.ents = self._merge_restatements(doc, sorted(kept + added, key=lambda s: s.start))
        return doc

    def _merge_restatements(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Join "Washington, D.C." into one span: the part after the comma names the same
        entry again (unlike "Paris, Texas", where it names the place that contains it)."""
        merged: list[Span] = []
        for ent in ents:
            last = merged[-1] if merged else None
            if (
                last is not None
                and last.label_ == "GPE"
                and ent.start == last.end + 1
                and doc[last.end].text == ","
                and ent.label_ in PLACE_LABELS
                and self._same_entry(last.text, ent.text)
            ):
                merged[-1] = Span(doc, last.start, ent.end, label="GPE")
            else:
                merged.append(ent)
        return merged

    def _same_entry(self, first: str, second: str) -> bool:
        """True when ``second`` names a town that ``first`` also names."""
        towns = {
            c.entry.geonameid for c in self.gazetteer.lookup(first) if c.entry.feature == "town"
        }
        return any(c.entry.geonameid in towns for c in self.gazetteer.lookup(second))

    def _division_end(self, doc: Doc, end: int, best: Candidate) -> int:
        """The end of the name with a capitalised division word after it ("Benue State")."""
        if (
            end < len(doc)
            and doc[end].lower_ in self.words.suffix
            and doc[end].text[0].isupper()
            and best.entry.feature in ("province", "town")
            and not (end + 1 < len(doc) and _capitalised(doc[end + 1]))
        ):
            return end + 1
        return end

    def _junk(self, ent: Span, people: list[str]) -> bool:
        """A place entity that is a stop word alone, or a person's name seen elsewhere."""
        if ent.label_ not in PLACE_LABELS:
            return False
        if len(ent) == 1 and ent.text.casefold() in self.words.stop:
            return True
        if ent.start > 0 and ent.doc[ent.start - 1].lower_ in self.words.not_place_before:
            return True
        found = self.gazetteer.lookup(ent.text)
        if found and (found[0].entry.feature in STRONG_FEATURES or len(ent) > 1):
            return False
        # "Gen Ghasem Soleimani" ... "Soleimani's visit": a surname tagged GPE.
        return any(name.endswith(" " + ent.text) for name in people)

    def _matches(self, doc: Doc, gazetteer: Gazetteer) -> Iterator[_Match]:
        """Gazetteer names among runs of capitalised tokens, longest first, left to right."""
        for start, end in self._runs(doc):
            i = start
            while i < end:
                found = None
                for j in range(min(end, i + self.max_words), i, -1):
                    if doc[j - 1].lower_ in CONNECTORS:
                        continue
                    key = normalise_name(doc[i:j].text)
                    if key and gazetteer.has_key(key):
                        found = (j, key)
                        break
                if found is None:
                    i += 1
                    continue
                j, key = found
                yield self._judge(doc, i, j, key, gazetteer, whole_run=(i == start and j == end))
                i = j

    def _runs(self, doc: Doc) -> Iterator[tuple[int, int]]:
        """Maximal runs of capitalised tokens (connectors allowed inside), as token ranges."""
        i, n = 0, len(doc)
        while i < n:
            if not _capitalised(doc[i]):
                i += 1
                continue
            j = i + 1
            while j < n and (
                _capitalised(doc[j])
                or (doc[j].lower_ in CONNECTORS and j + 1 < n and _capitalised(doc[j + 1]))
            ):
                j += 1
            yield i, j
            i = j

    def _judge(
        self, doc: Doc, start: int, end: int, key: str, gazetteer: Gazetteer, *, whole_run: bool
    ) -> _Match:
        """Weigh the context of one matched name."""
        words = self.words
        span = doc[start:end]
        prev = doc[start - 1].lower_ if start > 0 else ""
        best: Candidate = gazetteer.lookup_key(key)[0]
        strong = best.entry.feature in STRONG_FEATURES or (
            best.entry.feature == "town" and best.entry.population >= self.min_population
        )
        text = span.text
        # An acronym ("NATO", "CIS") is a place only as a sitroom alias ("US", "NSW").
        acronym = text.isupper() and len(text) <= 5 and best.match != "alias"
        blocked = (
            (end - start == 1 and text.casefold() in words.stop)
            or gazetteer.demonym(text) != ()
            or prev in words.not_place_before
            or (acronym and not span_upper(doc, 0, len(doc)))
        )
        labels = {t.ent_type_ for t in span if t.ent_type_}
        person = prev in words.person_title or _next_word(doc, end) in words.speech
        context = self._place_context(doc, start, end, gazetteer)
        if key in words.person_name or "PERSON" in labels:
            evidence = context == STRONG or (context == WEAK and "PERSON" not in labels)
            evidence = evidence or (strong and "PERSON" not in labels and whole_run)
            evidence = evidence or (best.entry.feature in AREA_FEATURES and prev == "the")
        elif not whole_run and not labels:
            # A name inside a longer capitalised run ("Bristol" in "Bristol Myers") needs context.
            evidence = context != NONE
        elif labels - PLACE_LABELS:
            # NER read another kind of name ("NATO" ORG): a small town needs more than "in X".
            evidence = strong or context == STRONG
        else:
            evidence = strong or context != NONE
        return _Match(start, end, key, evidence, person, blocked)

    def _place_context(self, doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> int:
        """How clearly the words around tokens start..end say that a place is named there.

        STRONG: a place noun ("the city of X", "X, a Tigris city", "X west of Y"), a dateline
        ("BEIRUT (AP) -") or "X, Country"; WEAK: a preposition or verb of place ("in X");
        else NONE.
        """
        words = self.words
        prev = doc[start - 1].lower_ if start > 0 else ""
        before_prev = doc[start - 2].lower_ if start > 1 else ""
        if prev in words.place_noun or (prev == "of" and before_prev in words.place_noun):
            return STRONG
        after = [t.lower_ for t in doc[end : end + 4]]
        if len(after) >= 2 and after[0] in words.place_noun and after[1] == "of":
            return STRONG  # "Saqlawiya west of Baghdad"
        if after[:1] == [","] and len(after) > 1:
            rest = after[1:]
            if rest[0] in words.place_noun or (rest[0] in ("a", "an", "the") and any(
                w in words.place_noun for w in rest[1:]
            )):
                return STRONG
            nxt = doc[end + 1]
            if _capitalised(nxt) and any(
                c.entry.feature in ("country", "province")
                for c in gazetteer.lookup_key(normalise_name(nxt.text), loose=False)
            ):
                return STRONG
        first = doc[start]
        is_dateline = first.is_sent_start or start == 0 or doc[start - 1].text.strip() == ""
        if is_dateline and span_upper(doc, start, end) and after[:1] and (
            after[0] in DATELINE_NEXT
        ):
            return STRONG
        return WEAK if prev in words.before else NONE


def span_upper(doc: Doc, start: int, end: int) -> bool:
    """True when the tokens are all in capitals (a dateline: "BEIRUT (AP) —")."""
    text = doc[start:end].text
    return text.isupper() and len(text) > 2


def _capitalised(token: Token) -> bool:
    """A token that may be (part of) a proper name: starts with a capital letter."""
    text = token.text
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def _next_word(doc: Doc, index: int) -> str:
    """The lower-case text of the token at ``index`` (past a possessive), or ""."""
    if index < len(doc) and doc[index].lower_ in ("'s", "’s"):
        index += 1
    return doc[index].lower_ if index < len(doc) else ""
