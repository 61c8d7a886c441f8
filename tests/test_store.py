"""The store: exact round trips, idempotent adds, a transaction per report, filters, situations."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from marsad.errors import ConfigError, StoreError
from marsad.ingest import content_hash
from marsad.link.rules import LinkRules, load_link_rules
from marsad.link.undated import Undated
from marsad.model import (
    Actor,
    Contradiction,
    Event,
    Extraction,
    Fatalities,
    Location,
    Place,
    Plover,
    Report,
    SituationRef,
    Span,
)
from marsad.store import Store, open_store
from marsad.store.engine import create_store_engine, downgrade
from marsad.store.schema import events

ASAYISH = Actor(id="asayish", name="Asayish", inter=2, parent="sdf")
REGIME = Actor(id="syrian-regime", name="Military Forces of Syria", inter=1)
CIVILIANS = Actor(id="civilians", name="Civilians", inter=7)
HASAKAH = Place(id="p-hasakah", name="Al-Hasakah", latitude=36.5024, longitude=40.7477,
                feature="city", admin1="Al-Hasakah", admin2="Al-Hasakah", country="Syria",
                iso3="SYR", population=188160, name_ar="الحسكة")
BUSRA = Place(id="p-busra", name="Busra", latitude=32.517, longitude=36.481, feature="town",
              admin1="Daraa")


def report(text: str, *, rid: str | None = None, published: date | None = None) -> Report:
    return Report(report_id=rid or "r" + content_hash(text)[:16], text=text,
                  title=text.split("\n")[0], source="SOHR", url="https://example.org/x",
                  published=published, language="en", origin="fixture.txt")


def siege_event(rep: Report, n: int, *, day: int, place: Place = HASAKAH,
                start: date | None = None) -> Event:
    return Event(
        event_id=f"{rep.report_id}:{n}",
        event_type="Strategic developments",
        sub_event_type="Other",
        evidence={"event": Span(0, 5), "situation": Span(6, 20)},
        event_date=rep.published,
        date_start=start,
        situation=SituationRef(kind="siege", day=day, start_date=start, id="siege-1"),
        actor1=ASAYISH,
        actor2=REGIME,
        location=Location(place=place, geo_precision=1),
    )


def full_extraction() -> Extraction:
    rep = report("For the 13th day in a row, the siege continues.\nClashes nearby.",
                 rid="201871", published=date(2021, 1, 24))
    clash = Event(
        event_id="201871:1",
        event_type="Battles",
        sub_event_type="Armed clash",
        evidence={"event": Span(49, 56), "actor1": Span(0, 3), "location": Span(10, 20),
                  "date": Span(4, 8)},
        event_date=date(2021, 1, 23),
        date_start=date(2021, 1, 22),
        date_end=date(2021, 1, 23),
        time_precision=2,
        plover=Plover(event_type="FIGHT", mode="small arms"),
        cameo="190",
        actor1=ASAYISH,
        actor2=REGIME,
        assoc_actors=(CIVILIANS, REGIME),
        location=Location(place=HASAKAH, geo_precision=2),
        fatalities=Fatalities(low=1, best=2, high=3),
        injured=4,
        attribution="SOHR activists",
        background=False,
        confidence=0.8125,
        summary="On 23 January 2021, Asayish clashed with regime forces in Al-Hasakah.",
    )
    contradictions = (
        Contradiction(field="situation.day", values=(13, 10), evidence=(Span(8, 12), Span(30, 40)),
                      subject="siege-1"),
        Contradiction(field="fatalities", values=("2", 2), evidence=(Span(1, 2),)),
    )
    return Extraction(report=rep, events=(siege_event(rep, 0, day=13), clash),
                      contradictions=contradictions)


POSTGRES = os.environ.get("MARSAD_TEST_POSTGRES", "")  # a scratch database URL, optional


@pytest.fixture(params=["sqlite", *(["postgresql"] if POSTGRES else [])])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh store; on PostgreSQL too when ``MARSAD_TEST_POSTGRES`` holds a scratch DB URL."""
    clock = lambda: datetime(2024, 5, 1, 12, 0, tzinfo=UTC)  # noqa: E731
    url = f"sqlite:///{tmp_path / 'test.db'}" if request.param == "sqlite" else POSTGRES
    with open_store(url, clock=clock) as opened:
        try:
            yield opened
        finally:
            if request.param != "sqlite":
                downgrade(opened.engine, revision="base")


