"""Places the gazetteer lacks, placed at the place the sentence names: quarters at their city
(:func:`quarter_mentions`), villages at their town or governorate (:func:`village_mentions`).

"the neighbourhoods of al-Ommal, al-Sinaa and al-Hwiqa in the city of Deir Ezzor" names three
quarters the gazetteer does not hold (or holds only as villages elsewhere).  Each is placed at
the city the sentence names (geo-precision 1, as ACLED codes a neighbourhood at its city),
keeping the report's words as its surface.  A name is taken only where both hold:

1. it is in a list of quarters: after "neighbourhood(s) of", "areas of", "district of" with
   only names and list words between, or before "neighbourhoods";
2. the same sentence goes on to name the city: "in the city of X", "in X city" or "in X",
   where X resolved to a Syrian city.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from marsad.model import Span
from marsad.resolve.gazetteer import Gazetteer
from marsad.resolve.geocode.mention import PlaceMention, km

_NAME = r"(?:(?:[Aa]l|[Ee]l)[-_]\s?)?[A-Z][\w’']+(?:[ -](?:[ae]l[-_]\s?)?[A-Z][\w’']+)*"
_GLUE = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
# A list of quarters is "neighbourhoods of X, Y" or "X, Y neighbourhoods": one pattern of two
# branches, kept apart here: trying the second at every capital letter of a text is slow, and
# it can only match in a stretch of name characters that runs up to "neighbourhood(s)"
_LIST_OF_RE = re.compile(
    rf"(?:neighbou?rhoods?|areas?|distric?ts?|quarters?)\s+of\s+(?:the\s+)?"
    rf"(?P<list>{_NAME}(?:{_GLUE}{_NAME})*)"
)
_BEFORE_RE = re.compile(rf"(?P<before>{_NAME}(?:{_GLUE}{_NAME})*)\s+neighbou?rhoods?\b")
_BEFORE_CUE = re.compile(r"\s+neighbou?rhoods?\b")
_NOT_NAME_CHAR = re.compile(r"[^\w\s’',-]")  # no character of a list of names, nor of its glue
_ITEM_RE = re.compile(_NAME)
_LIST_CUE = re.compile(r"neighbou?rhood|areas?\s+of|distric?ts?\s+of|quarters?\s+of")
_SENTENCE_END = re.compile(r"[.!?\n]")
_CITY_CHARS = 160
_CITY_CUE = re.compile(
    r"\bin\s+(?:the\s+)?(?:city\s+of\s+)?(?:(?:northern|southern|eastern|western|central|"
    r"north|south|east|west)\s+(?:of\s+)?)?$"
)
_CITY_FEATURES = frozenset({"city", "governorate"})
_FAR_KM = 15.0


def quarter_mentions(
    text: str, mentions: list[PlaceMention], gazetteer: Gazetteer
) -> list[PlaceMention]:
    """``mentions`` with each listed quarter the gazetteer lacks placed at its city.

    A mention of a place far from that city (a village of the same name elsewhere) under a
    listed quarter's name gives way to it.  A governorate named after the list ("in northern
    Al-Hasakah") stands for its capital.
    """
    if _LIST_CUE.search(text) is None:
        return mentions
    cities = [c for c in (_as_city(m, gazetteer) for m in mentions
                          if m.place.feature in _CITY_FEATURES and m.place.iso3 == "SYR")
              if c is not None]
    if not cities:
        return mentions
    out = list(mentions)
    for found in _lists(text):
        group = "list" if "list" in found.groupdict() else "before"
        base = found.start(group)
        listed = found.group(group)
        quarters = group == "before" or found.group(0).lower().startswith("neighbo")
        city = _city_after(text, found.end(group), cities, explicit=not quarters)
        if city is None:
            continue
        for item in _ITEM_RE.finditer(listed):
            span = Span(base + item.start(), base + item.end())
            if any(c.span.start <= span.start < c.span.end for c in cities):
                continue
            covering = [m for m in out if m.span.start < span.end and span.start < m.span.end]
            if any(m.place.admin1 == city.place.admin1 or km(m.place, city.place) <= _FAR_KM
                   for m in covering):
                continue  # a place of that governorate: known there already
            out = [m for m in out if m not in covering]
            out.append(PlaceMention(span, text[span.start : span.end], city.place, 1, 0.5))
    return sorted(out, key=lambda m: m.span.start)


def _lists(text: str) -> Iterator[re.Match[str]]:
    """The matches of the one pattern ``_LIST_OF_RE|_BEFORE_RE`` over ``text``, one branch at a
    time (as ``finditer`` of the two joined would find them): a match of
    ``_LIST_OF_RE`` (its first branch), or else of ``_BEFORE_RE`` (its second) where that
    starts first, tried only in the stretches of name characters before "neighbourhood(s)"
    (a match of the second branch is made of them)."""
    regions: list[tuple[int, int]] = []  # [start, end) of such stretches, in order
    for cue in _BEFORE_CUE.finditer(text):
        since = regions[-1][1] if regions else 0
        stop = None  # the last character before the cue that no list of names holds
        for char in _NOT_NAME_CHAR.finditer(text, since, cue.start()):
            stop = char
        if stop is None and regions:
            regions[-1] = (regions[-1][0], cue.end())  # the stretch runs on from the last cue
        else:
            regions.append((stop.end() if stop is not None else since, cue.end()))
    if not regions:
        yield from _LIST_OF_RE.finditer(text)
        return
    pos = 0
    while True:
        first = _LIST_OF_RE.search(text, pos)
        limit = first.start() if first is not None else len(text)
        other = None
        for lo, hi in regions:
            if hi <= pos:
                continue
            if max(lo, pos) >= limit:
                break
            other = _BEFORE_RE.search(text, max(lo, pos), hi)
            if other is not None:
                break
        found = other if other is not None and other.start() < limit else first
        if found is None:
            return
        yield found
        pos = found.end()


def _as_city(mention: PlaceMention, gazetteer: Gazetteer) -> PlaceMention | None:
    """A city mention, or a governorate mention as its capital of the same name."""
    if mention.place.feature == "city":
        return mention
    for cand in gazetteer.lookup(mention.surface, limit=5):
        place = cand.place
        if place.feature == "city" and place.admin1 == mention.place.admin1 and cand.score > 0:
            return replace(mention, place=place)
    return None


def _city_after(
    text: str, end: int, cities: list[PlaceMention], *, explicit: bool
) -> PlaceMention | None:
    """The city named after a list of quarters in the same sentence, if any; with
    ``explicit`` (after "areas of"), only one called a city ("in the city of X", "X city")."""
    stop = _SENTENCE_END.search(text, end)
    limit = min(end + _CITY_CHARS, stop.start() if stop else len(text))
    for city in cities:
        if not end <= city.span.start <= limit:
            continue
        tail = text[city.span.end : city.span.end + 20].lower().split()
        after = [w.strip(".,;:!?)") for w in tail]
        if after and after[0] in _REGION_AFTER:
            return None  # "in Aleppo countryside": towns, not quarters
        before = " ".join(text[max(end, city.span.start - 40) : city.span.start].lower().split())
        called = "city of" in before[-20:] or (after[:1] == ["city"])
        if _CITY_CUE.search(before + " ") and (called or not explicit):
            return city
        if called and before.endswith(" in"):
            return city
    return None


_REGION_AFTER = frozenset({"countryside", "province", "governorate", "desert", "suburbs",
                           "outskirts", "rural"})


# A name called a village, town or area, or after "in":
#   (?:\b(?:village|town|area)\s+of\s+(?P<after>NAME)|\bin\s+(?P<bare>NAME)
#      |(?P<before>NAME)\s+(?:village|town|area)\b)
# written to begin with one character of a set ([A-Zaeitv]), so that the regex engine skips
# to the candidates, the rest told apart by the character it took; "before" then holds the name
# but its first letter.  The name's letters and words are taken possessively: what follows
# them (a space, "village") is never one of them, so giving some back never helps.
_POSSESSIVE_NAME = (r"(?:(?:[Aa]l|[Ee]l)[-_]\s?)?[A-Z][\w’']++"
                    r"(?:[ -](?:[ae]l[-_]\s?)?[A-Z][\w’']++)*+")
_VILLAGE_RE = re.compile(
    rf"[A-Zaeitv](?:(?<!\w[vta])(?:(?<=v)illage|(?<=t)own|(?<=a)rea)\s+of\s+"
    rf"(?P<after>{_POSSESSIVE_NAME})"
    rf"|(?<=i)(?<!\wi)n\s+(?P<bare>{_POSSESSIVE_NAME})"
    rf"|(?P<before>(?:(?<=[AaEe])l[-_]\s?[A-Z]|(?<=[A-Z]))[\w’']++"
    rf"(?:[ -](?:[ae]l[-_]\s?)?[A-Z][\w’']++)*+)\s+(?:village|town|area)\b)"
)
_ANCHOR_RE = re.compile(
    r"(?:\s+(?:village|town|area))?,?\s+in\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|"
    r"northeastern|northwestern|southeastern|southwestern|central|north|south|east|west)\s+)?"
    r"(?P<countryside>countryside\s+of\s+|rural\s+)?(?:the\s+)?"
)
# "in X village in Y": the bare alternative matches first, the word after still calls X a village
_CALLED_RE = re.compile(r"\s+(?:village|town|area)\b")
_ANCHOR_FEATURES = frozenset({"city", "town", "governorate"})


def village_mentions(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """``mentions`` with each village the gazetteer lacks placed at the town or governorate
    the words after it name, as ACLED codes an unknown village: "in Qamisa village in the
    eastern countryside of Al-Suwaidaa" -> As-Suwayda governorate (geo-precision 3), "in
    Duwaizin in the eastern countryside of Salamiyah" -> Salamiyah (precision 2).

    The name must be called a village, town or area, or be followed by a countryside
    ("in X in the Y countryside").
    """
    taken = [(m.span.start, m.span.end) for m in mentions]
    anchors = {m.span.start: m for m in mentions
               if m.place.iso3 == "SYR" and m.place.feature in _ANCHOR_FEATURES}
    if not anchors:
        return mentions
    out = list(mentions)
    for found in _village_matches(text, sorted(anchors)):
        group = next(g for g in ("after", "bare", "before") if found.group(g) is not None)
        start, end = found.span(group)
        if group == "before":
            start = found.start()  # the group holds the name but its first letter
        if any(start < e and end > s for s, e in taken):
            continue
        tail = _ANCHOR_RE.match(text, end)
        anchor = anchors.get(tail.end()) if tail else None
        if tail is None or anchor is None:
            continue
        words = text[anchor.span.end : anchor.span.end + 14].lower().split()
        countryside = bool(tail.group("countryside")) or (
            bool(words) and words[0].strip(".,;:") in ("countryside", "rural"))
        called = group != "bare" or _CALLED_RE.match(text, end) is not None
        if not called and not countryside:
            continue  # "in X in Y" alone: X may be a facility, a person, a unit
        precision = 3 if anchor.place.feature == "governorate" else 2
        out.append(PlaceMention(Span(start, end), text[start:end], anchor.place, precision, 0.3))
        taken.append((start, end))
    return sorted(out, key=lambda m: m.span.start)


# A character no match of _VILLAGE_RE holds
_NOT_IN_MATCH = re.compile(r"[^\w’'\s-]")
_DIRECTIONS = ("northern", "southern", "eastern", "western", "northeastern", "northwestern",
               "southeastern", "southwestern", "central", "north", "south", "east", "west")
# How the words before an anchor end when _ANCHOR_RE leads to it, read backwards ("in", then
# "the", a direction, "countryside of" or "rural", "the")
_ANCHOR_TAIL_BACKWARDS = re.compile(
    r"(?:\s+eht)?(?:\s+fo\s+edisyrtnuoc|\s+larur)?(?:\s+(?:"
    + "|".join(d[::-1] for d in _DIRECTIONS) + r"))?(?:\s+eht)?\s+ni\s"
)


def _village_matches(text: str, anchors: list[int]) -> list[re.Match[str]]:
    """The matches of ``_VILLAGE_RE.finditer(text)`` that an anchor starting at one of
    ``anchors`` (sorted) can follow, in text order, with some others.

    A match holds only characters of names, words and spaces, so it lies within one stretch of
    such characters, and ``finditer`` finds in each stretch what it finds there alone.  The
    words between a match and its anchor are such characters too, with at most one comma: the
    match is in the stretch that runs up to the anchor, or in the one before it that ends at
    that comma.  Only those stretches are searched, and only for an anchor that the words
    before it can lead to (:data:`_ANCHOR_TAIL_BACKWARDS`: "in", "in the countryside of" ...).
    """
    size = len(text)
    backwards = text[::-1]
    runs: list[tuple[int, int]] = []
    done = -1  # where the last stretch taken ends
    for anchor in anchors:
        last = anchor - 1  # the last character before the anchor
        if last < done or _ANCHOR_TAIL_BACKWARDS.match(backwards, size - anchor) is None:
            continue
        start = _run_start(backwards, size, last)
        comma = start - 1
        if comma > max(done, 0) and text[comma] == "," and not _NOT_IN_MATCH.match(text, comma - 1):
            runs.append((_run_start(backwards, size, comma - 1), comma))
        stop = _NOT_IN_MATCH.search(text, anchor)
        done = size if stop is None else stop.start()
        runs.append((start, done))
    return [found for start, stop in runs for found in _VILLAGE_RE.finditer(text, start, stop)]


def _run_start(backwards: str, size: int, pos: int) -> int:
    """Where the stretch of match characters holding ``pos`` begins (``backwards``: the text
    reversed, ``size`` long)."""
    before = _NOT_IN_MATCH.search(backwards, size - 1 - pos)
    return 0 if before is None else size - before.start()
