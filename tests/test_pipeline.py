"""The pipeline: read -> extract -> store; a bad report is one failure, runs resume."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.ingest import InputFailure, read_inputs
from marsad.model import Event, Extraction, Report, Span
from marsad.pipeline import RunSummary, extract_all, ingest
from marsad.store import Store, open_store


class FakeExtractor:
    """One event per occurrence of "shelled"; raises on reports that say "CRASH"."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, report: Report) -> Extraction:
        self.seen.append(report.origin or report.report_id)
        if "CRASH" in report.text:
            raise ValueError("cannot parse\nsecond line")
        found: list[Event] = []
        start = report.text.find("shelled")
        while start >= 0:
            found.append(Event(event_id=f"{report.report_id}:{len(found)}",
                               event_type="Explosions/Remote violence",
                               sub_event_type="Shelling/artillery/missile attack",
                               evidence={"event": Span(start, start + 7)}))
            start = report.text.find("shelled", start + 1)
        return Extraction(report=report, events=tuple(found))


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


FILES = {
    "1.txt": "Regime artillery shelled the village twice; then it shelled the road.",
    "2.txt": "CRASH: a report the extractor cannot handle.",
    "3.txt": "",
    "4.txt": "Quiet day: no shelling reported, only a protest in the square.",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'p.db'}") as opened:
        yield opened


def test_extract_all_turns_extractor_errors_into_failures(tmp_path: Path) -> None:
    folder = _write(tmp_path / "in", FILES)
    items = list(extract_all(read_inputs([folder]), extractor=FakeExtractor()))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Extraction", "InputFailure", "InputFailure", "Extraction"]
    crash = items[1]
    assert isinstance(crash, InputFailure)
    assert str(crash) == f"{folder / '2.txt'}: extraction failed: ValueError: cannot parse"


def test_ingest_counts_and_is_idempotent(tmp_path: Path, store: Store) -> None:
    folder = _write(tmp_path / "in", FILES)
    labels: list[str] = []
    first = ingest([folder], store=store, extractor=FakeExtractor(), progress=labels.append)
    assert (first.added, first.duplicates, first.events) == (2, 0, 2)
    assert [f.source for f in first.failures] == [str(folder / "2.txt"), str(folder / "3.txt")]
    assert labels == [str(folder / name) for name in sorted(FILES)]
    again = FakeExtractor()
    second = ingest([folder], store=store, extractor=again)
    assert (second.added, second.duplicates, second.events) == (0, 2, 0)
    assert again.seen == [str(folder / "2.txt")]  # stored reports are not extracted again
    assert store.summary().reports == 2


def test_a_crash_mid_batch_keeps_earlier_reports_and_a_rerun_resumes(
    tmp_path: Path, store: Store
) -> None:
    files = {f"{n}.txt": f"Report {n}: they shelled it." for n in range(5)}
    folder = _write(tmp_path / "in", files)

    class Interrupted(BaseException):
        pass

    def dies_on_third(report: Report) -> Extraction:
        if report.text.startswith("Report 2"):
            raise Interrupted  # e.g. Ctrl-C: not a report failure, the run stops
        return FakeExtractor()(report)

    with pytest.raises(Interrupted):
        ingest([folder], store=store, extractor=dies_on_third)
    assert store.summary().reports == 2
    resumed = ingest([folder], store=store, extractor=FakeExtractor())
    assert resumed == RunSummary(added=3, duplicates=2, events=3, failures=())


def test_store_errors_become_failures(tmp_path: Path, store: Store) -> None:
    _write(tmp_path / "a", {"x.json": '{"id": "same", "text": "They shelled one town."}'})
    _write(tmp_path / "b", {"x.json": '{"id": "same", "text": "They shelled another."}'})
    summary = ingest([tmp_path / "a", tmp_path / "b"], store=store, extractor=FakeExtractor())
    assert summary.added == 1
    [failure] = summary.failures
    assert "already stored with a different text" in str(failure)


def test_same_text_twice_in_one_run_is_a_duplicate(tmp_path: Path, store: Store) -> None:
    folder = _write(tmp_path / "in", {"a.txt": "They shelled it.", "b.txt": "They shelled it."})
    summary = ingest([folder], store=store, extractor=FakeExtractor())
    assert (summary.added, summary.duplicates) == (1, 1)
