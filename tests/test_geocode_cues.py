"""The cues around a name: every role a window's end or start plays, found with one match, is
what trying each role's phrases finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.resolve.gazetteer import load_place_lexicon
from marsad.resolve.geocode.cues import ends_with, roles_ending, roles_starting, starts_with

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "samples"

WINDOWS = [
    "shelled the north-eastern", "in the countryside of", "south-west of", "the rural",
    "near the edges of", "x-of", "-of", "of", "countryside", "ريف", "في ريف", "vicinity of the",
    "in the centre of", "the governorates of", "east of the", "areas", "central", "aroundnear",
]


def _same_roles(window: str) -> None:
    lexicon = load_place_lexicon()
    ending = {role for role, phrases in lexicon.cues.items()
              if ends_with(window, phrases) is not None}
    starting = {role for role, phrases in lexicon.cues.items()
                if starts_with(window, phrases) is not None}
    assert roles_ending(window, lexicon) == ending
    assert roles_starting(window, lexicon) == starting


@pytest.mark.parametrize("window", WINDOWS)
def test_roles_at_a_window_end_and_start(window: str) -> None:
    _same_roles(window)
    _same_roles(window[::-1])


def test_roles_around_the_words_of_the_sample_reports() -> None:
    path = SHARED / "gold_dev.jsonl"
    if not path.exists():
        pytest.skip("../shared/samples is absent")
    for line in path.open(encoding="utf-8"):
        text = json.loads(line)["text"]
        for at in range(0, len(text), 7):
            _same_roles(" ".join(text[max(0, at - 60) : at].lower().split()))
            _same_roles(" ".join(text[at : at + 60].lower().split()))
