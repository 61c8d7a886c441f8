"""The ``marsad`` commands as a user runs them (typer's CliRunner, a small fake extractor).

The extractor is replaced through ``marsad.cli.core.load_extractor`` by a fake that finds a few
trigger words and places in the text, so these tests check the command line, not extraction.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from marsad.cli import app
from marsad.contract import Document
from marsad.model import (
    Actor,
    Event,
    Extraction,
    Location,
    Place,
    Report,
    SituationRef,
    Span,
)

runner = CliRunner()

_TRIGGERS = {
    "clashes": ("Battles", "Armed clash"),
    "shelled": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "protest": ("Protests", "Peaceful protest"),
    "besieged": ("Strategic developments", "Other"),
}
_PLACES = {
    name: Place(id=f"p-{name.lower()}", name=name, latitude=lat, longitude=lon, feature="town",
                admin1=gov)
    for name, lat, lon, gov in [
        ("Maarat Misrin", 36.01, 36.67, "Idlib"),
        ("Busra", 32.52, 36.48, "Daraa"),
        ("Tabqa", 35.84, 38.55, "Raqqa"),
    ]
}  # fmt: skip
_REGIME = Actor(id="syrian-regime", name="Military Forces of Syria", inter=1)
_DAY = re.compile(r"for the (\d+)(?:st|nd|rd|th) day")


def fake_extract(report: Report) -> Extraction:
    """One event per trigger word found, placed at the first known place name in the text."""
    if "EXPLODE" in report.text:
        raise RuntimeError("extractor crashed")
    events: list[Event] = []
    lowered = report.text.lower()
    place_hits = [(report.text.find(n), n) for n in _PLACES if n in report.text]
    for word, (etype, sub) in _TRIGGERS.items():
        at = lowered.find(word)
        if at < 0:
            continue
        evidence = {"event": Span(at, at + len(word))}
        location = None
        if place_hits:
            start, name = min(place_hits)
            evidence["location"] = Span(start, start + len(name))
            location = Location(place=_PLACES[name], geo_precision=1)
        situation = None
        day = _DAY.search(report.text)
        if word == "besieged" and day:
            situation = SituationRef(kind="siege", day=int(day.group(1)))
            evidence["situation"] = Span(day.start(), day.end())
        events.append(
            Event(
                event_id=f"{report.report_id}:{len(events)}",
                event_type=etype,
                sub_event_type=sub,
                evidence=evidence,
                event_date=report.published,
                time_precision=1,
                actor1=_REGIME if "regime" in lowered else None,
                location=location,
                situation=situation,
                summary=f"{etype} reported.",
            )
        )
    return Extraction(report=report, events=tuple(events))


@pytest.fixture(autouse=True)
def _fake_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    def load() -> Callable[[Report], Extraction]:
        return fake_extract

    monkeypatch.setattr("marsad.cli.core.load_extractor", load)
    monkeypatch.delenv("MARSAD_DB", raising=False)


CLASH = (
    "published: 2026-05-02\nsource: SOHR\n\n"
    "Clashes near Maarat Misrin\n"
    "Regime forces and factions fought clashes on the edges of Maarat Misrin at dawn.\n"
)
SIEGE = (
    "published: 2026-05-03\n\n"
    "Busra still besieged\n"
    "Regime forces have besieged Busra for the 5th day in a row, residents told monitors.\n"
)
PROTEST = "Tabqa protest\nResidents of Tabqa held a protest against rising bread prices.\n"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "clash.txt").write_text(CLASH, encoding="utf-8")
    (folder / "siege.txt").write_text(SIEGE, encoding="utf-8")
    (folder / "protest.txt").write_text(PROTEST, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def invoke(*args: str, input: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=input)


# --- help -------------------------------------------------------------------------------------


def _commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


CORE = ["extract", "ingest", "events", "situations", "situation", "export", "serve", "schema",
        "summary"]  # fmt: skip


def test_core_commands_are_registered() -> None:
    assert set(CORE) <= set(_commands())


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_and_option_has_help(name: str) -> None:
    command = _commands()[name]
    assert command.help and command.help.strip(), f"`marsad {name}` has no docstring"
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert getattr(param, "help", None), f"`marsad {name}` option {param.name} lacks help"
    result = invoke(name, "--help")
    assert result.exit_code == 0
    assert command.help.strip().splitlines()[0][:30] in " ".join(result.stdout.split())


# --- extract ----------------------------------------------------------------------------------


def test_extract_json_prints_the_contract(reports: Path) -> None:
    result = invoke("extract", str(reports))
    assert result.exit_code == 0, result.output
    doc = Document.model_validate(json.loads(result.stdout))
    by_title = {r.title: r for r in doc.reports}
    clash = by_title["Clashes near Maarat Misrin"]
    assert clash.published == date(2026, 5, 2)
    assert clash.source == "SOHR"
    assert [e.event_type for e in clash.events] == ["Battles"]
    assert clash.events[0].location is not None
    assert clash.events[0].location.name == "Maarat Misrin"


def test_extract_jsonl_is_one_report_per_line(reports: Path) -> None:
    result = invoke("extract", str(reports), "--format", "jsonl", "--published", "2026-05-09")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    published = {line["title"]: line["published"] for line in lines}
    assert published["Tabqa protest"] == "2026-05-09"  # --published fills the gap
    assert published["Busra still besieged"] == "2026-05-03"  # the file's own date wins


def test_extract_table(reports: Path) -> None:
    result = invoke("extract", str(reports / "siege.txt"), "--format", "table")
    assert result.exit_code == 0, result.output
    assert "Strategic" in result.stdout
    assert "siege day 5" in result.stdout


def test_extract_reads_standard_input() -> None:
    result = invoke("extract", "-", "--format", "jsonl", input=PROTEST)
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["events"][0]["event_type"] == "Protests"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("missing.txt", None),
        ("empty.txt", b""),
        ("binary.txt", b"\x00\x01\x02\x89PNG\x00"),
        ("bad.json", b'{"text": "unterminated'),
    ],
)
def test_bad_inputs_are_one_line_each_and_exit_1(
    tmp_path: Path, reports: Path, name: str, content: bytes | None
) -> None:
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    result = invoke("extract", str(bad), str(reports / "clash.txt"), "--format", "jsonl")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"{bad}: ")
    assert len(result.stdout.splitlines()) == 1  # the good report still went through


def test_an_extractor_crash_fails_that_report_only(tmp_path: Path, reports: Path) -> None:
    boom = tmp_path / "boom.txt"
    boom.write_text("Odd report\nEXPLODE\n", encoding="utf-8")
    result = invoke("extract", str(boom), str(reports / "clash.txt"), "--format", "jsonl")
    assert result.exit_code == 1
    assert "boom.txt" in result.stderr
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ("extract", "-", "--published", "last week"),
        ("events", "--since", "2026/01/01"),
    ],
)
def test_bad_dates_are_one_line_errors(args: tuple[str, ...], db: str) -> None:
    extra = ("--db", db) if args[0] == "events" else ()
    result = invoke(*args, *extra, input="x")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- ingest and the store ---------------------------------------------------------------------


def test_ingest_is_idempotent(reports: Path, db: str) -> None:
    first = invoke("ingest", str(reports), "--db", db)
    assert first.exit_code == 0, first.output
    assert "added 3, duplicate 0, failed 0" in first.stdout
    again = invoke("ingest", str(reports), "--db", db)
    assert again.exit_code == 0, again.output
    assert "added 0, duplicate 3, failed 0" in again.stdout


def test_ingest_reports_failures_and_keeps_going(tmp_path: Path, reports: Path, db: str) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = invoke("ingest", str(empty), str(reports), "--db", db)
    assert result.exit_code == 1
    assert "added 3, duplicate 0, failed 1" in result.stdout
    assert result.stderr.strip().startswith(f"{empty}: ")


def test_db_defaults_to_env(reports: Path, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DB", db)
    assert invoke("ingest", str(reports)).exit_code == 0
    result = invoke("summary", "--db", db)
    assert re.search(r"reports\s*│\s*3", result.stdout)


@pytest.mark.parametrize(
    "args",
    [("events",), ("situations",), ("situation", "s1"), ("summary",),
     ("export", "--format", "jsonl", "-o", "-")],
)  # fmt: skip
def test_reading_a_missing_database_is_an_error_not_a_new_file(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    missing = tmp_path / "typo.db"
    result = invoke(*args, "--db", f"sqlite:///{missing}")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no such database" in result.stderr
    assert not missing.exists()


@pytest.fixture
def filled(reports: Path, db: str) -> str:
    result = invoke("ingest", str(reports), "--db", db)
    assert result.exit_code == 0, result.output
    return db


def test_events_json(filled: str) -> None:
    result = invoke("events", "--format", "json", "--db", filled)
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert sorted(e["event_type"] for e in events) == [
        "Battles",
        "Protests",
        "Strategic developments",
    ]
    assert all(e["report_id"] for e in events)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--type", "Battles"), ["Battles"]),
        (("--since", "2026-05-03"), ["Strategic developments"]),
        (("--until", "2026-05-02"), ["Battles"]),
        (("--place", "Busra"), ["Strategic developments"]),
        (("--limit", "1"), None),
    ],
)
def test_events_filters(filled: str, args: tuple[str, ...], expected: list[str] | None) -> None:
    result = invoke("events", *args, "--format", "json", "--db", filled)
    assert result.exit_code == 0, result.output
    types = [e["event_type"] for e in json.loads(result.stdout)["events"]]
    if expected is None:
        assert len(types) == 1
    else:
        assert types == expected


def test_events_csv_has_acled_columns(filled: str) -> None:
    result = invoke("events", "--format", "csv", "--db", filled)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3
    battle = next(r for r in rows if r["event_type"] == "Battles")
    assert battle["location"] == "Maarat Misrin"
    assert battle["source"] == "SOHR"
    assert battle["event_date"] == "2026-05-02"


def test_events_table(filled: str) -> None:
    result = invoke("events", "--db", filled)
    assert result.exit_code == 0, result.output
    assert "Maarat Misrin" in result.stdout


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl"])
def test_export_formats_parse(filled: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = invoke("export", "--format", fmt, "-o", str(out), "--db", filled)
    assert result.exit_code == 0, result.output
    assert "wrote 3 events" in result.stdout
    text = out.read_text(encoding="utf-8")
    if fmt == "acled-csv":
        assert len(list(csv.DictReader(io.StringIO(text)))) == 3
    elif fmt == "geojson":
        doc = json.loads(text)
        assert doc["type"] == "FeatureCollection"
        assert len(doc["features"]) == 3
    else:
        assert len([json.loads(line) for line in text.splitlines()]) == 3


def test_export_to_an_unwritable_path_is_one_line(filled: str, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "out.csv"
    result = invoke("export", "--format", "jsonl", "-o", str(target), "--db", filled)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{target}: ")


def test_situations_and_situation(filled: str) -> None:
    listed = invoke("situations", "--format", "json", "--db", filled)
    assert listed.exit_code == 0, listed.output
    (siege,) = json.loads(listed.stdout)["situations"]
    assert siege["kind"] == "siege"
    assert siege["day"] == 5
    table = invoke("situations", "--db", filled)
    assert "siege" in table.stdout
    one = invoke("situation", siege["id"], "--format", "json", "--db", filled)
    assert one.exit_code == 0, one.output
    assert json.loads(one.stdout)["situation"]["id"] == siege["id"]
    assert invoke("situation", siege["id"], "--db", filled).exit_code == 0


def test_unknown_situation_is_one_line_and_exit_1(filled: str) -> None:
    result = invoke("situation", "no-such-id", "--db", filled)
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("no-such-id: ")


def test_summary(filled: str) -> None:
    result = invoke("summary", "--db", filled)
    assert result.exit_code == 0, result.output
    for word in ("reports", "events", "places", "situations", "Battles"):
        assert word in result.stdout


def test_schema_prints_the_json_schema() -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["reports"]["type"] == "array"


def test_export_pages_through_every_event(filled: str) -> None:
    from marsad.cli.query import _paged_events
    from marsad.store.repository import open_store

    with open_store(filled) as store:
        ids = [row.event.event_id for row in _paged_events(store, page=2)]
    assert len(ids) == len(set(ids)) == 3
