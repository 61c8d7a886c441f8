"""Marsad's Python API: extract events from a text, or keep an observatory of many reports.

>>> from marsad.observatory import extract
>>> events = extract("Regime forces shelled the town of Kafr Nabl in Idlib countryside.",
...                  published="2024-03-02")
>>> [event.event_type for event in events]                       # doctest: +SKIP
['Explosions/Remote violence']

>>> from marsad.observatory import Observatory
>>> with Observatory("sqlite://") as obs:                        # doctest: +SKIP
...     run = obs.ingest(["demo/reports"])
...     sieges = obs.situations(kind="siege")
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from marsad.config import Settings, resolve_settings
from marsad.errors import ConfigError
from marsad.ingest import parse_text_report
from marsad.link.undated import Undated
from marsad.model import Event, Extraction, Report, Situation
from marsad.pipeline import RunSummary
from marsad.pipeline import ingest as run_ingest

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) is imported on first use only
    from marsad.link.situations import SituationTimeline
    from marsad.store import Store, StoredEvent

__all__ = ["Observatory", "default_extractor", "extract"]

Extractor = Callable[[Report], Extraction]


@functools.cache
def default_extractor() -> Extractor:
    """The shipped extractor with its data loaded (once per process)."""
    from marsad.extraction import extract_report  # type: ignore[attr-defined,unused-ignore]
    from marsad.resources import load_resources  # type: ignore[import-not-found,unused-ignore]

    extractor: Extractor = functools.partial(extract_report, resources=load_resources())
    return extractor


def _date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"published: {value!r} is not a date; write YYYY-MM-DD") from None


def extract(
    text: str,
    *,
    published: date | str | None = None,
    source: str | None = None,
    extractor: Extractor | None = None,
) -> list[Event]:
    """The events a report's ``text`` describes; nothing is stored.

    ``published`` (a date or ``YYYY-MM-DD``) anchors relative dates such as "yesterday".
    Leading ``published:``/``source:``/``url:`` lines in ``text`` are read as in a ``.txt`` file.
    """
    report = parse_text_report(text, origin="<text>", published=_date(published), source=source)
    run = extractor if extractor is not None else default_extractor()
    return list(run(report).events)


class Observatory:
    """A database of reports, events and situations, with the shipped extractor.

    Nothing is opened until first use; close it (or use ``with``) when done.
    ``db_url`` defaults to ``$MARSAD_DB``, then ``sqlite:///marsad.db``.
    """

    def __init__(self, db_url: str | None = None, *, extractor: Extractor | None = None) -> None:
        self._db_url = db_url
        self._extractor = extractor
        self._store: Store | None = None

    @property
    def settings(self) -> Settings:
        return resolve_settings(self._db_url)

    @property
    def store(self) -> Store:
        """The open store (opened, and migrated, on first use)."""
        if self._store is None:
            from marsad.store import open_store

            self._store = open_store(self.settings.db_url)
        return self._store

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        published: date | str | None = None,
        source: str | None = None,
        progress: Callable[[str], None] | None = None,
        undated: Undated = "ingest-date",
    ) -> RunSummary:
        """Read, extract and store reports from files or folders; stored ones are skipped.

        ``undated="skip-linking"`` keeps reports that give no date at all (no publication
        date, no absolute date in the text) out of cross-report merging and situations.
        """
        return run_ingest(
            paths,
            store=self.store,
            extractor=self._extractor or default_extractor(),
            published=_date(published),
            source=source,
            progress=progress,
            undated=undated,
        )

    def events(
        self,
        *,
        since: date | str | None = None,
        until: date | str | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StoredEvent]:
        """Stored events, newest first; see :meth:`marsad.store.Store.events` for the filters."""
        return self.store.events(
            since=_date(since),
            until=_date(until),
            event_type=event_type,
            actor=actor,
            place=place,
            limit=limit,
            offset=offset,
        )

    def situations(
        self, *, kind: str | None = None, status: str | None = None
    ) -> list[Situation]:
        """Sieges, blockades, curfews ... followed across the stored reports."""
        return self.store.situations(kind=kind, status=status)

    def situation_timeline(self, situation_id: str) -> SituationTimeline | None:
        """A situation report by report: dates, day counts, evidence, contradictions."""
        return self.store.situation_timeline(situation_id)

    def unmerge(self, event_id: str) -> tuple[str, ...]:
        """Undo the merge of a mention into a merged event; the events they now form."""
        return self.store.unmerge(event_id)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Observatory:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
