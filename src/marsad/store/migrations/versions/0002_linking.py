"""Linking: mention link columns, merged events, the merge log, splits, cross-report contradictions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 200
NAME = 300

_EVENT_LINK_COLUMNS = (
    ("report_date", sa.Date),
    ("link_start", sa.Date),
    ("link_end", sa.Date),
    ("cell", lambda: sa.String(32)),
    ("span_class", sa.Integer),
    ("component", lambda: sa.String(ID)),
    ("group_id", lambda: sa.String(ID)),
    ("attach_to", lambda: sa.String(ID)),
    ("situation_component", lambda: sa.String(ID)),
    ("link_kind", lambda: sa.String(64)),
)


def _actor(prefix: str) -> list[sa.Column[object]]:
    return [
        sa.Column(f"{prefix}_id", sa.String(ID)),
        sa.Column(f"{prefix}_name", sa.String(NAME)),
        sa.Column(f"{prefix}_inter", sa.Integer),
        sa.Column(f"{prefix}_parent", sa.String(ID)),
    ]


def _event() -> list[sa.Column[object]]:
    return [
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
    ]


def upgrade() -> None:
    for name, kind in _EVENT_LINK_COLUMNS:
        op.add_column("events", sa.Column(name, kind()))
    op.add_column("events", sa.Column("lifts", sa.Boolean, nullable=False,
                                      server_default=sa.false()))
    for name in ("component", "group_id", "attach_to", "situation_component"):
        op.create_index(f"ix_events_{name}", "events", [name])
    op.create_index("ix_events_candidates", "events",
                    ["event_type", "cell", "span_class", "link_start"])
    op.create_index("ix_events_situation_link", "events",
                    ["link_kind", "place_id", "report_date"])
    for name in ("start_low", "start_high", "lifted_date"):
        op.add_column("situations", sa.Column(name, sa.Date))

    op.create_table(
        "linked_events",
        sa.Column("group_id", sa.String(ID), nullable=False),
        sa.Column("report_id", sa.String(ID), nullable=False),
        *_event(),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("report_ids", sa.JSON, nullable=False),
        sa.Column("mentions", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("group_id", name="pk_linked_events"),
        sa.ForeignKeyConstraint(
            ["situation_id"], ["situations.id"],
            name="fk_linked_events_situation_id_situations", ondelete="SET NULL",
        ),
    )
    for name in ("report_id", "event_id", "event_type", "place_id", "situation_id", "event_date"):
        op.create_index(f"ix_linked_events_{name}", "linked_events", [name])

    op.create_table(
        "merge_log",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("event_id", sa.String(ID), nullable=False),
        sa.Column("group_id", sa.String(ID), nullable=False),
        sa.Column("other_event_id", sa.String(ID)),
        sa.Column("rule", sa.String(64), nullable=False),
        sa.Column("scores", sa.JSON, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_merge_log"),
    )
    op.create_index("ix_merge_log_event_id", "merge_log", ["event_id"])
    op.create_index("ix_merge_log_group_id", "merge_log", ["group_id"])

    op.create_table(
        "link_splits",
        sa.Column("event_a", sa.String(ID), nullable=False),
        sa.Column("event_b", sa.String(ID), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_a", "event_b", name="pk_link_splits"),
    )
    op.create_index("ix_link_splits_event_b", "link_splits", ["event_b"])

    op.create_table(
        "link_contradictions",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("subject", sa.String(ID), nullable=False),
        sa.Column("field", sa.String(128), nullable=False),
        sa.Column("values", sa.JSON, nullable=False),
        sa.Column("reports", sa.JSON, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_contradictions"),
    )
    op.create_index("ix_link_contradictions_subject", "link_contradictions", ["subject"])


def downgrade() -> None:
    op.drop_table("link_contradictions")
    op.drop_table("link_splits")
    op.drop_table("merge_log")
    op.drop_table("linked_events")
    with op.batch_alter_table("situations") as batch:
        for name in ("start_low", "start_high", "lifted_date"):
            batch.drop_column(name)
    for name in ("component", "group_id", "attach_to", "situation_component"):
        op.drop_index(f"ix_events_{name}", "events")
    op.drop_index("ix_events_candidates", "events")
    op.drop_index("ix_events_situation_link", "events")
    with op.batch_alter_table("events") as batch:
        for name, _kind in _EVENT_LINK_COLUMNS:
            batch.drop_column(name)
        batch.drop_column("lifts")
