"""Quotes: direct, partial and indirect quotes with their cues and speakers.

``find_quotes(doc, actors, article_id=...)`` reads the quotes of a parsed article whose actor
mentions the actor stage found; ``QuotesExtractor`` runs it for the evaluation harness. The cue
words live in sitroom/data/quotes_cues.tsv; nothing is read at import.
"""

from sitroom.quotes.adapter import QuotesExtractor, to_predictions
from sitroom.quotes.cues import CueLexicon, load_cues, parse_cues
from sitroom.quotes.find import Found, find_attributions, find_quotes, quote_id
from sitroom.quotes.marks import Quoted, find_quoted

__all__ = [
    "CueLexicon",
    "Found",
    "Quoted",
    "QuotesExtractor",
    "find_attributions",
    "find_quoted",
    "find_quotes",
    "load_cues",
    "parse_cues",
    "quote_id",
    "to_predictions",
]
