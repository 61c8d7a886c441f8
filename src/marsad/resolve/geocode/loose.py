"""Loose spellings: capitalised words no name key matched, resolved by their consonants among
the places of the report's governorates where the words around them say they are places."""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from marsad.model import Place, Span
from marsad.resolve.gazetteer import Candidate, Gazetteer, NameMatch, PlaceLexicon, prior
from marsad.resolve.geocode.cues import (
    Cues,
    cues_for,
    ends_with,
    fold_word,
    not_a_place,
    roles_ending,
    starts_with,
)
from marsad.resolve.geocode.mention import (
    ADMIN_FEATURES,
    SAME_PLACE_KM,
    PlaceMention,
    km,
    precision_of,
)

# A capitalised word or two, after no letter, digit, apostrophe or hyphen, with an article
# or none ("Kafr Zita", "al-Lataminah"): ``(?<![\w’'-])(?:(?:[Aa]l|[Ee]l)[-_]\s?)?[A-Z]...``,
# written to begin with its first letter so that the regex engine skips to the candidates.
_CAPITALISED_RE = re.compile(
    r"[A-Zae](?<![\w’'-][A-Zae])"
    r"(?:(?<=[AaEe])l[-_]\s?[A-Z][a-z’']+|(?<=[A-Z])[a-z’']+)"
    r"(?:[ -](?:[ae]l[-_])?[A-Z][a-z’']+)?(?![\w’'-])"
)
_SENTENCE_MARKS = ".!?:\n•"
_FUZZY_MARGIN = 0.03


def loose_matches(
    text: str,
    resolved: list[Span],
    votes: Mapping[str, float],
    gazetteer: Gazetteer,
    lexicon: PlaceLexicon,
) -> tuple[list[PlaceMention], list[Unplaced]]:
    """Capitalised words no key matched, resolved by their consonants (``Lataminah`` for
    ``Latmana``, ``Mohaimada`` for ``محيميدة``) among the places of the report's governorates.

    Kept only where one place is clearly the closest spelling.  Also returned: the names the
    words around them call places ("Tal Bzam area") that no spelling reaches, with those
    governorates (:func:`marsad.resolve.geocode.unknown.stand_ins` may place them).
    """
    if not votes:
        return [], []
    top = max(votes.values())
    strong = {a for a, v in votes.items() if v >= max(1.0, top / 2)}
    if not strong:
        return [], []
    if "Damascus" in strong:
        strong.add("Rural Damascus")  # the city's countryside is the other governorate
    taken = [(s.start, s.end) for s in resolved]
    covered = _Covered(text, taken)
    listed = _Listed(text, taken)
    marks, empty = covered.marks, covered.empty
    out: list[PlaceMention] = []
    unplaced: list[Unplaced] = []
    for m in _CAPITALISED_RE.finditer(text):
        start, end = m.span()
        if marks.find(1, start, end) >= 0 or (empty and covered.overlaps(start, end)):
            continue
        surface = m.group()
        if _stop_phrase(surface, gazetteer, lexicon):
            # "Mohaimada Villages", "Al-Baghoz Town": the name before a capitalised common word
            head, sep, tail = surface.rpartition(" ")
            if (not sep or tail.lower() not in _PLACE_NOUNS_AFTER
                    or _stop_phrase(head, gazetteer, lexicon)):
                named = _common_word_named(surface, start, end, text, strong, gazetteer,
                                           lexicon)
                if named is not None:
                    out.append(named)
                    taken.append((start, end))
                    covered.add(start, end)
                continue
            surface, end = head, start + len(head)
        if _sentence_start(text[max(0, start - 3) : start]):
            continue
        match = NameMatch(Span(start, end), surface, "", (), surface[:3].lower() in ("al-", "el-"))
        if not_a_place(match, text, lexicon):
            continue
        place = None
        cued = _cued(start, end, text, listed, lexicon)
        spelled = []
        if cued:
            spelled = [c for c in gazetteer.fuzzy(surface, admin1s=strong)
                       if c.place.feature not in ADMIN_FEATURES]
            place = _closest(spelled)
        local: list[Place] = []
        if place is None:
            # short names: the same consonant skeleton, vowels and all ("Qraya", "Al-Qaryah")
            local = [p for p in gazetteer.similar(surface) if p.iso3 == "SYR"
                     and p.admin1 in strong and p.feature not in ADMIN_FEATURES]
            if local and all(km(local[0], p) <= SAME_PLACE_KM for p in local[1:]):
                place = max(local, key=lambda p: (prior(p), p.id))
        if place is not None:
            mention = PlaceMention(match.span, surface, place,
                                   precision_of(place, near=cues_for(match, text, lexicon).near),
                                   0.5)
        else:
            if cued and not spelled and not local:  # no place of those governorates is near
                unplaced.append(Unplaced(match, cues_for(match, text, lexicon),
                                         frozenset(strong)))
            continue
        out.append(mention)
        taken.append((start, end))
        covered.add(start, end)
        listed.add(start, end)
    return out, unplaced


