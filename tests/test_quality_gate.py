"""Quality gate: extraction scored against gold files must stay at or above pinned floors.

The floors live in ``tests/quality_floors.yaml``; raise them as extraction improves.  The real
development set is read at run time from ``../shared/samples`` (skipped when absent); the invented
gold set in ``tests/gold/`` always runs.
"""

from __future__ import annotations

import csv
import functools
import math
from pathlib import Path

import pytest
import yaml

from marsad.evaluate import METRICS, EvalResult, GoldReport, evaluate, load_gold

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS_FILE = ROOT / "tests" / "quality_floors.yaml"
INVENTED = ROOT / "tests" / "gold" / "invented_gold.jsonl"
GOLD_FILES = {
    "gold_dev": SHARED / "samples" / "gold_dev.jsonl",
    "arabic_gold_dev": SHARED / "samples" / "arabic_gold_dev.jsonl",
    "invented_gold": INVENTED,
}
FLOORS: dict[str, dict[str, float]] = yaml.safe_load(FLOORS_FILE.read_text(encoding="utf-8"))


@functools.cache
def _result(name: str) -> EvalResult:
    from marsad.extraction import extract_report
    from marsad.resources import load_resources

    path = GOLD_FILES[name]
    if not path.exists():
        pytest.skip(f"{path} is absent")
    resources = load_resources()
    return evaluate(load_gold(path), lambda report: extract_report(report, resources=resources))


@pytest.mark.parametrize(
    ("gold", "metric"),
    [(gold, metric) for gold, floors in FLOORS.items() for metric in floors],
)
def test_figure_at_or_above_floor(gold: str, metric: str) -> None:
    result = _result(gold)
    value = result.metrics()[metric]
    floor = FLOORS[gold][metric]
    assert value is not None, f"{gold}: {metric} could not be measured"
    assert value >= floor, f"{gold}: {metric} = {value:.3f} fell below its floor {floor:.3f}"


@pytest.mark.parametrize("gold", sorted(FLOORS))
def test_extractor_does_not_crash(gold: str) -> None:
    failures = _result(gold).failures
    assert not failures, [f"{f.report_id}: {f.error}" for f in failures[:5]]


def test_floors_file_names_known_gold_files_and_metrics() -> None:
    assert set(FLOORS) <= set(GOLD_FILES)
    for floors in FLOORS.values():
        assert set(floors) <= set(METRICS)
        assert all(0.0 <= floor <= 1.0 for floor in floors.values())


# --- the invented gold set itself -----------------------------------------------------------


def _invented() -> list[GoldReport]:
    return load_gold(INVENTED)


def test_invented_gold_is_large_and_varied_enough() -> None:
    reports = _invented()
    events = [e for r in reports for e in r.events]
    assert len(reports) >= 15 and len(events) >= 40
    assert len({e.event_type for e in events}) >= 5
    assert all(r.published is not None for r in reports)


def _source_file(report_id: str) -> Path:
    stem = report_id
    found = [
        p
        for folder in ("demo/reports", "tests/reports")
        for p in (ROOT / folder).glob(f"{stem}.txt")
    ]
    assert len(found) == 1, f"{report_id}: no single source .txt"
    return found[0]


def test_invented_gold_texts_are_the_report_files() -> None:
    from marsad.ingest.text import split_header

    for report in _invented():
        header, body = split_header(_source_file(report.id).read_text(encoding="utf-8"))
        assert body == report.text, report.id
        assert header.get("published") == str(report.published), report.id
        for event in report.events:
            assert event.trigger in report.text, (report.id, event.trigger)


def test_invented_gold_coordinates_come_from_ocha_rows() -> None:
    data = SHARED / "data"
    if not data.exists():
        pytest.skip("../shared/data is absent")
    points: dict[str, tuple[float, float]] = {}
    with (data / "ocha_syr_cod_2015" / "syr_communities_admin4.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            points[row["PCODE"]] = (float(row["LATITUDE"]), float(row["LONGITUDE"]))
    with (data / "ocha_aleppo_neighbourhoods" / "aleppo_neighbourhoods.csv").open(
        encoding="utf-8"
    ) as fh:
        for row in csv.DictReader(fh):
            points[row["pCode"]] = (float(row["centerLatitude"]), float(row["centerLongitude"]))
    for report in _invented():
        for event in report.events:
            if event.lat is None or event.lon is None:
                assert event.coord_source is None
                continue
            assert event.coord_source is not None and event.coord_source.startswith("OCHA ")
            lat, lon = points[event.coord_source.removeprefix("OCHA ")]
            assert math.isclose(lat, event.lat) and math.isclose(lon, event.lon), event.place
