"""The HTTP API on a temporary SQLite store: every route, its filters, 404s, the OpenAPI doc."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

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
from marsad.serve.app import create_app

REGIME = Actor(id="syrian-regime", name="Military Forces of Syria", inter=1)
REBELS = Actor(id="nlf", name="National Liberation Front", inter=2)
SARMIN = Place(id="p-sarmin", name="Sarmin", latitude=35.9, longitude=36.72, feature="town",
               admin1="Idlib", admin2="Idlib", admin3="Sarmin")  # fmt: skip
NAWA = Place(id="p-nawa", name="Nawa", latitude=32.89, longitude=36.04, feature="town",
             admin1="Daraa", admin2="Izra'", admin3="Nawa")  # fmt: skip

SHELLING_TEXT = (
    "Shells fall on Sarmin\n"
    "Regime forces shelled Sarmin in the eastern countryside of Idlib on Monday, killing two "
    "civilians, according to SOHR activists."
)
SIEGE_TEXT = (
    "Nawa blockade continues\n"
    "Regime forces kept the town of Nawa under blockade for the sixth day in a row, preventing "
    "food and fuel from entering."
)


def span(text: str, words: str, *, after: str = "") -> Span:
    start = text.index(words, text.index(after) if after else 0)
    return Span(start, start + len(words))


def shelling() -> Extraction:
    report = Report(report_id="rs1", text=SHELLING_TEXT, title="Shells fall on Sarmin",
                    source="SOHR", published=date(2026, 4, 7))  # fmt: skip
    ev = Event(
        event_id="rs1:0",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        evidence={
            "event": span(SHELLING_TEXT, "shelled"),
            "location": span(SHELLING_TEXT, "Sarmin", after="shelled"),
            "actor1": span(SHELLING_TEXT, "Regime forces"),
        },
        event_date=date(2026, 4, 6),
        date_start=date(2026, 4, 6),
        date_end=date(2026, 4, 6),
        time_precision=1,
        actor1=REGIME,
        location=Location(place=SARMIN, geo_precision=1),
        fatalities=Fatalities(low=2, best=2, high=2),
        summary="On 2026-04-06, regime forces shelled Sarmin; 2 civilians killed.",
    )
    return Extraction(report=report, events=(ev,))


def siege() -> Extraction:
    report = Report(report_id="rs2", text=SIEGE_TEXT, title="Nawa blockade continues",
                    source="SOHR", published=date(2026, 4, 9))  # fmt: skip
    ev = Event(
        event_id="rs2:0",
        event_type="Strategic developments",
        sub_event_type="Other",
        evidence={
            "event": span(SIEGE_TEXT, "under blockade"),
            "location": span(SIEGE_TEXT, "Nawa", after="town of"),
            "situation": span(SIEGE_TEXT, "for the sixth day in a row"),
        },
        event_date=date(2026, 4, 9),
        date_start=date(2026, 4, 4),
        date_end=date(2026, 4, 9),
        time_precision=1,
        actor1=REGIME,
        location=Location(place=NAWA, geo_precision=1),
        situation=SituationRef(kind="blockade", day=6, start_date=date(2026, 4, 4)),
        summary="On 2026-04-09, regime forces continued the blockade of Nawa (day 6).",
    )
    return Extraction(report=report, events=(ev,))


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    from marsad.store.repository import open_store

    store = open_store(f"sqlite:///{tmp_path / 'api.db'}")
    store.add(shelling())
    store.add(siege())
    try:
        with TestClient(create_app(store)) as test_client:
            yield test_client
    finally:
        store.close()


def test_front_page_leads_to_the_docs(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code in {302, 307}
    assert response.headers["location"] == "/docs"


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"


def test_summary_counts_what_was_stored(client: TestClient) -> None:
    body = client.get("/summary").json()
    assert body["reports"] == 2
    assert body["events"] == 2
    assert body["events_by_type"] == {"Explosions/Remote violence": 1, "Strategic developments": 1}
    assert body["situations"] == 1


def test_reports_lists_without_text(client: TestClient) -> None:
    body = client.get("/reports").json()
    assert sorted(r["report_id"] for r in body["reports"]) == ["rs1", "rs2"]
    assert all("text" not in r for r in body["reports"])


def test_report_has_text_events_and_evidence_into_that_text(client: TestClient) -> None:
    body = client.get("/reports/rs1").json()
    assert body["text"] == SHELLING_TEXT
    assert body["published"] == "2026-04-07"
    (event,) = body["events"]
    start, end = event["evidence"]["location"]
    assert body["text"][start:end] == "Sarmin"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["rs1:0", "rs2:0"]),
        ("?type=Strategic%20developments", ["rs2:0"]),
        ("?since=2026-04-08", ["rs2:0"]),
        ("?until=2026-04-08", ["rs1:0"]),
        ("?place=Sarmin", ["rs1:0"]),
        ("?actor=syrian-regime", ["rs1:0", "rs2:0"]),
        ("?limit=1", None),
    ],
)
def test_events_filters(client: TestClient, query: str, expected: list[str] | None) -> None:
    response = client.get(f"/events{query}")
    assert response.status_code == 200
    ids = sorted(e["event_id"] for e in response.json()["events"])
    if expected is None:
        assert len(ids) == 1
    else:
        assert ids == expected


def test_event_by_id_names_its_report(client: TestClient) -> None:
    body = client.get("/events/rs1:0").json()
    assert body["report_id"] == "rs1"
    assert body["sources"] >= 1
    assert body["location"]["name"] == "Sarmin"
    assert body["fatalities"] == {"low": 2, "best": 2, "high": 2}


def test_situations(client: TestClient) -> None:
    body = client.get("/situations").json()
    (situation,) = body["situations"]
    assert situation["kind"] == "blockade"
    assert situation["day"] == 6
    assert situation["start_low"] == situation["start_high"] == situation["start_date"]
    assert situation["lifted_date"] is None
    one = client.get(f"/situations/{situation['id']}").json()
    assert one == situation
    event = client.get("/events/rs2:0").json()
    assert event["situation"]["id"] == situation["id"]  # events link to the tracked situation
    assert client.get("/situations?kind=curfew").json() == {"situations": []}


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/reports/nope", "report"),
        ("/events/nope:0", "event"),
        ("/situations/nope", "situation"),
    ],
)
def test_unknown_ids_answer_404_with_a_clear_message(
    client: TestClient, path: str, kind: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert kind in detail
    assert "nope" in detail


def test_bad_query_is_422(client: TestClient) -> None:
    assert client.get("/events?since=yesterday").status_code == 422


def test_openapi_documents_every_route(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert set(doc["paths"]) >= {
        "/health", "/summary", "/reports", "/reports/{report_id}", "/events",
        "/events/{event_id}", "/situations", "/situations/{situation_id}",
    }  # fmt: skip
    schemas = doc["components"]["schemas"]
    assert "StoredEventOut" in schemas
    assert "evidence" in schemas["StoredEventOut"]["properties"]
    assert client.get("/docs").status_code == 200