_SETTLEMENT_AFTER = re.compile(r"\s+(?:town|village|city)\b", re.I)


def _common_word_named(surface: str, start: int, end: int, text: str, strong: set[str],
                       gazetteer: Gazetteer, lexicon: PlaceLexicon) -> PlaceMention | None:
    """A common Arabic word that is also a town's name, called a town ("Al-Mazraa town" in a
    report about As-Suwayda: the town of al-Mazra'a), where exactly one place of the report's
    governorates bears it.  An English word ("a Syrian town") never is."""
    if (" " in surface or _SETTLEMENT_AFTER.match(text, end) is None
            or surface.lower() in lexicon.english or surface[:3].lower() not in ("al-", "el-")):
        return None
    exact = [c.place for c in gazetteer.lookup(surface, limit=8)
             if c.score >= _EXACT_SCORE and c.place.iso3 == "SYR" and c.place.admin1 in strong
             and c.place.feature not in ADMIN_FEATURES]
    if not exact or any(km(exact[0], p) > SAME_PLACE_KM for p in exact[1:]):
        return None
    return PlaceMention(Span(start, end), surface, exact[0], 1, 0.5)


_EXACT_SCORE = 0.7


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A name the words around it call a place that no spelling of the gazetteer reaches,
    with its cues and the governorates the report is about."""

    match: NameMatch
    cues: Cues
    governorates: frozenset[str]


class _Covered:
    """The stretches of a text already taken, for quick overlap tests of non-empty stretches:
    a mark per character, and the offsets of the empty stretches, which cover none."""

    __slots__ = ("empty", "marks")

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.marks = bytearray(max([len(text), *(e for _, e in spans)]) + 1)
        self.empty: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        if start < end:
            self.marks[start:end] = b"\x01" * (end - start)
        elif start == end:
            self.empty.append(start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the non-empty stretch [start, end) shares a character with a taken one,
        or holds an empty one strictly inside."""
        return self.marks.find(1, start, end) >= 0 or any(start < s < end for s in self.empty)


_PLACE_NOUNS_BEFORE = ("village of", "villages of", "town of", "towns of", "city of",
                       "area of", "areas of", "in the village of", "in the town of")
_PLACE_NOUNS_AFTER = ("village", "villages", "town", "towns", "city", "neighbourhood",
                      "neighborhood", "area", "countryside", "camp")
_LIST_GLUE = re.compile(r"\s*(?:,|and|, and|و)\s*")
_GLUE_CHARS = re.compile(r"[\s,andو]*")  # every character _LIST_GLUE matches
_CUED_ROLES = frozenset({"near_before", "city_before", "neighbourhood_before"})


def _sentence_start(before: str) -> bool:
    r"""Whether ``before`` (the few characters before a word) ends with a sentence's start: it
    is blank, or a full stop, colon, bullet, line break or digit is followed by blanks alone
    (``re.search(r"(?:^|[.!?:\n•]|\d)\s*$", before)``)."""
    text = before.rstrip()
    return (not text or text[-1] in _SENTENCE_MARKS or text[-1].isdecimal()
            or "\n" in before[len(text) :])


