"""Leader grouping: relink every stored report so that the link labels mean what the code expects.

Stores written at 0002 hold, in ``events.component``, the connected component (smallest event
id) of each mention, and in ``events.situation_component`` a component label; the code now
expects each mention's group leader, and ``one:<situation id>`` for a component that is a
single situation, and its groups are leader groups (which may differ from the 0002 clusters).
No column changes: the upgrade relinks every report with the package's own linking code
(:func:`marsad.store.relink.relink_store`), in the order the reports were stored, so the store
ends as a fresh ingest of the same reports would leave it (groups, merged events, situations,
labels, the merge log's merges; the pairs users separated and their unmerges are kept).  It
uses the shipped link rules and actor registry (those ``open_store`` uses by default).

Downgrade leaves the columns as they are: 0002-era code would then read group leaders where
it expects components, and regroup smaller blocks than a fresh 0002 ingest would.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import context, op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if context.is_offline_mode():
        raise RuntimeError("migration 0003 relinks the stored reports: run it on the database "
                           "itself (marsad migrates a store when it opens it), not as SQL")
    conn = op.get_bind()
    events = sa.table("events", sa.column("id"))
    if conn.execute(sa.select(events.c.id).limit(1)).first() is None:
        return  # nothing stored: nothing to relink (and no rules to load)
    from marsad.link.rules import load_link_rules, registry_related
    from marsad.store.linking import Linking
    from marsad.store.relink import relink_store

    link = Linking(rules=load_link_rules(), related=registry_related(), now=datetime.now(UTC))
    relink_store(conn, link)


def downgrade() -> None:
    """The link columns stay as 0003 left them."""
