"""ACLED CSV, GeoJSON and JSON Lines exports parse back and carry the right values."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

import pytest

from marsad.export import ACLED_COLUMNS, acled_row, write_acled_csv, write_geojson, write_jsonl
from marsad.model import Actor, Event, Fatalities, Location, Place, SituationRef, Span

REGIME = Actor(id="syrian-regime", name="Military Forces of Syria", inter=1)
HTS = Actor(id="hts", name="Hayat Tahrir al-Sham", inter=2)
CIVILIANS = Actor(id="civilians", name="Civilians (Syria)", inter=7)
KAFR_ZITA = Place(
    id="p-kafr-zita",
    name="Kafr Zita",
    latitude=35.375,
    longitude=36.6,
    feature="town",
    admin1="Hama",
    admin2="Mhardeh",
    admin3="Kafr Zita",
)

CLASH = Event(
    event_id="rk:0",
    event_type="Battles",
    sub_event_type="Armed clash",
    evidence={"event": Span(0, 10)},
    event_date=date(2026, 2, 3),
    time_precision=1,
    actor1=REGIME,
    actor2=HTS,
    location=Location(place=KAFR_ZITA, geo_precision=1),
    fatalities=Fatalities(low=3, best=4, high=5),
    summary="On 2026-02-03, regime forces clashed with HTS in Kafr Zita; 3 to 5 killed.",
)
NOWHERE = Event(
    event_id="rk:1",
    event_type="Strategic developments",
    sub_event_type="Other",
    evidence={"event": Span(11, 20)},
    situation=SituationRef(kind="siege", day=4),
)


@dataclass(frozen=True)
class Stored:
    event: Event
    report_id: str
    sources: int = 1
    situation_id: str | None = None


ACLED_EXPECTED = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip


def test_acled_columns_are_acleds_names() -> None:
    assert list(ACLED_COLUMNS) == ACLED_EXPECTED


def test_acled_csv_parses_back_with_the_csv_module() -> None:
    buf = io.StringIO()
    count = write_acled_csv(
        [Stored(CLASH, "rk"), NOWHERE], buf, source_of=lambda rid: "SOHR", timestamp=1700000000
    )
    assert count == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == ACLED_EXPECTED
    first = rows[0]
    assert first["event_date"] == "2026-02-03"
    assert first["year"] == "2026"
    assert first["location"] == "Kafr Zita"
    assert first["latitude"] == "35.375"
    assert first["source"] == "SOHR"
    assert first["fatalities"] == "4"
    assert first["timestamp"] == "1700000000"
    assert rows[1]["source"] == ""  # a bare event has no report to name its source
    assert rows[1]["tags"] == "siege day=4"


@pytest.mark.parametrize(
    ("event", "column", "expected"),
    [
        (CLASH, "disorder_type", "Political violence"),
        (CLASH, "interaction", "12"),
        (replace(CLASH, actor1=HTS, actor2=REGIME), "interaction", "12"),
        (replace(CLASH, actor2=None), "interaction", "10"),
        (replace(CLASH, actor2=CIVILIANS), "civilian_targeting", "Civilian targeting"),
        (CLASH, "civilian_targeting", ""),
        (CLASH, "iso", 760),
        (CLASH, "region", "Middle East"),
        (CLASH, "tags", "fatalities=3-5"),
        (NOWHERE, "disorder_type", "Strategic developments"),
        (NOWHERE, "latitude", ""),
        (replace(NOWHERE, event_type="Protests", sub_event_type="Peaceful protest"),
         "disorder_type", "Demonstrations"),
        (replace(NOWHERE, event_type="Riots", sub_event_type="Mob violence"),
         "disorder_type", "Political violence"),
    ],
)  # fmt: skip
def test_acled_row_values(event: Event, column: str, expected: object) -> None:
    assert acled_row(event, timestamp=0)[column] == expected


def test_geojson_is_a_feature_collection_of_points() -> None:
    buf = io.StringIO()
    assert write_geojson([Stored(CLASH, "rk"), NOWHERE], buf) == 2
    doc = json.loads(buf.getvalue())
    assert doc["type"] == "FeatureCollection"
    point, empty = doc["features"]
    assert point["geometry"] == {"type": "Point", "coordinates": [36.6, 35.375]}
    assert point["properties"]["report_id"] == "rk"
    assert point["properties"]["evidence"] == {"event": [0, 10]}
    assert empty["geometry"] is None


def test_geojson_of_nothing_is_still_valid() -> None:
    buf = io.StringIO()
    assert write_geojson([], buf) == 0
    assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_jsonl_is_one_contract_event_per_line() -> None:
    buf = io.StringIO()
    assert write_jsonl([Stored(CLASH, "rk"), NOWHERE], buf) == 2
    lines = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert [line["event_id"] for line in lines] == ["rk:0", "rk:1"]
    assert lines[0]["report_id"] == "rk"
    assert "report_id" not in lines[1]
    assert lines[0]["fatalities"] == {"low": 3, "best": 4, "high": 5}


def test_writers_stream_from_a_generator() -> None:
    def many() -> Iterator[Event]:
        for n in range(500):
            yield replace(CLASH, event_id=f"rk:{n}")

    buf = io.StringIO()
    assert write_jsonl(many(), buf) == 500
