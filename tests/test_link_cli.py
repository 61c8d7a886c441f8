"""The linking commands: unmerge, the merge log, and a situation's timeline (table and JSON)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from marsad.cli import app as marsad_app
from marsad.errors import DataFileError
from marsad.store import open_store
from test_link_chains import attack_chain, siege_chain

runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    return marsad_app


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with open_store(url, clock=lambda: datetime(2021, 3, 25, tzinfo=UTC)) as store:
        for extraction in siege_chain() + attack_chain():
            store.add(extraction)
    return url


def test_unmerge_and_merge_log(app: typer.Typer, db: str) -> None:
    shown = runner.invoke(app, ["merges", "--db", db])
    assert shown.exit_code == 0 and "a2:0" in shown.output and "nearby place" in shown.output
    done = runner.invoke(app, ["events", "unmerge", "a2:0", "--db", db])
    assert done.exit_code == 0, done.output
    assert "events now: a1:0, a2:0" in done.output
    again = runner.invoke(app, ["events", "unmerge", "a2:0", "--db", db])
    assert again.exit_code == 1 and "not merged" in again.output


def test_situation_timeline(app: typer.Typer, db: str) -> None:
    with open_store(db) as store:
        [situation] = store.situations()
    table = runner.invoke(app, ["situation", situation.id, "--db", db])
    assert table.exit_code == 0, table.output
    assert "lifted, day 17, since 2021-03-06" in table.output
    assert "contradiction situation.start_date" in table.output
    doc = json.loads(runner.invoke(app, ["situation", situation.id, "--db", db,
                                         "--format", "json"]).output)
    assert doc["start_range"] == ["2021-03-06", "2021-03-10"]
    assert [e["day"] for e in doc["timeline"]] == [5, 8, 11, 9, 15, None]
    [contradiction] = doc["contradictions"]
    assert [e["report_id"] for e in contradiction["evidence"]] == ["s0", "s3"]
    missing = runner.invoke(app, ["situation", "nope", "--db", db])
    assert missing.exit_code == 1 and "no such situation" in missing.output


def test_situations_list_carries_the_linking_facts(app: typer.Typer, db: str) -> None:
    doc = json.loads(runner.invoke(app, ["situations", "--db", db, "--format", "json"]).output)
    [situation] = doc["situations"]
    assert (situation["start_low"], situation["start_high"]) == ("2021-03-06", "2021-03-10")
    assert situation["status"] == "lifted" and situation["lifted_date"] is not None
    [across] = [c for c in situation["contradictions"] if c["field"] == "situation.start_date"]
    assert across["report_ids"] == ["s0", "s3"]
    table = runner.invoke(app, ["situations", "--db", db], env={"COLUMNS": "250"})
    assert table.exit_code == 0, table.output
    assert "2021-03-06 (2021-03-06..2021-03-10)" in table.output


def test_relink_prints_the_summary_and_changes_nothing_linked_already(
    app: typer.Typer, db: str
) -> None:
    before = runner.invoke(app, ["events", "--db", db, "--format", "json"]).output
    done = runner.invoke(app, ["relink", "--db", db])
    assert done.exit_code == 0, done.output
    with open_store(db) as store:
        summary = store.summary()
    assert done.output == (f"relinked {summary.reports} reports: {summary.events} events, "
                           "1 situations\n")
    assert runner.invoke(app, ["events", "--db", db, "--format", "json"]).output == before


@pytest.mark.parametrize(("url", "says"), [
    ("sqlite:///{tmp}/missing.db", "no such database"),
    ("nosuchdriver://somewhere/db", "check --db or MARSAD_DB"),
])
def test_relink_with_a_bad_db_is_a_one_line_error(
    app: typer.Typer, tmp_path: Path, url: str, says: str
) -> None:
    result = runner.invoke(app, ["relink", "--db", url.format(tmp=tmp_path)])
    assert result.exit_code != 0
    assert says in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "missing.db").exists()


def test_relink_with_broken_rules_says_what_to_fix_and_changes_nothing(
    app: typer.Typer, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise DataFileError("link_cues.yaml", "radius_km: not a number", line=3)

    before = runner.invoke(app, ["events", "--db", db, "--format", "json"]).output
    monkeypatch.setattr("marsad.store.repository.load_link_rules", broken)
    result = runner.invoke(app, ["relink", "--db", db])
    assert result.exit_code == 1
    assert "link_cues.yaml" in result.output and "run `marsad relink` again" in result.output
    assert runner.invoke(app, ["events", "--db", db, "--format", "json"]).output == before
