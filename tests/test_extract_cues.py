from __future__ import annotations

import pytest

from marsad.extract.cues import background_cue, hypothetical_cue, negation_cue
from marsad.extract.lexicon import load_lexicon
from marsad.extract.triggers import find_triggers
from marsad.model import Span


def _whole(text: str) -> Span:
    return Span(0, len(text))


@pytest.mark.parametrize(
    ("sentence", "background"),
    [
        ("SOHR reported earlier that gunmen attacked a checkpoint.", True),
        ("It is worth noting that the regime shelled the town last week.", True),
        ("A few days earlier, ISIS cells killed two shepherds.", True),
        ("The Syrian Observatory had documented the arrest previously.", True),
        ("Regime forces shelled the town today.", False),
        ("Clashes continue in the eastern countryside.", False),
    ],
)
def test_background_sentences(sentence: str, background: bool) -> None:
    assert (background_cue(sentence, _whole(sentence), load_lexicon()) is not None) == background


@pytest.mark.parametrize(
    ("sentence", "trigger", "negated", "hypothetical"),
    [
        ("However, no agreements were reached so far.", "agreements were reached", True, False),
        ("The talks failed to reach an agreement.", "agreement", True, False),
        ("Families fled for fear of expected clashes.", "clashes", False, True),
        ("Residents fear possible shelling on the town.", "shelling", False, True),
        ("The council warned of renewed fighting.", "fighting", False, True),
        ("Clashes erupted at dawn near the dam.", "Clashes", False, False),
        ("Regime forces shelled the village without causing casualties.", "shelled", False, False),
        ("There were no clashes in the city.", "clashes", True, False),
    ],
)
def test_negation_and_hypotheticals(
    sentence: str, trigger: str, negated: bool, hypothetical: bool
) -> None:
    lex = load_lexicon()
    start = sentence.index(trigger)
    span = Span(start, start + len(trigger))
    assert (negation_cue(sentence, span, _whole(sentence), lex) is not None) == negated
    assert (hypothetical_cue(sentence, span, _whole(sentence), lex) is not None) == hypothetical


def test_cues_see_triggers_the_lexicon_finds() -> None:
    lex = load_lexicon()
    sentence = "Residents left for fear of expected clashes between the two sides."
    leaving, clashes = find_triggers(sentence, lex)
    # leaving home happened (an event); the clashes are only feared
    assert hypothetical_cue(sentence, leaving.span, _whole(sentence), lex) is None
    assert hypothetical_cue(sentence, clashes.span, _whole(sentence), lex) is not None
