"""Unknown places: names the words around them call places ("Tal Bzam area", "the village of
X", "X neighbourhood") that no spelling of the gazetteer reaches.

ACLED codes such a place at the smallest known area that holds it, with a coarser
geo-precision; so does this module, keeping the report's words as the mention:

- a governorate named right after it ("X village in the northern countryside of Hama") holds
  it: that governorate, precision 3;
- a town or city named right after it ("X village in Darbasiyah countryside") is left to
  extraction, which codes the event at that town with the unknown name as its evidence
  (:mod:`marsad.extraction.placing`);
- with nothing named after it, the one governorate the report is about holds it (a report about
  two governorates, or about Damascus and its countryside, leaves it unplaced);
- a neighbourhood ("X neighbourhood", "X and Y neighbourhoods") is placed at the city of that
  governorate the report named last before it, else at the governorate's capital, precision 2.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from marsad.model import Place
from marsad.resolve.gazetteer import Gazetteer
from marsad.resolve.geocode.local import in_governorate
from marsad.resolve.geocode.loose import Unplaced
from marsad.resolve.geocode.mention import PlaceMention

__all__ = ["stand_ins"]

# What may stand between an unknown name and the place that holds it, in one clause:
# "X village in the northern countryside of ", "X area north of ".
_HOLDER_GAP = re.compile(r"[^,;.:()\n]{0,50}")
_HOLDING = re.compile(r"\b(?:in|of|near|outskirts|countryside)\b", re.I)
_CONFIDENCE = 0.3
# Called a quarter of a city ("X neighbourhood", "the neighbourhood of X", "حي X"): an "area" may
# be a village's.
_QUARTER_AFTER = re.compile(
    r"(?:\s*(?:,|\band\b)\s*(?:[Aa]l-)?[A-Z][\w’'-]*(?:\s(?:[Aa]l-)?[A-Z][\w’'-]*)*)*"
    r"\s*(?:neighbou?rhoods?|quarters?|districts?)\b")
_QUARTER_BEFORE = re.compile(
    r"(?:\b(?:neighbou?rhoods?|quarter|district) of\s+(?:the\s+)?|(?:^|\s)[بول]?حي\s+)$", re.I)


def stand_ins(
    text: str, unplaced: Sequence[Unplaced], mentions: list[PlaceMention], gazetteer: Gazetteer
) -> list[PlaceMention]:
    """``mentions`` with each unknown place that a governorate or city can hold added, sorted
    by offset (see the module docstring)."""
    out = list(mentions)
    for item in unplaced:
        span = item.match.span
        if any(m.span.start < span.end and span.start < m.span.end for m in mentions):
            continue  # placed since (a listed quarter, a facility)
        holder = _holder(text, span.end, mentions)
        if holder is not None:
            if holder.place.feature not in ("governorate", "city"):
                continue
            admin1 = holder.place.admin1
        else:
            admin1 = next(iter(item.governorates)) if len(item.governorates) == 1 else None
        if admin1 is None:
            continue
        if _quarter(text, span.start, span.end):
            city = _city_before(span.start, admin1, mentions) or _capital(admin1, gazetteer)
            if city is not None:
                out.append(PlaceMention(span, item.match.surface, city, 2, _CONFIDENCE))
                continue
        elif holder is not None and holder.place.feature == "city":
            continue  # "X village near Idlib": extraction codes the city, the name as evidence
        held = in_governorate(item.match, admin1, gazetteer)
        if held is not None:
            out.append(PlaceMention(span, item.match.surface, held.place, held.geo_precision,
                                    _CONFIDENCE))
    return sorted(out, key=lambda m: m.span.start)


def _holder(text: str, end: int, mentions: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place named right after ``end`` in the same clause, after "in"/"of"/"near"."""
    for m in mentions:
        if m.span.start < end:
            continue
        gap = text[end : m.span.start]
        if _HOLDER_GAP.fullmatch(gap) and _HOLDING.search(gap):
            return m
        return None
    return None


def _quarter(text: str, start: int, end: int) -> bool:
    return (_QUARTER_AFTER.match(text, end) is not None
            or _QUARTER_BEFORE.search(text, max(0, start - 40), start) is not None)


def _city_before(start: int, admin1: str, mentions: Sequence[PlaceMention]) -> Place | None:
    """The city or town of that governorate the report named last before ``start`` (the quarters
    of Qamishli are not Al-Hasakah's)."""
    cities = [m.place for m in mentions if m.span.start < start
              and m.place.feature in ("city", "town")
              and m.place.admin1 == admin1 and m.geo_precision < 3]
    return cities[-1] if cities else None


def _capital(admin1: str, gazetteer: Gazetteer) -> Place | None:
    """The city of a governorate's name ("Homs" for Homs), if it has one."""
    for cand in gazetteer.lookup(admin1, limit=5):
        if cand.place.feature == "city" and cand.place.admin1 == admin1 and cand.score > 0:
            return cand.place
    return None