def _cued(start: int, end: int, text: str, listed: _Listed, lexicon: PlaceLexicon) -> bool:
    """Whether the words around a stretch say it is a place: "the town of X", "X village",
    "near X", or X in a list of places ("Kafr Zita, X and Halfaya")."""
    before = " ".join(text[max(0, start - 40) : start].lower().split())
    after = " ".join(text[end : end + 30].lower().split())
    if ends_with(before, _PLACE_NOUNS_BEFORE) or not _CUED_ROLES.isdisjoint(
            roles_ending(before, lexicon)):
        return True
    if starts_with(after, _PLACE_NOUNS_AFTER):
        return True
    return listed.glued(start, end)


class _Listed:
    """The stretches of a text already taken, by start and by end, to tell whether a stretch
    is in a list with one ("Kafr Zita, X and Halfaya"): list words alone stand between them.

    Only the characters of list words and blanks can stand between: the taken stretches that
    end (start) within the run of such characters before (after) a stretch are tried.
    """

    __slots__ = ("backwards", "ends", "starts", "text")

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.backwards = text[::-1]
        self.starts = {s for s, _ in spans}
        self.ends = {e for _, e in spans}

    def add(self, start: int, end: int) -> None:
        self.starts.add(start)
        self.ends.add(end)

    def glued(self, start: int, end: int) -> bool:
        """Whether list words alone (:data:`_LIST_GLUE`) stand between a taken stretch and
        the stretch [start, end)."""
        text, size = self.text, len(self.text)
        reach = _glue_reach(self.backwards, size - start)
        for e in range(start - reach, start + 1):
            if e in self.ends and _LIST_GLUE.fullmatch(text, e, start) is not None:
                return True
        reach = _glue_reach(text, end)
        for s in range(end, end + reach + 1):
            if s in self.starts and _LIST_GLUE.fullmatch(text, end, s) is not None:
                return True
        return False


def _glue_reach(text: str, pos: int) -> int:
    """How many characters from ``pos`` on :data:`_LIST_GLUE` could match."""
    found = _GLUE_CHARS.match(text, pos)
    return 0 if found is None else found.end() - pos


def _stop_phrase(surface: str, gazetteer: Gazetteer, lexicon: PlaceLexicon) -> bool:
    """Whether a capitalised phrase holds a word that is never (part of) an unknown name.

    A generic word ("Tal", "Kafr", "Ain") may begin a longer name.
    """
    try:
        return _remembered_stop_phrase(surface, cast(Hashable, gazetteer), lexicon.generic_keys)
    except TypeError:  # a gazetteer that cannot be a key
        return _is_stop_phrase(surface, gazetteer, lexicon.generic_keys)


@lru_cache(maxsize=16384)
def _remembered_stop_phrase(surface: str, gazetteer: Hashable, generic: frozenset[str]) -> bool:
    """:func:`_is_stop_phrase`, remembered: reports use the same capitalised words."""
    return _is_stop_phrase(surface, cast(Gazetteer, gazetteer), generic)


def _is_stop_phrase(surface: str, gazetteer: Gazetteer, generic: frozenset[str]) -> bool:
    article = surface[:3].lower() in ("al-", "el-", "al_", "el_")
    if gazetteer.is_stopword(surface, article=article):
        return True
    words = [w for w in _WORD_SPLIT_RE.split(surface) if w and w.lower() not in ("al", "el")]
    last = len(words) - 1
    for i, word in enumerate(words):
        if gazetteer.is_stopword(word) and not (i < last and fold_word(word) in generic):
            return True
    return False


_WORD_SPLIT_RE = re.compile(r"[ _-]")


def _closest(candidates: list[Candidate]) -> Place | None:
    """The best candidate, if every other one is either the same place or clearly worse."""
    local = [c for c in candidates if c.place.feature not in ADMIN_FEATURES]
    if not local:
        return None
    best = local[0]
    for other in local[1:]:
        if km(best.place, other.place) > SAME_PLACE_KM and (
            best.score - other.score < _FUZZY_MARGIN
        ):
            return None
    return best.place