def test_extraction_round_trips_exactly(store: Store) -> None:
    extraction = full_extraction()
    outcome = store.add(extraction)
    assert (outcome.report_id, outcome.status, outcome.events) == ("201871", "added", 2)
    assert store.extraction("201871") == extraction
    assert store.report("201871") == extraction.report
    assert store.extraction("missing") is None and store.report("missing") is None


def test_same_text_twice_is_a_duplicate_and_adds_nothing(store: Store) -> None:
    extraction = full_extraction()
    store.add(extraction)
    again = Extraction(report=extraction.report, events=())
    assert store.add(again).status == "duplicate"
    renamed = Extraction(report=report(extraction.report.text.replace("\n", "\r\n"), rid="other"),
                         events=())
    outcome = store.add(renamed)
    assert (outcome.report_id, outcome.status, outcome.events) == ("201871", "duplicate", 0)
    assert store.summary().reports == 1 and store.summary().events == 2
    assert store.stored_id(renamed.report) == "201871"


def test_same_id_with_other_text_is_refused(store: Store) -> None:
    store.add(full_extraction())
    clash = Extraction(report=report("Another text entirely.", rid="201871"), events=())
    with pytest.raises(StoreError, match="already stored with a different text"):
        store.add(clash)


def test_a_failing_report_leaves_nothing_behind(store: Store) -> None:
    rep = report("Two events with one id.", published=date(2024, 1, 1))
    event = siege_event(rep, 0, day=3)
    with pytest.raises(StoreError):
        store.add(Extraction(report=rep, events=(event, event)))
    assert store.summary() == store.summary().__class__(reports=0, events=0, events_by_type={},
                                                        places=0, situations=0)
    assert store.add(Extraction(report=rep, events=(event,))).status == "added"


def test_events_are_filtered(store: Store) -> None:
    store.add(full_extraction())
    rep = report("A protest in Busra.", published=date(2024, 3, 1))
    protest = Event(event_id="p:0", event_type="Protests", sub_event_type="Peaceful protest",
                    evidence={"event": Span(2, 9)}, event_date=date(2024, 3, 1),
                    location=Location(place=BUSRA, geo_precision=1))
    store.add(Extraction(report=rep, events=(protest,)))
    ids = lambda **f: [s.event.event_id for s in store.events(**f)]  # noqa: E731
    assert ids() == ["p:0", "201871:0", "201871:1"]  # newest first
    assert ids(since=date(2024, 1, 1)) == ["p:0"]
    assert ids(until=date(2021, 1, 23)) == ["201871:1"]
    assert ids(event_type="battles") == ["201871:1"]
    assert ids(event_type="Peaceful protest") == ["p:0"]
    assert ids(actor="asayish") == ["201871:0", "201871:1"]
    assert ids(actor="military forces") == ["201871:0", "201871:1"]
    assert ids(place="daraa") == ["p:0"]
    assert ids(place="p-hasakah") == ["201871:0", "201871:1"]
    assert ids(place="100%") == []
    assert ids(limit=1, offset=1) == ["201871:0"]
    stored = store.event("p:0")
    assert stored is not None and stored.report_id == rep.report_id and stored.sources == 1
    assert store.event("nope") is None


def test_reports_of_one_protest_are_one_event_with_three_sources(store: Store) -> None:
    for n in range(3):
        rep = report(f"Report {n} on the protest.", published=date(2024, 3, 1))
        protest = Event(event_id=f"p{n}", event_type="Protests", sub_event_type="Peaceful protest",
                        evidence={"event": Span(0, 6)}, event_date=date(2024, 3, 1),
                        location=Location(place=BUSRA, geo_precision=1))
        store.add(Extraction(report=rep, events=(protest,)))
    [merged] = store.events()
    assert merged.sources == 3 and merged.mentions == ("p0", "p1", "p2")


