from __future__ import annotations

from datetime import date

import pytest

from marsad.extraction.dates import (
    find_dates,
    find_day_marks,
    find_durations,
    past_days_dropped,
    start_of,
)
from marsad.extraction.lexicon import load_lexicon
from marsad.model import Span

PUBLISHED = date(2021, 1, 24)  # a Sunday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On January 20, a meeting was held.", date(2021, 1, 20)),
        ("On 20 January, a meeting was held.", date(2021, 1, 20)),
        ("The attack took place on March 3, 2019.", date(2019, 3, 3)),
        ("The body was found on 5/1/2021 near the road.", date(2021, 1, 5)),
        ("Clashes erupted yesterday near the dam.", date(2021, 1, 23)),
        ("Warplanes struck the town last night.", date(2021, 1, 23)),
        ("Earlier today, a drone struck a car.", date(2021, 1, 24)),
        ("On Monday, protesters gathered.", date(2021, 1, 18)),
        ("On Sunday, protesters gathered.", date(2021, 1, 24)),
        ("Three days ago, gunmen killed a man.", date(2021, 1, 21)),
        ("On December 30, the siege began.", date(2020, 12, 30)),
    ],
)
def test_dates_anchor_at_publication(sentence: str, expected: date) -> None:
    found = find_dates(sentence, published=PUBLISHED, lexicon=load_lexicon())
    assert found and found[0].value == expected
    assert found[0].precision == 1


def test_relative_dates_need_a_publication_date() -> None:
    lex = load_lexicon()
    assert find_dates("Clashes erupted yesterday.", published=None, lexicon=lex) == []
    assert find_dates("On January 20 a meeting.", published=None, lexicon=lex) == []
    assert find_dates("On January 20, 2021 a meeting.", published=None, lexicon=lex)[
        0
    ].value == date(2021, 1, 20)


def test_may_as_a_verb_is_not_a_date() -> None:
    assert (
        find_dates("Clashes may 5 times erupt.", published=PUBLISHED, lexicon=load_lexicon()) == []
    )


def test_fuzzy_phrases_go_through_dateparser() -> None:
    found = find_dates("The campaign began last week.", published=PUBLISHED, lexicon=load_lexicon())
    assert found and found[0].precision == 2 and found[0].value < PUBLISHED


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("The siege continues for the 13th day in a row.", 13),
        ("Asayish keeps the blockade for the tenth consecutive day.", 10),
        ("The town has been besieged since 15 days.", 15),
        ("The curfew enters its third consecutive day.", 3),
        ("The siege continued for 21 consecutive days.", 21),
        ("Residents have endured 40 days of siege.", 40),
        ("Asayish keeps besieging regime forces in Amuda for 12 days.", 12),
        ("Asayish has imposed a siege on the security square for 12 days.", 12),
    ],
)
def test_durations_give_the_day_count(sentence: str, day: int) -> None:
    found = find_durations(sentence, load_lexicon())
    assert [d.day for d in found] == [day]


@pytest.mark.parametrize(
    "sentence",
    [
        "The SDF imposed a curfew on the town on Thursday for two days.",
        "Asayish announced a curfew in Amuda for three days starting tomorrow.",
        "The council will close the crossing for 10 days.",
    ],
)
def test_a_declared_length_is_no_day_count(sentence: str) -> None:
    assert find_durations(sentence, load_lexicon()) == []


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # a dated point inside the siege, told beside its current count: only the count stays
        ("Fuel has not reached the camp for 50 days, save for one tanker on the 31st day of "
         "the siege.", [50]),
        ("On the 12th day of the blockade, one convoy entered; the blockade has lasted for 20 "
         "days.", [20]),
        # alone, "on the Nth day" is the situation's current day
        ("On the 13th day of the siege, regime forces kept their positions.", [13]),
        # two current counts are a real contradiction: both stay
        ("The siege continues for the 13th day in a row, or for the tenth consecutive day.",
         [13, 10]),
    ],
)
def test_past_points_of_a_situation_are_not_its_day_count(text: str, days: list[int]) -> None:
    found = find_durations(text, load_lexicon())
    kept = past_days_dropped(found, [Span(0, len(text))], text)
    assert [d.day for d in kept] == days


def test_start_of_a_situation() -> None:
    assert start_of(PUBLISHED, 13) == date(2021, 1, 12)
    assert start_of(PUBLISHED, 1) == PUBLISHED


def test_day_marks_tell_days_apart_in_an_undated_report() -> None:
    text = "A drone struck the base this morning; another struck it yesterday and on Friday."
    marks = find_day_marks(text, lexicon=load_lexicon())
    assert [text[m.span.start : m.span.end] for m in marks] == ["yesterday", "on Friday"]
    assert marks[0].value != marks[1].value
