from __future__ import annotations

from datetime import date

import pytest

from marsad.extraction.attribution import find_attributions
from marsad.extraction.dates import find_dates, find_durations
from marsad.extraction.events import Candidate, Mentions, build_candidates
from marsad.extraction.fatalities import find_counts
from marsad.extraction.sentences import split_sentences
from marsad.extraction.triggers import find_triggers
from marsad.resolve.geocode import find_places
from marsad.resources import load_resources


def _candidates(text: str) -> list[Candidate]:
    res = load_resources()
    lex = res.lexicon
    m = Mentions(
        text=text,
        published=date(2021, 1, 24),
        sentences=split_sentences(text, chrome=lex.chrome),
        triggers=find_triggers(text, lex),
        places=find_places(text, res.gazetteer),
        actors=res.actors.find(text),
        dates=find_dates(text, published=date(2021, 1, 24), lexicon=lex),
        durations=find_durations(text, lex),
        counts=find_counts(text, lex),
        attributions=[(a.span, a.label) for a in find_attributions(text, lex)],
    )
    return build_candidates(m, lex, res.actors.resolve)


@pytest.mark.parametrize(
    ("text", "actor1", "how"),
    [
        # coreference: "the two sides" are the last pair that fought
        (
            "Clashes\n\nClashes broke out between the SDF and ISIS cells near Hajin. "
            "Later, the two sides exchanged fire near Al-Susah.",
            "sdf",
            "coref",
        ),
        # lexicon default: unattributed warplanes are the regime's
        ("Raids\n\nWarplanes carried out raids on Maarat al-Numan.", "regime", "default"),
        # protests are by protesters whoever else the sentence names
        ("Protest\n\nResidents of Shahba staged a demonstration.", "protesters", "default"),
    ],
)
def test_actor_fallbacks(text: str, actor1: str, how: str) -> None:
    last = _candidates(text)[-1]
    assert last.actor1 is not None and last.actor1.id == actor1
    assert last.actor1_how == how


def test_statistics_paragraphs_give_no_candidates() -> None:
    text = (
        "Toll\n\nAccording to SOHR statistics, the number of people killed since the beginning "
        "of 2021 rose to 300.\n• 120 were killed in shelling by regime forces on Idlib."
    )
    assert _candidates(text) == []


def test_tolls_go_to_the_event_they_belong_to() -> None:
    text = (
        "Daily report\n\nClashes broke out near Saraqib, while a young man was killed due to "
        "shelling by regime forces on Kafr Nabl."
    )
    cands = _candidates(text)
    shelling = [c for c in cands if c.event_type == "Explosions/Remote violence"]
    assert shelling and shelling[0].killed is not None and shelling[0].killed.best == 1


@pytest.mark.parametrize(
    "update",
    ["The death toll rose to seven after two of the injured died.",
     "SOHR activists later reported that the death toll rose to seven."],
)
def test_a_toll_update_in_a_later_sentence_supersedes_the_figure(update: str) -> None:
    text = ("Shelling on Ariha\n\nFive civilians were killed when regime forces shelled Ariha. "
            + update)
    (cand,) = [c for c in _candidates(text) if not c.sentence.is_title]
    assert cand.killed is not None and cand.killed.best == 7
    assert [x.best for x in cand.extra] == [5]  # kept, and no contradiction: an update


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the reinforcements are the raid's means: only the arrests are coded
        (
            "Raid\n\nThe SDF brought military reinforcements to Kafr Nabl and arrested four men.",
            [("Strategic developments", "Arrests")],
        ),
        # reinforcements alone are a development of their own
        (
            "Reinforcements\n\nTurkish forces sent military reinforcements to Kafr Nabl.",
            [("Strategic developments", "Change to group/activity")],
        ),
    ],
)
def test_reinforcements_for_a_raid_are_its_means(
    text: str, expected: list[tuple[str, str]]
) -> None:
    got = [(c.event_type, c.sub_event_type) for c in _candidates(text) if not c.sentence.is_title]
    assert got == expected


def test_list_items_take_the_date_of_their_lead() -> None:
    text = ("Daily toll\n\nSOHR documented the deaths of four people on Tuesday, as follows:\n"
            "• Two civilians killed by a landmine near Maarat al-Numan.\n"
            "• A young man shot dead by unidentified gunmen in Jasim.")
    cands = [c for c in _candidates(text) if not c.sentence.is_title]
    assert cands and all(c.date is not None and c.date.value == date(2021, 1, 19) for c in cands)
