"""Where a trigger group happened: the places of its clause, one candidate per place.

After the trigger in its clause; else before it in its clause; else the last run of places
earlier in the sentence.  Dropped: containers of a more specific place ("X in the countryside of
Aleppo"), where people came from or went ("residents from X and Y headed to ..."), the second end
of a road ("between X and Y"), and places named only as a distance mark ("4 km away from the
Turkish point in X").  "In the village" after the trigger points back to the place named before it.
A trigger in a relative clause ("X airbase, which is besieged by Y") tells of the place it
follows; an airbase or a village listed after other places is a place of its own, not their region.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

from marsad.extraction.candidates import Group, PlaceLike, site_key, stands_in
from marsad.model import Span
from marsad.resolve.names import normalize_name

__all__ = ["drop_distance_marks", "group_reach", "places_for_group"]

_FROM = re.compile(
    r"\b(?:from|(?:heading|headed|head|travel+ing|going|returning|on (?:their|his|her|the) way)"
    r"\s+(?:to|towards?))\s+(?:the\s+)?(?:(?:city|town|village|villages|towns|area|areas)\s+of\s+)?$",
    re.I,
)
# "in the village": the place the sentence named before the trigger.
_HERE = re.compile(
    r"\b(?:in|at|inside) the (?:village|town|city|area|neighbou?rhood)\b(?! of)", re.I
)
# A place named as a distance mark ("... 4 km away from the Turkish point in X").
_DISTANCE = re.compile(r"\b(?:km|kilomet(?:er|re)s?|met(?:er|re)s?) (?:away )?from\b[^,;.]{0,60}$")


def _distance_mark(text: str, p: PlaceLike) -> bool:
    return _DISTANCE.search(text, max(0, p.span.start - 80), p.span.start) is not None


def drop_distance_marks(text: str, places: Sequence[PlaceLike]) -> list[PlaceLike]:
    """``places`` less those named only as a distance mark ("4 km away from ... in X"): what
    :func:`places_for_group` drops first, done once for a report's groups."""
    return [p for p in places if not _distance_mark(text, p)]


# People moving (displacement): where they went is not where the event is.
_FROM_OR_TO = re.compile(
    r"(?:"
    + _FROM.pattern.removesuffix("$")
    + r"|\b(?:to|towards?|into)\s+(?:the\s+)?(?:nearby\s+)?"
    + r"(?:(?:city|town|towns|village|villages|area|areas|camps?)\s+of\s+)?)$",
    re.I,
)
# What may stand between two names of one list: commas, "and", "the areas of", and other
# (capitalised) names the gazetteer does not know.
_LIST_GAP = re.compile(
    r"[\s,&]*(?:(?:and|the|city|town|village|villages|area|areas|of|camp|[A-Z][\w’'-]*)\b"
    r"[\s,&]*)*"
)
_PLACED_IN = re.compile(
    r"[^;.]{0,50}?\b(?:in|of|near|east|west|north|south|outskirts|countryside|province|city)\b"
    r"[^,;.]{0,30}",
    re.I,
)
_ADMIN_FEATURES = frozenset({"country", "governorate", "district", "subdistrict", "region"})
# Places at most this far apart form one run ("... X, Y and Z, as forces are encircling them").
_SHORT_GAP = 40
_AREAS = frozenset({"mountain", "region"})
_SMALL = frozenset({"village", "neighbourhood", "camp"})  # never a region of another place
# A site, not an area: it contains no other place of the clause ("... in X, Y and around the
# airbase of Z": the airbase is a fourth place, even when located only roughly).
_FACILITIES = frozenset({"airbase", "airport", "base", "dam", "oilfield", "crossing", "prison"})
_RIOT = "Riots"


def group_reach(group: Group, sentence: Span) -> tuple[int, int]:
    """Where the places :func:`places_for_group` can pick start: the group's sentence, clause
    or trigger (a caller with many places may pass only those, found by bisection)."""
    span = group.span
    return (min(sentence.start, group.clause.start, span.start),
            max(sentence.end, group.clause.end, span.end))


