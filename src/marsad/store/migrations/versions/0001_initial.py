"""Initial tables: reports, events, contradictions, situations, situation_reports.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 200
NAME = 300


def _actor(prefix: str) -> list[sa.Column[object]]:
    return [
        sa.Column(f"{prefix}_id", sa.String(ID)),
        sa.Column(f"{prefix}_name", sa.String(NAME)),
        sa.Column(f"{prefix}_inter", sa.Integer),
        sa.Column(f"{prefix}_parent", sa.String(ID)),
    ]


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("report_id", sa.String(ID), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("source", sa.String(NAME)),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("report_id", name="pk_reports"),
        sa.UniqueConstraint("content_hash", name="uq_reports_content_hash"),
    )
    op.create_index("ix_reports_published", "reports", ["published"])

    op.create_table(
        "situations",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("key", sa.String(4 * ID), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("start_date", sa.Date),
        sa.Column("last_report_date", sa.Date),
        sa.Column("day", sa.Integer),
        *_actor("actor1"),
        *_actor("actor2"),
        sa.Column("places", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_situations"),
        sa.UniqueConstraint("key", name="uq_situations_key"),
    )
    op.create_index("ix_situations_kind", "situations", ["kind"])

    op.create_table(
        "events",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("report_id", sa.String(ID), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("event_id", sa.String(ID), nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(128), nullable=False),
        sa.Column("event_date", sa.Date),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("time_precision", sa.Integer, nullable=False),
        sa.Column("plover_event_type", sa.String(64)),
        sa.Column("plover_mode", sa.String(64)),
        sa.Column("cameo", sa.String(16)),
        *_actor("actor1"),
        *_actor("actor2"),
        sa.Column("assoc_actors", sa.JSON, nullable=False),
        sa.Column("place_id", sa.String(ID)),
        sa.Column("place_name", sa.String(NAME)),
        sa.Column("latitude", sa.Double),
        sa.Column("longitude", sa.Double),
        sa.Column("feature", sa.String(64)),
        sa.Column("admin1", sa.String(NAME)),
        sa.Column("admin2", sa.String(NAME)),
        sa.Column("admin3", sa.String(NAME)),
        sa.Column("country", sa.String(NAME)),
        sa.Column("iso3", sa.String(3)),
        sa.Column("population", sa.Integer),
        sa.Column("name_ar", sa.String(NAME)),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("fatalities_low", sa.Integer, nullable=False),
        sa.Column("fatalities_best", sa.Integer, nullable=False),
        sa.Column("fatalities_high", sa.Integer, nullable=False),
        sa.Column("injured", sa.Integer),
        sa.Column("situation_kind", sa.String(64)),
        sa.Column("situation_day", sa.Integer),
        sa.Column("situation_start_date", sa.Date),
        sa.Column("situation_ref_id", sa.String(ID)),
        sa.Column("situation_id", sa.String(ID)),
        sa.Column("attribution", sa.Text),
        sa.Column("background", sa.Boolean, nullable=False),
        sa.Column("confidence", sa.Double, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.report_id"],
            name="fk_events_report_id_reports", ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["situation_id"], ["situations.id"],
            name="fk_events_situation_id_situations", ondelete="SET NULL",
        ),
        sa.UniqueConstraint("report_id", "event_id", name="uq_events_report_id_event_id"),
    )
    op.create_index("ix_events_report_id", "events", ["report_id"])
    op.create_index("ix_events_event_id", "events", ["event_id"])
    op.create_index("ix_events_event_type", "events", ["event_type"])
    op.create_index("ix_events_place_id", "events", ["place_id"])
    op.create_index("ix_events_situation_id", "events", ["situation_id"])
    op.create_index("ix_events_link", "events", ["event_date", "event_type", "place_id"])

    op.create_table(
        "contradictions",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("report_id", sa.String(ID), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("field", sa.String(128), nullable=False),
        sa.Column("subject", sa.String(ID)),
        sa.Column("values", sa.JSON, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_contradictions"),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.report_id"],
            name="fk_contradictions_report_id_reports", ondelete="CASCADE",
        ),
    )
    op.create_index("ix_contradictions_report_id", "contradictions", ["report_id"])

    op.create_table(
        "situation_reports",
        sa.Column("situation_id", sa.String(ID), nullable=False),
        sa.Column("report_id", sa.String(ID), nullable=False),
        sa.PrimaryKeyConstraint("situation_id", "report_id", name="pk_situation_reports"),
        sa.ForeignKeyConstraint(
            ["situation_id"], ["situations.id"],
            name="fk_situation_reports_situation_id_situations", ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.report_id"],
            name="fk_situation_reports_report_id_reports", ondelete="CASCADE",
        ),
    )
    op.create_index("ix_situation_reports_report_id", "situation_reports", ["report_id"])


def downgrade() -> None:
    op.drop_table("situation_reports")
    op.drop_table("contradictions")
    op.drop_table("events")
    op.drop_table("situations")
    op.drop_table("reports")