def test_summary_counts(store: Store) -> None:
    store.add(full_extraction())
    summary = store.summary()
    assert (summary.reports, summary.events, summary.places, summary.situations) == (1, 2, 1, 1)
    assert dict(summary.events_by_type) == {"Battles": 1, "Strategic developments": 1}


def test_situations_group_by_kind_place_and_actor(store: Store) -> None:
    first = report("Siege day 10.", published=date(2021, 1, 21))
    second = report("Siege day 13.", published=date(2021, 1, 24))
    late_copy = report("Old news of the siege, day 5.", published=date(2021, 1, 16))
    undated = report("Siege in Busra.")
    store.add(Extraction(report=second, events=(siege_event(second, 0, day=13),),
                         contradictions=(Contradiction("situation.day", (13, 10),
                                                       (Span(0, 1), Span(2, 3)), "siege-1"),)))
    store.add(Extraction(report=first, events=(siege_event(first, 0, day=10,
                                                           start=date(2021, 1, 12)),)))
    store.add(Extraction(report=late_copy, events=(siege_event(late_copy, 0, day=5),)))
    store.add(Extraction(report=undated, events=(siege_event(undated, 0, day=2, place=BUSRA),)))
    sieges = store.situations(kind="siege")
    assert len(sieges) == 2
    busra, hasakah = sieges  # the undated report counts as ingested today (2024-05-01)
    assert busra.last_report_date == date(2024, 5, 1) and busra.places == (BUSRA,)
    assert hasakah.day == 13
    assert hasakah.start_date == date(2021, 1, 12)
    assert hasakah.last_report_date == date(2021, 1, 24)
    assert hasakah.status == "unknown"  # no report since 2021 on the store's clock (2024)
    assert busra.status == "ongoing"
    assert (hasakah.actor1, hasakah.actor2) == (ASAYISH, REGIME)
    assert hasakah.report_ids == (late_copy.report_id, first.report_id, second.report_id)
    assert [c.values for c in hasakah.contradictions] == [(13, 10)]
    assert store.situation(hasakah.id) == hasakah
    assert store.situation("nope") is None
    assert store.situations(status="lifted") == []
    [linked] = [s for s in store.events(place="p-hasakah") if s.report_id == second.report_id]
    assert linked.situation_id == hasakah.id


def test_reports_are_listed_newest_first(store: Store) -> None:
    old = report("Old.", published=date(2020, 1, 1))
    new = report("New.", published=date(2022, 1, 1))
    for rep in (old, new):
        store.add(Extraction(report=rep, events=()))
    assert [r.report_id for r in store.reports()] == [new.report_id, old.report_id]
    assert [r.report_id for r in store.reports(limit=1, offset=1)] == [old.report_id]


def test_sqlite_uses_wal_and_foreign_keys(store: Store) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_reopening_keeps_what_was_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'keep.db'}"
    with open_store(url) as store:
        store.add(full_extraction())
    with open_store(url) as store:
        assert store.extraction("201871") == full_extraction()


def test_in_memory_store_works() -> None:
    with open_store("sqlite://") as store:
        store.add(full_extraction())
        assert store.summary().events == 2


def test_url_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DB", f"sqlite:///{tmp_path / 'env.db'}")
    with open_store() as store:
        store.add(full_extraction())
    assert (tmp_path / "env.db").exists()


def test_unopenable_database_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open database"):
        open_store(f"sqlite:///{blocker / 'sub' / 'x.db'}")


