from __future__ import annotations

import pytest

from marsad.extract.lexicon import load_lexicon
from marsad.extract.victims import hurt_civilians
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
