"""Dates and durations, anchored at the report's publication date.

Regular expressions find the candidates ("On January 20", "yesterday", "on Monday", "last
night", "20/1/2021"); the lexicon's month, weekday and relative-day tables resolve them, and
dateparser (anchored at ``published``) only resolves the rare phrase the tables do not cover.
Durations ("for the 13th day in a row", "the tenth consecutive day", "since 15 days") give an
ongoing situation its day count N; its start is ``published - (N - 1) days``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from marsad.extraction.lexicon import Lexicon, lowered
from marsad.extraction.wordscan import anchored_reach, word_initial
from marsad.model import Span

__all__ = [
    "DateMention",
    "DurationMention",
    "find_dates",
    "find_day_marks",
    "find_durations",
    "past_days_dropped",
    "start_of",
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text gives; ``precision`` is ACLED's time precision (1 day, 2 week, 3 month)."""

    span: Span
    value: date
    precision: int = 1


@dataclass(frozen=True, slots=True)
class DurationMention:
    """A day count of an ongoing state ("for the 13th day in a row" -> day 13)."""

    span: Span
    day: int


def start_of(published: date, day: int) -> date:
    """First day of a situation on its ``day``-th day at ``published``."""
    return published - timedelta(days=max(day, 1) - 1)


@functools.lru_cache(maxsize=8)
def _patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months = "|".join(sorted(lexicon.months, key=len, reverse=True))
    weekdays = "|".join(lexicon.weekdays)
    rel = "|".join(re.escape(k) for k in sorted(lexicon.relative_days, key=len, reverse=True))
    nums = "|".join(sorted(lexicon.numbers, key=len, reverse=True))
    initials = "".join(sorted({m[0] for m in lexicon.months}))
    absolute = re.compile(
        rf"(?=[0-9{initials}])\b(?:(?P<m1>{months})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?\s+(?P<y1>\d{{4}}))?"
        rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{months})\.?"
        rf"(?:,?\s+(?P<y2>\d{{4}}))?"
        r"|(?P<d3>\d{1,2})[/.-](?P<m3>\d{1,2})[/.-](?P<y3>\d{4}))\b"
    )
    relative = _at_words(
        rf"(?:(?:on|last|this|past)\s+)?(?P<wd>{weekdays})\b",
        rf"(?P<rel>{rel})\b",
        rf"(?P<n>\d{{1,2}}|{nums})\s+days\s+ago\b",
    )
    fuzzy = _at_words(r"(?:last|this|past)\s+(?:week|month)\b", r"(?:\d+|a)\s+weeks?\s+ago\b")
    return absolute, relative, fuzzy


def _at_words(first: str, *others: str) -> re.Pattern[str]:
    r"""``(?=\w)\b<first>|\b<other>|...``; when every other starts with a word character,
    written as the same regex with one guard, ``(?=\w)\b(?:<first>|<other>|...)``, which
    skips the positions inside words twice as fast."""
    if all(word_initial(p) for p in others):
        return re.compile(r"(?=\w)\b(?:" + "|".join((first, *others)) + ")")
    return re.compile(r"(?=\w)\b" + first + "".join(r"|\b" + p for p in others))


def find_dates(text: str, *, published: date | None, lexicon: Lexicon) -> list[DateMention]:
    """Dates in ``text``; relative ones only when ``published`` is known."""
    absolute, relative, fuzzy = _patterns(lexicon)
    low = lowered(text)
    out: list[DateMention] = []
    for m in absolute.finditer(low):
        if m.group("m1") and text[m.start("m1")].islower():
            continue  # "may 5" is not a date: month names are capitalised
        value = _absolute(m, published, lexicon)
        if value is not None:
            out.append(DateMention(Span(m.start(), m.end()), value))
    if published is not None:
        for m in relative.finditer(low):
            value = _relative(m, published, lexicon)
            if value is not None:
                out.append(DateMention(Span(m.start(), m.end()), value))
        for m in fuzzy.finditer(low):
            parsed = _dateparser(m.group(0), published)
            if parsed is not None:
                prec = 3 if "month" in m.group(0).lower() else 2
                out.append(DateMention(Span(m.start(), m.end()), parsed, prec))
    out.sort(key=lambda d: d.span.start)
    return out


# An arbitrary anchor: relative days ("yesterday", "on Monday") told in a report with no date.
_ANCHOR = date(2000, 1, 31)


def find_day_marks(text: str, *, lexicon: Lexicon) -> list[DateMention]:
    """Relative days in an undated report, anchored at an arbitrary date: they date nothing,
    but tell a strike "yesterday" from one "today" (one event per place and day)."""
    _, relative, _ = _patterns(lexicon)
    out: list[DateMention] = []
    for m in relative.finditer(lowered(text)):
        value = _relative(m, _ANCHOR, lexicon)
        if value is not None and value != _ANCHOR:  # "today" is what an undated text tells
            out.append(DateMention(Span(m.start(), m.end()), value))
    return out


