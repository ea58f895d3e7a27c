"""Actors: the actor dictionary, descriptive actors, in-article linking and the NGEC adapter.

``ActorDictionary.load()`` reads the packaged tables (sitroom/data/actors, described in its
README.md) and the user's own; ``find_actors(doc, dictionary, article_id=...)`` finds the actor
mentions of a parsed article. Nothing heavy happens at import: the spaCy matchers are built the
first time a dictionary meets a vocabulary, and kept with the dictionary.
"""

from sitroom.actors.describe import ActorDescription, describe_actor, search_nationality
from sitroom.actors.dictionary import Actor, ActorDictionary, Role, Standing
from sitroom.actors.find import find_actors
from sitroom.actors.ngec import ActorReference

__all__ = [
    "Actor",
    "ActorDescription",
    "ActorDictionary",
    "ActorReference",
    "Role",
    "Standing",
    "describe_actor",
    "find_actors",
    "search_nationality",
]
