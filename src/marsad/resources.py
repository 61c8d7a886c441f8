"""The shipped data extraction needs, loaded once by an explicit call.

>>> from marsad.resources import load_resources
>>> res = load_resources()            # doctest: +SKIP
>>> res.taxonomy.sub_event("Armed clash").event_type   # doctest: +SKIP
'Battles'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from marsad.extraction.lexicon import Lexicon, load_lexicon
from marsad.resolve.actors import ActorRegistry, load_actors
from marsad.resolve.gazetteer import Gazetteer, load_gazetteer
from marsad.vocab import Taxonomy, load_taxonomy

__all__ = ["Resources", "load_resources"]


@dataclass(frozen=True, slots=True, eq=False)
class Resources:
    """Gazetteer, actor registry, ACLED taxonomy and event lexicon, passed to the extractor."""

    gazetteer: Gazetteer
    actors: ActorRegistry
    taxonomy: Taxonomy
    lexicon: Lexicon


@functools.lru_cache(maxsize=1)
def load_resources() -> Resources:
    """Load the shipped data files (once per process; later calls return the same object)."""
    return Resources(
        gazetteer=load_gazetteer(),
        actors=load_actors(),
        taxonomy=load_taxonomy(),
        lexicon=load_lexicon(),
    )
