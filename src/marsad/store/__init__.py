"""The database: reports, events, contradictions and situations (SQLAlchemy 2 + Alembic)."""

from __future__ import annotations

from marsad.store.repository import (
    IngestOutcome,
    MergeLogEntry,
    Store,
    StoredEvent,
    StoreSummary,
    open_store,
)

__all__ = [
    "IngestOutcome",
    "MergeLogEntry",
    "Store",
    "StoreSummary",
    "StoredEvent",
    "open_store",
]
