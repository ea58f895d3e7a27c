"""Language identification of cleaned articles (py3langid, whose model ships inside the package)."""

from __future__ import annotations

import dataclasses
from typing import Any

from sitroom.records import Article

UNDETERMINED = "und"
"""The BCP 47 code for a language that could not be identified."""

# Identification past the first few thousand characters changes nothing but costs time.
_SAMPLE_CHARS = 4000


class LanguageDetector:
    """Identifies the language of a text with py3langid's bundled model, loaded once."""

    def __init__(self, *, min_confidence: float = 0.5) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self._identifier: Any = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self.min_confidence = min_confidence

    def detect(self, text: str) -> tuple[str, float]:
        """Return the ISO 639-1 code and its probability, or ``und`` when unsure."""
        code, probability = self._identifier.classify(text[:_SAMPLE_CHARS])
        if probability < self.min_confidence:
            return UNDETERMINED, float(probability)
        return str(code), float(probability)


def mark_language(article: Article, detector: LanguageDetector) -> Article:
    """Return the article with ``language`` set: from its metadata when given, else detected."""
    declared = article.metadata.language
    if declared:
        language = declared.strip().lower().replace("_", "-").split("-")[0]
    else:
        language, _ = detector.detect(article.text)
    return dataclasses.replace(article, language=language)


def is_english(article: Article) -> bool:
    """True when the article is (or is declared) English, the only language analysed so far."""
    return article.language == "en"
