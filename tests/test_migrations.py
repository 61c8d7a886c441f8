"""Alembic migrations: applied on open, matching the tables, reversible, and idempotent."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from marsad.store import open_store
from marsad.store.engine import (
    alembic_config,
    create_store_engine,
    current_revision,
    downgrade,
    migrate,
)
from marsad.store.schema import metadata


def test_open_store_migrates_to_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with open_store(url) as store:
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert head == "0002"
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
    assert current_revision(engine) == "0002"
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
