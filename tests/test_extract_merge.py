from __future__ import annotations

from dataclasses import dataclass

from marsad.extraction.dates import DurationMention
from marsad.extraction.events import Candidate
from marsad.extraction.fatalities import CountMention
from marsad.extraction.merge import LooseDay, merge_candidates, situation_contradictions
from marsad.extraction.sentences import Sentence
from marsad.model import Actor, Place, Span

ASAYISH = Actor("asayish", "Asayish", 2)
REGIME = Actor("regime", "Regime forces", 1)
TITLE = Sentence(Span(0, 50), 0, is_title=True)
BODY = Sentence(Span(60, 200), 1)
BODY2 = Sentence(Span(210, 300), 2)


@dataclass(frozen=True)
class FakePlace:
    span: Span
    place: Place
    geo_precision: int = 1


QAMISHLI = FakePlace(Span(70, 80), Place("q", "Qamishli", 37.0, 41.2, "city", "Al-Hasakah"))
HASAKAH_GOV = FakePlace(
    Span(20, 30), Place("g", "Al-Hasakah", 36.5, 40.7, "governorate", "Al-Hasakah"), 3
)


def _cand(sentence: Sentence, start: int, place: FakePlace | None, **kw: object) -> Candidate:
    base: dict[str, object] = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "trigger": Span(start, start + 5),
        "sentence": sentence,
        "place": place,
    }
    base.update(kw)
    return Candidate(**base)  # type: ignore[arg-type]


def test_one_event_per_type_place_and_day() -> None:
    a = _cand(BODY, 61, QAMISHLI, actor1=None, actor1_how="none")
    b = _cand(BODY2, 211, QAMISHLI, actor1=ASAYISH, actor1_how="subject")
    [merged] = merge_candidates([a, b])
    assert merged.main.actor1 == ASAYISH  # the best-supported actor wins
    assert len(merged.parts) == 2


def test_headline_folds_into_the_body() -> None:
    title = _cand(TITLE, 1, HASAKAH_GOV)
    body = _cand(BODY, 61, QAMISHLI)
    merged = merge_candidates([title, body])
    assert [m.main.place for m in merged] == [QAMISHLI]


def test_two_tolls_for_one_event_are_a_contradiction() -> None:
    a = _cand(BODY, 61, QAMISHLI, killed=CountMention(Span(90, 95), "killed", 5, 5, 5))
    b = _cand(BODY2, 211, QAMISHLI, killed=CountMention(Span(220, 225), "killed", 7, 7, 7))
    [merged] = merge_candidates([a, b])
    [contra] = merged.contradictions
    assert contra.field == "fatalities" and contra.values == (5, 7)
    assert contra.evidence == (Span(90, 95), Span(220, 225))


def test_a_toll_update_is_no_contradiction() -> None:
    a = _cand(BODY, 61, QAMISHLI, killed=CountMention(Span(90, 95), "killed", 5, 5, 5))
    b = _cand(
        BODY2, 211, QAMISHLI, killed=CountMention(Span(220, 225), "killed", 7, 7, 7, update=True)
    )
    [merged] = merge_candidates([a, b])
    assert merged.main.killed is not None and merged.main.killed.best == 7
    assert merged.contradictions == []


def test_day_counts_of_one_siege_disagree() -> None:
    siege = _cand(
        BODY,
        61,
        QAMISHLI,
        event_type="Strategic developments",
        sub_event_type="Other",
        situation="siege",
        actor1=ASAYISH,
        duration=DurationMention(Span(100, 120), 13),
    )
    merged = merge_candidates([siege])
    loose = [LooseDay(10, Span(230, 250), frozenset({"asayish"}), frozenset())]
    [contra] = situation_contradictions(merged, loose)
    assert contra.field == "situation.day" and contra.values == (13, 10)
    assert contra.evidence == (Span(100, 120), Span(230, 250))
    assert situation_contradictions(merged, []) == []
