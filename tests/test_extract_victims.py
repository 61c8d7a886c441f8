from __future__ import annotations

from datetime import date

import pytest

from marsad.extraction import extract_report
from marsad.extraction.lexicon import load_lexicon
from marsad.extraction.victims import armed_victim, hurt_civilians
from marsad.model import Report, Span
from marsad.resources import load_resources


@pytest.mark.parametrize(
    ("sentence", "victim"),
    [
        ("A drone targeted a house in Binnish, and a child was injured.", "child"),
        ("Warplanes struck the market, wounding some people.", "people"),
        ("Shells fell on the town, killing two farmers.", "farmers"),
        ("Warplanes struck positions of HTS near the town.", None),
        ("Children were seen playing near the school after the shelling.", None),
        # Arabic: civilians, children, with their clitics, beside a word for killed or wounded
        ("قصفت طائرات حربية السوق ما أسفر عن مقتل ثلاثة مدنيين.", "مدنيين"),
        ("سقط 12 قتيلا بينهم خمسة أطفال في غارة على البلدة.", "أطفال"),
        ("استهدفت الطائرات المسيرة مواقع للفصائل قرب البلدة.", None),
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


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("A Turkish drone struck a car near Amuda, killing two members of the SDF.", "sdf"),
        ("A Turkish drone struck a car near Amuda, and an SDF commander was killed.", "sdf"),
        ("A Turkish drone struck a car near Amuda, killing two children.", "civilians"),
        ("A Turkish drone struck a car near Amuda.", None),
    ],
)
def test_a_strike_targets_the_side_whose_fighters_it_hit(sentence: str, target: str | None) -> None:
    text = "Drone strike\n\n" + sentence
    report = Report(report_id="t1", text=text, published=date(2024, 1, 10))
    [event] = extract_report(report, resources=load_resources()).events
    assert (event.actor2.id if event.actor2 else None) == target