def places_for_group(
    group: Group,
    places: Sequence[PlaceLike],
    sentence: Span,
    *,
    text: str = "",
    claimed: set[int] | None = None,
    marks_dropped: bool = False,
) -> tuple[list[PlaceLike], str]:
    """The places a group's event happened at, and how they were found.

    After the trigger in its clause; else before it in its clause; else the last run of places
    earlier in the sentence ("... encircling these areas").  Containers of a more specific place
    ("X in the countryside of Aleppo") are dropped.  Places an earlier group of the sentence
    already took (``claimed``: their start offsets) are reused only once, the nearest one
    ("clashes in X, Y and Z amid shelling": the shelling is not at every village).
    ``marks_dropped``: ``places`` already went through :func:`drop_distance_marks`.
    """
    taken = claimed if claimed is not None else set()
    span = group.span
    if text and not marks_dropped:
        places = drop_distance_marks(text, places)
    lo, hi = group_reach(group, sentence)
    near = [p for p in places if lo <= p.span.start <= hi]
    found = [p for p in near if span.end <= p.span.start < group.clause.end]
    if _HERE.search(text, span.end, found[0].span.start if found else group.clause.end):
        # "... arresting five people in the village, and in X ...": the village told before
        told = [p for p in near if sentence.start <= p.span.start and p.span.end <= span.start]
        told = [p for p in _not_origin(text, told, strict=True) if p.geo_precision < 3]
        if told:
            return [told[-1]], "before"
    owner = _relative_owner(group, places, text)
    if owner is not None:
        return [owner], "before"
    lead = _FROM_OR_TO if group.rule.movement else _FROM
    after = _not_second_end(text, _not_origin(text, found, strict=True, lead=lead))
    if after:
        return _specific(after, text), "after"
    before = [p for p in near if group.clause.start <= p.span.start and p.span.end <= span.start]
    before = _not_second_end(text, _not_origin(text, before))
    if before:
        return _unclaimed(_specific(before, text), taken), "before"
    if found:  # only where people came from: better than nothing
        return _specific(found, text), "after"
    inside = [p for p in near if span.start <= p.span.start and p.span.end <= span.end]
    if inside and group.event_type == _RIOT:
        # a crowd's place inside its trigger ("residents of X stormed the council building")
        return _specific(inside, text), "after"
    earlier = [p for p in near if sentence.start <= p.span.start and p.span.end <= span.start]
    if earlier:
        run = [earlier[-1]]
        for p in reversed(earlier[:-1]):
            if run[0].span.start - p.span.end > _SHORT_GAP:
                break
            run.insert(0, p)
        return _unclaimed(_specific(run, text), taken), "sentence"
    return [], "none"


# "... near X airbase, which is besieged by ...": the relative clause tells of X.
_RELATIVE = re.compile(
    r"[\s,]*\b(?:which|that)\s+(?:is|are|was|were|has been|have been)\s+(?:still\s+)?"
    r"(?:being\s+)?$",
    re.I,
)


def _relative_owner(group: Group, places: Sequence[PlaceLike], text: str) -> PlaceLike | None:
    """The place a relative clause's trigger tells of ("X, which is besieged by Y": X)."""
    if not text:
        return None
    start = group.span.start
    m = _RELATIVE.search(text, max(0, start - 40), start)
    if m is None:
        return None
    return next((p for p in places if p.span.end == m.start()), None)


def _not_origin(
    text: str, found: list[PlaceLike], *, strict: bool = False, lead: re.Pattern[str] = _FROM
) -> list[PlaceLike]:
    """Drop where people came from or were heading ("residents from X, Y and Z headed to ...",
    "a young man from Aleppo was kidnapped in X", "... in X, while heading to Y"), when another
    place is left (``strict``: even when none is)."""
    if not text or (len(found) < 2 and not strict):
        return found
    kept: list[PlaceLike] = []
    chain_end: int | None = None  # end of the current "from X, Y and Z" list
    for p in found:
        if chain_end is not None and _LIST_GAP.fullmatch(text, chain_end, p.span.start):
            chain_end = p.span.end
            continue
        chain_end = None
        if lead.search(text, max(0, p.span.start - 40), p.span.start):
            chain_end = p.span.end
            continue
        kept.append(p)
    return kept if strict else (kept or found)


# "on the road between X and Y": ACLED codes the first-named place.
_SECOND_END = re.compile(r"\s+and\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$", re.I)
_BETWEEN_PLACES = re.compile(
    r"\bbetween\s+(?:the\s+)?(?:(?:towns?|villages?|cities)\s+of\s+)?$", re.I
)


def _not_second_end(text: str, found: list[PlaceLike]) -> list[PlaceLike]:
    """Drop Y of "between X and Y" (a road or an area between two places)."""
    if not text or len(found) < 2:
        return found
    kept: list[PlaceLike] = [found[0]]
    for prev, p in itertools.pairwise(found):
        if _SECOND_END.fullmatch(text, prev.span.end, p.span.start) and _BETWEEN_PLACES.search(
            text, max(0, prev.span.start - 30), prev.span.start
        ):
            continue
        if _DASH.fullmatch(text, prev.span.end, p.span.start) and _ROAD_AFTER.match(
                text, p.span.end):
            continue  # "the Manbij–Jarablus road": one road, named by both its ends
        kept.append(p)
    return kept