def _absolute(m: re.Match[str], published: date | None, lexicon: Lexicon) -> date | None:
    if m.group("d3"):
        day, month, year_s = int(m.group("d3")), int(m.group("m3")), m.group("y3")
    else:
        mon = (m.group("m1") or m.group("m2") or "").lower()
        day = int(m.group("d1") or m.group("d2"))
        month = lexicon.months[mon]
        year_s = m.group("y1") or m.group("y2")
    if year_s is None:
        if published is None:
            return None
        year = published.year
    else:
        year = int(year_s)
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    if year_s is None and published is not None and value > published + timedelta(days=1):
        try:
            value = date(year - 1, month, day)
        except ValueError:
            return None
    return value


def _relative(m: re.Match[str], published: date, lexicon: Lexicon) -> date | None:
    if m.group("wd"):
        target = lexicon.weekdays[m.group("wd").lower()]
        back = (published.weekday() - target) % 7
        return published - timedelta(days=back)
    if m.group("rel"):
        return published + timedelta(days=lexicon.relative_days[m.group("rel").lower()])
    n = m.group("n").lower()
    days = int(n) if n.isdigit() else lexicon.numbers.get(n, 0)
    return published - timedelta(days=days)


_DATEPARSER_LANGUAGES = ["en", "ar"]


def _dateparser(phrase: str, published: date) -> date | None:
    import dateparser  # slow to import: only when a fuzzy phrase needs it

    base = datetime(published.year, published.month, published.day)
    # the phrases come from the English or Arabic tables: naming the languages spares dateparser
    # its language detection, which compiles every locale's patterns on first use
    parsed = dateparser.parse(phrase, languages=_DATEPARSER_LANGUAGES,
                              settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    return parsed.date() if parsed is not None else None


def find_durations(text: str, lexicon: Lexicon) -> list[DurationMention]:
    """Day counts of ongoing states, in text order."""
    low = lowered(text)
    if "day" not in low:
        return []
    out: list[DurationMention] = []
    for lo, hi in _near_days(low, lexicon):
        for m in lexicon.durations.finditer(low, lo, hi):
            token = next(
                v for k, v in m.groupdict().items() if v is not None and k.startswith("n")
            )
            n = _number(token, lexicon)
            if n and not _planned(low, m, lexicon):
                out.append(DurationMention(Span(m.start(), m.end()), n))
    return out


_BARE_FOR = re.compile(r"for \S+ days")  # no "consecutive", "in a row": a count or a length
_CLAUSE_START = re.compile(r".*[.;:!?\n]", re.S)
_PLANNED_REACH = 100


def _planned(low: str, m: re.Match[str], lexicon: Lexicon) -> bool:
    """Whether a bare "for N days" is the length a state was declared for ("imposed a curfew
    in the town for two days") rather than the days it has lasted."""
    if not _BARE_FOR.fullmatch(m.group()):
        return False
    start = max(0, m.start() - _PLANNED_REACH)
    cut = _CLAUSE_START.match(low, start, m.start())
    before = low[cut.end() if cut else start : m.start()]
    return bool(lexicon.planned_length.search(before)) and not lexicon.still_going.search(before)


def _near_days(low: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The stretches of ``low`` a duration can lie in: every duration pattern spells "day",
    so each is within the patterns' longest match of one (one character more on the right,
    so that the closing word boundary sees the text as it is).  The whole text when the
    patterns do not allow this."""
    reach = _day_reach(lexicon)
    if reach is None:
        return [(0, len(low))]
    windows: list[tuple[int, int]] = []
    at = low.find("day")
    while at >= 0:
        lo, hi = max(0, at - reach), min(len(low), at + reach + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
        at = low.find("day", at + 1)
    return windows


@functools.lru_cache(maxsize=8)
def _day_reach(lexicon: Lexicon) -> int | None:
    return anchored_reach(lexicon.durations, "day")


# "on the 65th day (of the siege)": a dated point inside the situation, not its current count
_PAST_POINT = re.compile(r"\bon\s+(?:the|its)\s+$")


def past_days_dropped(
    durations: Sequence[DurationMention], sentences: Sequence[Span], text: str
) -> list[DurationMention]:
    """``durations`` less the past points of a situation: "on the 65th day" in a sentence that
    also gives a higher current count ("blocked for 80 days, except ... on the 65th day") tells
    when something happened during the siege; it is neither the siege's day nor a rival count."""
    out: list[DurationMention] = []
    for d in durations:
        sent = next((s for s in sentences if s.start <= d.span.start < s.end), None)
        before = text[max(0, d.span.start - 12) : d.span.start]
        if sent is not None and _PAST_POINT.search(lowered(before)):
            rivals = [
                o.day for o in durations
                if o is not d and sent.start <= o.span.start < sent.end
            ]
            if any(day > d.day for day in rivals):
                continue
        out.append(d)
    return out


def _number(token: str, lexicon: Lexicon) -> int | None:
    token = token.lower()
    digits = re.match(r"\d+", token)
    if digits:
        return int(digits.group(0))
    return lexicon.ordinals.get(token) or lexicon.numbers.get(token)
