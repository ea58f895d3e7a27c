"""The evaluation adapter: the date finder as a ``TimexTagger`` (meantime, tempeval3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitroom.dates.finder import DateFinder, load_date_finder
from sitroom.errors import EvaluationError
from sitroom.evaluate.system import PredictedTimex

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True, slots=True)
class DatesTimexTagger:
    """Tags TIMEX3 expressions with sitroom's date finder, resolving them against ``dct``.

    ``annotated_lines`` limits tagging to the first lines of each text, for corpora that
    annotate only those: MEANTIME annotates the title, the date line and the first sentences
    (its texts hold one sentence a line; 6 lines). None tags the whole text.
    """

    nlp: Language
    finder: DateFinder = field(default_factory=load_date_finder)
    annotated_lines: int | None = None

    def tag(self, text: str, dct: str | None) -> list[PredictedTimex]:
        """The time expressions of ``text``; ``dct`` is ``YYYY-MM-DD`` or None."""
        try:
            published = dt.date.fromisoformat(dct) if dct else None
        except ValueError as exc:
            raise EvaluationError(f"document creation time {dct!r} is not YYYY-MM-DD") from exc
        if self.annotated_lines is not None:
            text = "\n".join(text.split("\n")[: self.annotated_lines])
        doc = self.nlp(text)
        return [
            PredictedTimex(t.start, t.end, value=t.value, type=t.type)
            for t in self.finder.timexes(doc, published=published)
        ]
