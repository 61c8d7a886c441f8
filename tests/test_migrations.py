"""Alembic migrations: applied on open, matching the tables, reversible, and idempotent;
0003 relinks a store written before leader grouping as a fresh ingest would link it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, update

from marsad.link.cluster import components
from marsad.link.dedup import match
from marsad.link.rules import load_link_rules, registry_related
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
from marsad.store.dedup_graph import link_mention
from marsad.store.engine import (
    alembic_config,
    create_store_engine,
    current_revision,
    downgrade,
    migrate,
)
from marsad.store.schema import (
    events,
    link_contradictions,
    linked_events,
    merge_log,
    metadata,
    situation_reports,
    situations,
)


def test_open_store_migrates_to_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with open_store(url) as store:
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert head == "0005"
        assert current_revision(store.engine) == head
        tables = set(inspect(store.engine).get_table_names())
    assert {"reports", "events", "contradictions", "situations", "situation_reports"} <= tables


def test_migrations_create_exactly_the_declared_tables(tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    engine.dispose()


def test_downgrade_to_base_drops_everything_and_upgrade_restores(tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate(engine)
    downgrade(engine, revision="base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert current_revision(engine) is None
    migrate(engine)
    assert current_revision(engine) == "0005"
    engine.dispose()


def test_events_have_the_indexes_linking_needs(tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate(engine)
    indexed = {tuple(ix["column_names"]) for ix in inspect(engine).get_indexes("events")}
    assert {("report_id",), ("event_type",), ("place_id",),
            ("event_date", "event_type", "place_id")} <= indexed
    engine.dispose()


def test_migrations_ship_inside_the_package() -> None:
    location = Path(alembic_config().get_main_option("script_location") or "")
    assert (location / "env.py").is_file()
    assert (location / "script.py.mako").is_file()
    assert (location / "versions" / "0001_initial.py").is_file()
    assert "marsad" in location.parts


# -- 0003: relinking a store written by 0002-era code ------------------------------------------

ISIS = Actor(id="isis", name="Islamic State (Syria)", inter=2)
SDF = Actor(id="sdf", name="Syrian Democratic Forces", inter=2)
ASAYISH = Actor(id="asayish", name="Asayish", inter=2, parent="sdf")
REGIME = Actor(id="regime", name="Military Forces of Syria", inter=1)
TOWN = Place(id="p-town", name="Town", latitude=35.01, longitude=40.55, feature="town",
             admin1="Deir ez-Zor")
FARMS = Place(id="p-farms", name="Town farms", latitude=35.02, longitude=40.56,
              feature="village", admin1="Deir ez-Zor")
CITY = Place(id="p-city", name="City", latitude=37.05, longitude=41.22, feature="city",
             admin1="Al-Hasakah")


def _report(rid: str, published: date | None) -> Report:
    return Report(report_id=rid, text=f"Invented report {rid}.", source="test",
                  published=published)


def _clash(rid: str, *, on: date | None, killed: int, place: Place = TOWN,
           background: bool = False, until: date | None = None) -> Event:
    return Event(event_id=f"{rid}:0", event_type="Battles", sub_event_type="Armed clash",
                 evidence={"event": Span(0, 6)}, event_date=on, actor1=ISIS, actor2=SDF,
                 date_start=on if until else None, date_end=until,
                 location=Location(place=place, geo_precision=1),
                 fatalities=Fatalities(killed, killed, killed), background=background)


def _siege(rid: str, *, on: date | None, day: int | None, kind: str = "siege") -> Event:
    return Event(event_id=f"{rid}:0", event_type="Strategic developments",
                 sub_event_type="Other", evidence={"event": Span(0, 5), "situation": Span(0, 5)},
                 event_date=on, actor1=ASAYISH, actor2=REGIME,
                 location=Location(place=CITY, geo_precision=1),
                 situation=SituationRef(kind=kind, day=day))


def _chain() -> list[Extraction]:
    """Clashes on two days told five times (one a recap, one spanning both days, so that the
    0002 component holds two groups), and a siege told over six reports, one of them with a
    day count that disagrees and one with another word for it."""
    clash = [Extraction(_report("c1", date(2023, 2, 8)), (_clash("c1", on=date(2023, 2, 7),
                                                                killed=3),)),
             Extraction(_report("c2", date(2023, 2, 9)), (_clash("c2", on=date(2023, 2, 7),
                                                                killed=6, place=FARMS),)),
             Extraction(_report("c3", date(2023, 2, 8)), (_clash("c3", on=date(2023, 2, 8),
                                                                killed=4),)),
             Extraction(_report("c4", date(2023, 2, 14)), (_clash("c4", on=None, killed=6,
                                                                 background=True),)),
             Extraction(_report("c5", date(2023, 2, 9)), (_clash("c5", on=date(2023, 2, 7),
                                                                killed=5,
                                                                until=date(2023, 2, 8)),))]
    days = [(date(2021, 3, 10), 5, "siege"), (date(2021, 3, 13), 8, "siege"),
            (date(2021, 3, 16), 11, "blockade"), (date(2021, 3, 18), 9, "siege"),
            (date(2021, 3, 20), 15, "siege"), (date(2021, 3, 22), 17, "siege")]
    siege = [Extraction(_report(f"s{i}", on), (_siege(f"s{i}", on=on, day=d, kind=k),))
             for i, (on, d, k) in enumerate(days)]
    return [*clash[:2], *siege[:3], *clash[2:], *siege[3:]]


def _clock() -> Callable[[], datetime]:
    ticks = itertools.count()
    return lambda: datetime(2024, 5, 1, tzinfo=UTC) + timedelta(minutes=next(ticks))


def _ingest(url: str, *, unmerge: str | None = None) -> None:
    with open_store(url, clock=_clock()) as store:
        for extraction in _chain():
            store.add(extraction)
        lone = Extraction(_report("u1", None), (_siege("u1", on=None, day=None),))
        store.add(lone, undated="skip-linking")  # linked with nothing, relinked with nothing
        if unmerge is not None:
            store.unmerge(unmerge)


def _state(engine: Engine) -> dict[str, Any]:
    """Everything linking derives, comparable across two databases (row ids left out)."""
    cols = ("event_id", "component", "group_id", "attach_to", "situation_component",
            "situation_id")
    out: dict[str, Any] = {}
    with engine.connect() as conn:
        out["events"] = sorted(tuple(r) for r in conn.execute(
            select(*(events.c[c] for c in cols))))
        for table in (linked_events, situations, situation_reports, link_contradictions,
                      merge_log):
            rows = conn.execute(select(table)).mappings()
            out[table.name] = sorted(repr(sorted((k, v) for k, v in r.items() if k != "id"))
                                     for r in rows)
    return out


def _write_0002_labels(engine: Engine) -> None:
    """Overwrite the link labels as 0002-era code wrote them: ``component`` the connected
    component (smallest event id) of a told mention's matches, ``situation_component`` a
    component root, never ``one:``."""
    rules, related = load_link_rules(), registry_related()
    with engine.begin() as conn:
        told = list(conn.execute(select(events).where(events.c.background.is_(False)))
                    .mappings())
        placed = [r for r in told if r["place_id"] is not None]
        pairs = [(a["event_id"], b["event_id"]) for a, b in itertools.combinations(placed, 2)
                 if a["report_id"] != b["report_id"]
                 and match(link_mention(a), link_mention(b), rules=rules, related=related)]
        old = components((r["event_id"] for r in placed), pairs)
        for r in told:
            conn.execute(update(events).where(events.c.id == r["id"])
                         .values(component=old.get(r["event_id"], r["event_id"])))
        labelled = list(conn.execute(select(events.c.event_id, events.c.situation_component)
                                     .where(events.c.situation_component.is_not(None))))
        root: dict[str, str] = {}
        for eid, label in labelled:
            root[label] = min(root.get(label, eid), eid)
        for label, first in root.items():
            if label.startswith("one:"):
                conn.execute(update(events).where(events.c.situation_component == label)
                             .values(situation_component=first))


@pytest.fixture
def fresh_and_old(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    unmerge = getattr(request, "param", None)
    fresh, old = (f"sqlite:///{tmp_path / name}" for name in ("fresh.db", "old.db"))
    _ingest(fresh, unmerge=unmerge)
    _ingest(old, unmerge=unmerge)
    yield fresh, old


@pytest.mark.parametrize("fresh_and_old", [None, "c2:0"], indirect=True)
def test_0003_relinks_a_0002_store_as_a_fresh_ingest_would(
    fresh_and_old: tuple[str, str],
) -> None:
    fresh_url, old_url = fresh_and_old
    fresh, old = create_store_engine(fresh_url), create_store_engine(old_url)
    expected = _state(fresh)
    assert any(row[1] is not None for row in expected["events"])  # something was linked
    _write_0002_labels(old)
    config = alembic_config()
    with old.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_events_lifts")  # 0004's: a 0002-era store lacks it
        conn.exec_driver_sql("DROP INDEX ix_events_situation_cell")  # and 0005's
        config.attributes["connection"] = conn
        command.stamp(config, "0002")
    assert {r[0]: r[1] for r in _state(old)["events"]}["c3:0"] == "c1:0"  # a 0002 component
    migrate(old)
    assert current_revision(old) == "0005"
    assert _state(old) == expected
    with open_store(old_url, clock=_clock()) as store:  # and it links on as a fresh store does
        assert {s.kind for s in store.situations()} == {"siege"}
    fresh.dispose()
    old.dispose()


def test_0003_downgrade_keeps_the_link_columns(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    _ingest(url)
    engine = create_store_engine(url)
    before = _state(engine)["events"]
    downgrade(engine, revision="0002")
    assert current_revision(engine) == "0002"
    assert _state(engine)["events"] == before
    migrate(engine)
    assert current_revision(engine) == "0005" and _state(engine)["events"] == before
    engine.dispose()


def test_0003_on_an_empty_store_changes_nothing(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'e.db'}") as store:
        assert isinstance(store, Store) and store.summary().events == 0
