"""The scorer behind ``marsad eval``: gold loading, matching rules and every figure it prints."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from marsad.errors import DataFileError
from marsad.evaluate import (
    GoldEvent,
    GoldReport,
    evaluate,
    fallback_name_key,
    format_table,
    haversine_km,
    load_gold,
    to_json,
)
from marsad.evaluate.matching import default_place_names
from marsad.model import Actor, Event, Extraction, Fatalities, Location, Place, Report, Span

HASAKAH = Place("p-hasakah", "Al-Hasakah", 36.5024, 40.7477, "town", admin1="Al-Hasakah")
QAMISHLI = Place("p-qamishli", "Al-Qamishli", 37.0522, 41.2306, "town", admin1="Al-Hasakah")
# About 6 km from Qamishli's point: still "the same place" for coordinates.
NEAR_QAMISHLI = Place("p-near", "Tal Hamis", 37.0522, 41.30, "town", admin1="Al-Hasakah")
SARAQIB = Place("p-saraqib", "Saraqib", 35.8646, 36.8065, "town", admin1="Idlib")

REGIME = Actor("regime", "Military Forces of Syria", 1)
ASAYISH = Actor("asayish", "Asayish", 3)


def _names(actor: Actor) -> tuple[str, ...]:
    aliases = {"regime": ("regime forces", "syrian army"), "asayish": ("internal security forces",)}
    return (actor.name.lower(), actor.id, *aliases.get(actor.id, ()))


def gold_event(
    event_type: str = "Battles",
    sub: str = "Armed clash",
    place: str = "Al-Hasakah",
    *,
    alt: tuple[str, ...] = (),
    at: Place | None = HASAKAH,
    actor1: tuple[str, ...] | None = ("regime", "regime forces"),
    actor2: tuple[str, ...] | None = None,
    when: date | None = None,
    killed: int = 0,
) -> GoldEvent:
    return GoldEvent(
        event_type=event_type,
        sub_event_type=sub,
        place=place,
        place_alt=alt,
        lat=at.latitude if at else None,
        lon=at.longitude if at else None,
        actor1=actor1,
        actor2=actor2,
        event_date=when,
        fatalities=killed,
    )


def predicted(
    event_type: str = "Battles",
    sub: str = "Armed clash",
    at: Place | None = HASAKAH,
    *,
    start: int = 0,
    actor1: Actor | None = REGIME,
    actor2: Actor | None = None,
    when: date | None = None,
    killed: int = 0,
    background: bool = False,
) -> Event:
    return Event(
        event_id=f"r:{start}",
        event_type=event_type,
        sub_event_type=sub,
        evidence={"event": Span(start, start + 1)},
        event_date=when,
        actor1=actor1,
        actor2=actor2,
        location=Location(at, 1) if at else None,
        fatalities=Fatalities(killed, killed, killed),
        background=background,
    )


def fake(by_report: dict[str, Sequence[Event]]) -> Callable[[Report], Extraction]:
    def extractor(report: Report) -> Extraction:
        return Extraction(report, tuple(by_report.get(report.report_id, ())))

    return extractor


def gold_report(report_id: str, *events: GoldEvent) -> GoldReport:
    return GoldReport(id=report_id, text=f"Headline {report_id}\nBody.", events=events)


def run(gold: Sequence[GoldReport], by_report: dict[str, Sequence[Event]]) -> Any:
    return evaluate(gold, fake(by_report), name_key=fallback_name_key, actor_names=_names)


# --- events found: exact precision, recall, F1 ---------------------------------------------


@pytest.mark.parametrize(
    ("n_gold", "n_predicted", "n_right", "precision", "recall", "f1"),
    [
        (2, 2, 2, 1.0, 1.0, 1.0),
        (4, 2, 2, 1.0, 0.5, 2 / 3),
        (2, 4, 2, 0.5, 1.0, 2 / 3),
        (3, 3, 1, 1 / 3, 1 / 3, 1 / 3),
        (2, 0, 0, None, 0.0, 0.0),
        (0, 2, 0, 0.0, None, 0.0),
    ],
)
def test_precision_recall_f1(
    n_gold: int,
    n_predicted: int,
    n_right: int,
    precision: float | None,
    recall: float | None,
    f1: float | None,
) -> None:
    gold = gold_report("1", *[gold_event() for _ in range(n_gold)])
    # the first n_right predictions are at the right place, the others 200 km away
    events = [
        predicted(at=HASAKAH if i < n_right else SARAQIB, start=i) for i in range(n_predicted)
    ]
    result = run([gold], {"1": events})
    metrics = result.metrics()
    assert metrics["events_precision"] == (pytest.approx(precision) if precision else precision)
    assert metrics["events_recall"] == (pytest.approx(recall) if recall else recall)
    assert metrics["events_f1"] == (pytest.approx(f1) if f1 is not None else None)


def test_figures_pool_over_reports() -> None:
    gold = [gold_report("1", gold_event()), gold_report("2", gold_event(), gold_event())]
    result = run(gold, {"1": [predicted(), predicted(start=5, at=SARAQIB)], "2": [predicted()]})
    assert (result.precision.hits, result.precision.total) == (2, 3)
    assert (result.recall.hits, result.recall.total) == (2, 3)


def test_background_predictions_are_ignored() -> None:
    gold = [gold_report("1", gold_event())]
    result = run(
        gold, {"1": [predicted(background=True), predicted(start=3, at=SARAQIB, background=True)]}
    )
    assert result.precision.total == 0
    assert result.recall.hits == 0
    assert result.place.hits == 0  # a background event does not "find" the place either


def test_same_type_required() -> None:
    gold = [gold_report("1", gold_event("Battles", "Armed clash"))]
    result = run(gold, {"1": [predicted("Explosions/Remote violence", "Air/drone strike")]})
    assert result.recall.hits == 0
    assert result.place.hits == 1  # the place was found, by an event of another type


# --- place matching: km where gold has coordinates, else names -----------------------------


@pytest.mark.parametrize(
    ("gold_place", "predicted_place", "matches"),
    [
        (QAMISHLI, QAMISHLI, True),
        (QAMISHLI, NEAR_QAMISHLI, True),  # ~6 km
        (QAMISHLI, HASAKAH, False),  # ~75 km
        (HASAKAH, SARAQIB, False),
    ],
)
def test_km_matching(gold_place: Place, predicted_place: Place, matches: bool) -> None:
    gold = [gold_report("1", gold_event(place="wrongly spelled", at=gold_place))]
    result = run(gold, {"1": [predicted(at=predicted_place)]})
    assert result.recall.hits == int(matches)


def test_haversine_is_in_kilometres() -> None:
    assert haversine_km(36.0, 40.0, 36.0, 40.0) == 0.0
    assert haversine_km(36.0, 40.0, 37.0, 40.0) == pytest.approx(111.2, abs=0.2)
    assert 5 < haversine_km(37.0522, 41.2306, 37.0522, 41.30) < 7


@pytest.mark.parametrize(
    ("place", "alt", "predicted_name", "matches"),
    [
        ("al- Hasakeh", (), "Al-Hasakeh", True),
        ("Hasakeh", ("Al-Hasakah",), "Al-Hasakah", True),
        ("el-Hasakeh", (), "Hasakeh", True),
        ("Deir Ezzor", ("Deir ez-Zor",), "Deir ez-Zor", True),
        ("Sheikh Maqsoud", ("Shaykh Maqsud",), "Shaykh Maqsud", True),
        ("Saraqeb", (), "Saraqib", False),  # no alt given, different vowels
        ("Kafr Nabl", (), "Kafranbel", False),
    ],
)
def test_name_matching_without_coordinates(
    place: str, alt: tuple[str, ...], predicted_name: str, matches: bool
) -> None:
    spot = Place("p", predicted_name, 35.0, 38.0, "town")
    gold = [gold_report("1", gold_event(place=place, alt=alt, at=None))]
    result = run(gold, {"1": [predicted(at=spot)]})
    assert result.recall.hits == int(matches)


@pytest.mark.parametrize(
    ("gold_admin1", "place_admin1", "matches"),
    [
        ("Aleppo", "Aleppo", True),  # the report's words name the gold place
        (None, "Aleppo", True),  # gold without admin1: the words alone decide
        ("Idlib", "Aleppo", False),  # a homonym resolved in another governorate stays wrong
    ],
)
def test_name_matching_on_the_reports_words(
    gold_admin1: str | None, place_admin1: str, matches: bool
) -> None:
    text = "Headline\nClashes near Kweris airbase in the east of Aleppo."
    start = text.index("Kweris airbase")
    spot = Place("c:kuweires", "Kuweires Military Airport", 36.19, 37.58, "airbase",
                 admin1=place_admin1)
    g_event = GoldEvent(event_type="Battles", sub_event_type="Armed clash",
                        place="Kweris airbase", place_alt=("Kuweires",), admin1=gold_admin1)
    event = replace(predicted(at=spot, start=start),
                    evidence={"event": Span(start, start + 1),
                              "location": Span(start, start + len("Kweris airbase"))})
    gold = [GoldReport(id="1", text=text, events=(g_event,))]
    result = run(gold, {"1": [event]})
    assert (result.recall.hits, result.place.hits) == (int(matches), int(matches))


@pytest.mark.parametrize(
    ("gold_admin1", "matches"), [("Aleppo", True), (None, True), ("Idlib", False)]
)
def test_name_matching_on_the_places_other_names(gold_admin1: str | None, matches: bool) -> None:
    spot = Place("c:kuweires", "Kuweires Military Airport", 36.19, 37.58, "airbase",
                 admin1="Aleppo")
    g_event = GoldEvent(event_type="Battles", sub_event_type="Armed clash",
                        place="Kweris airbase", place_alt=("Kuweires airport",), admin1=gold_admin1)
    result = evaluate(
        [GoldReport(id="1", text="Headline\nBody.", events=(g_event,))],
        fake({"1": [predicted(at=spot)]}),
        name_key=fallback_name_key,
        actor_names=_names,
        place_names=lambda place: ("Kuweires airport", "Kuwayris airbase"),
    )
    assert (result.recall.hits, result.place.hits) == (int(matches), int(matches))


def test_gazetteer_names_of_a_place() -> None:
    names = default_place_names(Place("cur:kuweires-airbase", "Kuweires", 36.19, 37.58, "airbase"))
    assert "Kuweires airport" in names
    assert default_place_names(Place("no-such-id", "Nowhere", 0.0, 0.0, "town")) == ()


def test_prediction_without_location_never_matches() -> None:
    gold = [
        gold_report("1", gold_event(at=None, place="Al-Hasakah")),
        gold_report("2", gold_event()),
    ]
    result = run(gold, {"1": [predicted(at=None)], "2": [predicted(at=None)]})
    assert result.recall.hits == 0
    assert result.precision.total == 2


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("al- Hasakeh", "hasakeh"),
        ("Al-Hasakeh", "hasakeh"),
        ("Deir ez-Zor", "deirezor"),
        ("Ma’arat al-Nu'man", "maratnuman"),
        ("Raqqa", "raqa"),
    ],
)
def test_fallback_name_key(name: str, key: str) -> None:
    assert fallback_name_key(name) == key


# --- greedy pairing in text order ----------------------------------------------------------


def test_greedy_pairs_in_text_order() -> None:
    # Two gold clashes in Hasakah; the predictions come back out of text order.
    gold = [gold_report("1", gold_event(killed=3), gold_event(killed=1))]
    late = predicted(start=50, killed=1)
    early = predicted(start=10, killed=3)
    result = run(gold, {"1": [late, early]})
    assert result.recall.hits == 2
    assert result.fatalities.hits == 2  # gold 1 pairs with the earlier prediction, gold 2 later


def test_each_prediction_pairs_once() -> None:
    gold = [gold_report("1", gold_event(), gold_event())]
    result = run(gold, {"1": [predicted()]})
    assert (result.recall.hits, result.recall.total) == (1, 2)
    assert result.place.hits == 2  # but both gold events' place was found


# --- accuracies on matched pairs -----------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_actor", "predicted_actor", "right"),
    [
        (("regime", "regime forces"), REGIME, True),  # by id
        (("regime forces", "syrian army"), REGIME, True),  # by alias
        (("military forces of syria",), REGIME, True),  # by lowercased name
        (("asayish",), REGIME, False),
        (("regime",), None, False),
        (None, None, True),
        (None, REGIME, False),
    ],
)
def test_actor_accuracy(
    gold_actor: tuple[str, ...] | None, predicted_actor: Actor | None, right: bool
) -> None:
    gold = [gold_report("1", gold_event(actor1=gold_actor, actor2=gold_actor))]
    result = run(gold, {"1": [predicted(actor1=predicted_actor, actor2=predicted_actor)]})
    assert result.actor1.hits == int(right) and result.actor1.total == 1
    assert result.actor2.hits == int(right)


def test_sub_type_date_and_fatalities_on_matched_pairs() -> None:
    day = date(2021, 1, 20)
    gold = [
        gold_report(
            "1",
            gold_event("Explosions/Remote violence", "Air/drone strike", when=day, killed=4),
            gold_event(
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                at=QAMISHLI,
                killed=2,
            ),
            gold_event("Protests", "Peaceful protest", at=SARAQIB),  # missed: not scored
        )
    ]
    events = [
        predicted("Explosions/Remote violence", "Air/drone strike", when=day, killed=4),
        predicted("Explosions/Remote violence", "Air/drone strike", QAMISHLI, start=9, killed=1),
    ]
    result = run(gold, {"1": events})
    assert (result.sub_event_type.hits, result.sub_event_type.total) == (1, 2)
    assert (result.event_date.hits, result.event_date.total) == (1, 1)  # only gold with a date
    assert (result.fatalities.hits, result.fatalities.total) == (1, 2)
    cells = {(c.gold, c.predicted): c.count for c in result.confusion}
    assert cells == {
        ("Air/drone strike", "Air/drone strike"): 1,
        ("Shelling/artillery/missile attack", "Air/drone strike"): 1,
    }


def test_headline_is_the_first_gold_events_type() -> None:
    gold = [
        gold_report("1", gold_event("Protests", "Peaceful protest"), gold_event()),
        gold_report("2", gold_event(), gold_event("Protests", "Peaceful protest")),
        gold_report("3"),  # no gold events: not counted
    ]
    # report 1: Protests predicted (at a wrong place: the headline only looks at types)
    # report 2: only Protests predicted, but the headline is Battles
    result = run(
        gold,
        {
            "1": [predicted("Protests", "Peaceful protest", SARAQIB)],
            "2": [predicted("Protests", "Peaceful protest")],
        },
    )
    assert (result.headline.hits, result.headline.total) == (1, 2)


def test_worst_reports_rank_by_f1_then_errors() -> None:
    gold = [
        gold_report("good", gold_event()),
        gold_report("bad", gold_event(), gold_event(at=QAMISHLI)),
        gold_report("half", gold_event(), gold_event(at=QAMISHLI)),
        gold_report("empty-ok"),
        gold_report("noisy", gold_event(at=SARAQIB)),
    ]
    result = run(gold, {"good": [predicted()], "half": [predicted()], "noisy": [predicted()]})
    worst = [r.report_id for r in result.worst(10)]
    assert worst == ["bad", "noisy", "half"]
    assert result.worst(1)[0].missed == (
        "Armed clash @ Al-Hasakah",
        "Armed clash @ Al-Hasakah",
    )


def test_extractor_errors_are_recorded_not_raised() -> None:
    def broken(report: Report) -> Extraction:
        raise RuntimeError("boom")

    gold = [gold_report("1", gold_event())]
    result = evaluate(gold, broken, name_key=fallback_name_key, actor_names=_names)
    assert result.failures[0].error == "RuntimeError: boom"
    assert result.recall.total == 1
    with pytest.raises(RuntimeError):
        evaluate(gold, broken, name_key=fallback_name_key, actor_names=_names, strict=True)


def test_report_given_to_the_extractor() -> None:
    seen: list[Report] = []

    def spy(report: Report) -> Extraction:
        seen.append(report)
        return Extraction(report, ())

    gold = GoldReport(
        id="7", text="\n  First line \nrest", events=(), url="u", published=date(2021, 1, 24)
    )
    evaluate([gold], spy, name_key=fallback_name_key, actor_names=_names)
    assert seen == [
        Report(
            "7", "\n  First line \nrest", title="First line", url="u", published=date(2021, 1, 24)
        )
    ]


# --- rendering -----------------------------------------------------------------------------


def test_json_and_table_render() -> None:
    gold = [gold_report("1", gold_event(), gold_event(at=QAMISHLI))]
    result = run(gold, {"1": [predicted()]})
    data = to_json(result)
    json.dumps(data)  # serialisable
    assert data["metrics"]["events_recall"] == 0.5
    assert data["accuracy"]["actor1"] == {"value": 1.0, "hits": 1, "total": 1}
    assert data["worst"][0]["report_id"] == "1"
    from rich.console import Console

    console = Console(record=True, width=160)
    console.print(format_table(result))
    text = console.export_text()
    assert "Events found" in text and "Ten worst reports" in text


# --- gold files ----------------------------------------------------------------------------

GOOD_LINE = {
    "id": 5,
    "url": "https://example.org/5",
    "published": "2021-01-24",
    "text": "T\nbody",
    "events": [
        {
            "event_type": "Strategic developments",
            "sub_event_type": "Other",
            "actor1": ["asayish"],
            "actor2": None,
            "place": "al-Hasakeh",
            "place_alt": ["Hasakah"],
            "admin1": "Al-Hasakah",
            "geo_precision": 1,
            "lat": 36.5,
            "lon": 40.7,
            "event_date": None,
            "fatalities": 0,
            "situation": {"kind": "siege", "day": 13},
            "trigger": "for the 13th day",
        }
    ],
}


def test_load_gold_reads_records(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOOD_LINE) + "\n\n", encoding="utf-8")
    [report] = load_gold(path)
    assert report.id == "5" and report.published == date(2021, 1, 24)
    event = report.events[0]
    assert event.actor1 == ("asayish",) and event.actor2 is None
    assert event.situation is not None and event.situation.day == 13
    assert event.place_names == ("al-Hasakeh", "Hasakah")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r.pop("text"), "missing field 'text'"),
        (lambda r: r.update(published="24/01/2021"), "'published' is not a YYYY-MM-DD date"),
        (lambda r: r["events"][0].pop("event_type"), "event 0: missing field 'event_type'"),
        (lambda r: r["events"][0].update(lat="36.5"), "event 0: field 'lat' has type str"),
        (lambda r: r["events"][0].update(actor1=[1]), "event 0: field 'actor1' must be a list"),
    ],
)
def test_load_gold_errors_name_file_and_line(
    tmp_path: Path, mutate: Callable[[dict[str, Any]], object], message: str
) -> None:
    bad = json.loads(json.dumps(GOOD_LINE))
    mutate(bad)
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOOD_LINE | {"id": 1}) + "\n" + json.dumps(bad) + "\n", "utf-8")
    with pytest.raises(DataFileError) as caught:
        load_gold(path)
    assert caught.value.line == 2
    assert str(caught.value).startswith(f"{path}:2: ")
    assert message in str(caught.value)


def test_load_gold_rejects_invalid_json_and_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"gold.jsonl:1: invalid JSON"):
        load_gold(path)
    path.write_text(json.dumps(GOOD_LINE) + "\n" + json.dumps(GOOD_LINE) + "\n", "utf-8")
    with pytest.raises(DataFileError, match=r":2: duplicate report id '5'"):
        load_gold(path)
    with pytest.raises(DataFileError, match="cannot read"):
        load_gold(tmp_path / "missing.jsonl")


def test_shared_gold_files_load() -> None:
    samples = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
    if not (samples / "gold_dev.jsonl").exists():
        pytest.skip("../shared/samples is absent")
    english = load_gold(samples / "gold_dev.jsonl")
    assert len(english) == 109 and sum(len(r.events) for r in english) == 379
    arabic = load_gold(samples / "arabic_gold_dev.jsonl")
    assert sum(len(r.events) for r in arabic) == 150


# --- the command line ----------------------------------------------------------------------


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the real extractor with one that finds a clash in Al-Hasakah in every report."""
    import marsad.extraction as extract_module
    import marsad.resources as resources_module

    def extract_report(report: Report, *, resources: object) -> Extraction:
        return Extraction(report, (predicted(),))

    monkeypatch.setattr(extract_module, "extract_report", extract_report)
    monkeypatch.setattr(resources_module, "load_resources", lambda: object())


def test_cli_eval_json_and_table(tmp_path: Path, fake_pipeline: None) -> None:
    from typer.testing import CliRunner

    from marsad.cli import app

    path = tmp_path / "gold.jsonl"
    record = GOOD_LINE | {"events": [GOOD_LINE["events"][0] | {"event_type": "Battles"}]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["eval", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["metrics"]["events_f1"] == 1.0
    result = runner.invoke(app, ["eval", str(path)])
    assert result.exit_code == 0 and "Events found (1 reports)" in result.stdout


def test_cli_eval_bad_gold_file(tmp_path: Path, fake_pipeline: None) -> None:
    from typer.testing import CliRunner

    from marsad.cli import app

    path = tmp_path / "gold.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(path)])
    assert result.exit_code == 1
    assert f"{path}:1: missing field 'id'" in result.output


def test_every_figure_is_documented() -> None:
    import marsad.evaluate
    from marsad.evaluate import METRICS

    docs = (Path(__file__).resolve().parents[1] / "docs" / "evaluation.md").read_text("utf-8")
    assert marsad.evaluate.__doc__ is not None
    for name in METRICS:
        assert f"`{name}`" in docs, name
        assert f"``{name}``" in marsad.evaluate.__doc__, name
