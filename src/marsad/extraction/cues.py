"""Cues that change what a trigger means: background retelling, negation, hypotheticals.

- background: the sentence retells earlier news ("SOHR reported earlier that ...");
  its events are kept but marked ``background=True``.
- negation: "no agreements were reached" -> no event.
- hypothetical: "for fear of expected clashes" -> no event.
- statistics: "the number of people killed since the beginning of 2021 rose to 300" -> no event.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

from marsad.extraction.lexicon import Lexicon, lowered
from marsad.model import Span

__all__ = [
    "background_cue",
    "continues_stats",
    "denial_cue",
    "details_line",
    "hypothetical_cue",
    "may_cue",
    "negation_cue",
    "news_before",
    "not_event_cue",
    "statistics_cue",
]

_WORD = re.compile(r"\S+")


def may_cue(text: str, sentence: Span, lexicon: Lexicon) -> bool:
    """Whether :func:`statistics_cue`, :func:`not_event_cue` or :func:`background_cue` may
    find a cue in ``sentence``: False means none of them finds one (one search, not three)."""
    gate = _gate(lexicon)
    return gate is None or gate.search(lowered(text), sentence.start, sentence.end) is not None


_GUARD = "(?=\\w)\\b(?:"  # how :func:`marsad.extraction.lexicon.words_regex` opens a regex


@functools.lru_cache(maxsize=8)
def _gate(lexicon: Lexicon) -> re.Pattern[str] | None:
    """The statistics, not-event, lead and background cue regexes as one: it matches where
    any of them does (each is ``(?=\\w)\\b(?:<body>)\\b``; the gate is that with their bodies
    as alternatives).  None when one of them is not written that way."""
    bodies: list[str] = []
    for rx in (lexicon.statistics, lexicon.not_events, lexicon.background_lead, lexicon.background):
        if rx.pattern == "(?!)":
            continue  # an optional section left out: it never matches
        if rx.flags != re.UNICODE or not (
            rx.pattern.startswith(_GUARD) and rx.pattern.endswith(")\\b")
        ):
            return None
        bodies.append(rx.pattern[len(_GUARD) : -len(")\\b")])
    try:
        return re.compile(_GUARD + "|".join(f"(?:{b})" for b in bodies) + ")\\b")
    except re.error:
        return None


def background_cue(text: str, sentence: Span, lexicon: Lexicon) -> Span | None:
    """The phrase that marks ``sentence`` as retold background, if any: a retelling cue
    anywhere in it, or a lead such as "On July 3," at its very start (a dated earlier happening
    told after the report's news)."""
    low = lowered(text)
    start = _first_word(low, sentence)
    lead = lexicon.background_lead.match(low, start, sentence.end)
    if lead is not None:
        return Span(lead.start(), lead.end())
    m = lexicon.background.search(low, sentence.start, sentence.end)
    return Span(m.start(), m.end()) if m else None


def not_event_cue(text: str, sentence: Span, lexicon: Lexicon) -> Span | None:
    """A phrase that makes the whole sentence no ACLED event (a domestic killing, a comparison
    with another case), if any."""
    m = lexicon.not_events.search(lowered(text), sentence.start, sentence.end)
    return Span(m.start(), m.end()) if m else None


_LEAD = re.compile(r"[\s\W_]*")


def _first_word(low: str, sentence: Span) -> int:
    m = _LEAD.match(low, sentence.start, sentence.end)
    return m.end() if m else sentence.start


def statistics_cue(text: str, sentence: Span, lexicon: Lexicon) -> Span | None:
    """The phrase that marks ``sentence`` as a long-period statistic (no event), if any."""
    m = lexicon.statistics.search(lowered(text), sentence.start, sentence.end)
    return Span(m.start(), m.end()) if m else None


# Where a run-on sentence turns to another matter: "...; ", ", while ", ", and the ".
_CLAUSE_BREAK = re.compile(r";\s|,\s+(?:and|while|whereas|but|meanwhile)\s|\s[–—-]\s")


def news_before(text: str, sentence: Span, cue: Span) -> int | None:
    """Where the news of a run-on sentence ends when a statistic only closes it ("gunmen
    attacked a checkpoint ..., while the toll since the start of the year rose to 591"): the
    start of the statistic's clause, or None when the statistic governs the whole sentence."""
    cut = None
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, cue.start):
        cut = m.start()
    return cut


