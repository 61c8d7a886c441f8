"""Situations in the database: updated inside a report's transaction, read with their evidence.

The grouping key and update rule are :mod:`marsad.link.situations`; this module only moves
situations between that rule and the tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select, update

from marsad.link.situations import situation_id, situation_key, update_situation
from marsad.model import Contradiction, Extraction, Situation
from marsad.store.convert import contradiction_from_row, situation_from_row, situation_row
from marsad.store.schema import contradictions, events, reports, situation_reports, situations

__all__ = ["read_situation", "write_situations"]


def write_situations(
    conn: Connection, extraction: Extraction, report_date: date
) -> list[str | None]:
    """Add the report's situation events to their situations; return each event's situation id.

    Runs in the caller's transaction; the link rows (``situation_reports``) are the caller's.
    """
    report_id = extraction.report.report_id
    state: dict[str, tuple[Situation | None, str, bool]] = {}
    linked: list[str | None] = []
    for ev in extraction.events:
        if ev.situation is None:
            linked.append(None)
            continue
        key = situation_key(ev)
        sid = situation_id(key)
        if sid not in state:
            query = select(situations).where(situations.c.id == sid)
            found = conn.execute(query).mappings().first()
            state[sid] = (situation_from_row(found) if found else None, key, found is not None)
        current, key, exists = state[sid]
        updated = update_situation(current, ev, report_id=report_id, report_date=report_date)
        state[sid] = (updated, key, exists)
        linked.append(sid)
    for sid, (situation, key, exists) in state.items():
        if situation is None:  # pragma: no cover - every state entry was updated above
            continue
        values = situation_row(situation, key=key)
        if exists:
            del values["id"], values["key"]
            conn.execute(update(situations).where(situations.c.id == sid).values(**values))
        else:
            conn.execute(insert(situations), values)
    return linked


def read_situation(conn: Connection, row: Mapping[Any, Any]) -> Situation:
    """A situation row with its reports (oldest first) and the contradictions about it.

    A contradiction belongs to the situation when it comes from one of its reports and either
    names it (its id, or the extractor's situation ref id) as subject, or is about the
    situation (its field says ``situation`` or ``day``) with no subject or a subject naming
    the situation's kind and imposing actor (e.g. "siege by Asayish").
    """
    sid = row["id"]
    linked_reports = select(situation_reports.c.report_id).where(
        situation_reports.c.situation_id == sid
    )
    report_ids = tuple(
        str(r)
        for r in conn.execute(
            select(reports.c.report_id)
            .where(reports.c.report_id.in_(linked_reports))
            .order_by(reports.c.published.asc().nulls_last(), reports.c.ingested_at)
        ).scalars()
    )
    refs = {
        str(r)
        for r in conn.execute(
            select(events.c.situation_ref_id)
            .where(events.c.situation_id == sid, events.c.situation_ref_id.is_not(None))
            .distinct()
        ).scalars()
    }
    refs.add(sid)
    by_report: dict[str, list[Contradiction]] = defaultdict(list)
    for crow in conn.execute(
        select(contradictions)
        .where(contradictions.c.report_id.in_(linked_reports))
        .order_by(contradictions.c.report_id, contradictions.c.position)
    ).mappings():
        found = contradiction_from_row(crow)
        by_report[crow["report_id"]].append(found)
    situation = situation_from_row(row, report_ids=report_ids)
    ordered = tuple(
        c for rid in report_ids for c in by_report.get(rid, []) if _about(c, situation, refs)
    )
    return replace(situation, contradictions=ordered)


def _about(contradiction: Contradiction, situation: Situation, refs: set[str]) -> bool:
    subject = contradiction.subject
    if subject is not None and subject in refs:
        return True
    field = contradiction.field.lower()
    if "situation" not in field and "day" not in field:
        return False
    if subject is None:
        return True
    said = subject.lower()
    if situation.kind not in said:
        return False
    actor = situation.actor1
    return actor is None or actor.id.lower() in said or actor.name.lower() in said
