"""Fatality and injury counts in figures and words, with ranges as low/best/high.

"two members were killed", "killing five civilians", "the death toll rose to 7", "at least 3",
"between 5 and 7 killed" (low 5, best 5: ACLED's conservative figure, high 7).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from marsad.extraction.lexicon import Lexicon, fold_pattern, lowered, words_regex
from marsad.extraction.wordscan import first_chars
from marsad.model import Span

__all__ = ["CountMention", "find_counts"]


@dataclass(frozen=True, slots=True)
class CountMention:
    """A number of people killed (``kind="killed"``) or injured (``kind="injured"``)."""

    span: Span
    kind: str
    low: int
    best: int
    high: int
    update: bool = False  # "the death toll rose to": supersedes earlier figures


_QUALIFIER = (
    r"(?:(?:at least|more than|over|about|around|nearly|almost|approximately|some|up to)\s+)?"
)


def _number_words(lexicon: Lexicon) -> tuple[str, str]:
    """(a figure or number word, an optional qualifier before it: "at least")."""
    words = "|".join(sorted((re.escape(k) for k in lexicon.numbers), key=len, reverse=True))
    return rf"(?:\d{{1,4}}|{words})", _QUALIFIER


@functools.lru_cache(maxsize=8)
def _heads(lexicon: Lexicon) -> re.Pattern[str]:
    """Where the patterns that end at a toll word can start: a count ("between", "at least",
    a figure, a number word), a singular person noun or an Arabic figure.  Zero-width, so that
    ``finditer`` yields every such word start."""
    num, qual = _number_words(lexicon)
    return re.compile(rf"(?=\w)\b(?=(?:between\s+)?{qual}{num}|(?:{_SINGULAR})|\d)")


@functools.lru_cache(maxsize=8)
def _patterns(lexicon: Lexicon) -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    """(kind, pattern, anchored): an anchored pattern starts at a toll word, the others end at
    one ("three members were killed")."""
    num, qual = _number_words(lexicon)
    rng = rf"(?:between\s+)?{qual}(?P<n>{num})(?:\s*(?:-|–|to|and|or)\s*(?P<n2>{num}))?"
    adj = r"(?:[\w’'-]+\s+){0,3}?"
    people = rf"(?:{fold_pattern(lexicon.people)})"
    incl = (
        r"(?:\s+of\s+[\w\s’'-]{1,40}?(?=\s+(?:were|was|have|has|had|are|is|got|killed|died)\b))?"
        r"(?:,?\s*(?:including|among them|most of them|of whom)[^,.;]{0,60},?)?"
    )
    aux = r"(?:\s+(?:were|was|have been|has been|had been|are|is|got))?"
    acts = {"killed": r"killing|killed|kil\*?led", "injured": r"wounding|injuring|injured|wounded"}
    killed, injured = fold_pattern(lexicon.killed), fold_pattern(lexicon.injured)
    out: list[tuple[str, str, bool]] = []
    for kind, verb in (("killed", killed), ("injured", injured)):
        noun = "death|deaths|killing" if kind == "killed" else "injury|injuries|injuring|wounding"
        out += [
            # "two members of the SDF were killed", "4 people, including a child, died"
            (kind, rf"{rng}\s+{adj}{people}{incl}{aux}\s+(?:\w+\s+)?(?:{verb})\b", False),
            # "killing five civilians"
            (kind, rf"(?:{verb}|{acts[kind]})\s+{rng}\s+{adj}{people}\b", True),
            # "12 killed"
            (kind, rf"{rng}\s+(?:{verb})\b", False),
            # "the death of a commander", "caused the injury of 6 citizens"
            (kind, rf"(?:{noun})\s+of\s+{rng}\s+{adj}{people}\b", True),
            # "killing one and injuring three", "killing two of them"
            (kind, rf"(?:{acts[kind]})\s+{rng}(?:\s+of\s+them)?(?=\s*(?:and\b|,|\.|;|$))", True),
            # "... opened fire on a man, killing him": one person
            (kind, rf"(?:{acts[kind]})\s+(?P<n>him|her)\b", True),
            # "struck a car, killing the driver": one person
            (kind, rf"(?:{acts[kind]})\s+(?:the|a|an)\s+(?:[\w-]+\s+)?(?P<n>{_SINGULAR})\b", True),
            # "Child killed in explosion", "commander was killed": one person
            (
                kind,
                rf"(?P<n>{_SINGULAR})(?:\s+(?:was|has been|had been|is))?\s+(?:{verb})\b",
                False,
            ),
        ]
    out.append(
        (
            "killed",
            rf"(?:death toll|number of (?:[\w-]+ ){{0,3}}?(?:killed|dead|fatalities|victims))"
            rf"[^.;]{{0,100}}?\b(?:to|reached|hit|at)\s+{rng}\b",
            True,
        )
    )
    for kind, (before, after) in (("killed", lexicon.killed_ar), ("injured", lexicon.injured_ar)):
        # Arabic: "مقتل 15 شخصا", "15 قتيلا"
        out.append((kind, rf"(?:{before})\s+(?:[\w]+\s+)?(?P<n>\d{{1,4}})\b", True))
        out.append((kind, rf"(?P<n>\d{{1,4}})\s+(?:{after})\b", False))
    return tuple((k, re.compile(rf"(?=\w)\b{p}"), anchored) for k, p, anchored in out)


@functools.lru_cache(maxsize=8)
def _keywords(lexicon: Lexicon) -> re.Pattern[str]:
    """Any toll word: the count patterns only run near one."""
    latin = (
        f"{lexicon.killed}|{lexicon.injured}|killing|wounding|injuring|death toll|number of|"
        "deaths?|injury|injuries"
    )
    arabic = "|".join(f"(?:{p})" for p in (*lexicon.killed_ar, *lexicon.injured_ar))
    latin_first, arabic_first = first_chars(fold_pattern(latin)), first_chars(arabic)
    if (
        latin_first is not None
        and arabic_first is not None
        and not any(_is_arabic(c) for c in latin_first)
        and all(_is_arabic(c) for c in arabic_first)
    ):
        # each script's words tried only at a word of that script: the same matches, sooner
        return words_regex(
            f"(?=[^\u0600-\u06ff])(?:{latin})|(?=[\u0600-\u06ff])(?:{arabic})"
        )
    return words_regex(f"{latin}|{arabic}")


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


_REACH = 160
# A singular person noun is a count of one ("Child killed in explosion").
_SINGULAR = (
    r"child|boy|girl|man|woman|civilian|fighter|member|soldier|commander|officer|leader|driver|"
    r"farmer|shepherd|doctor|teacher|citizen|refugee|militiaman|gunman|elder|dignitary|activist"
)
_ONE = re.compile(_SINGULAR)
_PRONOUNS = frozenset({"him", "her"})  # "killing him": one person


def find_counts(
    text: str, lexicon: Lexicon, *, start: int = 0, end: int | None = None
) -> list[CountMention]:
    """Killed/injured counts in ``text[start:end]``, non-overlapping, in text order."""
    end = len(text) if end is None else end
    low = lowered(text)
    keys = [(k.start(), k.end()) for k in _keywords(lexicon).finditer(low, start, end)]
    windows: list[tuple[int, int]] = []  # stretches ending at a toll word, merged
    for k_start, k_end in keys:
        lo = max(start, k_start - _REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], k_end)
        else:
            windows.append((lo, k_end))
    # the patterns that end at a toll word can only match where a count starts: trying them
    # there, left to right and without overlap, finds what ``finditer`` over a window finds
    heads = [h.start() for lo, hi in windows for h in _heads(lexicon).finditer(low, lo, hi)]
    found: list[CountMention] = []
    for kind, rx, anchored in _patterns(lexicon):
        if anchored:
            for k_start, _ in keys:
                m = rx.match(low, k_start, end)
                if m is not None:
                    _keep(m, kind, lexicon, found)
        else:
            for lo, hi in windows:
                after = -1
                for i in range(bisect.bisect_left(heads, lo), len(heads)):
                    at = heads[i]
                    if at >= hi:
                        break
                    if at < after:
                        continue
                    m = rx.match(low, at, hi)
                    if m is not None:
                        _keep(m, kind, lexicon, found)
                        after = m.end()
    found.sort(key=lambda c: c.span.start)
    return found


def _keep(m: re.Match[str], kind: str, lexicon: Lexicon, found: list[CountMention]) -> None:
    if any(c.span.start < m.end() and m.start() < c.span.end for c in found):
        return
    least = _value(m.group("n"), lexicon)
    if least is None or _is_article_noise(m):
        return
    second = m.groupdict().get("n2")
    most = _value(second, lexicon) if second else least
    most = max(least, most or least)
    update = bool(lexicon.update.search(m.group(0)))
    start = m.start()
    one = _ONE_AND.search(m.string, max(0, start - 40), start)
    if one is not None and not any(c.span.start < start and one.start() < c.span.end
                                   for c in found):
        # "a woman and her two children were killed": one more than the figure
        start, least, most = one.start(), least + 1, most + 1
    stop = m.end()
    more = _AND_THEIR.match(m.string, stop)
    if more is not None and (extra := _value(more.group("n"), lexicon)):
        # "killing a commander and two of his companions": the figure and the rest
        stop, least, most = more.end(), least + extra, most + extra
    found.append(CountMention(Span(start, stop), kind, least, least, most, update))


_AND_THEIR = re.compile(
    r"\s+and\s+(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:of\s+)?"
    r"(?:his|her|their)\s+(?:companions?|comrades?|colleagues?|relatives?|children|sons?|"
    r"daughters?|brothers?|escorts?|guards?|aides?|family members)\b",
    re.I,
)


_ONE_AND = re.compile(
    r"\b(?:a|an|one)\s+(?:(?:young|elderly|old|pregnant)\s+)?(?:woman|man|child|boy|girl|"
    r"mother|father|civilian|shepherd|farmer|fighter|member|soldier|commander)\s+and\s+"
    r"(?:his|her|their)\s+$",
    re.I,
)


def _value(token: str | None, lexicon: Lexicon) -> int | None:
    if token is None:
        return None
    token = token.lower()
    if token in _PRONOUNS:
        return 1
    if token.isdigit():
        return int(token)
    return lexicon.numbers.get(token, 1 if _ONE.fullmatch(token) else None)


def _is_article_noise(m: re.Match[str]) -> bool:
    """ "a number of people", "an hour": the article is not a count of one."""
    follow = m.string[m.end("n") : m.end("n") + 12].lower()
    return m.group("n").lower() in {"a", "an"} and follow.lstrip().startswith(
        ("number", "few", "group")
    )
