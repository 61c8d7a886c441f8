"""The fast path of situation linking: a report that continues one situation updates it in place.

:func:`extend_situation` adds a report's mentions to the one situation they continue
(:func:`marsad.link.extend.extend`), reading a few rows through the indexes, never the
situation's earlier mentions; when it cannot tell, :mod:`marsad.store.situations` relinks the
block instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, delete, insert, or_, select, update

from marsad.link.extend import Stored, extend, recited
from marsad.link.situations import SituationMention, build_situation
from marsad.model import Span
from marsad.store.linking import Linking, contradiction_rows
from marsad.store.schema import (
    events,
    link_contradictions,
    linked_events,
    reports,
    situation_reports,
    situations,
)
from marsad.store.situation_rows import (
    ONE,
    Row,
    situation_columns,
    situation_mention,
    situation_rows,
)

__all__ = ["extend_situation"]

def extend_situation(conn: Connection, new: Sequence[Row], near: Mapping[int, list[Row]],
                     link: Linking) -> bool:
    """Add the report's mentions to the one situation they continue, without reading its
    earlier mentions (:func:`marsad.link.extend.extend`); False: relink the block instead.

    They continue it when every one of them is close in time and place to its mentions only
    (a component that is that situation alone), names its kind family and its actors (or
    none), and does not change its key.
    """
    found = [c for r in new for c in near.get(r["id"], [])]
    sids = {c["situation_id"] for c in found}
    if len(near) != len(new) or not all(near.values()) or len(sids) != 1 or None in sids:
        return False
    sid = str(next(iter(sids)))
    if {c["situation_component"] for c in found} != {ONE + sid}:
        return False
    if any(not r["background"] and all(c["background"] for c in near[r["id"]]) for r in new):
        return False
    row = conn.execute(select(situations).where(situations.c.id == sid)).mappings().first()
    mentions = [situation_mention(r) for r in new]
    told = [m.event_id for m in mentions if not m.background]
    if row is None or (told and min(told) < row["key"]):
        return False
    family = link.rules.family(row["kind"])
    for m in mentions:
        if link.rules.family(m.kind) != family or not all(
            a is None or a.id == row[f"{name}_id"]
            for a, name in ((m.actor1, "actor1"), (m.actor2, "actor2"))
        ):
            return False
    if told and conn.execute(select(events.c.background).where(
            events.c.event_id == row["key"], events.c.situation_id == sid)).scalar():
        return False  # its smallest id is a background mention's: the told one is unknown
    reference = None
    first = conn.execute(select(link_contradictions.c.reports).where(
        link_contradictions.c.subject == sid).order_by(link_contradictions.c.id).limit(1)
    ).scalar()
    if first:
        day = conn.execute(select(events.c.report_date).where(
            events.c.report_id == first[0], events.c.situation_id == sid).limit(1)).scalar()
        reference = None if day is None else (day, str(first[0]))
        if reference is None:
            return False
    dated = conn.execute(
        select(events.c.id).join(reports, reports.c.report_id == events.c.report_id).where(
            events.c.situation_id == sid, events.c.background.is_(False),
            reports.c.published.is_not(None),
            or_(events.c.situation_day > 0, events.c.situation_start_date.is_not(None)),
        ).limit(1)
    ).first() if any(m.implied_start for m in mentions) else None
    stored = Stored(
        trailing=_trailing(conn, sid, row, {m.kind for m in mentions if not m.background}),
        kind=row["kind"], actor1=row["actor1_id"], actor2=row["actor2_id"],
        places=tuple(p["id"] for p in row["places"]), start_date=row["start_date"],
        last_report_date=row["last_report_date"], day=row["day"], start_low=row["start_low"],
        start_high=row["start_high"], lifted_date=row["lifted_date"],
        dated_observed=dated is not None, reference=reference,
    )  # fmt: skip
    ext = extend(stored, mentions)
    if ext is None:  # the group is known: rebuild this situation alone, without regrouping
        stored_rows = situation_rows(conn, events.c.situation_id == sid)
        everything = [*(situation_mention(r) for r in stored_rows), *mentions]
        built = build_situation(everything, rules=link.rules)
        if built is None or built.situation.id != sid:
            return False
        conn.execute(update(situations).where(situations.c.id == sid).values(
            key=min([row["key"], *(m.event_id for m in mentions)]), **situation_columns(built)))
        conn.execute(delete(link_contradictions).where(link_contradictions.c.subject == sid))
        if built.contradictions:
            conn.execute(insert(link_contradictions), contradiction_rows(built.contradictions))
    else:
        if ext.recite:  # the contradictions cite the new report: rewrite them (a few rows)
            cited = conn.execute(select(link_contradictions.c.reports).where(
                link_contradictions.c.subject == sid)).scalars()
            others = sorted({str(r[1]) for r in cited})
            disagreeing = _cited(conn, sid, others)
            recite = recited(sid, mentions, disagreeing, ext.start_date, rules=link.rules)
            conn.execute(delete(link_contradictions)
                         .where(link_contradictions.c.subject == sid))
            if recite:
                conn.execute(insert(link_contradictions), contradiction_rows(recite))
        conn.execute(update(situations).where(situations.c.id == sid).values(
            key=min([row["key"], *(m.event_id for m in mentions)]), status=ext.status,
            start_date=ext.start_date, last_report_date=ext.last_report_date, day=ext.day,
            start_low=ext.start_low, start_high=ext.start_high, lifted_date=ext.lifted_date))
    conn.execute(insert(situation_reports), [{"situation_id": sid, "report_id": rid}
                                             for rid in sorted({r["report_id"] for r in new})])
    for r in new:
        conn.execute(update(events).where(events.c.id == r["id"])
                     .values(situation_id=sid, situation_component=ONE + sid))
        if r["group_id"] == r["event_id"]:
            conn.execute(update(linked_events).where(linked_events.c.group_id == r["event_id"])
                         .values(situation_id=sid))
    return True


def _cited(conn: Connection, sid: str, report_ids: Sequence[str]) -> list[SituationMention]:
    """The mentions of ``sid`` in ``report_ids``, with only what a start-date contradiction
    needs (through the report_id index: a few rows, however long the situation)."""
    query = (
        select(events.c.event_id, events.c.report_id, events.c.link_kind, events.c.report_date,
               events.c.situation_day, events.c.situation_start_date, events.c.background,
               events.c.evidence, events.c.situation_id, reports.c.published)
        .join(reports, reports.c.report_id == events.c.report_id)
        .where(events.c.report_id.in_(report_ids))
    )
    return [
        SituationMention(
            event_id=r["event_id"], report_id=r["report_id"], kind=r["link_kind"] or "",
            report_date=r["report_date"], dated=r["published"] is not None,
            day=r["situation_day"], start=r["situation_start_date"],
            background=bool(r["background"]),
            evidence=Span(*r["evidence"].get("situation", r["evidence"]["event"])),
        )
        for r in conn.execute(query).mappings() if r["situation_id"] == sid
    ]  # fmt: skip


def _reports_saying(conn: Connection, sid: str, kind: str, places: Sequence[str]) -> int:
    """About how many reports call situation ``sid`` ``kind`` (never fewer), through the
    ``(link_kind, place_id)`` index: cheap for a kind few reports use."""
    return sum(len(conn.execute(select(events.c.report_id).distinct().where(
        events.c.link_kind == kind, where, events.c.situation_id == sid,
        events.c.background.is_(False))).all())
        for where in (events.c.place_id.in_(places), events.c.place_id.is_(None)))


def _trailing(conn: Connection, sid: str, row: Row, kinds: set[str]) -> frozenset[str]:
    """The kinds in ``kinds`` other than the situation's that one more report cannot bring
    level with it (its kind is the one most reports use, ties to the first in order)."""
    places = [str(p["id"]) for p in row["places"]]
    out: set[str] = set()
    for kind in sorted(kinds - {row["kind"]}):
        needed = _reports_saying(conn, sid, kind, places) + 1 + (kind < row["kind"])
        lead = select(events.c.report_id).distinct().where(
            events.c.situation_id == sid, events.c.link_kind == row["kind"],
            events.c.background.is_(False)).limit(needed)
        if len(conn.execute(lead).all()) >= needed:
            out.add(kind)
    return frozenset(out)