@pytest.mark.parametrize(
    ("contradiction", "attached"),
    [
        (Contradiction("situation.day", (13, 10), (Span(0, 1), Span(2, 3)),
                       "siege by Asayish"), True),
        (Contradiction("situation.day", (13, 10), (Span(0, 1), Span(2, 3))), True),
        (Contradiction("situation.day", (4, 5), (Span(0, 1), Span(2, 3)),
                       "siege by Military Forces of Syria - 4th Division"), False),
        (Contradiction("fatalities", (3, 4), (Span(0, 1), Span(2, 3))), False),
    ],
)
def test_contradictions_attach_to_the_situation_they_are_about(
    store: Store, contradiction: Contradiction, attached: bool
) -> None:
    rep = report("For the 13th day ... the tenth consecutive day.", published=date(2021, 1, 24))
    store.add(Extraction(report=rep, events=(siege_event(rep, 0, day=13),),
                         contradictions=(contradiction,)))
    [situation] = store.situations()
    inside = replace(contradiction, report_ids=(rep.report_id, rep.report_id))
    assert situation.contradictions == ((inside,) if attached else ())


def test_situations_carry_their_start_range_lifting_and_reports_of_each_contradiction(
    store: Store,
) -> None:
    a = report("Siege of the city, on day 10 now.", published=date(2021, 1, 21))
    b = report("Siege of the city goes on, day 6.", published=date(2021, 1, 22))
    c = report("The siege was lifted, on its 19th day.", published=date(2021, 1, 30))
    for rep, day in ((a, 10), (b, 6), (c, 19)):
        store.add(Extraction(report=rep, events=(siege_event(rep, 0, day=day),)))
    [siege] = store.situations()
    assert (siege.start_date, siege.start_low, siege.start_high) == (
        date(2021, 1, 12), date(2021, 1, 12), date(2021, 1, 17))
    assert (siege.status, siege.lifted_date) == ("lifted", date(2021, 1, 30))
    [across] = siege.contradictions
    assert across.field == "situation.start_date"
    assert across.report_ids == (a.report_id, b.report_id)
    assert store.situation(siege.id) == siege


def protest_in(rep: Report, n: int = 0, *, on: date | None = None) -> Event:
    return Event(event_id=f"{rep.report_id}:{n}", event_type="Protests",
                 sub_event_type="Peaceful protest", evidence={"event": Span(0, 6)},
                 event_date=on, location=Location(place=BUSRA, geo_precision=1))


@pytest.mark.parametrize(("undated", "merged"), [("ingest-date", True), ("skip-linking", False)])
def test_undated_reports_are_linked_by_ingest_date_or_not_at_all(
    store: Store, undated: Undated, merged: bool
) -> None:
    old = report("An undated protest report from an archive.")
    older = report("Another undated archive report, a protest.")
    for rep in (old, older):
        store.add(Extraction(report=rep, events=(protest_in(rep), siege_event(rep, 1, day=3))),
                  undated=undated)
    protests = [s for s in store.events() if s.event.event_type == "Protests"]
    assert [s.sources for s in protests] == ([2] if merged else [1, 1])
    sieges = store.situations()
    assert sorted(len(s.report_ids) for s in sieges) == ([2] if merged else [1, 1])


@pytest.mark.parametrize("dated_first", [True, False])
def test_skipped_undated_report_stays_apart_from_dated_ones(
    store: Store, dated_first: bool
) -> None:
    today = date(2024, 5, 1)  # the store's clock: an undated report would be dated so
    dated = [report(f"Protest report number {n}, dated.", published=today) for n in range(2)]
    undated = report("A protest report with no date anywhere.")
    adds = [(rep, protest_in(rep, on=today)) for rep in dated]
    adds.insert(0 if not dated_first else 2, (undated, protest_in(undated)))
    for rep, ev in adds:
        store.add(Extraction(report=rep, events=(ev, siege_event(rep, 1, day=3))),
                  undated="skip-linking")
    protests = sorted((s.sources, s.report_id) for s in store.events()
                      if s.event.event_type == "Protests")
    assert [n for n, _ in protests] == [1, 2]
    assert protests[0][1] == undated.report_id
    assert sorted(len(s.report_ids) for s in store.situations()) == [1, 2]
    [alone] = [s for s in store.situations() if s.report_ids == (undated.report_id,)]
    assert alone.kind == "siege"


