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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, Literal

from sqlalchemy import Connection, Engine, func, insert, or_, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.sql.elements import ColumnElement

from marsad.config import resolve_db_url
from marsad.errors import StoreError
from marsad.ingest.base import content_hash
from marsad.model import Event, Extraction, Report, Situation
from marsad.store.convert import (
    contradiction_from_row,
    contradiction_row,
    event_from_row,
    event_row,
    report_from_row,
    report_row,
)
from marsad.store.engine import create_store_engine, migrate
from marsad.store.schema import (
    contradictions,
    events,
    reports,
    situation_reports,
    situations,
)
from marsad.store.situations import read_situation, write_situations

__all__ = ["IngestOutcome", "Store", "StoreSummary", "StoredEvent", "open_store"]


@dataclass(frozen=True)
class IngestOutcome:
    """What :meth:`Store.add` did with one report."""

    report_id: str
    status: Literal["added", "duplicate"]
    events: int  # events added (0 for a duplicate)


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored: the report it came from, and how many reports describe it.

    ``sources`` counts the distinct reports with an event of the same type, place and day
    (ACLED's unit of an event); it is 1 when the event has no place or no day.
    """

    event: Event
    report_id: str
    sources: int = 1
    situation_id: str | None = None


@dataclass(frozen=True)
class StoreSummary:
    reports: int
    events: int
    events_by_type: Mapping[str, int] = field(default_factory=dict)
    places: int = 0
    situations: int = 0


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """A database of extractions.  Open one with :func:`open_store`; close it (or use ``with``)."""

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self._engine = engine
        self._clock = clock

    @property
    def engine(self) -> Engine:
        return self._engine

    # -- writing -------------------------------------------------------------------------

    def stored_id(self, report: Report) -> str | None:
        """The id under which a report with the same text is stored, if any."""
        with self._engine.connect() as conn:
            return self._id_by_hash(conn, content_hash(report.text))

    def add(self, extraction: Extraction) -> IngestOutcome:
        """Store one report with its events, contradictions and situations, in one transaction."""
        report = extraction.report
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
                linked = write_situations(conn, extraction, report.published or now.date())
                self._insert_children(conn, extraction, linked)
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
        conn: Connection, extraction: Extraction, linked: list[str | None]
    ) -> None:
        report_id = extraction.report.report_id
        if extraction.events:
            rows = [
                event_row(ev, report_id=report_id, position=i, situation_id=sid)
                for i, (ev, sid) in enumerate(zip(extraction.events, linked, strict=True))
            ]
            conn.execute(insert(events), rows)
        if extraction.contradictions:
            rows = [
                contradiction_row(c, report_id=report_id, position=i)
                for i, c in enumerate(extraction.contradictions)
            ]
            conn.execute(insert(contradictions), rows)
        sids = sorted({sid for sid in linked if sid is not None})
        if sids:
            conn.execute(
                insert(situation_reports),
                [{"situation_id": sid, "report_id": report_id} for sid in sids],
            )

    # -- reading -------------------------------------------------------------------------

    def report(self, report_id: str) -> Report | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                select(reports).where(reports.c.report_id == report_id)
            ).mappings().first()
        return None if row is None else report_from_row(row)

    def reports(self, *, limit: int | None = None, offset: int = 0) -> list[Report]:
        """Stored reports, most recently published first (undated last)."""
        query = (
            select(reports)
            .order_by(reports.c.published.desc().nulls_last(), reports.c.report_id)
            .offset(offset)
        )
        if limit is not None:
            query = query.limit(limit)
        with self._engine.connect() as conn:
            return [report_from_row(row) for row in conn.execute(query).mappings()]

    def extraction(self, report_id: str) -> Extraction | None:
        """The report with its events and contradictions, exactly as they were added."""
        with self._engine.connect() as conn:
            row = conn.execute(
                select(reports).where(reports.c.report_id == report_id)
            ).mappings().first()
            if row is None:
                return None
            event_rows = conn.execute(
                select(events).where(events.c.report_id == report_id).order_by(events.c.position)
            ).mappings()
            found_events = tuple(event_from_row(r) for r in event_rows)
            contradiction_rows = conn.execute(
                select(contradictions)
                .where(contradictions.c.report_id == report_id)
                .order_by(contradictions.c.position)
            ).mappings()
            found = tuple(contradiction_from_row(r) for r in contradiction_rows)
        return Extraction(report=report_from_row(row), events=found_events, contradictions=found)

    @staticmethod
    def _stored_events(conn: Connection, rows: Sequence[Mapping[Any, Any]]) -> list[StoredEvent]:
        counts = _source_counts(conn, rows)
        return [
            StoredEvent(
                event=event_from_row(row),
                report_id=row["report_id"],
                sources=counts.get(_link_key(row), 1),
                situation_id=row["situation_id"],
            )
            for row in rows
        ]

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
        """Stored events, newest first (undated last), filtered; text filters ignore case.

        ``event_type`` matches the ACLED type or sub-type; ``actor`` an actor's id, or part of
        its name; ``place`` a place id, or part of its name, governorate or district.
        """
        day = func.coalesce(events.c.event_date, events.c.date_start)
        conditions: list[ColumnElement[bool]] = []
        if since is not None:
            conditions.append(day >= since)
        if until is not None:
            conditions.append(day <= until)
        if event_type:
            wanted = event_type.strip().lower()
            conditions.append(
                or_(
                    func.lower(events.c.event_type) == wanted,
                    func.lower(events.c.sub_event_type) == wanted,
                )
            )
        if actor:
            conditions.append(_matches(actor, ids=("actor1_id", "actor2_id"),
                                       names=("actor1_name", "actor2_name")))
        if place:
            conditions.append(_matches(place, ids=("place_id",),
                                       names=("place_name", "admin1", "admin2")))
        query = (
            select(events)
            .where(*conditions)
            .order_by(day.desc().nulls_last(), events.c.id)
            .offset(offset)
        )
        if limit is not None:
            query = query.limit(limit)
        with self._engine.connect() as conn:
            return self._stored_events(conn, list(conn.execute(query).mappings()))

    def event(self, event_id: str) -> StoredEvent | None:
        query = select(events).where(events.c.event_id == event_id).order_by(events.c.id)
        with self._engine.connect() as conn:
            rows = list(conn.execute(query.limit(1)).mappings())
            return self._stored_events(conn, rows)[0] if rows else None

    def situations(
        self, *, kind: str | None = None, status: str | None = None
    ) -> list[Situation]:
        """Situations, most recently reported first, with their reports and contradictions."""
        query = select(situations)
        if kind:
            query = query.where(situations.c.kind == kind.strip().lower())
        if status:
            query = query.where(situations.c.status == status.strip().lower())
        query = query.order_by(situations.c.last_report_date.desc().nulls_last(), situations.c.id)
        with self._engine.connect() as conn:
            rows = list(conn.execute(query).mappings())
            return [read_situation(conn, row) for row in rows]

    def situation(self, situation_id: str) -> Situation | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                select(situations).where(situations.c.id == situation_id)
            ).mappings().first()
            return None if row is None else read_situation(conn, row)

    def summary(self) -> StoreSummary:
        with self._engine.connect() as conn:
            n_reports = conn.execute(select(func.count()).select_from(reports)).scalar_one()
            by_type = {
                str(t): int(n) for t, n in conn.execute(
                    select(events.c.event_type, func.count())
                    .group_by(events.c.event_type)
                    .order_by(events.c.event_type)
                )
            }
            n_places = conn.execute(
                select(func.count(func.distinct(events.c.place_id)))
            ).scalar_one()
            n_situations = conn.execute(
                select(func.count()).select_from(situations)
            ).scalar_one()
        return StoreSummary(
            reports=int(n_reports),
            events=sum(by_type.values()),
            events_by_type=by_type,
            places=int(n_places),
            situations=int(n_situations),
        )

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


_LinkKey = tuple[date, str, str]
_FEW_KEYS = 200


def _link_key(row: Mapping[Any, Any]) -> _LinkKey | None:
    if row["event_date"] is None or row["place_id"] is None:
        return None
    return (row["event_date"], row["event_type"], row["place_id"])


def _source_counts(
    conn: Connection, rows: Sequence[Mapping[Any, Any]]
) -> dict[_LinkKey | None, int]:
    """How many distinct reports have an event of each (day, type, place) among ``rows``."""
    keys = {key for key in (_link_key(row) for row in rows) if key is not None}
    if not keys:
        return {}
    query = select(
        events.c.event_date,
        events.c.event_type,
        events.c.place_id,
        func.count(func.distinct(events.c.report_id)),
    ).group_by(events.c.event_date, events.c.event_type, events.c.place_id)
    if len(keys) <= _FEW_KEYS:  # a page of events: only their days and places
        query = query.where(
            events.c.event_date.in_({key[0] for key in keys}),
            events.c.place_id.in_({key[2] for key in keys}),
        )
    counts: dict[_LinkKey | None, int] = {}
    for day, event_type, place_id, n in conn.execute(query):
        key = (day, event_type, place_id)
        if key in keys:
            counts[key] = int(n)
    return counts


def _matches(value: str, *, ids: tuple[str, ...], names: tuple[str, ...]) -> ColumnElement[bool]:
    wanted = value.strip()
    return or_(
        *(func.lower(events.c[name]) == wanted.lower() for name in ids),
        *(events.c[name].icontains(wanted, autoescape=True) for name in names),
    )


def open_store(url: str | None = None, *, clock: Callable[[], datetime] = _utc_now) -> Store:
    """Open (creating and migrating to the latest schema) the database at ``url``.

    ``url`` defaults to ``$MARSAD_DB``, then ``sqlite:///marsad.db``.
    """
    resolved = resolve_db_url(url)
    try:
        engine = create_store_engine(resolved)
        migrate(engine)
    except (SQLAlchemyError, OSError) as exc:
        from sqlalchemy import make_url

        shown = make_url(resolved).render_as_string(hide_password=True)
        raise StoreError(f"cannot open database {shown}: {exc}") from exc
    return Store(engine, clock=clock)
