"""The store: reports, their events and contradictions, and situations, in one database.

>>> from marsad.store import open_store
>>> with open_store("sqlite://") as store:   # in memory
...     store.summary().reports
0

Writes are one transaction per report and idempotent by content hash: a report whose text is
already stored is a ``"duplicate"`` and changes nothing, so an interrupted batch is resumed by
running it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Literal

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from marsad.config import resolve_db_url
from marsad.errors import StoreError
from marsad.ingest.base import content_hash
from marsad.link.dedup import Related
from marsad.link.rules import LinkRules, load_link_rules, registry_related
from marsad.link.situations import SituationTimeline
from marsad.link.undated import Undated, is_undated, undated_policy
from marsad.model import Extraction, Report, Situation
from marsad.store.convert import contradiction_row, event_row, report_row
from marsad.store.engine import create_store_engine, migrate
from marsad.store.linking import (
    Linking,
    MergeLogEntry,
    link_report_events,
    mention_columns,
    read_merge_log,
    unmerge_event,
)
from marsad.store.queries import (
    StoredEvent,
    StoreSummary,
    find_event,
    read_extraction,
    read_report,
    read_reports,
    select_events,
    summarize,
)
from marsad.store.relink import Progress, relink_store
from marsad.store.schema import contradictions, events, reports, situations
from marsad.store.situations import link_report_situations, read_situation, read_timeline

__all__ = [
    "IngestOutcome",
    "MergeLogEntry",
    "Store",
    "StoreSummary",
    "StoredEvent",
    "open_store",
]


@dataclass(frozen=True)
class IngestOutcome:
    """What :meth:`Store.add` did with one report."""

    report_id: str
    status: Literal["added", "duplicate"]
    events: int  # events added (0 for a duplicate)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """A database of extractions.  Open one with :func:`open_store`; close it (or use ``with``)."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Callable[[], datetime] = _utc_now,
        rules: LinkRules | None = None,
        related: Related | None = None,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._rules = rules
        self._related = related

    def _linking(self) -> Linking:
        """The linking rules and actor registry (loaded on the first write that needs them)."""
        if self._rules is None:
            self._rules = load_link_rules()
        if self._related is None:
            self._related = registry_related()
        return Linking(rules=self._rules, related=self._related, now=self._clock())

    def _today(self) -> date:
        return self._clock().date()

    @property
    def engine(self) -> Engine:
        return self._engine

    # -- writing -------------------------------------------------------------------------

    def stored_id(self, report: Report) -> str | None:
        """The id under which a report with the same text is stored, if any."""
        with self._engine.connect() as conn:
            return self._id_by_hash(conn, content_hash(report.text))

    def add(self, extraction: Extraction, *, undated: Undated = "ingest-date") -> IngestOutcome:
        """Store one report with its events, contradictions and situations, in one transaction.

        ``undated="skip-linking"``: when the report gives no date at all
        (:func:`marsad.link.undated.is_undated`), its events are stored but linked with no
        other report's events or situations; by default it is dated by the ingest date.
        """
        report = extraction.report
        alone = undated_policy(undated) == "skip-linking" and is_undated(extraction)
        digest = content_hash(report.text)
        now = self._clock()
        try:
            with self._engine.begin() as conn:
                existing = self._id_by_hash(conn, digest)
                if existing is not None:
                    return IngestOutcome(existing, "duplicate", 0)
                taken = conn.execute(
                    select(reports.c.report_id).where(reports.c.report_id == report.report_id)
                ).first()
                if taken is not None:
                    raise StoreError(
                        f"{report.origin or report.report_id}: report id {report.report_id!r} "
                        "is already stored with a different text"
                    )
                conn.execute(
                    insert(reports), report_row(report, content_hash=digest, ingested_at=now)
                )
                link = replace(self._linking(), now=now)
                self._insert_children(conn, extraction, link, report.published or now.date(),
                                      alone=alone)
                link_report_events(conn, report.report_id, link)
                link_report_situations(conn, report.report_id, link, alone=alone)
        except IntegrityError as exc:
            with self._engine.connect() as conn:
                existing = self._id_by_hash(conn, digest)
            if existing is not None:  # another writer stored the same text first
                return IngestOutcome(existing, "duplicate", 0)
            where = report.origin or report.report_id
            raise StoreError(f"{where}: cannot store: {exc.orig}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{report.origin or report.report_id}: cannot store: {exc}") from exc
        return IngestOutcome(report.report_id, "added", len(extraction.events))

    @staticmethod
    def _id_by_hash(conn: Connection, digest: str) -> str | None:
        found = conn.execute(
            select(reports.c.report_id).where(reports.c.content_hash == digest)
        ).scalar()
        return None if found is None else str(found)

    @staticmethod
    def _insert_children(
        conn: Connection, extraction: Extraction, link: Linking, report_date: date, *,
        alone: bool = False,
    ) -> None:
        report = extraction.report
        if extraction.events:
            rows = [
                {
                    **event_row(ev, report_id=report.report_id, position=i, situation_id=None),
                    **mention_columns(ev, report_date=report_date, text=report.text,
                                      rules=link.rules, alone=alone),
                }
                for i, ev in enumerate(extraction.events)
            ]
            conn.execute(insert(events), rows)
        if extraction.contradictions:
            rows = [
                contradiction_row(c, report_id=report.report_id, position=i)
                for i, c in enumerate(extraction.contradictions)
            ]
            conn.execute(insert(contradictions), rows)

    def unmerge(self, event_id: str) -> tuple[str, ...]:
        """Undo the merge of ``event_id`` into a merged event (``marsad events unmerge ID``).

        The mention is kept apart from every mention it was merged with, now and after later
        reports; returns the ids of the merged events they now belong to.  Raises
        :class:`StoreError` for an unknown id or a mention merged with nothing.
        """
        try:
            with self._engine.begin() as conn:
                return unmerge_event(conn, event_id, self._linking())
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot unmerge {event_id}: {exc}") from exc

    def relink(self, *, progress: Progress | None = None) -> int:
        """Link every stored report again with this store's rules and actor registry.

        For a store opened with other ``rules``/``related`` than it was written with, or after
        editing ``link_cues.yaml``: merged events, situations, cross-report contradictions and
        the merge log's merges end as a fresh ingest of the same reports, in the order they
        were stored, would leave them; pairs a user unmerged stay apart.  One transaction
        (all or nothing); ``progress(done, total)`` is called after each report.  Returns the
        number of reports relinked.
        """
        try:
            with self._engine.begin() as conn:
                return relink_store(conn, self._linking(), progress=progress)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot relink: {exc}") from exc

    def merge_log(self, event_id: str | None = None) -> list[MergeLogEntry]:
        """Merges and unmerges, oldest first; only those of ``event_id`` (mention or group)."""
        with self._engine.connect() as conn:
            return read_merge_log(conn, event_id)

    # -- reading -------------------------------------------------------------------------

    def report(self, report_id: str) -> Report | None:
        with self._engine.connect() as conn:
            return read_report(conn, report_id)

    def reports(self, *, limit: int | None = None, offset: int = 0) -> list[Report]:
        """Stored reports, most recently published first (undated last)."""
        with self._engine.connect() as conn:
            return read_reports(conn, limit=limit, offset=offset)

    def extraction(self, report_id: str) -> Extraction | None:
        """The report with its events and contradictions, exactly as they were added."""
        with self._engine.connect() as conn:
            return read_extraction(conn, report_id)

    def events(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StoredEvent]:
        """Merged events, newest first (undated last), filtered; text filters ignore case.

        One event per happening, however many reports tell it (see :class:`StoredEvent`);
        a background mention that retells nothing stored is not an event.
        ``event_type`` matches the ACLED type or sub-type; ``actor`` an actor's id, or part of
        its name; ``place`` a place id, or part of its name, governorate or district.
        """
        with self._engine.connect() as conn:
            return select_events(conn, since=since, until=until, event_type=event_type,
                                 actor=actor, place=place, limit=limit, offset=offset)

    def event(self, event_id: str) -> StoredEvent | None:
        """The merged event ``event_id`` is, or is part of (a mention's id finds its event)."""
        with self._engine.connect() as conn:
            return find_event(conn, event_id)

    def situation_timeline(self, situation_id: str) -> SituationTimeline | None:
        """A situation with each report's word on it: date, day count, evidence, contradictions."""
        with self._engine.connect() as conn:
            return read_timeline(conn, situation_id, today=self._today(),
                                 rules=self._rules or load_link_rules())

    def situations(
        self, *, kind: str | None = None, status: str | None = None
    ) -> list[Situation]:
        """Situations, most recently reported first, with their reports and contradictions.

        ``status`` is ``ongoing``, ``lifted`` or ``unknown`` (ongoing, but no report for
        ``unknown_after_days``, counted from the store's clock).
        """
        query = select(situations)
        if kind:
            query = query.where(situations.c.kind == kind.strip().lower())
        query = query.order_by(situations.c.last_report_date.desc().nulls_last(), situations.c.id)
        rules = self._rules or load_link_rules()
        with self._engine.connect() as conn:
            rows = list(conn.execute(query).mappings())
            found = [read_situation(conn, row, today=self._today(), rules=rules) for row in rows]
        wanted = status.strip().lower() if status else None
        return [s for s in found if wanted is None or s.status == wanted]

    def situation(self, situation_id: str) -> Situation | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                select(situations).where(situations.c.id == situation_id)
            ).mappings().first()
            return None if row is None else read_situation(
                conn, row, today=self._today(), rules=self._rules or load_link_rules())

    def summary(self) -> StoreSummary:
        with self._engine.connect() as conn:
            return summarize(conn)

    # -- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_store(
    url: str | None = None,
    *,
    clock: Callable[[], datetime] = _utc_now,
    rules: LinkRules | None = None,
    related: Related | None = None,
) -> Store:
    """Open (creating and migrating to the latest schema) the database at ``url``.

    ``url`` defaults to ``$MARSAD_DB``, then ``sqlite:///marsad.db``.  ``rules`` (default
    ``data/link_cues.yaml``) and ``related`` (default: the actor registry) drive linking.
    """
    resolved = resolve_db_url(url)
    try:
        engine = create_store_engine(resolved)
        migrate(engine)
    except (SQLAlchemyError, OSError) as exc:
        from sqlalchemy import make_url

        shown = make_url(resolved).render_as_string(hide_password=True)
        raise StoreError(f"cannot open database {shown}: {exc}") from exc
    return Store(engine, clock=clock, rules=rules, related=related)
