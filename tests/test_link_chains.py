"""Linking across reports in the store: invented report chains, ingest order, unmerge.

The chains are invented (``tests/chains/``); each test says what an analyst relies on: one event
per happening with its sources, two happenings kept apart, one situation per siege however it
is spelled, lifting closes it, and the same result whatever order the reports arrive in.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from marsad.errors import StoreError
from marsad.model import (
    Actor,
    Event,
    Extraction,
    Fatalities,
    Location,
    Place,
    Report,
    SituationRef,
    Span,
)
from marsad.store import Store, open_store

CHAINS = Path(__file__).parent / "chains"
SAMPLES = Path(__file__).resolve().parents[1] / ".." / "shared" / "samples"
TODAY = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

ISIS = Actor(id="isis", name="Islamic State (Syria)", inter=2)
SDF = Actor(id="sdf", name="Syrian Democratic Forces", inter=2)
ASAYISH = Actor(id="asayish", name="Asayish", inter=2, parent="sdf")
REGIME = Actor(id="regime", name="Military Forces of Syria", inter=1)
CIVILIANS = Actor(id="civilians", name="Civilians", inter=7)
THIBAN = Place(id="p-thiban", name="Thiban", latitude=35.01, longitude=40.55, feature="town",
               admin1="Deir ez-Zor")
NEAR_THIBAN = Place(id="p-thiban-farms", name="Thiban farms", latitude=35.02, longitude=40.56,
                    feature="village", admin1="Deir ez-Zor")
QAMISHLI = Place(id="p-qamishli", name="Al-Qamishli", latitude=37.05, longitude=41.22,
                 feature="city", admin1="Al-Hasakah")


def report(rid: str, text: str, published: date | None) -> Report:
    return Report(report_id=rid, text=text, title=text.split(".")[0], source="test",
                  published=published)


def attack(rid: str, n: int, *, on: date | None, killed: int | None, actor: Actor = ISIS,
           target: Actor = SDF, sub: str = "Armed clash", place: Place = THIBAN,
           background: bool = False) -> Event:
    evidence = {"event": Span(0, 6)}
    if killed is not None:
        evidence["fatalities"] = Span(7, 12)
    return Event(event_id=f"{rid}:{n}", event_type="Battles", sub_event_type=sub,
                 evidence=evidence, event_date=on, actor1=actor, actor2=target,
                 location=Location(place=place, geo_precision=1),
                 fatalities=Fatalities(killed or 0, killed or 0, killed or 0),
                 background=background)


def attack_chain() -> list[Extraction]:
    """An attack told three times (first report, toll update, recap), and a second attack on
    the same town and day by other actors that must stay apart."""
    first = report("a1", "ISIS cells attacked an SDF checkpoint in Thiban last night, killing 3.",
                   date(2023, 2, 8))
    update = report("a2", "The toll of the attack on the Thiban checkpoint rose to six.",
                    date(2023, 2, 9))
    recap = report("a3", "Last week ISIS cells killed six SDF members at a Thiban checkpoint.",
                   date(2023, 2, 14))
    return [
        Extraction(first, (
            attack("a1", 0, on=date(2023, 2, 7), killed=3),
            attack("a1", 1, on=date(2023, 2, 7), killed=1, actor=REGIME, target=CIVILIANS,
                   sub="Attack"),
        )),
        Extraction(update, (attack("a2", 0, on=date(2023, 2, 7), killed=6,
                                   place=NEAR_THIBAN),)),
        Extraction(recap, (attack("a3", 0, on=None, killed=6, background=True),)),
    ]


def siege(rid: str, n: int, *, on: date | None, day: int | None, actor: Actor | None = ASAYISH,
          place: Place = QAMISHLI, background: bool = False) -> Event:
    return Event(event_id=f"{rid}:{n}", event_type="Strategic developments",
                 sub_event_type="Other", evidence={"event": Span(0, 5), "situation": Span(0, 5)},
                 event_date=on, actor1=actor, actor2=REGIME,
                 location=Location(place=place, geo_precision=1),
                 situation=SituationRef(kind="siege", day=day), background=background)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'link.db'}", clock=lambda: TODAY) as opened:
        yield opened


def _snapshot(store: Store) -> tuple[object, ...]:
    events = sorted((s.event.event_id, s.sources, s.mentions, s.event.fatalities)
                    for s in store.events())
    situations = sorted((s.id, s.kind, s.start_date, s.day, s.status, s.last_report_date,
                         tuple(sorted(s.report_ids)), len(s.contradictions))
                        for s in store.situations())
    return tuple(events), tuple(situations)


def test_an_attack_reported_three_times_is_one_event(store: Store) -> None:
    for extraction in attack_chain():
        store.add(extraction)
    found = {s.event.event_id: s for s in store.events()}
    assert sorted(found) == ["a1:0", "a1:1"]  # the regime attack on civilians stays apart
    thiban = found["a1:0"]
    assert thiban.sources == 3 and thiban.report_ids == ("a1", "a2", "a3")
    assert thiban.mentions == ("a1:0", "a2:0", "a3:0")
    assert thiban.event.fatalities == Fatalities(low=3, best=6, high=6)
    assert thiban.event.location is not None and thiban.event.location.place == THIBAN
    assert found["a1:1"].sources == 1
    assert store.situations() == [] and store.situation_timeline("none") is None
    log = store.merge_log("a1:0")
    assert {(e.event_id, e.action) for e in log} >= {("a2:0", "merge"), ("a3:0", "merge")}
    assert {e.rule for e in log} == {"nearby place", "retold same place"}
    assert store.event("a2:0") == thiban  # a mention finds its merged event


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_ingest_order_does_not_change_events(tmp_path: Path, order: Sequence[int]) -> None:
    chain = attack_chain()
    with open_store(f"sqlite:///{tmp_path / 'a.db'}", clock=lambda: TODAY) as one:
        for extraction in chain:
            one.add(extraction)
        expected = _snapshot(one)
    with open_store(f"sqlite:///{tmp_path / 'b.db'}", clock=lambda: TODAY) as other:
        for i in order:
            other.add(chain[i])
        assert _snapshot(other) == expected


def test_two_attacks_same_day_same_town_stay_two(store: Store) -> None:
    day = date(2023, 3, 1)
    store.add(Extraction(report("b1", "Shelling and an air strike hit Thiban.", day), (
        attack("b1", 0, on=day, killed=2, actor=REGIME, target=None,  # type: ignore[arg-type]
               sub="Shelling/artillery/missile attack"),
    )))
    store.add(Extraction(report("b2", "An air strike hit Thiban.", day), (
        attack("b2", 0, on=day, killed=1, actor=REGIME, target=None,  # type: ignore[arg-type]
               sub="Air/drone strike"),
    )))
    store.add(Extraction(report("b3", "ISIS clashed with regime forces in Thiban.", day), (
        attack("b3", 0, on=day, killed=0, actor=ISIS, target=SDF),
    )))
    store.add(Extraction(report("b4", "Regime forces clashed with tribesmen in Thiban.", day), (
        attack("b4", 0, on=day, killed=0, actor=REGIME, target=CIVILIANS),
    )))
    assert sorted(s.event.event_id for s in store.events()) == ["b1:0", "b2:0", "b3:0", "b4:0"]


def test_unmerge_restores_both_events_and_sticks(store: Store) -> None:
    chain = attack_chain()
    for extraction in chain[:2]:
        store.add(extraction)
    assert store.event("a1:0") is not None and store.event("a1:0").sources == 2  # type: ignore[union-attr]
    assert store.unmerge("a2:0") == ("a1:0", "a2:0")
    found = {s.event.event_id: s.sources for s in store.events()}
    assert found == {"a1:0": 1, "a1:1": 1, "a2:0": 1}
    store.add(chain[2])  # a later report does not glue them back together
    assert {s.event.event_id for s in store.events()} == {"a1:0", "a1:1", "a2:0"}
    assert [e.action for e in store.merge_log("a2:0")] == ["merge", "unmerge"]
    with pytest.raises(StoreError, match="not merged"):
        store.unmerge("a1:1")
    with pytest.raises(StoreError, match="no stored event"):
        store.unmerge("nope")


def test_background_mention_alone_creates_no_event(store: Store) -> None:
    store.add(Extraction(report("c1", "Last month ISIS attacked Thiban.", date(2023, 5, 1)),
                         (attack("c1", 0, on=None, killed=None, background=True),)))
    assert store.events() == [] and store.summary().events == 0
    assert store.extraction("c1") is not None  # the mention itself is kept


def test_fatalities_disagreement_is_a_contradiction(store: Store) -> None:
    for extraction in attack_chain()[:2]:
        store.add(extraction)
    with store.engine.connect() as conn:
        from marsad.store.schema import link_contradictions

        rows = list(conn.execute(link_contradictions.select()).mappings())
    assert [(r["field"], r["subject"], r["reports"]) for r in rows] == [
        ("fatalities", "a1:0", ["a1", "a2"])
    ]


def siege_chain() -> list[Extraction]:
    """Six reports of one siege: day counts, one that disagrees, and the lifting."""
    days = [(date(2021, 3, 10), 5), (date(2021, 3, 13), 8), (date(2021, 3, 16), 11),
            (date(2021, 3, 18), 9), (date(2021, 3, 20), 15)]
    out = [Extraction(report(f"s{i}", f"Siege, day {d}.", on), (siege(f"s{i}", 0, on=on, day=d),))
           for i, (on, d) in enumerate(days)]
    lifted = report("s9", "Asayish forces lifted the siege on the security zone.",
                    date(2021, 3, 22))
    out.append(Extraction(lifted, (siege("s9", 0, on=date(2021, 3, 22), day=None),)))
    return out


def test_siege_chain_is_one_situation_with_a_contradiction_and_lifted(store: Store) -> None:
    chain = siege_chain()
    for extraction in chain[:-1]:
        store.add(extraction)
    [ongoing] = store.situations()
    assert ongoing.start_date == date(2021, 3, 6) and ongoing.day == 15
    assert ongoing.status == "unknown"  # the store's clock is 2024
    [contradiction] = ongoing.contradictions
    assert contradiction.values == ("2021-03-06", "2021-03-10")
    store.add(chain[-1])
    [lifted] = store.situations(status="lifted")
    assert lifted.id == ongoing.id and lifted.day == 17
    timeline = store.situation_timeline(lifted.id)
    assert timeline is not None and timeline.lifted_date == date(2021, 3, 22)
    assert (timeline.start_low, timeline.start_high) == (date(2021, 3, 6), date(2021, 3, 10))
    assert [e.day for e in timeline.entries] == [5, 8, 11, 9, 15, None]
    assert timeline.contradictions[0].reports == ("s0", "s3")


@pytest.mark.parametrize("seed", range(4))
def test_ingest_order_does_not_change_situations(tmp_path: Path, seed: int) -> None:
    import random

    chain = siege_chain() + attack_chain()
    order = list(range(len(chain)))
    random.Random(seed).shuffle(order)
    with open_store(f"sqlite:///{tmp_path / 'a.db'}", clock=lambda: TODAY) as one:
        for extraction in chain:
            one.add(extraction)
        expected = _snapshot(one)
    with open_store(f"sqlite:///{tmp_path / 'b.db'}", clock=lambda: TODAY) as other:
        for i in order:
            other.add(chain[i])
        assert _snapshot(other) == expected


def test_report_without_a_date_uses_the_ingest_date_and_lifting_closes(tmp_path: Path) -> None:
    now = datetime(2021, 3, 24, 9, 0, tzinfo=UTC)
    with open_store(f"sqlite:///{tmp_path / 'u.db'}", clock=lambda: now) as store:
        for extraction in siege_chain()[:-1]:
            store.add(extraction)
        undated = report("u1", "The siege was lifted.", None)
        store.add(Extraction(undated, (siege("u1", 0, on=None, day=None),)))
        [situation] = store.situations()
        assert situation.status == "lifted"  # ingested (today) after every other report
        assert situation.last_report_date == now.date() and situation.day == 19


def test_sieges_by_unrelated_actors_of_one_place_stay_apart(store: Store) -> None:
    day = date(2022, 5, 1)
    store.add(Extraction(report("d1", "Siege by Asayish.", day), (siege("d1", 0, on=day, day=3),)))
    store.add(Extraction(report("d2", "Siege by the regime.", day),
                         (siege("d2", 0, on=day, day=30, actor=REGIME),)))
    store.add(Extraction(report("d3", "Siege, no actor named.", day),
                         (siege("d3", 0, on=day, day=3, actor=None),)))
    assert sorted(len(s.report_ids) for s in store.situations()) == [1, 2]


def test_invented_siege_texts_with_the_shipped_extractor(store: Store) -> None:
    """Asayish / Internal Security Forces / Al-Asayesh, al-Qamishli / Al-Qamishly: one siege."""
    from marsad.errors import DataFileError
    from marsad.ingest import parse_text_report

    try:
        from marsad.observatory import default_extractor

        extract = default_extractor()
    except (ImportError, DataFileError) as exc:
        pytest.skip(f"the shipped extractor is not available: {exc}")
    for path in sorted((CHAINS / "siege").glob("*.txt")):
        store.add(extract(parse_text_report(path.read_text(encoding="utf-8"), origin=str(path))))
    [situation] = store.situations(kind="siege")
    assert len(situation.report_ids) == 6 and situation.status == "lifted"
    assert situation.actor1 is not None and situation.actor1.id == "asayish"
    assert situation.start_date == date(2021, 3, 6)
    assert any(c.field.startswith("situation.") for c in situation.contradictions)


def test_shared_sample_siege_chains(store: Store) -> None:
    """The real sample chains (read at run time; skipped where the samples are absent)."""
    path = SAMPLES / "sohr_reports.jsonl"
    if not path.is_file():
        pytest.skip("../shared/samples is not available")
    try:
        from marsad.observatory import default_extractor

        extract = default_extractor()
    except ImportError as exc:  # pragma: no cover
        pytest.skip(f"the shipped extractor is not available: {exc}")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    chain = [r for r in records if r.get("chain") == "asayish_siege_hasakah_qamishli_2021"]
    for r in chain:
        published = date.fromisoformat(r["published"]) if r.get("published") else None
        store.add(extract(Report(report_id=str(r["id"]), text=r["text"], title=r["title"],
                                 published=published)))
    by_asayish = [s for s in store.situations()
                  if s.actor1 is not None and s.actor1.id == "asayish"]
    assert len(by_asayish) == 1
    assert len(by_asayish[0].report_ids) == len(chain)


def daily_siege(n: int) -> list[Extraction]:
    """A siege told every day for ``n`` days: the siege (reaching back to its start), a recap
    of the civilians killed under it, the day's shelling, now and then a retelling of it, a
    second name for the siege, an unnamed imposer and a day count that disagrees."""
    began = date(2022, 1, 1)
    out = []
    for i in range(n):
        on = began + timedelta(days=3 + i)
        rid = f"q{(i * 37) % 101:03d}{i}"
        day = (on - began).days + 1 + (2 if i % 13 == 6 else 0)
        kind = "blockade" if i % 7 == 3 else "siege"
        told = (
            Event(event_id=f"{rid}:0", event_type="Strategic developments",
                  sub_event_type="Other", evidence={"event": Span(0, 5), "situation": Span(0, 9)},
                  event_date=on, date_start=began, date_end=on,
                  actor1=None if i % 5 == 2 else ASAYISH, actor2=REGIME,
                  location=Location(place=QAMISHLI, geo_precision=1),
                  situation=SituationRef(kind=kind, day=day)),
            Event(event_id=f"{rid}:1", event_type="Violence against civilians",
                  sub_event_type="Attack", evidence={"event": Span(10, 15)}, event_date=on,
                  date_start=began, date_end=on, actor1=ASAYISH, actor2=CIVILIANS,
                  location=Location(place=QAMISHLI, geo_precision=1),
                  fatalities=Fatalities(10 + i // 4, 10 + i // 4, 10 + i // 4)),
            attack(rid, 2, on=on, killed=1, actor=REGIME, target=CIVILIANS,
                   sub="Shelling/artillery/missile attack", place=QAMISHLI),
        )
        retold = (attack(rid, 3, on=None, killed=1, actor=REGIME, target=CIVILIANS,
                         sub="Shelling/artillery/missile attack", place=QAMISHLI,
                         background=True),) if i % 3 == 1 else ()
        out.append(Extraction(report(rid, f"Day {day} of the siege ({rid}).", on), told + retold))
    return out


def test_a_long_siege_links_the_same_in_any_order(tmp_path: Path) -> None:
    import random

    chain = daily_siege(36)
    with open_store(f"sqlite:///{tmp_path / 'a.db'}", clock=lambda: TODAY) as one:
        for extraction in chain:
            one.add(extraction)
        expected = _snapshot(one)
        [situation] = one.situations()
    assert situation.kind == "siege" and situation.start_date == date(2022, 1, 1)
    assert situation.day == 39 and len(situation.report_ids) == 36
    assert len(situation.contradictions) == 3  # the counts that disagree
    shuffled = list(chain)
    random.Random(5).shuffle(shuffled)
    for name, order in (("newest", chain[::-1]), ("shuffled", shuffled)):
        with open_store(f"sqlite:///{tmp_path / name}.db", clock=lambda: TODAY) as other:
            for extraction in order:
                other.add(extraction)
            assert _snapshot(other) == expected, name


# Qamishli's airport, about 4 km from the town's point: a deal there can end the town's siege.
AIRPORT = Place(id="p-qamishli-airport", name="Qamishli airport", latitude=37.0206,
                longitude=41.1914, feature="airport", admin1="Al-Hasakah")
# Amuda, about 25 km away: too far to be the same siege's place.
AMUDA = Place(id="p-amuda", name="Amuda", latitude=37.104, longitude=40.93, feature="town",
              admin1="Al-Hasakah")


def deal(rid: str, at: Place, on: date) -> Extraction:
    """An agreement told at ``at`` that ends "the siege": it names no besieging side."""
    text = f"The two sides reached a deal at {at.name}, ending the siege of the security zone."
    event = Event(event_id=f"{rid}:0", event_type="Strategic developments",
                  sub_event_type="Agreement",
                  evidence={"event": Span(22, 26), "sentence": Span(0, len(text))},
                  event_date=on, location=Location(place=at, geo_precision=1))
    return Extraction(report(rid, text, on), (event,))


@pytest.mark.parametrize(("at", "closes"), [(AIRPORT, True), (AMUDA, False)])
@pytest.mark.parametrize("deal_first", [False, True])
def test_a_deal_at_a_nearby_facility_closes_the_siege(
    tmp_path: Path, at: Place, closes: bool, deal_first: bool
) -> None:
    chain = siege_chain()[:-1]
    ended = deal("d9", at, date(2021, 3, 22))
    order = [ended, *chain] if deal_first else [*chain, ended]
    with open_store(f"sqlite:///{tmp_path / 'd.db'}", clock=lambda: TODAY) as store:
        for extraction in order:
            store.add(extraction)
        sieges = {s.id: s for s in store.situations()}
        [main] = [s for s in sieges.values() if "s0" in s.report_ids]
        assert (main.status == "lifted") is closes
        assert ("d9" in main.report_ids) is closes
        assert main.day == (17 if closes else 15)
