"""Fatality and injury counts in figures and words, with ranges as low/best/high.

"two members were killed", "killing five civilians", "the death toll rose to 7", "at least 3",
"between 5 and 7 killed" (low 5, best 5: ACLED's conservative figure, high 7).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.extract.lexicon import Lexicon, fold_pattern, lowered, words_regex
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


@functools.lru_cache(maxsize=8)
def _patterns(lexicon: Lexicon) -> tuple[tuple[str, re.Pattern[str]], ...]:
    words = "|".join(sorted((re.escape(k) for k in lexicon.numbers), key=len, reverse=True))
    num = rf"(?:\d{{1,4}}|{words})"
    qual = (
        r"(?:(?:at least|more than|over|about|around|nearly|almost|approximately|some|up to)\s+)?"
    )
    rng = rf"(?:between\s+)?{qual}(?P<n>{num})(?:\s*(?:-|–|to|and|or)\s*(?P<n2>{num}))?"
    adj = r"(?:[\w’'-]+\s+){0,3}?"
    people = rf"(?:{fold_pattern(lexicon.people)})"
    incl = (
        r"(?:\s+of\s+[\w\s’'-]{1,40}?(?=\s+(?:were|was|have|has|had|are|is|got|killed|died)\b))?"
        r"(?:,?\s*(?:including|among them|most of them|of whom)[^,.;]{0,60},?)?"
    )
    aux = r"(?:\s+(?:were|was|have been|has been|had been|are|is|got))?"
    out: list[tuple[str, re.Pattern[str]]] = []
    acts = {"killed": r"killing|killed|kil\*?led", "injured": r"wounding|injuring|injured|wounded"}
    killed, injured = fold_pattern(lexicon.killed), fold_pattern(lexicon.injured)
    for kind, verb in (("killed", killed), ("injured", injured)):
        out.append(
            (
                kind,
                re.compile(rf"(?=\w)\b{rng}\s+{adj}{people}{incl}{aux}\s+(?:\w+\s+)?(?:{verb})\b"),
            )
        )
        out.append(
            (
                kind,
                re.compile(rf"(?=\w)\b(?:{verb}|{acts[kind]})\s+{rng}\s+{adj}{people}\b"),
            )
        )
        out.append((kind, re.compile(rf"(?=\w)\b{rng}\s+(?:{verb})\b")))
        # "the death of a commander", "caused the injury of 6 citizens"
        noun = "death|deaths|killing" if kind == "killed" else "injury|injuries|injuring|wounding"
        out.append((kind, re.compile(rf"(?=\w)\b(?:{noun})\s+of\s+{rng}\s+{adj}{people}\b")))
        # "killing one and injuring three"
        out.append(
            (kind, re.compile(rf"(?=\w)\b(?:{acts[kind]})\s+{rng}(?=\s*(?:and\b|,|\.|;|$))"))
        )
        # "Child killed in explosion", "commander was killed": one person
        out.append(
            (
                kind,
                re.compile(
                    rf"(?=\w)\b(?P<n>{_SINGULAR})"
                    rf"(?:\s+(?:was|has been|had been|is))?\s+(?:{verb})\b"
                ),
            )
        )
    out.append(
        (
            "killed",
            re.compile(
                rf"\b(?:death toll|number of (?:people |those )?(?:killed|dead|fatalities|victims))"
                rf"[^.;]{{0,40}}?\b(?:to|reached|hit|at)\s+{rng}\b",
            ),
        )
    )
    return tuple(out)


@functools.lru_cache(maxsize=8)
def _keywords(lexicon: Lexicon) -> re.Pattern[str]:
    """Any toll word: the count patterns only run near one."""
    return words_regex(
        f"{lexicon.killed}|{lexicon.injured}|killing|wounding|injuring|death toll|number of"
    )


_REACH = 160
# A singular person noun is a count of one ("Child killed in explosion").
_SINGULAR = (
    r"child|boy|girl|man|woman|civilian|fighter|member|soldier|commander|officer|leader|driver|"
    r"farmer|shepherd|doctor|teacher|citizen|refugee|militiaman|gunman|elder|dignitary|activist"
)
_ONE = re.compile(_SINGULAR)


def find_counts(
    text: str, lexicon: Lexicon, *, start: int = 0, end: int | None = None
) -> list[CountMention]:
    """Killed/injured counts in ``text[start:end]``, non-overlapping, in text order."""
    end = len(text) if end is None else end
    low = lowered(text)
    windows: list[tuple[int, int]] = []
    for k in _keywords(lexicon).finditer(low, start, end):
        lo, hi = max(start, k.start() - _REACH), min(end, k.end() + _REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    found: list[CountMention] = []
    for kind, rx in _patterns(lexicon):
        for window in windows:
            _scan(rx, low, window, kind, lexicon, found)
    found.sort(key=lambda c: c.span.start)
    return found


def _scan(
    rx: re.Pattern[str],
    low: str,
    window: tuple[int, int],
    kind: str,
    lexicon: Lexicon,
    found: list[CountMention],
) -> None:
    for m in rx.finditer(low, *window):
        if any(c.span.start < m.end() and m.start() < c.span.end for c in found):
            continue
        least = _value(m.group("n"), lexicon)
        if least is None or _is_article_noise(m):
            continue
        second = m.groupdict().get("n2")
        most = _value(second, lexicon) if second else least
        most = max(least, most or least)
        update = bool(lexicon.update.search(m.group(0)))
        found.append(CountMention(Span(m.start(), m.end()), kind, least, least, most, update))


def _value(token: str | None, lexicon: Lexicon) -> int | None:
    if token is None:
        return None
    token = token.lower()
    if token.isdigit():
        return int(token)
    return lexicon.numbers.get(token, 1 if _ONE.fullmatch(token) else None)


def _is_article_noise(m: re.Match[str]) -> bool:
    """ "a number of people", "an hour": the article is not a count of one."""
    follow = m.string[m.end("n") : m.end("n") + 12].lower()
    return m.group("n").lower() in {"a", "an"} and follow.lstrip().startswith(
        ("number", "few", "group")
    )
