"""marsad.extraction.sides: the two sides "clashes between X and Y" names."""

from __future__ import annotations

import pytest

from marsad.extraction.lexicon import load_lexicon
from marsad.extraction.sides import sides_between
from marsad.extraction.triggers import find_triggers
from marsad.model import Span
from marsad.resolve.actors import load_actors


@pytest.mark.parametrize(
    ("sentence", "first", "second"),
    [
        ("Clashes broke out between the SDF and ISIS cells at dawn.", "sdf", "isis"),
        ("Clashes erupted between regime forces backed by Hezbollah against HTS fighters.",
         "regime", "hts"),
        ("Clashes broke out between the SDF, backed by the Coalition, at dawn.", "sdf", None),
    ],
)
def test_sides_between(sentence: str, first: str, second: str | None) -> None:
    hit = find_triggers(sentence, load_lexicon())[0]
    whole = Span(0, len(sentence))
    found = sides_between(sentence, hit.span, whole, whole, load_actors().find(sentence))
    assert found is not None
    assert (found[0].actor.id, found[1].actor.id if found[1] else None) == (first, second)


def test_no_between_no_sides() -> None:
    sentence = "Regime forces shelled the town at dawn."
    hit = find_triggers(sentence, load_lexicon())[0]
    whole = Span(0, len(sentence))
    assert sides_between(sentence, hit.span, whole, whole, load_actors().find(sentence)) is None
