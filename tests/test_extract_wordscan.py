"""The speed-ups are exact: each fast path finds what the plain regex (or the plain loop) finds.

The corpus is invented text in a monitor's voice, plus the shared sample reports when present.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from marsad.extraction.cues import (
    _window_start,
    background_cue,
    denial_cue,
    hypothetical_cue,
    may_cue,
    negation_cue,
    not_event_cue,
    statistics_cue,
)
from marsad.extraction.dates import find_durations
from marsad.extraction.fatalities import _REACH, _keep, _keywords, _patterns, find_counts
from marsad.extraction.lexicon import load_lexicon, lowered
from marsad.extraction.sentences import split_sentences
from marsad.extraction.triggers import find_triggers
from marsad.extraction.wordscan import (
    anchored_reach,
    first_chars,
    prefixes,
    word_initial,
    word_scanner,
)

_SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "samples"

_INVENTED = [
    "Idlib Province: Regime forces shelled Kansafra and Fleifel this morning, killing three "
    "civilians, including a child, and wounding 4 others. No clashes were reported in Saraqib, "
    "while families left Binnish for fear of expected shelling.",
    "SOHR reported earlier that the 4th Division keeps the roads to the town closed for the 12th "
    "consecutive day, and the siege entered its 30th day yesterday, residents said.",
    "Two members of the SDF were killed and another was injured when an IED exploded near "
    "Al-Busayrah. The death toll rose to 9 after one of the injured died on March 3.",
    "The number of people killed since the beginning of 2021 rose to 311, according to SOHR "
    "statistics. A woman was killed by her brother in Jassim three days ago.",
    "Turkish drones did not strike the village; the strike failed to hit its target, and "
    "regime forces tried to storm the hill since 20 days, without any progress last week.",
    "وقتل 3 أشخاص وأصيب 5 آخرون جراء قصف مدفعي على بلدة في ريف إدلب لليوم العاشر على التوالي.",
    "For the 5th day in a row, Asayish units besiege the security square, and a drone crashed "
    "near the base; kil*led were two fighters, a man was shot dead, and dozens of people fled.",
]


def _corpus() -> list[str]:
    texts = list(_INVENTED)
    fixtures = sorted(Path(__file__).parent.glob("reports/*.txt"))
    texts += [p.read_text(encoding="utf-8") for p in fixtures]
    for name in ("gold_dev.jsonl", "arabic_reports.jsonl"):
        path = _SAMPLES / name
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    return texts


CORPUS = _corpus()


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("abc", {"ab"}),
        ("a|bc", {"a", "bc"}),
        ("(?:x )?y", {"x ", "y"}),
        ("a*b", {"aa", "ab", "b"}),
        ("(?:ab){2,5}c", {"ab"}),
        ("(?=x)yz", {"yz"}),  # a look-ahead only narrows what follows
        ("kil\\*?led", {"ki"}),
        ("[a-c]d", {"ad", "bd", "cd"}),
        ("a?", {"", "a"}),
        ("\\w+", None),  # any letter: unknown
        ("(?i)ab", None),  # case-blind: unknown
        ("(?:a?){4}b", None),
    ],
)
def test_prefixes(pattern: str, expected: set[str] | None) -> None:
    found = prefixes(pattern, 2)
    assert (set(found) if found is not None else None) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [("ab|cd", {"a", "c"}), ("a?", None), ("\\d+", None), ("", None)],
)
def test_first_chars(pattern: str, expected: set[str] | None) -> None:
    found = first_chars(pattern)
    assert (set(found) if found is not None else None) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("(?:\\d+|a)\\s+weeks?", True),
        ("\\w+ x", True),
        ("-x", False),
        ("x?", False),
        ("[^\\d]x", False),
    ],
)
def test_word_initial(pattern: str, expected: bool) -> None:
    assert word_initial(pattern) is expected


@pytest.mark.parametrize(
    ("pattern", "reach"),
    [
        ("x(?:day|days)y", 6),
        ("for the (?:1st|2nd) (?:straight )?day", 24),
        ("a(?:day)?", None),  # "day" only in an optional part
        ("days+", None),  # unbounded
        ("(?i)day", None),
    ],
)
def test_anchored_reach(pattern: str, reach: int | None) -> None:
    assert anchored_reach(re.compile(pattern), "day") == reach


def test_trigger_scanner_finds_what_the_trigger_regex_finds() -> None:
    lex = load_lexicon()
    assert lex.trigger_scanner.pairs is not None  # the shipped lexicon gets the fast path
    for text in CORPUS:
        low = lowered(text)
        for lo, hi in ((0, len(low)), (7, len(low) // 2), (len(low) // 3, len(low))):
            plain = [(m.span(), m.lastgroup) for m in lex.trigger_regex.finditer(low, lo, hi)]
            fast = [(m.span(), m.lastgroup) for m in lex.trigger_scanner.findall(low, lo, hi)]
            assert fast == plain


def test_find_triggers_names_the_rule() -> None:
    hits = find_triggers("Regime forces shelled the town.", load_lexicon())
    assert [(h.span.text("Regime forces shelled the town."), h.rule.event_type) for h in hits] == [
        ("shelled", "Explosions/Remote violence")
    ]


def test_scanner_keeps_every_group_name_and_falls_back_when_unsure() -> None:
    alternatives = [("one", ["alpha(?: beta)?"]), ("two", ["gamma", "alps"])]
    whole = re.compile(r"(?=\w)\b(?:(?P<one>(?:alpha(?: beta)?))|(?P<two>(?:gamma)|(?:alps)))\b")
    scanner = word_scanner(whole, alternatives, suffix=r"\b")
    text = "alps, alpha beta and gamma; alphabet"
    assert [(m.span(), m.groupdict()) for m in scanner.findall(text)] == [
        (m.span(), m.groupdict()) for m in whole.finditer(text)
    ]
    unsure = word_scanner(whole, [("one", [r"\w+"])])
    assert unsure.pairs is None and unsure.findall(text) and unsure.starts is whole


def _counts_by_windows(text: str) -> list[tuple[int, int, str, int, int]]:
    """find_counts as it was: every pattern run over each window with ``finditer``."""
    lex = load_lexicon()
    low = lowered(text)
    keys = [(k.start(), k.end()) for k in _keywords(lex).finditer(low)]
    windows: list[tuple[int, int]] = []
    for k_start, k_end in keys:
        lo = max(0, k_start - _REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], k_end)
        else:
            windows.append((lo, k_end))
    found: list = []
    for kind, rx, anchored in _patterns(lex):
        if anchored:
            for k_start, _ in keys:
                m = rx.match(low, k_start, len(low))
                if m is not None:
                    _keep(m, kind, lex, found)
        else:
            for window in windows:
                for m in rx.finditer(low, *window):
                    _keep(m, kind, lex, found)
    found.sort(key=lambda c: c.span.start)
    return [(c.span.start, c.span.end, c.kind, c.low, c.high) for c in found]


@pytest.mark.parametrize("text", CORPUS[:12])
def test_counts_tried_where_a_count_starts_match_the_window_scan(text: str) -> None:
    counts = find_counts(text, load_lexicon())
    found = [(c.span.start, c.span.end, c.kind, c.low, c.high) for c in counts]
    assert found == _counts_by_windows(text)


def test_durations_near_day_words_match_the_whole_text_scan() -> None:
    lex = load_lexicon()
    for text in CORPUS:
        low = lowered(text)
        plain = [m.span() for m in lex.durations.finditer(low)] if "day" in low else []
        assert [d.span.as_list() for d in find_durations(text, lex)] == [list(s) for s in plain]


def test_denial_cue_is_negation_or_hypothetical() -> None:
    lex = load_lexicon()
    for text in CORPUS:
        for sent in split_sentences(text):
            for hit in find_triggers(text, lex):
                if sent.span.start <= hit.span.start < sent.span.end:
                    expected = negation_cue(text, hit.span, sent.span, lex) or hypothetical_cue(
                        text, hit.span, sent.span, lex
                    )
                    assert denial_cue(text, hit.span, sent.span, lex) == expected


def test_a_sentence_no_cue_may_be_in_has_none() -> None:
    lex = load_lexicon()
    seen = set()
    for text in CORPUS:
        for sent in split_sentences(text):
            cues = (statistics_cue, not_event_cue, background_cue)
            found = [f(text, sent.span, lex) for f in cues]
            may = may_cue(text, sent.span, lex)
            seen.add(may)
            if not may:
                assert found == [None, None, None]
    assert seen == {True, False}


def _window_start_by_scan(text: str, start: int, stop: int, words: int) -> int:
    lo = max(start, stop - 16 * words)
    positions = [m.start() for m in re.finditer(r"\S+", text[:stop]) if m.end() > lo]
    positions = [max(p, lo) for p in positions]
    if len(positions) >= words:
        return positions[-words]
    return lo if lo > start else start


def test_window_start_read_off_word_offsets() -> None:
    text = _INVENTED[0] + "  \n  " + _INVENTED[4]
    for start in range(0, len(text), 13):
        for stop in range(start, len(text) + 1, 7):
            for words in (1, 4, 6):
                assert _window_start(text, start, stop, words) == _window_start_by_scan(
                    text, start, stop, words
                )