def _window_start(text: str, start: int, stop: int, words: int) -> int:
    """Offset where the last ``words`` words before ``stop`` (not before ``start``) begin.

    The words are those ``_WORD.finditer(text, lo, stop)`` yields, read off the text's word
    offsets: the runs starting in ``[lo, stop)``, after ``lo`` itself when it falls inside one.
    """
    lo = max(start, stop - 16 * words)  # words are short: look back a bounded stretch only
    if lo < stop:
        starts, ends = _words(text)
        i = bisect.bisect_left(starts, lo)
        j = bisect.bisect_left(starts, stop)
        if j - i >= words:
            return starts[j - words]
        if j - i == words - 1 and i > 0 and ends[i - 1] > lo:
            return lo  # the stretch starts inside a word: that part counts as one
    return lo if lo > start else start


@functools.lru_cache(maxsize=32)
def _words(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the text's words (runs of non-space), for :func:`_window_start`:
    one pass per text instead of one per trigger."""
    starts: list[int] = []
    ends: list[int] = []
    for m in _WORD.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _last(matches: Iterator[re.Match[str]]) -> Span | None:
    found = None
    for found in matches:  # noqa: B007 - keep the last
        continue
    return Span(found.start(), found.end()) if found is not None else None


def negation_cue(text: str, trigger: Span, sentence: Span, lexicon: Lexicon) -> Span | None:
    """A negator just before the trigger ("no", "failed to") or just after ("were not")."""
    begin = _window_start(text, sentence.start, trigger.start, lexicon.negation_window)
    low = lowered(text)
    last = _last(lexicon.negation_before.finditer(low, begin, trigger.start))
    if last is not None:
        return last
    after = lexicon.negation_after.match(low, trigger.end, min(sentence.end, trigger.end + 60))
    if after:
        return Span(after.start(), after.end())
    return None


def hypothetical_cue(text: str, trigger: Span, sentence: Span, lexicon: Lexicon) -> Span | None:
    """A fear/expectation/plan phrase in the few words before the trigger."""
    begin = _window_start(text, sentence.start, trigger.start, lexicon.hypothetical_window)
    return _last(lexicon.hypothetical_before.finditer(lowered(text), begin, trigger.start))


def denial_cue(text: str, trigger: Span, sentence: Span, lexicon: Lexicon) -> Span | None:
    """``negation_cue(...) or hypothetical_cue(...)``, the text's forms looked up once."""
    low = lowered(text)
    stop = trigger.start
    begin = _window_start(text, sentence.start, stop, lexicon.negation_window)
    found = None
    for found in lexicon.negation_before.finditer(low, begin, stop):  # noqa: B007 - the last
        continue
    if found is None:
        found = lexicon.negation_after.match(low, trigger.end, min(sentence.end, trigger.end + 60))
    if found is None:
        begin = _window_start(text, sentence.start, stop, lexicon.hypothetical_window)
        for found in lexicon.hypothetical_before.finditer(low, begin, stop):  # noqa: B007
            continue
    return Span(found.start(), found.end()) if found is not None else None


# A line announcing the list of single happenings behind a tally.
_DETAILS = re.compile(
    r"[\W_]*(?:here are|here is|below are|the following are) (?:the |some )?(?:further |more )?"
    r"details\b",
    re.I,
)
_BULLET = re.compile(r"[•·▪◦*\-–]\s*|(?:in addition|also|moreover|here is)\b", re.I)


def details_line(text: str, start: int) -> bool:
    """Whether a line opening at ``start`` announces the details behind a tally ("Here are
    further details of these strikes:"): what follows is news again."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and _DETAILS.match(text, start) is not None


def continues_stats(text: str, stats_end: int, span: Span) -> bool:
    """A sentence in the same paragraph as a statistics sentence, a bullet line after it, or
    any line after one that ends on a colon (the tally's list)."""
    if stats_end < 0:
        return False
    gap = text[stats_end : span.start]
    return (
        "\n" not in gap
        or bool(_BULLET.match(text, span.start))
        or text[:stats_end].rstrip().endswith(":")
    )
