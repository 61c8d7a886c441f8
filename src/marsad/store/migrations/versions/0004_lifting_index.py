"""An index on (lifts, report_date): situation linking looks up the liftings near a new mention
(a lifting that names no side reaches situations of its kind within the "near" radius) through
it instead of scanning every mention of the kind.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_events_lifts", "events", ["lifts", "report_date"])


def downgrade() -> None:
    op.drop_index("ix_events_lifts", table_name="events")
