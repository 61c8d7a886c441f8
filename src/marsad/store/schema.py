"""The database tables (SQLAlchemy Core).  Alembic migrations under ``migrations/`` create them.

Events keep every field of :class:`marsad.model.Event` in columns of their own (actors and the
place denormalised, evidence and associated actors as JSON), so that a stored extraction is
rebuilt exactly as it was extracted, whatever later happens to the gazetteer or the registry.

Nothing here is SQLite-only: the same tables run on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

__all__ = [
    "contradictions",
    "events",
    "link_contradictions",
    "link_splits",
    "linked_events",
    "merge_log",
    "metadata",
    "reports",
    "situation_reports",
    "situations",
]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = 200  # length of report, event and situation ids
NAME = 300


def _actor_columns(prefix: str) -> list[Column[object]]:
    return [
        Column(f"{prefix}_id", String(ID)),
        Column(f"{prefix}_name", String(NAME)),
        Column(f"{prefix}_inter", Integer),
        Column(f"{prefix}_parent", String(ID)),
    ]


reports = Table(
    "reports",
    metadata,
    Column("report_id", String(ID), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("source", String(NAME)),
    Column("url", Text),
    Column("published", Date, index=True),
    Column("language", String(16), nullable=False),
    Column("origin", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

situations = Table(
    "situations",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("key", String(4 * ID), nullable=False, unique=True),
    Column("kind", String(64), nullable=False, index=True),
    Column("status", String(32), nullable=False),
    Column("start_date", Date),
    Column("last_report_date", Date),
    Column("day", Integer),
    *_actor_columns("actor1"),
    *_actor_columns("actor2"),
    Column("places", JSON, nullable=False),
    Column("start_low", Date),
    Column("start_high", Date),
    Column("lifted_date", Date),
)

def _event_columns() -> list[Column[object]]:
    """The columns of one event, shared by mentions (``events``) and merged ``linked_events``."""
    return [
        Column("event_id", String(ID), nullable=False, index=True),
        Column("event_type", String(64), nullable=False, index=True),
        Column("sub_event_type", String(128), nullable=False),
        Column("event_date", Date),
        Column("date_start", Date),
        Column("date_end", Date),
        Column("time_precision", Integer, nullable=False),
        Column("plover_event_type", String(64)),
        Column("plover_mode", String(64)),
        Column("cameo", String(16)),
        *_actor_columns("actor1"),
        *_actor_columns("actor2"),
        Column("assoc_actors", JSON, nullable=False),
        Column("place_id", String(ID), index=True),
        Column("place_name", String(NAME)),
        Column("latitude", Double),
        Column("longitude", Double),
        Column("feature", String(64)),
        Column("admin1", String(NAME)),
        Column("admin2", String(NAME)),
        Column("admin3", String(NAME)),
        Column("country", String(NAME)),
        Column("iso3", String(3)),
        Column("population", Integer),
        Column("name_ar", String(NAME)),
        Column("geo_precision", Integer),
        Column("fatalities_low", Integer, nullable=False),
        Column("fatalities_best", Integer, nullable=False),
        Column("fatalities_high", Integer, nullable=False),
        Column("injured", Integer),
        Column("situation_kind", String(64)),
        Column("situation_day", Integer),
        Column("situation_start_date", Date),
        Column("situation_ref_id", String(ID)),
        Column(
            "situation_id",
            String(ID),
            ForeignKey("situations.id", ondelete="SET NULL"),
            index=True,
        ),
        Column("attribution", Text),
        Column("background", Boolean, nullable=False),
        Column("confidence", Double, nullable=False),
        Column("summary", Text, nullable=False),
        Column("evidence", JSON, nullable=False),
    ]


events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "report_id",
        String(ID),
        ForeignKey("reports.report_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("position", Integer, nullable=False),
    *_event_columns(),
    # linking (migration 0002): the days and grid cell a mention is compared over, and where
    # deduplication and situation linking put it
    Column("report_date", Date),
    Column("link_start", Date),
    Column("link_end", Date),
    Column("cell", String(32)),
    Column("span_class", Integer),  # 0: a day or two, 1: a fortnight, 2: up to max_span_days
    Column("lifts", Boolean, nullable=False, server_default=false()),
    Column("link_kind", String(64)),  # situation kind linked on (a lifting cue's, if none)
    Column("component", String(ID), index=True),
    Column("group_id", String(ID), index=True),
    Column("attach_to", String(ID), index=True),
    Column("situation_component", String(ID), index=True),
    UniqueConstraint("report_id", "event_id"),
    Index("ix_events_link", "event_date", "event_type", "place_id"),
    Index("ix_events_candidates", "event_type", "cell", "span_class", "link_start"),
    Index("ix_events_situation_link", "link_kind", "place_id", "report_date"),
    Index("ix_events_lifts", "lifts", "report_date"),  # migration 0004
    Index("ix_events_situation_cell", "link_kind", "cell", "report_date"),  # migration 0005
)

linked_events = Table(
    "linked_events",
    metadata,
    Column("group_id", String(ID), primary_key=True),
    Column("report_id", String(ID), nullable=False, index=True),
    *_event_columns(),
    Column("sources", Integer, nullable=False),
    Column("report_ids", JSON, nullable=False),
    Column("mentions", JSON, nullable=False),
    Index("ix_linked_events_event_date", "event_date"),
)

merge_log = Table(
    "merge_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(16), nullable=False),  # merge, unmerge
    Column("event_id", String(ID), nullable=False, index=True),
    Column("group_id", String(ID), nullable=False, index=True),
    Column("other_event_id", String(ID)),
    Column("rule", String(64), nullable=False),
    Column("scores", JSON, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

link_splits = Table(
    "link_splits",
    metadata,
    Column("event_a", String(ID), primary_key=True),
    Column("event_b", String(ID), primary_key=True, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
)

link_contradictions = Table(
    "link_contradictions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subject", String(ID), nullable=False, index=True),
    Column("field", String(128), nullable=False),
    Column("values", JSON, nullable=False),
    Column("reports", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
)

contradictions = Table(
    "contradictions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "report_id",
        String(ID),
        ForeignKey("reports.report_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("position", Integer, nullable=False),
    Column("field", String(128), nullable=False),
    Column("subject", String(ID)),
    Column("values", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
)

situation_reports = Table(
    "situation_reports",
    metadata,
    Column(
        "situation_id",
        String(ID),
        ForeignKey("situations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "report_id",
        String(ID),
        ForeignKey("reports.report_id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)
