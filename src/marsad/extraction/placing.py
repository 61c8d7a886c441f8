"""Where an event with no place of its own happened, and which places only contain the scene.

- a town or governorate named only as the region of a place the gazetteer does not know
  ("... in Khirbet Zahwa village in Darbasiyah countryside") is no place of the event;
- a sentence that names no place but refers back to one ("... arrested young men in the area")
  takes the last specific place of the sentence before it;
- failing that, its section header's governorate, else the headline's place;
- "the airbase" / "the military airport" with no name is the airbase or airport named last
  before it (:func:`facility_anaphora`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from marsad.extraction.candidates import PlaceLike, Site, stands_in
from marsad.extraction.events import Candidate, Mentions
from marsad.extraction.roles import MentionLike
from marsad.extraction.sentences import Section, Sentence, find_sections, section_at
from marsad.model import Span

__all__ = ["at_container", "containers", "facility_anaphora", "fill_missing_places"]

_ADMIN = frozenset({"governorate", "country"})


# "... in X village in Deir Ezzor countryside", "between Tal X and Tal Y in the countryside of
# al-Suwaidaa": a governorate that contains a named place the gazetteer does not
# know; the happening is at that place, which this report cannot locate.
_CONTAINED = re.compile(
    r"(?:\b(?:in|at|near|on|between|and)\s+(?:the\s+)?(?P<name>(?:(?:al|el|an|ar|as|ad|at|ash|az|tal|"
    r"tel)[- ]\s?)?[A-Z][\w’'-]*(?:\s+(?:al-\s?)?[A-Z][\w’'-]*){0,2})|(?P<thing>airport|airbase|"
    r"base|checkpoint|hospital|frontline|crossing|dam|bridge|plant|field|prison))\s+"
    r"(?:(?:village|town|city|area|areas|neighbou?rhood|district|camp|region)\s+)?"
    r"(?:in|of|near)\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:countryside|outskirts|desert)\s+of\s+)?$"
)
_CONTAINED_REACH = 80
# A town named as a region ("in Khirbet Zahwa village in Darbasiyah countryside", "... in the
# eastern countryside of Salamiyah", "X village in Tal Abyad countryside"): only a container.
_REGION_BEFORE = re.compile(r"\b(?:countryside|outskirts|desert)\s+of\s+(?:the\s+)?$", re.I)
_REGION_AFTER = re.compile(
    r"[’']?s?\s+(?:countryside|outskirts|desert|district|region|subdistrict)\b", re.I
)
# "... in X village in al-Qusayr area": a town's area places the village named before it.
_AREA_AFTER = re.compile(r"\s+area\b", re.I)
_SETTLEMENT_IN = re.compile(r"\b(?:village|town|neighbou?rhood|camp)\s+in\s+(?:the\s+)?$", re.I)


def containers(places: Sequence[PlaceLike], actors: Sequence[MentionLike], text: str) -> list[Span]:
    """Governorate mentions that only contain a named place or site the gazetteer did not
    resolve ("... in Al-Takihy village in Deir Ezzor countryside")."""
    spans = [(p.span.start, p.span.end) for p in places] + [
        (a.span.start, a.span.end) for a in actors
    ]
    out: list[Span] = []
    for p in places:
        region = p.place.feature != "governorate"
        if region and not (
            _REGION_AFTER.match(text, p.span.end)
            or _REGION_BEFORE.search(text, max(0, p.span.start - 40), p.span.start)
            or (
                _AREA_AFTER.match(text, p.span.end)
                and _SETTLEMENT_IN.search(text, max(0, p.span.start - 30), p.span.start)
            )
        ):
            continue
        m = _CONTAINED.search(text, max(0, p.span.start - _CONTAINED_REACH), p.span.start)
        if m is not None and (
            (m.group("thing") and not region)
            or (
                m.group("name")
                and not any(s < m.end("name") and m.start("name") < e for s, e in spans)
            )
        ):
            out.append(p.span)
    return out


def at_container(c: Candidate, containers: Sequence[Span]) -> bool:
    """An event placed only at a governorate whose sentence names a place inside it that the
    gazetteer does not know: ACLED codes it there, and this report cannot locate it."""
    if c.place is None or stands_in(c.place):
        return False
    if c.place.place.feature != "governorate":
        return c.place.span in containers
    sent = c.sentence.span
    return any(sent.start <= s.start < sent.end for s in containers)


def fill_missing_places(
    cands: Sequence[Candidate],
    m: Mentions,
    places: Sequence[PlaceLike],
    text: str,
    *,
    sections: Sequence[Section] | None = None,
) -> None:
    """A candidate with no place takes its section header's governorate, else the headline's."""
    if sections is None:
        sections = find_sections(text)
    title = next((s for s in m.sentences if s.is_title), None)
    title_places = [p for p in m.places if title is not None and p.span.end <= title.span.end]
    distinct = bool(title_places)
    for c in cands:
        if c.place is not None or c.sentence.is_title:
            continue
        told = _told_place(c, m.sentences, m.places, text)
        if told is not None:
            c.place, c.place_how = told, "told"
            continue
        section = section_at(sections, c.trigger.start)
        if section is not None:
            head = [p for p in places if section.header.start <= p.span.start < section.header.end]
            if head:
                c.place, c.place_how = head[0], "section"
                continue
        if distinct:
            c.place, c.place_how = title_places[0], "title"


# "in the area", "the town", "there": a place the text just named.
_ANAPHORA = re.compile(
    r"\b(?:(?:in|at|on|near|around|inside|of|to)\s+(?:the|that|this)\s+(?:town|village|city|"
    r"area|region|airport|airbase|base|camp|neighbou?rhood)\b(?!\s+of\b)|there\b"
    # "During these security operations, ...": the operation the sentence before placed
    r"|\b(?:during|in|throughout)\s+(?:these|this|those|that|the)\s+(?:security\s+|military\s+)?"
    r"(?:operations?|campaigns?|raids?)\b(?!\s+(?:of|in|on|at)\b))",
    re.I,
)


def _told_place(
    c: Candidate, sentences: Sequence[Sentence], places: Sequence[PlaceLike], text: str
) -> PlaceLike | None:
    """The last specific place of the previous body sentence (or the one before it, past a
    placeless remark such as "No casualties were reported."), when the candidate's sentence
    names none and refers back to one ("... and arrested young men in the area")."""
    sent = c.sentence
    if _ANAPHORA.search(text, sent.span.start, sent.span.end) is None or sent.index < 1:
        return None
    starts = [p.span.start for p in places]
    if bisect.bisect_left(starts, sent.span.start) < bisect.bisect_left(starts, sent.span.end):
        return None  # the sentence names a place of its own (one only containing the scene)
    for back in (1, 2):
        prev = next((s for s in sentences if s.index == sent.index - back), None)
        if prev is None or prev.is_title:
            return None
        lo = bisect.bisect_left(starts, prev.span.start)
        hi = bisect.bisect_left(starts, prev.span.end)
        found = [p for p in places[lo:hi] if p.place.feature not in _ADMIN]
        # "in X neighbourhood in Al-Hasakah city": the quarter, not the city that places it
        quarters = {p.place.id for p in found if stands_in(p)}
        found = [p for p in found if stands_in(p) or p.place.id not in quarters] or found
        if found:
            return found[-1]
        if prev.span.end - prev.span.start > _REMARK:
            return None
    return None


_REMARK = 80  # a sentence this short with no place ("No casualties were reported.") is skipped


# "the airbase", "the military airport": the airbase or airport the report named before.
_FACILITY_BACK = re.compile(
    r"\bthe\s+(?:(?:military|besieged)\s+)?(?P<kind>air\s?base|air(?:port|field))\b(?!\s+of\b)",
    re.I,
)
_FACILITY_KINDS = frozenset({"airbase", "airport"})


def facility_anaphora(places: Sequence[PlaceLike], text: str) -> list[PlaceLike]:
    """``places`` with each unnamed "the airbase" / "the military airport" added as a mention
    of the last airbase or airport named before it (in the headline or the body)."""
    added: list[PlaceLike] = []
    starts = [p.span.start for p in places]
    for m in _FACILITY_BACK.finditer(text):
        i = bisect.bisect_right(starts, m.start())
        if i > 0 and places[i - 1].span.end > m.start():
            continue  # already part of a named mention ("the airbase of X")
        prior = [p for p in places[:i] if p.place.feature in _FACILITY_KINDS]
        if prior:
            ref = prior[-1]
            span = Span(m.start("kind"), m.end("kind"))
            added.append(Site(span, ref.place, ref.geo_precision, ref.place.id))
    if not added:
        return list(places)
    return sorted([*places, *added], key=lambda p: p.span.start)
