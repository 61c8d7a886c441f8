"""The gazetteer: Syrian places (and neighbouring countries' towns) under every spelling.

:func:`load_gazetteer` opens the SQLite file shipped in ``marsad/data/gazetteer.sqlite`` (built by
``scripts/build_gazetteer.py`` from OCHA, OpenSyria, GeoNames and a curated file) and indexes its
name keys (see :mod:`marsad.resolve.names`) in an Aho-Corasick automaton.
:class:`InMemoryGazetteer` is the same index built from a few :class:`~marsad.model.Place`
records, for tests.

The modules, by topic: ``model`` (what a gazetteer answers: :class:`Candidate`,
:class:`NameMatch`, the :class:`Gazetteer` protocol, :func:`prior`), ``index`` (the places
indexed by key, lookups), ``scan`` (the automaton over folded text), ``words`` (capitals,
articles, stop words), ``fuzzy`` (loose spellings by consonants), ``lexicon`` (the words read
around names) and ``store`` (opening the shipped file).

>>> from marsad.model import Place
>>> gaz = InMemoryGazetteer([Place("t:1", "Al-Hasakah", 36.51, 40.76, "city")])
>>> [m.surface for m in gaz.scan("Clashes in al-Hasakeh and Hasaka.")]
['al-Hasakeh', 'Hasaka']
"""

from __future__ import annotations

from marsad.resolve.gazetteer.index import InMemoryGazetteer, SqliteGazetteer
from marsad.resolve.gazetteer.lexicon import PlaceLexicon, default_lexicon_path, load_place_lexicon
from marsad.resolve.gazetteer.model import (
    FEATURE_WEIGHT,
    Candidate,
    Gazetteer,
    NameMatch,
    prior,
)
from marsad.resolve.gazetteer.store import default_gazetteer_path, load_gazetteer

__all__ = [
    "FEATURE_WEIGHT",
    "Candidate",
    "Gazetteer",
    "InMemoryGazetteer",
    "NameMatch",
    "PlaceLexicon",
    "SqliteGazetteer",
    "default_gazetteer_path",
    "default_lexicon_path",
    "load_gazetteer",
    "load_place_lexicon",
    "prior",
]
