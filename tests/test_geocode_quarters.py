"""Villages placed at the town the words after them name: the fast search for them finds what
the plain regex it stands for finds (the output of :func:`village_mentions` depends on it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from marsad.resolve.geocode.quarters import (
    _ANCHOR_RE,
    _NAME,
    _VILLAGE_RE,
    _village_matches,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "samples"

# _VILLAGE_RE as it reads plainly: what the fast form must find
PLAIN = re.compile(
    rf"(?:\b(?:village|town|area)\s+of\s+(?P<after>{_NAME})"
    rf"|\bin\s+(?P<bare>{_NAME})"
    rf"|(?P<before>{_NAME})\s+(?:village|town|area)\b)"
)

INVENTED = [
    "Shelling hit Kafr Nabl village in the southern countryside of Idlib on Monday.",
    "Gunmen shot a man in Duwaizin in the eastern countryside of Salamiyah, and in Tafas.",
    "Clashes in the town of Al-Bara, in Jabal al-Zawiya, while the area of Tal Bzam burned.",
    "The village of el-Hamra in rural Hama; ISIS cells in Busayrah town in Deir Ezzor.",
    "Regime forces shelled Al- Bab and al_Rai villages in northern Aleppo in the morning.",
    "An IED in a car in Jassim, in western Daraa: Nawa area, Inkhil town, Sheikh Miskin.",
    "in Foo Bar-Baz village in the north of Hama,in Qamishli; town of X’Y area in Homs",
    "Explosion in AlBab, xAl-Rai town, ISIS area, in in Idlib, village of  Kansafra in Idlib",
    "Drone strike near Darbasiyah village, in the eastern countryside of Deir Ezzor in the west",
    "",
    "in",
    "Tal Rifaat area\nin Aleppo",
    "Shelling hit Maar Shamsheh village, in the Idlib countryside, and Kafr Ruma, in Idlib.",
    "Clashes, Hish, in northern Hama; (Tal Hamka area), in Homs; Ain Issa,  in rural Raqqa",
]


def _samples() -> list[str]:
    texts: list[str] = []
    for name in ("gold_dev.jsonl", "sohr_reports.jsonl"):
        path = SHARED / name
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    return texts


def _found(match: re.Match[str], fast: bool) -> tuple[object, ...]:
    """A match's spans, the name's span for "before" as village_mentions reads it."""
    before = match.span("before")
    if fast and match.group("before") is not None:
        before = (match.start(), match.end("before"))
    return (match.span(), match.span("after"), match.span("bare"), before)


def _same_matches(text: str) -> None:
    assert [_found(m, True) for m in _VILLAGE_RE.finditer(text)] == [
        _found(m, False) for m in PLAIN.finditer(text)]


def _anchored(text: str) -> None:
    """With an anchor at every word's start, ``_village_matches`` holds every match the plain
    regex finds that _ANCHOR_RE leads from to an anchor, and no match it does not find."""
    anchors = sorted({m.start() for m in re.finditer(r"\S+", text)})
    plain = [_found(m, False) for m in PLAIN.finditer(text)]
    fast = [_found(m, True) for m in _village_matches(text, anchors)]
    assert set(fast) <= set(plain)
    assert fast == sorted(fast)
    starts = set(anchors)
    for found in PLAIN.finditer(text):
        group = next(g for g in ("after", "bare", "before") if found.group(g) is not None)
        tail = _ANCHOR_RE.match(text, found.end(group))
        if tail is not None and tail.end() in starts:
            assert _found(found, False) in fast


@pytest.mark.parametrize("text", INVENTED)
def test_the_fast_village_regex_finds_what_the_plain_one_does(text: str) -> None:
    _same_matches(text)


@pytest.mark.parametrize("text", INVENTED)
def test_only_the_words_before_anchors_are_searched_and_nothing_they_hold_is_lost(
    text: str,
) -> None:
    _anchored(text)


def test_the_fast_village_search_on_the_sample_reports() -> None:
    texts = _samples()
    if not texts:
        pytest.skip("../shared/samples is absent")
    for text in texts:
        _same_matches(text)
        _anchored(text)
