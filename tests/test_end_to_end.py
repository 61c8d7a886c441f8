"""End to end: the `marsad` command on the invented demo reports, as `make demo` runs it.

Ingest into a fresh SQLite file, ingest again (nothing added), then read back events and
situations through the CLI and check what an analyst would look for: the siege of Daraa al-Balad
with its day count and start date, the contradiction inside the day-13 report, geocoded places
in several governorates, and fatalities.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from marsad.cli import app

DEMO = Path(__file__).resolve().parents[1] / "demo" / "reports"

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'marsad.db'}"
    _run("ingest", str(DEMO), "--db", url)
    return url


@pytest.fixture(scope="module")
def events(db: str) -> list[dict[str, Any]]:
    doc = json.loads(_run("events", "--db", db, "--format", "json", "--limit", "1000"))
    records: list[dict[str, Any]] = doc["events"]
    return records


def _place(ev: dict[str, Any]) -> str:
    return str((ev.get("location") or {}).get("name") or "")


def test_every_demo_report_is_stored_and_a_second_ingest_adds_nothing(db: str) -> None:
    n_files = len(list(DEMO.glob("*.txt")))
    assert n_files >= 20
    summary = _run("summary", "--db", db)
    assert str(n_files) in summary
    again = runner.invoke(app, ["ingest", str(DEMO), "--db", db])
    assert again.exit_code == 0, again.output
    assert "added 0" in again.output
    assert f"duplicate {n_files}" in again.output


def test_events_span_several_governorates_with_coordinates(events: list[dict[str, Any]]) -> None:
    located = [ev for ev in events if ev.get("location")]
    assert len(located) >= 0.8 * len(events)
    admin1 = {ev["location"]["admin1"] for ev in located}
    assert len(admin1) >= 5
    for ev in located:
        loc = ev["location"]
        assert 32.0 <= loc["latitude"] <= 37.5 and 35.5 <= loc["longitude"] <= 42.5, loc


def test_every_event_carries_evidence(events: list[dict[str, Any]]) -> None:
    for ev in events:
        assert "event" in ev["evidence"], ev["event_id"]
        for start, end in ev["evidence"].values():
            assert 0 <= start < end


def test_daraa_al_balad_siege_has_day_count_and_start_date(db: str) -> None:
    doc = json.loads(_run("situations", "--db", db, "--format", "json"))
    sieges = [
        s
        for s in doc["situations"]
        if s["kind"] == "siege" and any("Balad" in p["name"] for p in s["places"])
    ]
    assert sieges, [(s["kind"], [p["name"] for p in s["places"]]) for s in doc["situations"]]
    siege = max(sieges, key=lambda s: s["day"] or 0)
    assert siege["day"] >= 13
    # "for the 13th day in a row" in a report published on 2023-02-11: day 1 is 12 days earlier.
    assert siege["start_date"] == (date(2023, 2, 11) - timedelta(days=12)).isoformat()
    assert siege["actor1"] is not None and "4th" in siege["actor1"]["name"]
    assert len(siege["report_ids"]) >= 2


def test_the_hasakah_blockade_is_lifted_by_the_last_report(db: str) -> None:
    # the deal is told at Qamishli airport, a few km from the blockaded town: it still closes it
    doc = json.loads(_run("situations", "--db", db, "--kind", "blockade", "--format", "json"))
    asayish = [s for s in doc["situations"]
               if s["actor1"] is not None and s["actor1"]["id"] == "asayish"]
    assert len(asayish) == 1, doc["situations"]
    assert asayish[0]["status"] == "lifted"
    assert asayish[0]["lifted_date"] == "2023-02-15"
    assert [s for s in doc["situations"] if s["actor1"] is None] == []


def test_day_13_report_flags_its_day_10_contradiction() -> None:
    out = _run("extract", str(DEMO / "02_daraa_balad_siege_day13.txt"), "--format", "json")
    report = json.loads(out)["reports"][0]
    day_values = [
        sorted(int(v) for v in c["values"])
        for c in report["contradictions"]
        if "day" in c["field"]
    ]
    assert [10, 13] in day_values, report["contradictions"]
    text = (DEMO / "02_daraa_balad_siege_day13.txt").read_text(encoding="utf-8")
    # Offsets point into the stored text, which is the file's body after its header lines.
    assert all(len(c["evidence"]) >= 2 for c in report["contradictions"])
    assert len(text) > max(e for c in report["contradictions"] for _, e in c["evidence"])


def test_fatalities_are_counted(events: list[dict[str, Any]]) -> None:
    assert sum(ev["fatalities"]["best"] for ev in events) > 0
    assert any(ev["event_type"] == "Battles" and ev["fatalities"]["best"] > 0 for ev in events)


def test_export_acled_csv_has_one_row_per_event(
    db: str, events: list[dict[str, Any]], tmp_path: Path
) -> None:
    out = tmp_path / "events.csv"
    _run("export", "--format", "acled-csv", "-o", str(out), "--db", db)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id_cnty,event_date")
    assert len(lines) - 1 == len(events)
