"""An index on (link_kind, cell, report_date): a lifting that names no side looks up the
mentions of its kind in the grid cells around it (and a new mention the bare liftings around it)
through it, instead of scanning every mention of the kind in the date window.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_events_situation_cell", "events", ["link_kind", "cell", "report_date"])


def downgrade() -> None:
    op.drop_index("ix_events_situation_cell", table_name="events")
