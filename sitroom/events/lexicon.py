"""The event trigger lexicon, word classes and modality cues, read from sitroom's data files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sitroom.errors import ResourceError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
"""The 16 PLOVER event types of the data contract."""
POS_VALUES = frozenset({"VERB", "NOUN", "ADJ", "any"})
MODALITY_KINDS = frozenset({"negated", "hypothetical", "future", "claimed", "report"})
CUE_PLACES = frozenset({"aux", "gov", "mark", "det"})
MAX_GAP = 2
"""How many tokens a '*' in a pattern may stand for."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerEntry:
    """One line of the trigger lexicon: a pattern and the event it signals."""

    pattern: str
    pos: str
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    acled_by_actor: Mapping[str, str]
    condition: str | None
    rank: int
    line: int

    @property
    def words(self) -> tuple[str, ...]:
        """The pattern's words ('*' included)."""
        return tuple(self.pattern.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class ModalityCue:
    """One modality cue: a lemma (or lemma sequence), its kind and where it must stand."""

    cue: str
    kind: str
    where: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Trigger entries, word classes and modality cues; builds its spaCy matcher once per vocab."""

    entries: tuple[TriggerEntry, ...]
    classes: Mapping[str, frozenset[str]]
    cues: tuple[ModalityCue, ...]
    forms: Mapping[str, str] = field(default_factory=dict)
    """Irregular form -> lemma, for forms the tagger does not lemmatise."""
    _index: dict[int, TriggerIndex] = field(default_factory=dict, compare=False, repr=False)

    def words(self, name: str) -> frozenset[str]:
        """The words of class ``name`` (empty when the class is unknown)."""
        return self.classes.get(name, frozenset())

    def cues_of(self, where: str) -> Mapping[str, str]:
        """Cue lemma -> kind, for the one-word cues found at ``where``."""
        return {c.cue: c.kind for c in self.cues if c.where == where and " " not in c.cue}

    def multiword_cues(self) -> Mapping[str, tuple[str, str]]:
        """Head word -> (the other words, kind) of the multiword cues (``rule out``)."""
        return {
            c.cue.split()[0]: (" ".join(c.cue.split()[1:]), c.kind)
            for c in self.cues
            if " " in c.cue
        }

    def index(self) -> TriggerIndex:
        """The word index the trigger finder matches with, built on first use and kept."""
        built = self._index.get(0)
        if built is None:
            built = TriggerIndex.build(self.entries, self.forms)
            self._index[0] = built
        return built


@dataclass(frozen=True, slots=True)
class TriggerIndex:
    """Lexicon entries indexed by their first word, and every inflected form -> its lemmas.

    A dictionary index rather than spaCy's Matcher: the Matcher tests every pattern at every
    token, which took as long as the parser itself on a 700-word article (measured 90-140 ms);
    the index looks each token up once.
    """

    by_first: Mapping[str, tuple[int, ...]]
    lemmas_of_form: Mapping[str, frozenset[str]]
    words: tuple[tuple[str, ...], ...]

    @classmethod
    def build(
        cls, entries: tuple[TriggerEntry, ...], irregular: Mapping[str, str] | None = None
    ) -> TriggerIndex:
        """Index ``entries``; ``irregular`` maps irregular forms to their lemmas."""
        by_first: dict[str, list[int]] = {}
        forms: dict[str, set[str]] = {}
        for form, lemma in (irregular or {}).items():
            forms.setdefault(form, set()).add(lemma)
        for index, entry in enumerate(entries):
            by_first.setdefault(entry.words[0], []).append(index)
            for word in entry.words:
                for form in _inflections(word):
                    forms.setdefault(form, set()).add(word)
        return cls(
            {k: tuple(v) for k, v in by_first.items()},
            {k: frozenset(v) for k, v in forms.items()},
            tuple(e.words for e in entries),
        )

    def bases(self, lemma: str, lower: str) -> frozenset[str]:
        """The lexicon words a token (by its lemma and lower-case form) may be."""
        return self.lemmas_of_form.get(lower, frozenset()) | {lemma, lower}

    def match(self, tokens: Sequence[tuple[str, str, bool]]) -> list[tuple[int, int, int]]:
        """(entry index, start, end) of every entry matching ``tokens`` (lemma, lower, is_punct)."""
        bases = [self.bases(lemma, lower) for lemma, lower, _ in tokens]
        found = []
        for start, candidates in enumerate(bases):
            for word in candidates:
                for entry in self.by_first.get(word, ()):
                    end = self._match_rest(self.words[entry], 1, start + 1, bases, tokens)
                    if end is not None:
                        found.append((entry, start, end))
        return found

    def _match_rest(
        self,
        words: tuple[str, ...],
        k: int,
        i: int,
        bases: Sequence[frozenset[str]],
        tokens: Sequence[tuple[str, str, bool]],
    ) -> int | None:
        if k == len(words):
            return i
        if words[k] == "*":
            for gap in range(MAX_GAP + 1):
                if gap and (i + gap - 1 >= len(tokens) or tokens[i + gap - 1][2]):
                    break
                end = self._match_rest(words, k + 1, i + gap, bases, tokens)
                if end is not None:
                    return end
            return None
        if i < len(bases) and words[k] in bases[i]:
            return self._match_rest(words, k + 1, i + 1, bases, tokens)
        return None


def _inflections(word: str) -> list[str]:
    """The regular inflections of a lemma (over-generation is harmless: only real words occur)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return sorted(forms)


def _data_path(name: str) -> Path:
    return Path(str(resources.files("sitroom.data").joinpath(name)))


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    """The data rows of a TSV file (comments and the header skipped), with line numbers."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"cannot read {path}: {exc}") from exc
    rows = []
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append((number, line.split("\t")))
    return rows


def _parse_by_actor(text: str, where: str) -> dict[str, str]:
    if not text:
        return {}
    result = {}
    for part in text.split("|"):
        key, sep, value = part.partition(":")
        if not sep or key not in ("state", "non_state"):
            raise ResourceError(f"{where}: bad by_actor {text!r}")
        result[key] = value
    return result


def _entry(
    number: int, cells: list[str], path: Path, acled: Mapping[str, frozenset[str]]
) -> TriggerEntry:
    where = f"{path.name}:{number}"
    if len(cells) != 9:
        raise ResourceError(f"{where}: expected 9 tab-separated cells, got {len(cells)}")
    pattern, pos, kind, mode, event_type, sub_type, by_actor, condition, rank = cells
    if kind not in PLOVER_TYPES or pos not in POS_VALUES or not rank.isdigit():
        raise ResourceError(f"{where}: bad type, part of speech or rank")
    actor_map = _parse_by_actor(by_actor, where)
    for sub in [sub_type, *actor_map.values()]:
        if sub and sub not in acled.get(event_type, frozenset()):
            raise ResourceError(
                f"{where}: {sub!r} is not an ACLED sub-event type of {event_type!r}"
            )
    return TriggerEntry(
        pattern=pattern.lower(),
        pos=pos,
        type=kind,
        mode=mode or None,
        acled_event_type=event_type or None,
        acled_sub_event_type=sub_type or None,
        acled_by_actor=actor_map,
        condition=condition or None,
        rank=int(rank),
        line=number,
    )


def acled_sub_event_types() -> dict[str, frozenset[str]]:
    """ACLED event type -> its sub-event types, from ``acled.json``."""
    import json

    data = json.loads(_data_path("acled.json").read_text(encoding="utf-8"))
    return {k: frozenset(v["sub_event_types"]) for k, v in data["event_types"].items()}


def load_lexicon(
    triggers: Path | None = None,
    *,
    classes: Path | None = None,
    cues: Path | None = None,
    forms: Path | None = None,
) -> Lexicon:
    """Read the trigger lexicon, word classes, modality cues and irregular forms (packaged files
    by default)."""
    triggers = triggers or _data_path("events_triggers.tsv")
    classes = classes or _data_path("events_classes.tsv")
    cues = cues or _data_path("events_modality.tsv")
    acled = acled_sub_event_types()
    entries = tuple(_entry(n, cells, triggers, acled) for n, cells in _rows(triggers))
    word_classes: dict[str, frozenset[str]] = {}
    for number, cells in _rows(classes):
        if len(cells) != 2:
            raise ResourceError(f"{classes.name}:{number}: expected class<TAB>words")
        words = frozenset(w.strip().lower() for w in cells[1].split(",") if w.strip())
        word_classes[cells[0]] = word_classes.get(cells[0], frozenset()) | words
    cue_list = []
    for number, cells in _rows(cues):
        if len(cells) != 3 or cells[1] not in MODALITY_KINDS or cells[2] not in CUE_PLACES:
            raise ResourceError(f"{cues.name}:{number}: expected cue<TAB>kind<TAB>where")
        cue_list.append(ModalityCue(cue=cells[0].lower(), kind=cells[1], where=cells[2]))
    forms_path = forms or _data_path("events_forms.tsv")
    irregular = {}
    for number, cells in _rows(forms_path):
        if len(cells) != 2:
            raise ResourceError(f"{forms_path.name}:{number}: expected form<TAB>lemma")
        irregular[cells[0].lower()] = cells[1].lower()
    return Lexicon(entries, word_classes, tuple(cue_list), irregular)
