"""The public JSON contract: field names of issue 2, ISO dates, [start, end] evidence, schema."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from marsad.contract import (
    ContradictionOut,
    Document,
    ReportOut,
    SituationOut,
    event_to_dict,
    extraction_to_dict,
    json_schema,
    situation_to_dict,
    stored_event_to_dict,
)
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
    Situation,
    SituationRef,
    Span,
)

TEXT = (
    "Siege of Tell Qamar enters its 9th day\n"
    "For the ninth consecutive day, the Asayish keep regime forces encircled in Tell Qamar, "
    "on the eighth day of the siege according to local sources. Two fighters were killed."
)

REGIME = Actor(id="syrian-regime", name="Military Forces of Syria", inter=1)
ASAYISH = Actor(id="asayish", name="Asayish", inter=1)
NDF = Actor(id="ndf", name="National Defence Forces", inter=1)
TELL_QAMAR = Place(
    id="p-tell-qamar",
    name="Tell Qamar",
    latitude=36.5,
    longitude=40.7,
    feature="town",
    admin1="Al-Hasakeh",
    admin2="Al-Hasakeh",
    admin3="Al-Hasakeh",
)


def full_event() -> Event:
    return Event(
        event_id="rq1:0",
        event_type="Strategic developments",
        sub_event_type="Other",
        evidence={
            "event": Span(40, 130),
            "actor1": Span(72, 79),
            "actor2": Span(85, 98),
            "location": Span(109, 119),
            "date": Span(40, 66),
        },
        event_date=date(2026, 3, 9),
        date_start=date(2026, 3, 1),
        date_end=date(2026, 3, 9),
        time_precision=1,
        plover=Plover(event_type="RESTRICT", mode="blockade"),
        cameo="191",
        actor1=ASAYISH,
        actor2=REGIME,
        assoc_actors=(NDF,),
        location=Location(place=TELL_QAMAR, geo_precision=1),
        fatalities=Fatalities(low=2, best=2, high=2),
        injured=None,
        situation=SituationRef(kind="siege", day=9, start_date=date(2026, 3, 1), id="s1"),
        attribution="local sources",
        background=False,
        confidence=0.8,
        summary="On 2026-03-09, Asayish continued the siege of regime forces in Tell Qamar.",
    )


def bare_event() -> Event:
    return Event(
        event_id="rq1:1",
        event_type="Battles",
        sub_event_type="Armed clash",
        evidence={"event": Span(0, 5)},
    )


def extraction() -> Extraction:
    report = Report(
        report_id="rq1",
        text=TEXT,
        title="Siege of Tell Qamar enters its 9th day",
        source="SOHR",
        url="https://example.org/rq1",
        published=date(2026, 3, 9),
    )
    contradiction = Contradiction(
        field="situation.day", values=(9, 8), evidence=(Span(44, 59), Span(130, 140)), subject="s1"
    )
    return Extraction(
        report=report, events=(full_event(), bare_event()), contradictions=(contradiction,)
    )


REPORT_KEYS = [
    "report_id",
    "title",
    "source",
    "url",
    "published",
    "language",
    "events",
    "contradictions",
]
EVENT_KEYS = [
    "event_id", "event_date", "date_start", "date_end", "time_precision", "event_type",
    "sub_event_type", "plover", "cameo", "actor1", "actor2", "assoc_actors", "location",
    "fatalities", "injured", "situation", "attribution", "background", "confidence",
    "evidence", "summary",
]  # fmt: skip
LOCATION_KEYS = [
    "id", "name", "latitude", "longitude", "admin1", "admin2", "admin3", "country", "iso3",
    "geo_precision",
]  # fmt: skip


def test_report_object_has_exactly_the_issue_fields_in_order() -> None:
    doc = extraction_to_dict(extraction())
    assert list(doc) == REPORT_KEYS
    assert list(doc["events"][0]) == EVENT_KEYS


@pytest.mark.parametrize(
    ("path", "keys"),
    [
        (("location",), LOCATION_KEYS),
        (("actor1",), ["id", "name", "inter"]),
        (("plover",), ["event_type", "mode"]),
        (("fatalities",), ["low", "best", "high"]),
        (("situation",), ["id", "kind", "day", "start_date"]),
    ],
)
def test_nested_objects_have_the_issue_fields(path: tuple[str, ...], keys: list[str]) -> None:
    value: Any = event_to_dict(full_event())
    for key in path:
        value = value[key]
    assert list(value) == keys


def test_contradiction_fields() -> None:
    doc = extraction_to_dict(extraction())
    assert doc["contradictions"] == [
        {"field": "situation.day", "values": [9, 8], "evidence": [[44, 59], [130, 140]],
         "report_ids": []}
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("event_date", "2026-03-09"),
        ("date_start", "2026-03-01"),
        ("time_precision", 1),
        ("evidence", {"event": [40, 130], "actor1": [72, 79], "actor2": [85, 98],
                      "location": [109, 119], "date": [40, 66]}),
        ("assoc_actors", [{"id": "ndf", "name": "National Defence Forces", "inter": 1}]),
        ("situation", {"id": "s1", "kind": "siege", "day": 9, "start_date": "2026-03-01"}),
        ("fatalities", {"low": 2, "best": 2, "high": 2}),
        ("background", False),
    ],
)  # fmt: skip
def test_values_are_json_ready(key: str, expected: object) -> None:
    assert event_to_dict(full_event())[key] == expected


def test_empty_fields_are_null_not_missing() -> None:
    doc = event_to_dict(bare_event())
    for key in ("event_date", "plover", "cameo", "actor1", "actor2", "location", "situation"):
        assert doc[key] is None
    assert doc["assoc_actors"] == []
    assert doc["fatalities"] == {"low": 0, "best": 0, "high": 0}


def test_output_round_trips_through_json_and_validates() -> None:
    doc = {"reports": [extraction_to_dict(extraction())]}
    parsed = Document.model_validate(json.loads(json.dumps(doc)))
    assert parsed.reports[0].published == date(2026, 3, 9)
    assert parsed.reports[0].events[0].location is not None
    assert parsed.model_dump(mode="json") == doc


def test_evidence_offsets_point_into_the_report_text() -> None:
    ex = extraction()
    for ev in extraction_to_dict(ex)["events"]:
        for start, end in ev["evidence"].values():
            assert 0 <= start <= end <= len(ex.report.text)


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["events"][0].pop("summary"), "summary"),
        (lambda d: d["events"][0].update(extra_field=1), "extra_field"),
        (lambda d: d["events"][0].update(time_precision=4), "time_precision"),
        (lambda d: d["events"][0]["location"].update(geo_precision=0), "geo_precision"),
        (lambda d: d.update(published="09/03/2026"), "published"),
    ],
)
def test_models_reject_documents_that_break_the_contract(mutate: Any, field: str) -> None:
    doc = extraction_to_dict(extraction())
    mutate(doc)
    with pytest.raises(ValidationError, match=field):
        ReportOut.model_validate(doc)


@pytest.mark.parametrize(
    ("event", "situation_id", "expected"),
    [
        (full_event(), "s-other", "s1"),  # the event's own id wins
        (replace(full_event(), situation=SituationRef(kind="siege", day=9)), "s-store", "s-store"),
        (bare_event(), "s-store", None),  # no situation, nothing to link
    ],
)
def test_stored_event_adds_report_and_links_situation(
    event: Event, situation_id: str, expected: str | None
) -> None:
    record = stored_event_to_dict(event, report_id="rq1", sources=2, situation_id=situation_id)
    assert record["report_id"] == "rq1"
    assert record["sources"] == 2
    assert (record["situation"] or {}).get("id") == expected


def test_situation_dict_validates() -> None:
    s = Situation(
        id="s1",
        kind="siege",
        status="ongoing",
        start_date=date(2026, 3, 1),
        last_report_date=date(2026, 3, 9),
        day=9,
        actor1=ASAYISH,
        actor2=REGIME,
        places=(TELL_QAMAR,),
        report_ids=("rq1", "rq2"),
        contradictions=(Contradiction(field="situation.start_date",
                                      values=("2026-03-01", "2026-03-03"),
                                      evidence=(Span(1, 5), Span(7, 9)), subject="s1",
                                      report_ids=("rq1", "rq2")),),
        start_low=date(2026, 3, 1),
        start_high=date(2026, 3, 3),
        lifted_date=date(2026, 3, 9),
    )
    doc = situation_to_dict(s)
    assert list(doc) == SITUATION_KEYS
    assert (doc["start_low"], doc["start_high"], doc["lifted_date"]) == (
        "2026-03-01", "2026-03-03", "2026-03-09")
    assert doc["contradictions"][0]["report_ids"] == ["rq1", "rq2"]
    out = SituationOut.model_validate(doc)
    assert out.places[0].name == "Tell Qamar"
    assert out.day == 9
    assert out.contradictions[0].report_ids == ["rq1", "rq2"]


SITUATION_KEYS = [
    "id", "kind", "status", "start_date", "last_report_date", "day", "actor1", "actor2",
    "places", "report_ids", "contradictions", "start_low", "start_high", "lifted_date",
]  # fmt: skip


def test_documents_written_before_report_ids_still_validate() -> None:
    old = {"field": "fatalities", "values": [3, 4], "evidence": [[0, 1], [2, 3]]}
    assert ContradictionOut.model_validate(old).report_ids == []


def test_json_schema_describes_the_contract() -> None:
    schema = json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["required"] == ["reports"]
    defs = schema["$defs"]
    assert list(defs["ReportOut"]["properties"]) == REPORT_KEYS
    assert list(defs["EventOut"]["properties"]) == EVENT_KEYS
    assert list(defs["LocationOut"]["properties"]) == LOCATION_KEYS
    json.dumps(schema)  # serialisable as is


def test_real_extractor_output_on_real_reports_fits_the_contract() -> None:
    """The shipped extractor, run on the shared SOHR samples, emits valid contract documents."""
    from pathlib import Path

    samples = Path(__file__).resolve().parents[2] / "shared" / "samples" / "sohr_reports.jsonl"
    if not samples.is_file():
        pytest.skip(f"{samples} is absent")
    from marsad.cli.core import load_extractor
    from marsad.ingest import InputFailure, read_inputs

    extractor = load_extractor()
    count = 0
    for item in read_inputs([samples]):
        assert not isinstance(item, InputFailure), str(item)
        doc = extraction_to_dict(extractor(item))
        report = ReportOut.model_validate(doc)
        for event in report.events:
            assert "event" in event.evidence
            for start, end in event.evidence.values():
                assert 0 <= start <= end <= len(item.text), (report.report_id, event.event_id)
        count += 1
    assert count > 0