def test_report_with_an_absolute_date_in_its_text_is_linked_under_skip_linking(
    store: Store,
) -> None:
    day = date(2024, 5, 1)
    first = report("Protest report, said to be on 1 May 2024.")
    second = report("Another protest report, dated.", published=day)
    for rep in (first, second):
        store.add(Extraction(report=rep, events=(protest_in(rep, on=day),)),
                  undated="skip-linking")
    [merged] = store.events()
    assert merged.sources == 2


def test_unknown_undated_policy_is_refused(store: Store) -> None:
    rep = report("Protest report.")
    with pytest.raises(ConfigError, match="skip-linking"):
        store.add(Extraction(report=rep, events=()), undated="never")  # type: ignore[arg-type]


# -- relink: the whole store linked again with the store's own rules ---------------------------

def _narrow(rules: LinkRules) -> LinkRules:
    """Other rules: places one only within 500 m, no kind families, shorter spans."""
    return replace(rules, radius_km=dict.fromkeys(rules.radius_km, 0.5), kind_families=(),
                   max_span_days=3)


def _state_at(url: str) -> dict[str, object]:
    """What linking derives (as the 0003 test compares it), and each mention's link columns."""
    from test_migrations import _state

    columns = ("event_id", "report_date", "link_start", "link_end", "span_class", "cell",
               "lifts", "link_kind")
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            mentions = sorted(tuple(r) for r in conn.execute(
                select(*(events.c[c] for c in columns))))
        return {**_state(engine), "mentions": mentions}
    finally:
        engine.dispose()


def _ingest_chain(url: str, rules: LinkRules | None) -> None:
    from test_migrations import _chain, _clock, _siege  # the 0003 fixtures: clashes and a siege

    with open_store(url, clock=_clock(), rules=rules) as opened:
        for extraction in _chain():
            opened.add(extraction)
        lone = Extraction(Report(report_id="u1", text="Invented report u1.", source="test"),
                          (_siege("u1", on=None, day=None),))
        opened.add(lone, undated="skip-linking")


@pytest.mark.parametrize("written_narrow", [True, False])
def test_relink_equals_a_fresh_ingest_under_the_store_rules(
    tmp_path: Path, written_narrow: bool
) -> None:
    from test_migrations import _clock

    default = load_link_rules()
    written, wanted = (_narrow(default), default) if written_narrow else (None, _narrow(default))
    fresh, old = (f"sqlite:///{tmp_path / name}" for name in ("fresh.db", "old.db"))
    _ingest_chain(fresh, wanted)
    _ingest_chain(old, written)
    expected, before = (_state_at(url) for url in (fresh, old))
    assert before != expected  # the two rules link these reports otherwise
    with open_store(old, clock=_clock(), rules=wanted) as relinked:
        assert relinked.relink() == 12  # reports with events, the lone undated one included
    assert _state_at(old) == expected
    with open_store(old, clock=_clock(), rules=wanted) as relinked:
        kinds = sorted(s.kind for s in relinked.situations())
    # u1 is a siege of its own; without kind families the blockade report is one too
    assert kinds == (["siege", "siege"] if written_narrow else ["blockade", "siege", "siege"])


def test_relinking_twice_changes_nothing_and_keeps_unmerges(tmp_path: Path) -> None:
    from test_migrations import _clock, _state

    url = f"sqlite:///{tmp_path / 'twice.db'}"
    _ingest_chain(url, None)
    with open_store(url, clock=_clock()) as opened:
        opened.unmerge("c2:0")
        before = _state(opened.engine)
        steps: list[tuple[int, int]] = []
        assert opened.relink(progress=lambda done, total: steps.append((done, total))) == 12
        assert _state(opened.engine) == before
        assert steps == [(i, 12) for i in range(1, 13)]
        assert opened.relink() == 12 and _state(opened.engine) == before
        assert [e.action for e in opened.merge_log("c2:0")][-1] == "unmerge"


def test_relinking_an_empty_store_relinks_nothing(store: Store) -> None:
    assert store.relink() == 0 and store.summary().events == 0
