from __future__ import annotations

import pytest

from marsad.extraction.lexicon import load_lexicon
from marsad.extraction.victims import armed_victim, hurt_civilians
from marsad.model import Span


@pytest.mark.parametrize(
    ("sentence", "victim"),
    [
        ("A drone targeted a house in Binnish, and a child was injured.", "child"),
        ("Warplanes struck the market, wounding some people.", "people"),
        ("Shells fell on the town, killing two farmers.", "farmers"),
        ("Warplanes struck positions of HTS near the town.", None),
        ("Children were seen playing near the school after the shelling.", None),
    ],
)
def test_civilians_hurt_in_a_sentence(sentence: str, victim: str | None) -> None:
    found = hurt_civilians(sentence, Span(0, len(sentence)), load_lexicon())
    assert (found.text(sentence) if found else None) == victim


@pytest.mark.parametrize(
    ("sentence", "trigger", "armed"),
    [
        ("The fighter was assassinated by gunmen.", "assassinated", True),
        ("Two members of the faction were shot dead.", "shot dead", True),
        ("A former member was shot dead near his house.", "shot dead", False),
        ("A young man was shot dead near his house.", "shot dead", False),
    ],
)
def test_an_unnamed_combatant_victim(sentence: str, trigger: str, armed: bool) -> None:
    start = sentence.index(trigger)
    span = Span(start, start + len(trigger))
    assert armed_victim(sentence, Span(0, len(sentence)), span) == armed
