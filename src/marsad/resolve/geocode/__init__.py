"""Geocoding: every place a report names, resolved with the report's own context.

:func:`find_places` scans a whole report with the gazetteer, keeps the longest of overlapping
names, drops names used as persons or factions, and resolves each remaining name in steps:

1. the words around it: ``X province``/``governorate`` -> the governorate (geo-precision 3);
   ``the countryside of X`` / ``X countryside`` / ``rural X`` where X is a governorate or its
   capital -> the governorate, a large region (precision 3; ``Damascus countryside`` -> Rural
   Damascus); ``near X``, ``outskirts of X``, the countryside of a smaller town -> the town
   (precision 2); ``X city`` -> the town (precision 1); ``X neighbourhood`` or ``X in <its
   city>`` -> the neighbourhood; ``the airbase of X`` -> the airbase filed as ``X airbase``;
   ``Tal X`` where only the village X is known -> that village (precision 2), and so
   ``Masaken X``, ``Jurud X``; ``X al-Y`` where the two words spell one village of the
   report's governorates -> that village ("Buwaydah al-Suwayqat");
2. the report's other places: each governorate named or implied by an unambiguous place votes,
   and candidates in governorates with more votes score higher; a neighbourhood scores higher
   when its city is named in the report; a place known only by a shortened name ("Baguz" for
   "Upper Baguz") is kept only where the report names its district;
3. the gazetteer's prior: Syria first, then city > town > village, population;
4. the precision: 1 for a town, neighbourhood or facility; 2 for a region or a ``near`` cue;
   3 for a governorate.

Capitalised words no name key matched are then tried as loose spellings: where the words
around them say they are places ("the town of X", "X village", "near X", or in a list of
places), by their consonants among the places of the report's governorates
(:meth:`~marsad.resolve.gazetteer.Gazetteer.fuzzy`: "Al-Lataminah" for "Latmana").

Far-away homonyms (:mod:`~marsad.resolve.geocode.local`): a village, or a small foreign
place, outside the governorates the report is about moves to a close spelling inside them
("Ayyas": Ayyash, not Ayaş in Turkey) or is dropped; a town moves only to a near-identical
spelling of one of its variants; a name the words after it place in a governorate where no
place bears it stands for that governorate (precision 3).  Last, quarters the gazetteer lacks,
listed as a city's ("the neighbourhoods of al-Ommal and al-Hwiqa in the city of Deir Ezzor"),
are placed at that city (:mod:`~marsad.resolve.geocode.quarters`), and "X and its airbase"
names the airbase filed under X.  A name the words around it call a place that no spelling
reaches ("Tal Bzam area", "the village of X") is coded at the governorate named right after it,
else at the one governorate the report is about (precision 3; a neighbourhood at that
governorate's capital, precision 2), keeping the report's words
(:mod:`~marsad.resolve.geocode.unknown`).  :func:`village_mentions` (not applied by
:func:`find_places`) places such a village at the town whose countryside the words after it
name ("in Duwaizin in the eastern countryside of Salamiyah": Salamiyah, precision 2), as ACLED
codes an unknown village.

>>> from marsad.model import Place
>>> from marsad.resolve.gazetteer import InMemoryGazetteer
>>> gaz = InMemoryGazetteer([Place("t:1", "Saraqib", 35.86, 36.80, "town", admin1="Idlib")])
>>> [(m.surface, m.geo_precision) for m in find_places("Shelling near Saraqib.", gaz)]
[('Saraqib', 2)]
"""

from __future__ import annotations

from marsad.resolve.geocode.find import find_places
from marsad.resolve.geocode.mention import PlaceMention, precision_of
from marsad.resolve.geocode.quarters import village_mentions

__all__ = ["PlaceMention", "find_places", "precision_of", "village_mentions"]
