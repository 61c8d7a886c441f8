"""Geocoding: every place a report names, resolved with the report's own context.

:func:`find_places` scans a whole report with the gazetteer, keeps the longest of overlapping
names, drops names used as persons or factions, and resolves each remaining name in steps:

1. the words around it: ``X province``/``governorate`` -> the governorate (geo-precision 3);
   ``the countryside of X`` / ``X countryside`` / ``rural X`` where X is a governorate or its
   capital -> the governorate, a large region (precision 3; ``Damascus countryside`` -> Rural
   Damascus); ``near X``, ``outskirts of X``, the countryside of a smaller town -> the town
   (precision 2); ``X city`` -> the town (precision 1); ``X neighbourhood`` or ``X in <its
   city>`` -> the neighbourhood; ``the airbase of X`` -> the airbase filed as ``X airbase``;
   ``Tal X`` where only the village X is known -> that village (precision 2);
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

>>> from marsad.model import Place
>>> from marsad.resolve.gazetteer import InMemoryGazetteer
>>> gaz = InMemoryGazetteer([Place("t:1", "Saraqib", 35.86, 36.80, "town", admin1="Idlib")])
>>> [(m.surface, m.geo_precision) for m in find_places("Shelling near Saraqib.", gaz)]
[('Saraqib', 2)]
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace

from marsad.model import Place, Span
from marsad.resolve.gazetteer import (
    Candidate,
    Gazetteer,
    NameMatch,
    PlaceLexicon,
    load_place_lexicon,
    prior,
)
from marsad.resolve.names import fold_chunk

__all__ = ["PlaceMention", "find_places", "precision_of"]

_ADMIN_FEATURES = frozenset({"governorate", "district", "subdistrict"})
_REGION_FEATURES = frozenset({"region", "mountain", "plain", "district", "subdistrict"})
_FILLERS = ("the ", "town of ", "village of ", "city of ", "area of ", "areas of ",
            "villages of ", "towns of ", "vicinity of the ")
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_SMALL_FOREIGN = 5_000
_LOWER_ORGANISATION = frozenset({"tribe", "clan", "family", "network", "brigade", "brigades",
                                 "battalion", "division", "regiment", "corps", "militia",
                                 "gathering"})
_LANDMARKS = frozenset({"square", "street", "roundabout", "mosque", "hospital", "school",
                        "church", "market", "bakery", "stadium", "park", "company", "tribe"})
_MAJOR_FEATURES = frozenset({"city", "town", "governorate", "district", "subdistrict"})
_ARTICLE_RE = re.compile(r"^(?:al|el|as|ad|ar|at|az|ash)[-‐]", re.IGNORECASE)
_SAME_PLACE_KM = 5.0
_FACILITIES = frozenset({"airbase", "airport", "base"})
_FACILITY_KM = 30.0


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place named in a text: where, as what it is written, and what it resolves to."""

    span: Span
    surface: str
    place: Place
    geo_precision: int
    score: float
    alternatives: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class _Cues:
    near: bool = False
    governorate: bool = False
    direction: bool = False
    city: bool = False
    neighbourhood: bool = False
    within: str | None = None  # the folded name right after "in"/"of", if any
    countryside: bool = False


def precision_of(place: Place, *, near: bool = False) -> int:
    """ACLED's geo-precision for a resolved place: 1 exact, 2 near or a region, 3 governorate."""
    if place.feature == "governorate":
        return 3
    if near or place.feature in _REGION_FEATURES:
        return 2
    return 1


