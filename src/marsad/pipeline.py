"""The stages chained as generators: read -> extract -> store; failures collected, batch goes on.

>>> from marsad.model import Extraction, Report
>>> def nothing(report: Report) -> Extraction:
...     return Extraction(report=report, events=())
>>> from marsad.store import open_store
>>> with open_store("sqlite://") as store:
...     summary = ingest(["no/such/file.txt"], store=store, extractor=nothing)
>>> summary.added, len(summary.failures)
(0, 1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from marsad.errors import InputError, StoreError
from marsad.ingest import InputFailure, read_inputs
from marsad.link.undated import Undated, undated_policy
from marsad.model import Extraction, Report

__all__ = ["Extractor", "ReportStore", "RunSummary", "extract_all", "ingest"]


class Extractor(Protocol):
    """Anything that turns a report into its extraction (the real one: ``extract_report``)."""

    def __call__(self, report: Report, /) -> Extraction: ...


class ReportStore(Protocol):
    """What :func:`ingest` needs of a store (``marsad.store.Store`` has it)."""

    def stored_id(self, report: Report) -> str | None: ...
    def add(self, extraction: Extraction, *, undated: Undated = ...) -> _Outcome: ...


class _Outcome(Protocol):
    @property
    def status(self) -> str: ...
    @property
    def events(self) -> int: ...


@dataclass(frozen=True)
class RunSummary:
    """What one ingest run did."""

    added: int
    duplicates: int
    events: int
    failures: tuple[InputFailure, ...] = ()


def _source(report: Report) -> str:
    return report.origin or report.report_id


def extract_all(
    inputs: Iterable[Report | InputFailure],
    *,
    extractor: Callable[[Report], Extraction],
) -> Iterator[Extraction | InputFailure]:
    """Extract each report in turn; a report the extractor fails on becomes an InputFailure."""
    for item in inputs:
        if isinstance(item, InputFailure):
            yield item
            continue
        try:
            result = extractor(item)
        except Exception as exc:  # one bad report must not stop the batch
            source = _source(item)
            reason = f"extraction failed: {type(exc).__name__}: {exc}".splitlines()[0]
            yield InputFailure(source, InputError(source, reason))
        else:
            yield result


def ingest(
    paths: Iterable[str | Path],
    *,
    store: ReportStore,
    extractor: Callable[[Report], Extraction],
    published: date | None = None,
    source: str | None = None,
    progress: Callable[[str], None] | None = None,
    undated: Undated = "ingest-date",
) -> RunSummary:
    """Read, extract and store every report under ``paths``; one transaction per report.

    Reports whose text is already stored are counted as duplicates without being extracted
    again, so a run that was interrupted is resumed by running it again.  ``progress`` is
    called once per input with its name.  ``undated`` says how reports with no date at all
    are linked (:mod:`marsad.link.undated`): by their ingest date, or not across reports.
    """
    undated = undated_policy(undated)
    added = duplicates = events = 0
    failures: list[InputFailure] = []

    def fresh() -> Iterator[Report | InputFailure]:
        nonlocal duplicates
        for item in read_inputs(paths, published=published, source=source):
            if isinstance(item, Report) and store.stored_id(item) is not None:
                duplicates += 1
                if progress is not None:
                    progress(_source(item))
                continue
            yield item

    for result in extract_all(fresh(), extractor=extractor):
        if isinstance(result, InputFailure):
            failures.append(result)
            label = result.source
        else:
            label = _source(result.report)
            try:
                outcome = store.add(result, undated=undated)
            except StoreError as exc:
                failures.append(InputFailure(label, InputError(label, str(exc))))
            else:
                if outcome.status == "added":
                    added += 1
                    events += outcome.events
                else:
                    duplicates += 1
        if progress is not None:
            progress(label)
    return RunSummary(added=added, duplicates=duplicates, events=events, failures=tuple(failures))
