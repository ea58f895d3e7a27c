"""The cue lexicon: reporting verbs, belief verbs, naming verbs and source phrases."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitroom.errors import ResourceError

CUES_RESOURCE = "quotes_cues.tsv"
"""The packaged cue table in sitroom/data (its header comment documents the columns)."""
KINDS = frozenset(
    {"verb", "belief", "naming", "source", "object", "intent", "topic"}
    | {"raising", "passive", "question", "regard"}
)


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The cue words of the quote finder, by kind (lemmas, or lower-case word tuples)."""

    speech: frozenset[str]
    belief: frozenset[str]
    naming: frozenset[str]
    particles: frozenset[tuple[str, str]]
    sources: tuple[tuple[str, ...], ...]
    objects: frozenset[str]
    """Verbs whose direct object is what is reported ("praised the plan")."""
    intents: frozenset[str]
    """Verbs whose infinitive is what is reported ("vowed to fight", "urged them to stay")."""
    topics: frozenset[tuple[str, str]]
    """Verb and preposition pairs whose object is what is reported ("called for a ban")."""
    raising: frozenset[str]
    """Verbs whose whole clause is a view of no named source ("the deal seems to hold")."""
    passives: frozenset[str]
    """Verbs whose passive is such a view ("the vote is expected to pass")."""
    regards: frozenset[str]
    """Verbs whose object and its as-phrase are a view ("sees the vote as a test")."""
    questions: frozenset[str]
    """Verbs whose if-, whether- or wh-clause is what is asked ("asked if the road was open")."""

    def kind_of(self, lemma: str) -> str:
        """``speech``, ``belief`` or ``naming`` for a cue lemma, ``""`` for any other word."""
        if lemma in self.speech:
            return "speech"
        if lemma in self.belief:
            return "belief"
        if lemma in self.naming:
            return "naming"
        return ""


def load_cues(path: Path | None = None) -> CueLexicon:
    """Read the cue table (the packaged one unless ``path`` is given)."""
    if path is None:
        text = resources.files("sitroom.data").joinpath(CUES_RESOURCE).read_text("utf-8")
        where = CUES_RESOURCE
    else:
        text = path.read_text("utf-8")
        where = str(path)
    return parse_cues(text, where=where)


def parse_cues(text: str, *, where: str = "<cues>") -> CueLexicon:
    """Parse a cue table; raises ResourceError naming the line of a malformed row."""
    by_kind: dict[str, set[str]] = {kind: set() for kind in KINDS}
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split("\t")]
        if not header_seen:
            header_seen = True
            if fields[:2] == ["kind", "cue"]:
                continue
        if len(fields) < 2 or fields[0] not in KINDS or not fields[1]:
            raise ResourceError(
                f"{where}:{number}: expected 'kind<TAB>cue', kind one of {sorted(KINDS)}"
            )
        by_kind[fields[0]].add(fields[1].lower())
    speech = {c for c in by_kind["verb"] if "_" not in c}
    particles = {tuple(c.split("_", 1)) for c in by_kind["verb"] if "_" in c}
    return CueLexicon(
        speech=frozenset(speech),
        belief=frozenset(by_kind["belief"]),
        naming=frozenset(by_kind["naming"]),
        particles=frozenset((a, b) for a, b in particles),
        sources=tuple(sorted(tuple(c.split()) for c in by_kind["source"])),
        objects=frozenset(by_kind["object"]),
        intents=frozenset(by_kind["intent"]),
        topics=frozenset(_pair(c, where) for c in by_kind["topic"]),
        raising=frozenset(by_kind["raising"]),
        passives=frozenset(by_kind["passive"]),
        questions=frozenset(by_kind["question"]),
        regards=frozenset(by_kind["regard"]),
    )


def _pair(cue: str, where: str) -> tuple[str, str]:
    words = cue.split()
    if len(words) != 2:
        raise ResourceError(f"{where}: a topic cue is a verb and a preposition, not {cue!r}")
    return words[0], words[1]