def find_places(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every place mention in ``text``, resolved and disambiguated, sorted by offset.

    Mentions never overlap (the longest name wins); offsets are exact indices into ``text``.
    """
    lexicon = load_place_lexicon()
    longest, widened = _widen(_confirm_weak(_longest(gazetteer.scan(text))), text, lexicon)
    starts = {m.span.start for m in longest}
    matches = [m for m in longest if not _not_a_place(m, text, lexicon, starts)]
    if not matches:
        return []
    cues = [_cues_for(m, text, lexicon) for m in matches]
    votes = _admin1_votes(matches)
    # "Tal X" for a village X is kept only in a governorate the rest of the report names
    context = _admin1_votes([m for m in matches if m.span.start not in widened])
    named_ids = {p.id for m in matches for p in m.places}
    out: list[PlaceMention] = []
    for match, cue in zip(matches, cues, strict=True):
        mention = _facility(match, text, lexicon, gazetteer) or _resolve(
            match, cue, votes, named_ids, gazetteer)
        if mention is not None and match.span.start in widened:
            if context.get(mention.place.admin1 or "", 0.0) <= 0:
                continue
            if mention.geo_precision == 1:
                mention = replace(mention, geo_precision=2)
        if mention is not None:
            out.append(mention)
    out.extend(_loose_matches(text, [m.span for m in out], votes, gazetteer, lexicon))
    return sorted(out, key=lambda m: m.span.start)


_CAPITALISED_RE = re.compile(
    r"(?<![\w’'-])(?:(?:[Aa]l|[Ee]l)[-_]\s?)?[A-Z][a-z’']+(?:[ -](?:[ae]l[-_])?[A-Z][a-z’']+)?"
    r"(?![\w’'-])"
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:\n•]|\d)\s*$")
_FUZZY_MARGIN = 0.03


def _loose_matches(
    text: str,
    resolved: list[Span],
    votes: Mapping[str, float],
    gazetteer: Gazetteer,
    lexicon: PlaceLexicon,
) -> list[PlaceMention]:
    """Capitalised words no key matched, resolved by their consonants (``Lataminah`` for
    ``Latmana``, ``Mohaimada`` for ``محيميدة``) among the places of the report's governorates.

    Kept only where one place is clearly the closest spelling.
    """
    if not votes:
        return []
    top = max(votes.values())
    strong = {a for a, v in votes.items() if v >= max(1.0, top / 2)}
    if not strong:
        return []
    if "Damascus" in strong:
        strong.add("Rural Damascus")  # the city's countryside is the other governorate
    taken = [(s.start, s.end) for s in resolved]
    out: list[PlaceMention] = []
    for m in _CAPITALISED_RE.finditer(text):
        start, end = m.span()
        if any(start < e and end > s for s, e in taken):
            continue
        if _SENTENCE_END.search(text[max(0, start - 3) : start]):
            continue
        surface = m.group()
        if _stop_phrase(surface, gazetteer, lexicon):
            # "Mohaimada Villages", "Al-Baghoz Town": the name before a capitalised common word
            head, sep, tail = surface.rpartition(" ")
            if (not sep or tail.lower() not in _PLACE_NOUNS_AFTER
                    or _stop_phrase(head, gazetteer, lexicon)):
                continue
            surface, end = head, start + len(head)
        match = NameMatch(Span(start, end), surface, "", (), surface[:3].lower() in ("al-", "el-"))
        if _not_a_place(match, text, lexicon):
            continue
        place = None
        if _cued(start, end, text, taken, lexicon):
            place = _closest(gazetteer.fuzzy(surface, admin1s=strong))
        if place is None:
            # short names: the same consonant skeleton, vowels and all ("Qraya", "Al-Qaryah")
            local = [p for p in gazetteer.similar(surface) if p.iso3 == "SYR"
                     and p.admin1 in strong and p.feature not in _ADMIN_FEATURES]
            if not local or any(_km(local[0], p) > _SAME_PLACE_KM for p in local[1:]):
                continue
            place = max(local, key=lambda p: (prior(p), p.id))
        cue = _cues_for(match, text, lexicon)
        out.append(PlaceMention(match.span, surface, place, precision_of(place, near=cue.near),
                                0.5))
        taken.append((start, end))
    return out


_PLACE_NOUNS_BEFORE = ("village of", "villages of", "town of", "towns of", "city of",
                       "area of", "areas of", "in the village of", "in the town of")
_PLACE_NOUNS_AFTER = ("village", "villages", "town", "towns", "city", "neighbourhood",
                      "neighborhood", "area", "countryside", "camp")
_LIST_GLUE = re.compile(r"\s*(?:,|and|, and|و)\s*")


def _cued(start: int, end: int, text: str, taken: list[tuple[int, int]],
          lexicon: PlaceLexicon) -> bool:
    """Whether the words around a stretch say it is a place: "the town of X", "X village",
    "near X", or X in a list of places ("Kafr Zita, X and Halfaya")."""
    cues = lexicon.cues
    before = " ".join(text[max(0, start - 40) : start].lower().split())
    after = " ".join(text[end : end + 30].lower().split())
    if _ends_with(before, _PLACE_NOUNS_BEFORE + cues["near_before"] + cues["city_before"]
                  + cues["neighbourhood_before"]):
        return True
    if _starts_with(after, _PLACE_NOUNS_AFTER):
        return True
    return any(
        (e <= start and _LIST_GLUE.fullmatch(text[e:start]) is not None)
        or (s >= end and _LIST_GLUE.fullmatch(text[end:s]) is not None)
        for s, e in taken
    )


def _stop_phrase(surface: str, gazetteer: Gazetteer, lexicon: PlaceLexicon) -> bool:
    """Whether a capitalised phrase holds a word that is never (part of) an unknown name.

    A generic word ("Tal", "Kafr", "Ain") may begin a longer name.
    """
    article = surface[:3].lower() in ("al-", "el-", "al_", "el_")
    if gazetteer.is_stopword(surface, article=article):
        return True
    words = [w for w in re.split(r"[ _-]", surface) if w and w.lower() not in ("al", "el")]
    for i, word in enumerate(words):
        generic = fold_chunk(word) in lexicon.generic_keys and i < len(words) - 1
        if gazetteer.is_stopword(word) and not generic:
            return True
    return False


def _closest(candidates: list[Candidate]) -> Place | None:
    """The best candidate, if every other one is either the same place or clearly worse."""
    local = [c for c in candidates if c.place.feature not in _ADMIN_FEATURES]
    if not local:
        return None
    best = local[0]
    for other in local[1:]:
        if _km(best.place, other.place) > _SAME_PLACE_KM and (
            best.score - other.score < _FUZZY_MARGIN
        ):
            return None
    return best.place


def _confirm_weak(matches: list[NameMatch]) -> list[NameMatch]:
    """Keep a place found only under a shortened name ("Baguz" for "Upper Baguz") where the
    report's other names point to its district; drop matches left with no place."""
    if not any(m.weak_ids for m in matches):
        return matches
    districts: set[str] = set()
    for m in matches:
        admin2s = {p.admin2 for p in _syrian(m.places) if p.id not in m.weak_ids}
        if len(admin2s) == 1 and None not in admin2s:
            districts.update(a for a in admin2s if a)
    out: list[NameMatch] = []
    for m in matches:
        if m.weak_ids:
            kept = tuple(p for p in m.places
                         if p.id not in m.weak_ids or (p.admin2 or "") in districts)
            if not kept:
                continue
            m = replace(m, places=kept)
        out.append(m)
    return out


def _widen(
    matches: list[NameMatch], text: str, lexicon: PlaceLexicon
) -> tuple[list[NameMatch], set[int]]:
    """Take in a generic word before a village's name that the gazetteer lacks with it:
    "Tal Al-Haddadah" is a hill by the village of Haddadah (resolved to it, precision 2)."""
    out: list[NameMatch] = []
    widened: set[int] = set()
    generic = lexicon.cues["feature_before"]
    ends = {m.span.end for m in matches}
    for m in matches:
        word = _prev_word(text, m.span.start)
        start = m.span.start - len(word) - 1
        if (word.lower() in generic and word[:1].isupper() and start - 1 not in ends
                and text[start : m.span.start] == word + " "
                and all(p.feature not in ("city", "governorate") for p in _syrian(m.places))):
            m = NameMatch(Span(start, m.span.end), text[start : m.span.end], m.key, m.places,
                          False)
            widened.add(start)
        out.append(m)
    return out, widened


def _facility(
    match: NameMatch, text: str, lexicon: PlaceLexicon, gazetteer: Gazetteer
) -> PlaceMention | None:
    """"the airbase of Deir Ezzor": the facility filed as "Deir Ezzor airbase", if any."""
    before = " ".join(text[max(0, match.span.start - 40) : match.span.start].lower().split())
    before = before.removesuffix(" the").rstrip()
    phrase = _ends_with(before, lexicon.cues["facility_before"])
    if phrase is None:
        return None
    kind = phrase.removesuffix(" of")
    for cand in gazetteer.lookup(f"{match.surface} {kind}", limit=3):
        if cand.place.feature in _FACILITIES and any(
            _km(cand.place, p) <= _FACILITY_KM for p in match.places
        ):
            base = max(0, match.span.start - 40)
            found = text[base : match.span.start].lower().rfind(kind.split(" ")[0])
            start = base + found if found >= 0 else match.span.start
            span = Span(start, match.span.end)
            cue = _cues_for(NameMatch(span, text[start : span.end], "", ()), text, lexicon)
            return PlaceMention(span, text[span.start : span.end], cand.place,
                                precision_of(cand.place, near=cue.near), 1.0)
    return None


def _longest(matches: list[NameMatch]) -> list[NameMatch]:
    """Non-overlapping matches: longer first, then earlier."""
    ranked = sorted(matches, key=lambda m: (-(m.span.end - m.span.start), m.span.start))
    taken: list[NameMatch] = []
    for m in ranked:
        if all(m.span.end <= t.span.start or m.span.start >= t.span.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.span.start)


def _prev_word(text: str, start: int) -> str:
    words = _WORD_RE.findall(text[max(0, start - 30) : start])
    return words[-1] if words and text[start - 1 : start] in (" ", "-") else ""


def _next_word(text: str, end: int) -> str:
    m = _WORD_RE.match(text, end + 1) if text[end : end + 1] == " " else None
    return m.group() if m else ""


def _not_a_place(
    match: NameMatch, text: str, lexicon: PlaceLexicon, starts: set[int] | None = None
) -> bool:
    """A person's name ("Maher al-Assad"), a faction's ("Hamza Division"), or the tail of a
    longer proper name the gazetteer does not hold ("Fatima al-Zahra mosque")."""
    before = _prev_word(text, match.span.start)
    if before and before[:1].isupper():
        folded = fold_chunk(before)
        if folded in lexicon.person_keys:
            return True
        start = match.span.start - len(before) - 1
        if (match.article and starts is not None and start not in starts
                and text[start : match.span.start] == before + " "
                and before.lower() not in lexicon.english):
            return True
    after = _next_word(text, match.span.end)
    if not after:
        return False
    folded = fold_chunk(after)
    if folded in lexicon.organisation_keys and (
        after[:1].isupper() or after.lower() in _LOWER_ORGANISATION
    ):
        return True
    minor = not any(p.feature in _MAJOR_FEATURES or (p.population or 0) >= 20_000
                    for p in match.places)
    if minor and after.lower().strip("”\"'’") in _LANDMARKS:
        return True  # "Al-Seer square": a landmark named after a person or event
    # "Kharab Al-Jair base": a village name followed by an unknown capitalised word is the
    # head of a longer name the gazetteer lacks
    return (after[:1].isupper() and starts is not None
            and match.span.end + 1 not in starts
            and after.lower() not in lexicon.english
            and _ARTICLE_RE.sub("", after).lower() not in lexicon.english
            and minor)


def _ends_with(window: str, phrases: tuple[str, ...]) -> str | None:
    for phrase in phrases:
        if window.endswith(phrase) and (
            len(window) == len(phrase) or not window[-len(phrase) - 1].isalnum()
        ):
            return phrase
    return None


def _starts_with(window: str, phrases: tuple[str, ...]) -> str | None:
    for phrase in phrases:
        if window.startswith(phrase) and (
            len(window) == len(phrase) or not window[len(phrase)].isalnum()
        ):
            return phrase
    return None


def _cues_for(match: NameMatch, text: str, lexicon: PlaceLexicon) -> _Cues:
    cues = lexicon.cues
    before = " ".join(text[max(0, match.span.start - 60) : match.span.start].lower().split())
    city = False
    changed = True
    while changed:
        changed = False
        for filler in _FILLERS:
            if before.endswith(" " + filler.strip()) or before == filler.strip():
                city = city or filler.startswith(("city", "town"))
                before = before[: -len(filler.strip())].rstrip()
                changed = True
    after = " ".join(text[match.span.end : match.span.end + 60].lower().split())
    after = after.removeprefix("'s ").removeprefix("’s ").lstrip(" -")
    after_plain = after.lstrip(" ,")
    governorate = bool(
        _ends_with(before, cues["governorate_before"])
        or _starts_with(after, cues["governorate_after"])
    )
    near = bool(_ends_with(before, cues["near_before"]) or _starts_with(after, cues["near_after"]))
    if not near:
        # "the northern Idlib countryside": a direction word, the name, then a near cue
        stripped = before
        direction = _ends_with(stripped, cues["direction_before"])
        if direction:
            rest = stripped[: -len(direction)].rstrip()
            near = bool(_ends_with(rest, cues["near_before"]))
    direction_hit = bool(_ends_with(before, cues["direction_before"]))
    city = city or bool(_ends_with(before, cues["city_before"])
                        or _starts_with(after, cues["city_after"]))
    neighbourhood = bool(_ends_with(before, cues["neighbourhood_before"])
                         or _starts_with(after, cues["neighbourhood_after"]))
    countryside = bool(_ends_with(before, cues["countryside_before"])
                       or _starts_with(after, cues["countryside_after"]))
    within = None
    prep = _starts_with(after_plain, cues["within_after"])
    if prep:
        tail = after_plain[len(prep) :].lstrip().removeprefix("the ")
        words = tail.split()[:3]
        if words:
            within = " ".join(fold_chunk(w) for w in words)
    return _Cues(near, governorate, direction_hit, city, neighbourhood, within, countryside)


def _syrian(places: tuple[Place, ...]) -> tuple[Place, ...]:
    kept = tuple(p for p in places if p.iso3 == "SYR")
    if kept:
        return kept
    return tuple(p for p in places if (p.population or 0) >= _SMALL_FOREIGN)


def _admin1_votes(matches: list[NameMatch]) -> defaultdict[str, float]:
    """Governorates the report is about, from names that imply one."""
    votes: defaultdict[str, float] = defaultdict(float)
    for m in matches:
        places = _syrian(m.places)
        admin1s = {p.admin1 for p in places if p.admin1}
        major = {p.admin1 for p in places
                 if p.admin1 and p.feature in ("governorate", "city")}
        if len(admin1s) == 1:
            votes[next(iter(admin1s))] += 1.0
        elif len(major) == 1:
            votes[next(iter(major))] += 1.0
        elif admin1s:
            for a in admin1s:
                votes[a] += 0.5 / len(admin1s)
    return votes


def _resolve(
    match: NameMatch,
    cue: _Cues,
    votes: Mapping[str, float],
    named_ids: set[str],
    gazetteer: Gazetteer,
) -> PlaceMention | None:
    places = _syrian(match.places)
    if not places:
        return None
    governorates = [p for p in places if p.feature == "governorate"]
    others = [p for p in places if p.feature != "governorate"]
    as_region = cue.governorate or cue.countryside or (
        cue.direction and not cue.near and not cue.city)
    admin_only = all(p.feature in _ADMIN_FEATURES for p in others)
    if governorates and (as_region or admin_only):
        # "Idlib province", "eastern Deir ez-Zor", "the Aleppo countryside" (a large region:
        # ACLED codes the governorate), or a governorate-only name
        choice = governorates[0]
        if cue.countryside and choice.admin1 == "Damascus":
            choice = next((c.place for c in gazetteer.lookup("Rural Damascus", limit=3)
                           if c.place.feature == "governorate"), choice)
        rest = tuple(p for p in places if p is not choice)
        return PlaceMention(match.span, match.surface, choice, 3, 1.0, rest[:5])
    pool = others or list(places)
    top_votes = max(votes.values(), default=0.0)
    scored: list[tuple[float, str, Place]] = []
    for place in pool:
        score = prior(place)
        if place.feature in _ADMIN_FEATURES:
            score -= 0.2
        if top_votes and place.admin1:
            own = 1.0 if len({p.admin1 for p in places}) == 1 else 0.0
            score += 0.6 * max(0.0, votes.get(place.admin1, 0.0) - own) / top_votes
        if place.feature == "neighbourhood":
            parent = gazetteer.parent(place.id)
            if parent is not None:
                if parent.id in named_ids:
                    score += 0.5
                if cue.within and cue.within.split(" ")[0] in _parent_keys(parent):
                    score += 0.8
            if cue.neighbourhood:
                score += 0.5
            if cue.city:
                score -= 0.3
        elif cue.city and place.feature in ("city", "town"):
            score += 0.2
        if cue.within and place.admin1 and fold_chunk(place.admin1) == cue.within.split(" ")[0]:
            score += 0.5
        scored.append((score, place.id, place))
    scored.sort(key=lambda t: (-t[0], t[1]))
    best_score, _, best = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    confidence = round(best_score / (best_score + second), 3) if second > 0 else 1.0
    alternatives = tuple(p for _, _, p in scored[1:6]) + tuple(governorates[:1])
    precision = precision_of(best, near=cue.near)
    return PlaceMention(match.span, match.surface, best, precision, confidence, alternatives)


def _km(a: Place, b: Place) -> float:
    """Great-circle distance between two places in kilometres."""
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _parent_keys(parent: Place) -> set[str]:
    keys = {fold_chunk(parent.name)}
    if parent.admin1:
        keys.add(fold_chunk(parent.admin1))
    return {k.split(" ")[-1] for k in keys}