_DASH = re.compile(r"\s*[-–—]\s*")
_ROAD_AFTER = re.compile(r"\s+(?:international\s+)?(?:road|highway|motorway)\b", re.I)


def _unclaimed(found: list[PlaceLike], claimed: set[int]) -> list[PlaceLike]:
    free = [p for p in found if p.span.start not in claimed]
    if free or not found:
        return free
    return found if len(found) <= 2 else [found[-1]]


@functools.lru_cache(maxsize=4096)
def _key(name: str | None) -> str:
    """A place name's normal form, memoised: reports repeat the same few names."""
    return normalize_name((name or "").replace("Governorate", "").replace("Province", ""))


def _inside(text: str, inner: PlaceLike, outer: PlaceLike) -> bool:
    """ "<inner> in/of/near <outer>": the second name places the first, it is no second place."""
    if outer.span.start < inner.span.end:
        return False
    return bool(_PLACED_IN.fullmatch(text, inner.span.end, outer.span.start))


# "<village> (village), (4 km) north-west of <town>": the town is a bearing, not a scene
_BEARING_OF = re.compile(
    r"(?:\s+(?:village|town|area|camp|hill))?,?\s+(?:(?:about|some|nearly)\s+)?"
    r"(?:\d+\s*(?:km|kilomet(?:er|re)s)\s+)?"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of\s+"
    r"(?:the\s+)?(?:(?:city|town)\s+of\s+)?",
    re.I,
)
_REGION_INCLUDING = re.compile(
    r"\s+(?:countryside|outskirts|area|region|suburbs)[^.;:]{0,30}?,?\s+(?:including|such as|"
    r"namely|among them)\s+[^.;:]{0,80}",
    re.I,
)
# "villages in X": X holds settlements of its own, not the places listed before it
_SETTLEMENTS_IN = re.compile(r"\b(?:villages|towns|hamlets|farms|hills)\s+(?:in|of)\s+(?:the\s+)?$",
                             re.I)


def _own_area(text: str, m: PlaceLike) -> bool:
    return bool(text) and m.place.feature not in _ADMIN_FEATURES and (
        _SETTLEMENTS_IN.search(text, max(0, m.span.start - 30), m.span.start) is not None
        # "the villages of X countryside, including A and B": X is their region after all
        and _REGION_INCLUDING.match(text, m.span.end) is None)


def _specific(mentions: Sequence[PlaceLike], text: str = "") -> list[PlaceLike]:
    """Drop mentions that only contain another one (a governorate, the district, the city)."""
    if len(mentions) < 2:
        return list(mentions)
    out: list[PlaceLike] = []
    seen: set[str] = set()
    for m in mentions:
        place = m.place
        # a place the gazetteer lacks, coded at its governorate or town, contains nothing;
        # nor does an area of unnamed settlements ("..., Y and Z, and villages in Jabal X")
        contains_other = not stands_in(m) and not _own_area(text, m) and any(
            o is not m
            and (o.place.id != place.id or stands_in(o))
            and (
                (place.feature in _ADMIN_FEATURES and o.place.feature not in _ADMIN_FEATURES)
                # "X in the countryside of Latakia": the region named after its capital
                or (
                    (_inside(text, o, m) or m.geo_precision >= max(2, o.geo_precision))
                    and _key(place.name)
                    in {_key(o.place.admin1), _key(o.place.admin2), _key(o.place.admin3)}
                )
                or (
                    m.geo_precision > o.geo_precision
                    and o.span.start < m.span.start
                    and place.feature not in _SMALL
                    # "X village near the airbase" (an airbase only locates it), not "X and
                    # around the airbase"
                    and (place.feature not in _FACILITIES or _inside(text, o, m))
                )
                # "Tal X area in Jabal al-Akrad": the mountain only places the village
                or (place.feature in _AREAS and _inside(text, o, m))
                # "X village west of Manbij": a bearing from a town only places the village
                or (bool(text) and o.span.end <= m.span.start
                    and _BEARING_OF.fullmatch(text, o.span.end, m.span.start) is not None)
                # "the villages of Tal Tamr countryside, including X and Y": the region of the
                # villages listed after it
                or (bool(text) and m.span.end <= o.span.start
                    and _REGION_INCLUDING.fullmatch(text, m.span.end, o.span.start) is not None)
                # "the X neighbourhood in Homs": Homs only places the quarter it stands in for
                or (o.place.id == place.id and stands_in(o) and not stands_in(m))
            )
            for o in mentions
        )
        if not contains_other and site_key(m) not in seen:
            out.append(m)
            seen.add(site_key(m))
    return out or [mentions[0]]
