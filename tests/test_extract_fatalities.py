from __future__ import annotations

import pytest

from marsad.extraction.fatalities import find_counts
from marsad.extraction.lexicon import load_lexicon

CASES = [
    ("Two members of the SDF were killed in the attack.", "killed", 2, 2, 2),
    ("The shelling killed five civilians, including a child.", "killed", 5, 5, 5),
    ("The death toll rose to 7 after one of the injured died.", "killed", 7, 7, 7),
    ("At least 3 people were killed and others injured.", "killed", 3, 3, 3),
    ("Between 5 and 7 fighters were killed.", "killed", 5, 5, 7),
    ("A child was killed by a landmine.", "killed", 1, 1, 1),
    ("Gunmen killed a shepherd near the village.", "killed", 1, 1, 1),
    ("12 regime soldiers were kil*led in the ambush.", "killed", 12, 12, 12),
    ("Four civilians were injured by shrapnel.", "injured", 4, 4, 4),
    ("The strike wounded three children.", "injured", 3, 3, 3),
    ("Gunmen opened fire on a driver near the town, killing him.", "killed", 1, 1, 1),
    ("A sniper shot at a woman in the market, injuring her.", "injured", 1, 1, 1),
    ("A drone targeted a car carrying fighters, killing two of them.", "killed", 2, 2, 2),
    # "one and her N": one more than the figure
    ("A woman and her two children were killed in the shelling.", "killed", 3, 3, 3),
    ("A commander and his three companions were killed.", "killed", 4, 4, 4),
    ("A drone struck a car, killing the driver.", "killed", 1, 1, 1),
    ("A drone struck a car, killing a commander and two of his companions.", "killed", 3, 3, 3),
]


@pytest.mark.parametrize(("sentence", "kind", "low", "best", "high"), CASES)
def test_counts_in_figures_and_words(
    sentence: str, kind: str, low: int, best: int, high: int
) -> None:
    found = [c for c in find_counts(sentence, load_lexicon()) if c.kind == kind]
    assert found, sentence
    c = found[0]
    assert (c.low, c.best, c.high) == (low, best, high)


def test_update_phrases_are_marked() -> None:
    found = find_counts("The death toll rose to 9.", load_lexicon())
    assert found[0].update
    assert not find_counts("Nine people were killed.", load_lexicon())[0].update


@pytest.mark.parametrize(
    "sentence",
    [
        "A number of people were killed.",
        "Clashes erupted in the town.",
        "The wounded were taken away.",
    ],
)
def test_no_count_without_a_number(sentence: str) -> None:
    assert [c for c in find_counts(sentence, load_lexicon()) if c.kind == "killed"] == []
