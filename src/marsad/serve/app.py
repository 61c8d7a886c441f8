"""The HTTP API: read-only JSON over a store, documented at /docs and /openapi.json.

>>> from marsad.store.repository import open_store
>>> app = create_app(open_store("sqlite://"))          # doctest: +SKIP
>>> # uvicorn.run(app) -- or `marsad serve`

Routes: ``/reports``, ``/reports/{id}`` (text, events, evidence), ``/events`` (filters as
``marsad events``), ``/events/{id}``, ``/situations``, ``/situations/{id}``, ``/summary``,
``/health``.  Unknown ids answer 404 with a message naming the id.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import RedirectResponse
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, ConfigDict

from marsad.contract import (
    EventOut,
    ReportOut,
    SituationOut,
    extraction_to_dict,
    situation_to_dict,
    stored_event_to_dict,
)
from marsad.model import Event, Extraction, Report, Situation

__all__ = [
    "EventList",
    "Health",
    "ReportDetail",
    "ReportList",
    "ReportSummary",
    "SituationList",
    "StoreSummaryOut",
    "StoredEventOut",
    "create_app",
]


class _StoredEvent(Protocol):
    @property
    def event(self) -> Event: ...
    @property
    def report_id(self) -> str: ...
    @property
    def sources(self) -> int: ...
    @property
    def situation_id(self) -> str | None: ...


class _Summary(Protocol):
    @property
    def reports(self) -> int: ...
    @property
    def events(self) -> int: ...
    @property
    def events_by_type(self) -> Mapping[str, int]: ...
    @property
    def places(self) -> int: ...
    @property
    def situations(self) -> int: ...


class ReadStore(Protocol):
    """What the API reads from a store (``marsad.store.repository.Store`` has all of it)."""

    def report(self, report_id: str) -> Report | None: ...
    def reports(self, *, limit: int | None = None, offset: int = 0) -> list[Report]: ...
    def extraction(self, report_id: str) -> Extraction | None: ...
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
    ) -> list[Any]: ...
    def event(self, event_id: str) -> Any: ...
    def situations(
        self, *, kind: str | None = None, status: str | None = None
    ) -> list[Situation]: ...
    def situation(self, situation_id: str) -> Situation | None: ...
    def summary(self) -> Any: ...


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportSummary(_Out):
    """A stored report without its text or events."""

    report_id: str
    title: str | None
    source: str | None
    url: str | None
    published: date | None
    language: str


class ReportList(_Out):
    reports: list[ReportSummary]
    limit: int
    offset: int


class ReportDetail(ReportOut):
    """A stored report: the contract's report object plus the text evidence offsets point into."""

    text: str


class StoredEventOut(EventOut):
    """A contract event plus the report it came from and how many reports back it."""

    report_id: str
    sources: int


class EventList(_Out):
    events: list[StoredEventOut]
    limit: int
    offset: int


class SituationList(_Out):
    situations: list[SituationOut]


class StoreSummaryOut(_Out):
    reports: int
    events: int
    events_by_type: dict[str, int]
    places: int
    situations: int


class Health(_Out):
    status: str
    version: str


def _stored(row: _StoredEvent) -> dict[str, Any]:
    return stored_event_to_dict(
        row.event, report_id=row.report_id, sources=row.sources, situation_id=row.situation_id
    )


def _report_summary(report: Report) -> dict[str, Any]:
    return {
        "report_id": report.report_id,
        "title": report.title,
        "source": report.source,
        "url": report.url,
        "published": report.published.isoformat() if report.published else None,
        "language": report.language,
    }


def _not_found(kind: str, key: str, where: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {kind} with id {key!r}; list them at {where}")


def create_app(store: ReadStore) -> FastAPI:
    """A FastAPI application reading ``store`` (which the caller opens and closes)."""
    from marsad import __version__

    # Swagger UI and ReDoc assets ship in the fastapi-offline package: /docs needs no network.
    app = FastAPIOffline(
        title="Marsad",
        version=__version__,
        description="Conflict events extracted from field reports, each traceable to its text.",
    )

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        """Until the dashboard lands, the front page is the API's interactive docs."""
        return RedirectResponse(url="/docs")

    @app.get("/health", response_model=Health, tags=["meta"])
    def health() -> dict[str, Any]:
        """Liveness check."""
        return {"status": "ok", "version": __version__}

    @app.get("/summary", response_model=StoreSummaryOut, tags=["meta"])
    def summary() -> dict[str, Any]:
        """Totals: reports, events (and by type), places, situations."""
        s: _Summary = store.summary()
        return {
            "reports": s.reports,
            "events": s.events,
            "events_by_type": dict(s.events_by_type),
            "places": s.places,
            "situations": s.situations,
        }

    @app.get("/reports", response_model=ReportList, tags=["reports"])
    def list_reports(
        limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)
    ) -> dict[str, Any]:
        """Stored reports, without their text."""
        found = store.reports(limit=limit, offset=offset)
        return {"reports": [_report_summary(r) for r in found], "limit": limit, "offset": offset}

    @app.get("/reports/{report_id}", response_model=ReportDetail, tags=["reports"])
    def get_report(report_id: str) -> dict[str, Any]:
        """One report: its text, its events and their evidence offsets into that text."""
        ex = store.extraction(report_id)
        if ex is None:
            raise _not_found("report", report_id, "/reports")
        return {**extraction_to_dict(ex), "text": ex.report.text}

    @app.get("/events", response_model=EventList, tags=["events"])
    def list_events(
        since: date | None = Query(None, description="On or after this date."),
        until: date | None = Query(None, description="On or before this date."),
        event_type: str | None = Query(None, alias="type", description="ACLED event type."),
        actor: str | None = Query(None, description="Actor id or name."),
        place: str | None = Query(None, description="Place id or name."),
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        """Stored events, filtered as `marsad events` filters them."""
        rows = store.events(
            since=since,
            until=until,
            event_type=event_type,
            actor=actor,
            place=place,
            limit=limit,
            offset=offset,
        )
        return {"events": [_stored(r) for r in rows], "limit": limit, "offset": offset}

    @app.get("/events/{event_id}", response_model=StoredEventOut, tags=["events"])
    def get_event(event_id: str) -> dict[str, Any]:
        """One stored event."""
        row = store.event(event_id)
        if row is None:
            raise _not_found("event", event_id, "/events")
        return _stored(row)

    @app.get("/situations", response_model=SituationList, tags=["situations"])
    def list_situations(
        kind: str | None = Query(None, description="siege, blockade, curfew ..."),
        status: str | None = Query(None, description="ongoing, lifted, unknown"),
    ) -> dict[str, Any]:
        """Tracked situations with their day counts."""
        found = store.situations(kind=kind, status=status)
        return {"situations": [situation_to_dict(s) for s in found]}

    @app.get("/situations/{situation_id}", response_model=SituationOut, tags=["situations"])
    def get_situation(situation_id: str) -> dict[str, Any]:
        """One situation: who, where, since when, its reports and contradictions."""
        found = store.situation(situation_id)
        if found is None:
            raise _not_found("situation", situation_id, "/situations")
        return situation_to_dict(found)

    return app
