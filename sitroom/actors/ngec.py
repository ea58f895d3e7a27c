"""The NGEC actor-resolution unit tests, answered with sitroom's actor dictionary and patterns.

NGEC's calls and what they return here:

- ``search_nat(text)`` → ``result0`` the ISO3 code of the state the text names, ``result1``
  the text without it;
- ``short_text_to_agent(text)`` → ``result`` with ``code_1`` (sector), ``country``, ``pattern``;
- ``agent_to_code(text, context, date)`` → ``result`` with ``country``, ``code_1``, ``code_2``,
  ``wiki``, ``actor_wiki_job`` (the office held at ``date``), ``source`` ("country only" for a
  bare state), ``pattern``;
- ``query_wiki(text)`` → ``result`` with ``title`` (the actor's Wikipedia title), ``code`` as
  ``agent_to_code`` gives.

NGEC writes an international organisation's family (UNO, EUR, IGO) where a state would go,
so ``country`` falls back to it. ``context`` is not used (NGEC skips those tests too).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.actors.describe import ActorDescription, describe_actor, search_nationality
from sitroom.actors.dictionary import ActorDictionary

if TYPE_CHECKING:
    from spacy.language import Language

CALLS = frozenset({"search_nat", "short_text_to_agent", "agent_to_code", "query_wiki"})


@dataclass(frozen=True, slots=True)
class ActorReference:
    """A ReferenceAdapter (sitroom.evaluate.system) for ``ngec_actor_test_cases``."""

    nlp: Language
    dictionary: ActorDictionary

    def supports(self, call: str) -> bool:
        """True for the NGEC functions this adapter answers."""
        return call in CALLS

    def run(self, call: str, args: Sequence[object]) -> Mapping[str, object]:
        """Answer one call with the names NGEC's test binds."""
        text = args[0] if args else None
        if call == "search_nat":
            country, rest = search_nationality(str(text or ""), self.dictionary)
            return {"result0": country, "result1": rest}
        if not isinstance(text, str):
            return {"result": None}
        when = args[2] if len(args) > 2 and isinstance(args[2], str) and args[2] else None
        description = describe_actor(text, self.dictionary, self.nlp, when=when)
        agent = _agent(description)
        if call == "short_text_to_agent":
            return {"result": {k: agent[k] for k in ("code_1", "code_2", "country", "pattern")}}
        if call == "query_wiki":
            title = description.wiki if description.actor_id is not None else None
            return {"result": {"title": title} if title else None, "code": agent}
        return {"result": agent}


def _agent(description: ActorDescription) -> dict[str, object]:
    """NGEC's agent record for a description."""
    country_only = description.kind == "state"
    return {
        "country": description.country or description.igo,
        "code_1": description.sector,
        "code_2": description.sector2,
        "wiki": None if country_only else description.wiki,
        "actor_wiki_job": description.role,
        "source": "country only" if country_only else description.kind,
        "pattern": description.pattern,
    }
