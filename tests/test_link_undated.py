"""Undated reports: by ingest date (default) or kept out of cross-report linking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.errors import ConfigError
from marsad.link.undated import UNDATED_POLICIES, Undated, is_undated, undated_policy
from marsad.model import (
    Event,
    Extraction,
    Location,
    Place,
    Report,
    SituationRef,
    Span,
)
from marsad.observatory import Observatory
from marsad.pipeline import ingest
from marsad.store import open_store

BUSRA = Place(
    id="p-busra", name="Busra", latitude=32.517, longitude=36.481, feature="town", admin1="Daraa"
)
DAY = date(2023, 6, 2)


def event(
    n: int = 0, *, on: date | None = None, start: date | None = None, situation: bool = False
) -> Event:
    return Event(
        event_id=f"r:{n}",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        evidence={"event": Span(0, 7)},
        event_date=on,
        date_start=start,
        situation=SituationRef(kind="siege", day=4, start_date=start) if situation else None,
        location=Location(place=BUSRA, geo_precision=1),
    )


def extraction(*events: Event, published: date | None = None) -> Extraction:
    return Extraction(
        report=Report(report_id="r", text="Protest.", published=published), events=events
    )


@pytest.mark.parametrize(
    ("found", "undated"),
    [
        (extraction(), True),
        (extraction(event()), True),
        (extraction(event(situation=True)), True),
        (extraction(published=DAY), False),
        (extraction(event(on=DAY)), False),
        (extraction(event(), event(1, start=DAY)), False),
        (extraction(event(start=DAY, situation=True)), False),
    ],
)
def test_a_report_is_undated_only_when_nothing_in_it_gives_a_date(
    found: Extraction, undated: bool
) -> None:
    assert is_undated(found) is undated


def test_policies_are_checked() -> None:
    assert [undated_policy(p) for p in UNDATED_POLICIES] == ["ingest-date", "skip-linking"]
    with pytest.raises(ConfigError, match="ingest-date, skip-linking"):
        undated_policy("guess")


def protest_extractor(report: Report) -> Extraction:
    """Every report tells of one protest in Busra, on no date it says."""
    found = Event(
        event_id=f"{report.report_id}:0",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        evidence={"event": Span(0, 7)},
        location=Location(place=BUSRA, geo_precision=1),
    )
    return Extraction(report=report, events=(found,))


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for n, year in enumerate((2013, 2019, 2024)):
        (folder / f"{n}.txt").write_text(
            f"Protest in Busra\n\nA protest, back in {year}.\n", encoding="utf-8"
        )
    return folder


def _sources(db: str) -> list[int | None]:
    with open_store(db) as store:
        return sorted(s.sources for s in store.events())


Run = Callable[[Path, str, Undated], None]


def _pipeline(folder: Path, db: str, undated: Undated) -> None:
    with open_store(db) as store:
        summary = ingest([folder], store=store, extractor=protest_extractor, undated=undated)
    assert summary.added == 3


def _observatory(folder: Path, db: str, undated: Undated) -> None:
    with Observatory(db, extractor=protest_extractor) as obs:
        assert obs.ingest([folder], undated=undated).added == 3


def _cli(folder: Path, db: str, undated: Undated) -> None:
    done = CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--undated", undated])
    assert done.exit_code == 0, done.output


@pytest.mark.parametrize("run", [_pipeline, _observatory, _cli])
@pytest.mark.parametrize(
    ("undated", "sources"), [("ingest-date", [3]), ("skip-linking", [1, 1, 1])]
)
def test_undated_archive_is_glued_by_ingest_date_unless_linking_is_skipped(
    run: Run,
    undated: Undated,
    sources: list[int],
    archive: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("marsad.cli.core.load_extractor", lambda: protest_extractor)
    db = f"sqlite:///{tmp_path / 'u.db'}"
    run(archive, db, undated)
    assert _sources(db) == sources


def test_cli_refuses_an_unknown_policy(archive: Path, tmp_path: Path) -> None:
    done = CliRunner().invoke(
        app,
        ["ingest", str(archive), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--undated", "guess"],
    )
    assert done.exit_code == 2
