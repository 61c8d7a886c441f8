"""The words around a name: cues to what it is ("X province", "near X", "X city"), and
whether it names a person, a faction or a landmark rather than the place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.resolve.gazetteer import NameMatch, PlaceLexicon
from marsad.resolve.names import fold_chunk

_FILLERS = ("the ", "town of ", "village of ", "city of ", "area of ", "areas of ",
            "villages of ", "towns of ", "vicinity of the ")
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_LOWER_ORGANISATION = frozenset({"tribe", "clan", "family", "network", "brigade", "brigades",
                                 "battalion", "division", "regiment", "corps", "militia",
                                 "gathering", "channel", "tv", "newspaper", "radio", "website",
                                 "magazine"})
_LANDMARKS = frozenset({"square", "street", "roundabout", "mosque", "hospital", "school",
                        "church", "market", "bakery", "stadium", "park", "company", "tribe"})
_PLACE_NOUNS = ("village", "town", "city", "area", "neighbourhood", "neighborhood", "camp",
               "military", "hill", "العسكري", "العسكرية", "قرية", "بلدة")
_MAJOR_FEATURES = frozenset({"city", "town", "governorate", "district", "subdistrict"})
_ARTICLE_RE = re.compile(r"^(?:al|el|as|ad|ar|at|az|ash)[-‐]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cues:
    """What the words around a name say about it."""

    near: bool = False
    governorate: bool = False
    direction: bool = False
    city: bool = False
    neighbourhood: bool = False
    within: str | None = None  # the folded name right after "in"/"of", if any
    countryside: bool = False


def prev_word(text: str, start: int) -> str:
    """The word right before ``start`` (after a space or hyphen), or ""."""
    words = _WORD_RE.findall(text[max(0, start - 30) : start])
    return words[-1] if words and text[start - 1 : start] in (" ", "-") else ""


def next_word(text: str, end: int) -> str:
    """The word right after ``end`` (after a space), or ""."""
    m = _WORD_RE.match(text, end + 1) if text[end : end + 1] == " " else None
    return m.group() if m else ""


def not_a_place(
    match: NameMatch, text: str, lexicon: PlaceLexicon, starts: set[int] | None = None
) -> bool:
    """A person's name ("Maher al-Assad"), a faction's ("Hamza Division"), or the tail of a
    longer proper name the gazetteer does not hold ("Fatima al-Zahra mosque")."""
    before = prev_word(text, match.span.start)
    if before and before[:1].isupper():
        folded = fold_chunk(before)
        if folded in lexicon.person_keys:
            return True
        start = match.span.start - len(before) - 1
        if (match.article and starts is not None and start not in starts
                and text[start : match.span.start] == before + " "
                and before.lower() not in lexicon.english):
            return True
    after = next_word(text, match.span.end)
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


def ends_with(window: str, phrases: tuple[str, ...]) -> str | None:
    """The first of ``phrases`` that ends ``window`` as whole words, if any."""
    for phrase in phrases:
        if window.endswith(phrase) and (
            len(window) == len(phrase) or not window[-len(phrase) - 1].isalnum()
        ):
            return phrase
    return None


def starts_with(window: str, phrases: tuple[str, ...]) -> str | None:
    """The first of ``phrases`` that starts ``window`` as whole words, if any."""
    for phrase in phrases:
        if window.startswith(phrase) and (
            len(window) == len(phrase) or not window[len(phrase)].isalnum()
        ):
            return phrase
    return None


def cues_for(match: NameMatch, text: str, lexicon: PlaceLexicon) -> Cues:
    """The cues in the words before and after a match."""
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
        ends_with(before, cues["governorate_before"])
        or starts_with(after, cues["governorate_after"])
    )
    near = bool(ends_with(before, cues["near_before"]) or starts_with(after, cues["near_after"]))
    if not near:
        # "the northern Idlib countryside": a direction word, the name, then a near cue
        stripped = before
        direction = ends_with(stripped, cues["direction_before"])
        if direction:
            rest = stripped[: -len(direction)].rstrip()
            near = bool(ends_with(rest, cues["near_before"]))
    direction_hit = bool(ends_with(before, cues["direction_before"]))
    city = city or bool(ends_with(before, cues["city_before"])
                        or starts_with(after, cues["city_after"]))
    neighbourhood = bool(ends_with(before, cues["neighbourhood_before"])
                         or starts_with(after, cues["neighbourhood_after"]))
    countryside = bool(ends_with(before, cues["countryside_before"])
                       or starts_with(after, cues["countryside_after"]))
    within = None
    for _ in range(2):  # "X village in eastern Deir Ezzor", "X military hill in ..."
        noun = starts_with(after_plain, _PLACE_NOUNS)
        if not noun:
            break
        after_plain = after_plain[len(noun) :].lstrip(" ,")
    prep = starts_with(after_plain, cues["within_after"])
    if prep:
        tail = after_plain[len(prep) :].lstrip().removeprefix("the ")
        words = tail.split()[:3]
        if words:
            within = " ".join(fold_chunk(w) for w in words)
    return Cues(near, governorate, direction_hit, city, neighbourhood, within, countryside)

