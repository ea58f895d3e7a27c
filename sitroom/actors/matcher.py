"""Phrase matchers over the dictionary and the lexicon, built once per vocabulary and reused."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitroom.actors.lexicon import form_key, is_case_sensitive

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from sitroom.actors.dictionary import ActorDictionary

ALIAS = "alias"
LEXICON_CATEGORIES = ("noun", "modifier", "demonym", "people", "place")
SHOUTING_SHARE = 0.6
"""A sentence with this share of upper-case words is a headline in capitals ("ISIL SEIZES ...")."""
SHORT_ACRONYM = 3
"""In such a sentence, acronyms this short are as likely ordinary words ("US", "WHO", "IS")."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One match of a dictionary alias or lexicon form: tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    category: str
    key: str


@dataclass(frozen=True, slots=True)
class Matchers:
    """The phrase matchers of one dictionary for one spaCy vocabulary."""

    vocab: Any
    lower: Any
    orth: Any
    originals: Mapping[str, tuple[tuple[str, ...], ...]]
    """Matcher label → the token texts of the forms behind it (for capitalisation checks)."""

    def scan(self, doc: Doc) -> list[Hit]:
        """Every hit in ``doc`` that passes the case checks, in document order."""
        hits: list[Hit] = []
        strings = doc.vocab.strings
        shouting = _shouting_sentences(doc)
        for matcher, sensitive in ((self.lower, False), (self.orth, True)):
            for match_id, start, end in matcher(doc):
                label = strings[match_id]
                if sensitive:
                    if (
                        end - start == 1
                        and len(doc[start]) <= SHORT_ACRONYM
                        and (shouting and doc[start].sent.start in shouting)
                    ):
                        continue
                elif not any(
                    _capitals_agree(form, doc, start)
                    for form in self.originals[label]
                    if len(form) == end - start
                ):
                    continue
                category, key = label.split("\t", 1)
                hits.append(Hit(start, end, category, key))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits


def matchers_for(dictionary: ActorDictionary, doc: Doc) -> Matchers:
    """The matchers of ``dictionary`` for the vocabulary of ``doc``, built on first use."""
    vocab = doc.vocab
    cached = dictionary.cache.get(id(vocab))
    if isinstance(cached, Matchers) and cached.vocab is vocab:
        return cached
    built = build_matchers(dictionary, vocab, doc.lang_ or "en")
    dictionary.cache[id(vocab)] = built
    return built


def build_matchers(dictionary: ActorDictionary, vocab: Any, lang: str) -> Matchers:
    """Tokenise every alias and lexicon form (and their spelling variants) into two matchers."""
    import spacy
    from spacy.matcher import PhraseMatcher

    tokenizer: Any = spacy.blank(lang, vocab=vocab).tokenizer
    articles = dictionary.lexicon.word_set("article")
    forms: dict[str, dict[str, None]] = {}
    for actor in dictionary.actors.values():
        for name in actor.names:
            # The label keeps the alias as the dictionary indexes it; variants only match it.
            label = f"{ALIAS}\t{form_key(name)}"
            for variant in spelling_variants(
                name, person=actor.kind == "person", articles=articles
            ):
                forms.setdefault(label, {})[variant] = None
    lexicon = dictionary.lexicon
    tables: tuple[tuple[str, Iterable[str]], ...] = (
        ("noun", lexicon.nouns),
        ("modifier", lexicon.modifiers),
        ("demonym", lexicon.demonyms),
        ("people", lexicon.people),
        ("place", lexicon.places),
    )
    for category, keys in tables:
        for key in keys:
            original = lexicon.primary_forms.get(key, key)
            for variant in spelling_variants(original, person=False, articles=articles):
                # Lexicon lookups use the key of the form as written in the table.
                forms.setdefault(f"{category}\t{key}", {})[variant] = None
    lower = PhraseMatcher(vocab, attr="LOWER")
    orth = PhraseMatcher(vocab, attr="ORTH")
    originals: dict[str, tuple[tuple[str, ...], ...]] = {}
    for label, variants in forms.items():
        texts = list(variants)
        docs = list(tokenizer.pipe(texts))
        originals[label] = tuple(tuple(t.text for t in d) for d in docs)
        sensitive = [d for text, d in zip(texts, docs, strict=True) if is_case_sensitive(text)]
        insensitive = [
            d for text, d in zip(texts, docs, strict=True) if not is_case_sensitive(text)
        ]
        if sensitive:
            orth.add(label, sensitive)
        if insensitive:
            lower.add(label, insensitive)
    return Matchers(vocab, lower, orth, originals)


_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def spelling_variants(form: str, *, person: bool, articles: frozenset[str]) -> list[str]:
    """A form and the spellings news text uses for it.

    Accents dropped ("Erdoğan" → "Erdogan"), hyphens as spaces ("al-Maliki" → "al Maliki"),
    straight and curly apostrophes, and for people the Arabic article dropped inside a name
    ("Bashar al-Assad" → "Bashar Assad").
    """
    found = {form: None, strip_accents(form): None}
    for variant in list(found):
        if "-" in variant:
            found[_HYPHEN.sub(" ", variant)] = None
    for variant in list(found):
        if "'" in variant:
            found[variant.replace("'", "’")] = None
        if "’" in variant:
            found[variant.replace("’", "'")] = None
    if person and articles:
        pattern = re.compile(
            r"(?<= )(?:" + "|".join(sorted(map(re.escape, articles))) + r")[- ](?=\w)",
            re.IGNORECASE,
        )
        for variant in list(found):
            dropped = pattern.sub("", variant)
            if dropped != variant and len(dropped.split()) >= 2:
                found[dropped] = None
    return [v for v in found if v.strip()]


def strip_accents(text: str) -> str:
    """``text`` without combining accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _capitals_agree(form: tuple[str, ...], doc: Doc, start: int) -> bool:
    """A capitalised word of a name must not be written in lower case ("white house").

    ``form`` is one spelling of the name with as many words as the match at ``start``.
    """
    for offset, word in enumerate(form):
        if word[:1].isupper() and doc[start + offset].text.islower():
            return False
    return True


def _shouting_sentences(doc: Doc) -> set[int]:
    """Starts of the sentences written mostly in capitals."""
    found: set[int] = set()
    for sent in _sentences(doc):
        words = [t for t in sent if t.is_alpha and len(t) > 1]
        upper = sum(1 for t in words if t.is_upper)
        if len(words) >= 3 and upper >= SHOUTING_SHARE * len(words):
            found.add(sent.start)
    return found


def _sentences(doc: Doc) -> list[Span]:
    """The sentences of ``doc``, or the whole doc when it has no sentence boundaries."""
    if doc.has_annotation("SENT_START"):
        return list(doc.sents)
    return [doc[:]]
