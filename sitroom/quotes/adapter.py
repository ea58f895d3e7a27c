"""The evaluation adapter: sitroom's quote finder behind the harness's QuoteExtractor protocol."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitroom.actors import ActorDictionary, find_actors
from sitroom.evaluate.system import PredictedQuote
from sitroom.quotes.cues import CueLexicon, load_cues
from sitroom.quotes.find import Found, find_attributions
from sitroom.quotes.marks import find_quoted

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class QuotesExtractor:
    """Runs the model, the actor stage and the quote finder on a text (the eval harness's view)."""

    nlp: Language
    actor_dictionary: ActorDictionary
    cues: CueLexicon = field(default_factory=load_cues)

    def extract_quotes(self, text: str) -> list[PredictedQuote]:
        """Return the quotes of ``text`` as the harness scores them."""
        return self.predictions(self.nlp(text))

    def predictions(self, doc: Doc) -> list[PredictedQuote]:
        """The predictions for an already parsed text."""
        actors = find_actors(doc, self.actor_dictionary, article_id="eval")
        found = find_attributions(doc, actors, article_id="eval", cues=self.cues)
        return to_predictions(doc.text, found)


def to_predictions(text: str, found: Sequence[Found]) -> list[PredictedQuote]:
    """Found quotes as predictions, in the attribution-corpus convention.

    Direct quotes take in their quotation marks, and a quote written in two pieces around its
    cue ('"A," he said. "B"') is one attribution covering both, as PolNeAR and its kin mark it.
    """
    marks = {q.inner: (q.start, q.end) for q in find_quoted(text)}
    merged: list[tuple[int, int, Found]] = []
    last_direct: int | None = None
    for f in found:
        q = f.quote
        start, end = marks.get((q.start, q.end), (q.start, q.end)) if q.direct else (q.start, q.end)
        if f.span is not None:
            start, end = min(start, f.span[0]), max(end, f.span[1])
        if f.joins_previous and last_direct is not None:
            # A report found between the two pieces ('"A," said X, who backs Y. "B"') stays apart.
            first = merged[last_direct]
            merged[last_direct] = (first[0], max(first[1], end), first[2])
            continue
        if q.direct:
            last_direct = len(merged)
        merged.append((start, end, f))
    out = []
    for start, end, f in merged:
        speaker = f.quote.speaker
        out.append(
            PredictedQuote(
                start,
                end,
                cue=f.quote.cue,
                speaker_name=speaker.name if speaker else None,
                speaker_start=speaker.start if speaker else None,
                speaker_end=speaker.end if speaker else None,
            )
        )
    return out
