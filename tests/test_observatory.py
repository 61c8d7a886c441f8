"""The Python API: ``extract(text)`` and ``Observatory(db_url)``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.errors import ConfigError, DataFileError
from marsad.model import Event, Extraction, Location, Place, Report, SituationRef, Span
from marsad.observatory import Observatory, default_extractor, extract

TOWN = Place(id="p-town", name="Kafr Nabl", latitude=35.61, longitude=36.56, feature="town",
             admin1="Idlib")


def fake_extract(report: Report) -> Extraction:
    """A siege event when the text says "siege", dated by the report."""
    at = report.text.find("siege")
    if at < 0:
        return Extraction(report=report, events=())
    event = Event(event_id=f"{report.report_id}:0", event_type="Strategic developments",
                  sub_event_type="Other", evidence={"event": Span(at, at + 5)},
                  event_date=report.published, location=Location(place=TOWN, geo_precision=1),
                  situation=SituationRef(kind="siege", day=len(report.text) % 30))
    return Extraction(report=report, events=(event,))


def test_extract_returns_the_events_of_a_text() -> None:
    [event] = extract("The siege of the town goes on.", published="2024-03-02",
                      extractor=fake_extract)
    assert event.event_date == date(2024, 3, 2)
    assert extract("Nothing happened.", extractor=fake_extract) == []


def test_extract_refuses_a_bad_date() -> None:
    with pytest.raises(ConfigError, match="not a date"):
        extract("The siege goes on.", published="2nd of March", extractor=fake_extract)


def test_observatory_ingests_and_queries(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("published: 2024-03-01\n\nThe siege of the town, day one.\n")
    (folder / "b.txt").write_text("published: 2024-03-02\n\nThe siege of the town continues.\n")
    (folder / "c.txt").write_bytes(b"\x00binary")
    db = tmp_path / "obs.db"
    obs = Observatory(f"sqlite:///{db}", extractor=fake_extract)
    assert not db.exists()  # nothing is opened before first use
    with obs:
        run = obs.ingest([folder])
        assert (run.added, run.duplicates, run.events, len(run.failures)) == (2, 0, 2, 1)
        assert [s.event.event_date for s in obs.events()] == [date(2024, 3, 2), date(2024, 3, 1)]
        assert len(obs.events(since="2024-03-02")) == 1
        [siege] = obs.situations(kind="siege")
        assert siege.last_report_date == date(2024, 3, 2) and len(siege.report_ids) == 2
        assert obs.ingest([folder]).duplicates == 2
        timeline = obs.situation_timeline(siege.id)
        assert timeline is not None and len(timeline.entries) == 2
        assert all(e.sources == 1 for e in obs.events())  # two days: two events
    assert db.exists()


def test_observatory_db_url_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARSAD_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert Observatory().settings.db_url == f"sqlite:///{tmp_path / 'env.db'}"
    assert Observatory("sqlite://").settings.db_url == "sqlite://"


def test_extract_with_the_shipped_extractor() -> None:
    text = "Regime forces shelled the town of Kafr Nabl in Idlib countryside."
    try:
        default_extractor()
        events = extract(text, published=date(2024, 3, 2))
    except (ImportError, DataFileError) as exc:  # data or modules not built yet
        pytest.skip(f"the shipped extractor is not available: {exc}")
    assert all(isinstance(event, Event) for event in events)
