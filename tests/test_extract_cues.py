from __future__ import annotations

import pytest

from marsad.extraction.cues import (
    background_cue,
    hypothetical_cue,
    negation_cue,
    news_before,
    not_event_cue,
    statistics_cue,
)
from marsad.extraction.lexicon import load_lexicon
from marsad.extraction.triggers import find_triggers
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
        # a dated earlier happening opening the sentence, and SOHR's own earlier reports
        ("On March 4, gunmen kidnapped a merchant near Inkhil.", True),
        ("On 4 March, gunmen kidnapped a merchant near Inkhil.", True),
        ("On the fourth of last March, gunmen kidnapped a merchant near Inkhil.", True),
        ("On the 4th of March 2023, gunmen kidnapped a merchant near Inkhil.", True),
        ("Yesterday, SOHR activists monitored a protest in Shahba.", True),
        ("The Observatory published yesterday that a landmine went off near the road.", True),
        ("This comes a week after a drone strike on the same village.", True),
        ("The dispute dates back to last month, when two men were abducted.", True),
        # a date inside the sentence, or a plain "yesterday", is today's news
        ("Gunmen kidnapped a merchant near Inkhil on March 4.", False),
        ("Yesterday, gunmen kidnapped a merchant near Inkhil.", False),
        # Arabic: "X had ..." opening a sentence, and a named earlier date, retell
        ("وكانت قوات النظام قد قصفت البلدة بالمدفعية.", True),
        ("وفي يوم الأحد 3 آذار، خطف مسلحون تاجرا قرب إنخل.", True),
        ("ومن الجدير بالذكر، أن مسلحين هاجموا الحاجز قبل أسبوع.", True),
        ("وفي 12 أيلول/سبتمبر الماضي، خطف مسلحون شابين قرب شهبا.", True),
        ("وفي الخامس من آذار/مارس الجاري، استهدفت مسيرة موقعا قرب منبج.", True),
        ("Earlier today, SOHR sources reported that a drone struck a farm.", True),
        ("Earlier today, a drone struck a farm near Amuda.", False),
        ("قصفت قوات النظام البلدة صباح اليوم.", False),
        ("قصفت قوات النظام البلدة في 12 أيلول.", False),
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
        # what happened before is told as a time reference, not as news
        ("Families fled after the shelling of the town.", "shelling", True, False),
        # "the bodies of those killed": a reference to victims, not a new killing
        ("Medics carried the bodies of those killed to the hospital.", "killed", True, False),
        ("Those villages were shelled at dawn.", "shelled", False, False),
        # a grievance protesters voice is no event of its own
        ("Crowds held banners condemning the bombing of the town.", "bombing", False, True),
        # a rumour denied is no news
        ("Sources denied rumours that HTS had arrested an activist.", "arrested", False, True),
        # an escort is no strike
        ("A Russian patrol, escorted by helicopters, toured the villages.", "helicopters", True,
         False),
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
    sentence = "Residents left for fear of expected clashes between the rival forces."
    leaving, clashes = find_triggers(sentence, lex)
    # leaving home happened (an event); the clashes are only feared
    assert hypothetical_cue(sentence, leaving.span, _whole(sentence), lex) is None
    assert hypothetical_cue(sentence, clashes.span, _whole(sentence), lex) is not None


@pytest.mark.parametrize(
    ("sentence", "no_event"),
    [
        ("A young woman was killed by her brother in their house in Jaramana.", True),
        ("A man stabbed his wife to death in Jableh after a dispute.", True),
        ("The killer admitted that it was an honour crime.", True),
        ("This killing is similar to the assassination of a commander last year.", True),
        ("Gunmen shot dead a man and his brother near Tafas.", False),
        ("Regime forces killed a civilian in Inkhil.", False),
        ("Notables of Busra issued a joint statement about the clashes that broke out.", True),
    ],
)
def test_sentences_that_are_no_acled_event(sentence: str, no_event: bool) -> None:
    assert (not_event_cue(sentence, _whole(sentence), load_lexicon()) is not None) == no_event


@pytest.mark.parametrize(
    ("sentence", "statistic"),
    [
        ("Regime-held areas in March 2023 | 95 fatalities in acts of violence", True),
        ("The Syrian Observatory has documented 57 murders in Daraa province.", True),
        ("Since the beginning of 2021, 300 people were killed in the province.", True),
        ("Regime forces shelled Kafr Nabl on March 4, killing two civilians.", False),
        ("Protests against HTS continue for the third consecutive month in the area.", True),
        ("وتشهد المنطقة منذ آذار الماضي احتجاجات قتل فيها مئات الأشخاص.", True),
        ("ووفق إحصائيات المرصد، بلغ عدد الهجمات في المحافظة 40 هجوما.", True),
    ],
)
def test_long_period_statistics(sentence: str, statistic: bool) -> None:
    assert (statistics_cue(sentence, _whole(sentence), load_lexicon()) is not None) == statistic


@pytest.mark.parametrize(
    ("sentence", "news"),
    [
        (
            "Gunmen attacked a checkpoint in Harem, while the toll since the beginning of the "
            "year rose to 412.",
            "Gunmen attacked a checkpoint in Harem",
        ),
        ("Since the beginning of 2021, 300 people were killed in the province.", None),
    ],
)
def test_news_before_a_closing_statistic(sentence: str, news: str | None) -> None:
    whole = _whole(sentence)
    cue = statistics_cue(sentence, whole, load_lexicon())
    assert cue is not None
    cut = news_before(sentence, whole, cue)
    assert (sentence[:cut] if cut is not None else None) == news
