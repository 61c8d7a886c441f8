"""The words around a name: cues to what it is ("X province", "near X", "X city"), and
whether it names a person, a faction or a landmark rather than the place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.resolve.gazetteer import NameMatch, PlaceLexicon
from marsad.resolve.names import fold_chunk

_FILLERS = ("the ", "town of ", "village of ", "city of ", "area of ", "areas of ",
            "villages of ", "towns of ", "vicinity of the ")
_FILLER_TABLE = tuple((" " + f.strip(), f.strip(), f.startswith(("city", "town")))
                      for f in _FILLERS)
_FILLER_LAST = frozenset(f.strip().rpartition(" ")[2] for f in _FILLERS)
_FILLER_ENDS = tuple(" " + w for w in sorted(_FILLER_LAST))  # a window's last word is one
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_LETTERS_RE = re.compile(r"[^\W_]+")
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
    if text[start - 1 : start] not in (" ", "-"):
        return ""
    low = max(0, start - 30)
    # the last word of text[low:start] as _WORD_RE reads it from ``low``: most often the
    # letters right before the space, unless an apostrophe joins them to letters before
    run = _LETTERS_RE.match(text[low : start - 1][::-1])
    if run is not None:
        first = start - 1 - run.end()
        if first == low or not (text[first - 1] in "'’" and first - 2 >= low
                                and text[first - 2].isalnum()):
            return text[first : start - 1]
    words = _WORD_RE.findall(text[low:start])
    return words[-1] if words else ""


def next_word(text: str, end: int) -> str:
    """The word right after ``end`` (after a space), or ""."""
    m = _WORD_RE.match(text, end + 1) if text[end : end + 1] == " " else None
    return m.group() if m else ""


def not_a_place(
    match: NameMatch, text: str, lexicon: PlaceLexicon, starts: set[int] | None = None,
    *, before: str | None = None,
) -> bool:
    """A person's name ("Maher al-Assad"), a faction's ("Hamza Division"), or the tail of a
    longer proper name the gazetteer does not hold ("Fatima al-Zahra mosque").

    ``before``: the word before the match (:func:`prev_word`), where already known."""
    if before is None:
        before = prev_word(text, match.span.start)
    if before and before[:1].isupper():
        start = match.span.start - len(before) - 1
        adjacent = text[start : match.span.start] == before + " "  # not "al-Imam, Lahaya"
        if adjacent and fold_word(before) in lexicon.person_keys:
            return True
        if (match.article and starts is not None and start not in starts
                and adjacent
                and before.lower() not in lexicon.english):
            return True
    after = next_word(text, match.span.end)
    if not after:
        return False
    if (after[:1].isupper() or after.lower() in _LOWER_ORGANISATION) and (
        fold_word(after) in lexicon.organisation_keys
    ):
        return True
    if after.lower().strip("”\"'’") in _LANDMARKS and _minor(match):
        return True  # "Al-Seer square": a landmark named after a person or event
    # "Kharab Al-Jair base": a village name followed by an unknown capitalised word is the
    # head of a longer name the gazetteer lacks
    return (after[:1].isupper() and starts is not None
            and match.span.end + 1 not in starts
            and after.lower() not in lexicon.english
            and _ARTICLE_RE.sub("", after).lower() not in lexicon.english
            and _minor(match))


def _minor(match: NameMatch) -> bool:
    """Whether no place of the name is a city, town or region, or has 20,000 people."""
    return not any(p.feature in _MAJOR_FEATURES or (p.population or 0) >= 20_000
                   for p in match.places)


def ends_with(window: str, phrases: tuple[str, ...]) -> str | None:
    """The first of ``phrases`` that ends ``window`` as whole words, if any."""
    if not phrases:
        return None
    found = _phrase_re(phrases, True).match(window[::-1])
    return None if found is None else found.group()[::-1]


def starts_with(window: str, phrases: tuple[str, ...]) -> str | None:
    """The first of ``phrases`` that starts ``window`` as whole words, if any."""
    if not phrases:
        return None
    found = _phrase_re(phrases, False).match(window)
    return None if found is None else found.group()


@lru_cache(maxsize=256)
def _phrase_re(phrases: tuple[str, ...], reverse: bool) -> re.Pattern[str]:
    """One pattern for a tuple of phrases, tried in order (alternation backtracks, as the
    loop it stands for goes on), each followed by no letter or digit; ``reverse``: the
    phrases spelled backwards, to match the end of a reversed window."""
    spelled = (p[::-1] if reverse else p for p in phrases)
    return re.compile("(?:" + "|".join(re.escape(p) for p in spelled) + r")(?![^\W_])")


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """:func:`~marsad.resolve.names.fold_chunk`, remembered: a report folds the same few
    words around each of its names."""
    return fold_chunk(word)


def roles_ending(window: str, lexicon: PlaceLexicon) -> frozenset[str]:
    """Every cue role (``near_before`` ...) of a phrase that ends ``window`` as whole words:
    ``ends_with(window, lexicon.cues[role])`` holds for each of them and no other."""
    # every phrase ending the window ends the longest one that does
    found = lexicon.cue_ending.match(window[::-1])
    return _NO_ROLES if found is None else lexicon.cue_end_roles[found.group()]


def roles_starting(window: str, lexicon: PlaceLexicon) -> frozenset[str]:
    """Every cue role of a phrase that starts ``window`` as whole words (as
    :func:`starts_with` finds them)."""
    found = lexicon.cue_starting.match(window)
    return _NO_ROLES if found is None else lexicon.cue_start_roles[found.group()]


_NO_ROLES: frozenset[str] = frozenset()


_PLACE_NOUN_RE = _phrase_re(_PLACE_NOUNS, False)


def cues_for(match: NameMatch, text: str, lexicon: PlaceLexicon) -> Cues:
    """The cues in the words before and after a match."""
    start, end = match.span.start, match.span.end
    before = " ".join(text[max(0, start - 60) : start].lower().split())
    city = False
    # every filler ends in "the" or "of": only then can one be stripped
    changed = before.endswith(_FILLER_ENDS) or before in _FILLER_LAST
    while changed:
        changed = False
        for filler, stripped, city_word in _FILLER_TABLE:
            if before.endswith(filler) or before == stripped:
                city = city or city_word
                before = before[: -len(stripped)].rstrip()
                changed = True
    after = " ".join(text[end : end + 60].lower().split())
    if after[:1] in "'’-":
        after = after.removeprefix("'s ").removeprefix("’s ").lstrip(" -")
    found = lexicon.cue_ending.match(before[::-1])  # roles_ending(before, lexicon)
    pre = _NO_ROLES if found is None else lexicon.cue_end_roles[found.group()]
    found = lexicon.cue_starting.match(after)  # roles_starting(after, lexicon)
    post = _NO_ROLES if found is None else lexicon.cue_start_roles[found.group()]
    near = "near_before" in pre or "near_after" in post
    direction_hit = "direction_before" in pre
    if not near and direction_hit:
        # "the northern Idlib countryside": a direction word, the name, then a near cue
        direction = ends_with(before, lexicon.cues["direction_before"])
        if direction:
            rest = before[: -len(direction)].rstrip()
            near = "near_before" in roles_ending(rest, lexicon)
    within = None
    after_plain = after.lstrip(" ,")
    for _ in range(2):  # "X village in eastern Deir Ezzor", "X military hill in ..."
        noun = _PLACE_NOUN_RE.match(after_plain)  # starts_with(after_plain, _PLACE_NOUNS)
        if noun is None:
            break
        after_plain = after_plain[noun.end() :].lstrip(" ,")
    prep = starts_with(after_plain, lexicon.cues["within_after"])
    if prep:
        tail = after_plain[len(prep) :].lstrip().removeprefix("the ")
        words = tail.split()[:3]
        if words:
            within = " ".join(fold_word(w) for w in words)
    return _cues(near, "governorate_before" in pre or "governorate_after" in post,
                 direction_hit, city or "city_before" in pre or "city_after" in post,
                 "neighbourhood_before" in pre or "neighbourhood_after" in post, within,
                 "countryside_before" in pre or "countryside_after" in post)


@lru_cache(maxsize=4096)
def _cues(near: bool, governorate: bool, direction: bool, city: bool, neighbourhood: bool,
          within: str | None, countryside: bool) -> Cues:
    """One shared (immutable) :class:`Cues` per combination: most names have the same few."""
    return Cues(near, governorate, direction, city, neighbourhood, within, countryside)
