from __future__ import annotations

import pytest

from marsad.extraction.attribution import find_attributions
from marsad.extraction.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("SOHR activists reported that a drone struck a car.", "SOHR activists"),
        ("Reliable sources informed SOHR that a meeting was held.", "reliable sources"),
        ("According to local sources, gunmen opened fire.", "local sources"),
        ("According to SOHR sources, the siege continues.", "SOHR sources"),
        ("State media claimed that the army repelled an attack.", "state media"),
    ],
)
def test_first_attribution(sentence: str, label: str) -> None:
    found = find_attributions(sentence, load_lexicon())
    assert found and found[0].label == label


def test_no_attribution() -> None:
    assert find_attributions("Clashes erupted at dawn.", load_lexicon()) == []
