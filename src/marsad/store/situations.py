"""Situations in the database: relinked inside a report's transaction, read with their evidence.

The rules are :mod:`marsad.link.situations`; this module finds the block of situation mentions
a new report touches (through the ``(link_kind, place_id, report_date)`` index and the
report itself), and either extends the one situation the report continues
(:mod:`marsad.store.situation_extend`) or regroups the block and rewrites its situations.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, select, true, update

from marsad.link.cluster import components
from marsad.link.contradictions import LinkedContradiction
from marsad.link.rules import LinkRules
from marsad.link.situations import (
    SituationMention,
    SituationTimeline,
    build_situation,
    current_status,
    group_situations,
    lifting_reach_km,
    situation_edges,
)
from marsad.model import Contradiction, Situation
from marsad.store.convert import contradiction_from_row, situation_from_row
from marsad.store.dedup_graph import CELL_REACH_KM, neighbour_cells
from marsad.store.linking import Linking, contradiction_rows
from marsad.store.linking import contradiction_from_row as linked_from_row
from marsad.store.schema import (
    contradictions,
    events,
    link_contradictions,
    linked_events,
    reports,
    situation_reports,
    situations,
)
from marsad.store.situation_extend import extend_situation
from marsad.store.situation_rows import (
    ONE,
    Row,
    kinds_of,
    situation_columns,
    situation_mention,
    situation_rows,
)

__all__ = ["ONE", "link_report_situations", "read_situation", "read_timeline"]


def link_report_situations(
    conn: Connection, report_id: str, link: Linking, *, alone: bool = False
) -> None:
    """Relink the situations a just-inserted report's mentions touch (caller's transaction).

    ``alone``: the report's mentions form situations of their own, and get no component label,
    so that no later report's block ever reaches them.
    """
    new = situation_rows(conn, events.c.report_id == report_id)
    if not new:
        return
    if alone:
        _relink(conn, new, link, labelled=False)
        return
    gap = timedelta(days=link.rules.situation_gap_days)
    touched: set[str] = set()
    near: dict[int, list[Row]] = {}
    nearby = False  # a bare lifting near other places: relink the block, no fast path
    for r in new:
        if r["place_id"] is None:
            continue
        query = select(events.c.event_id, events.c.situation_id, events.c.situation_component,
                       events.c.background).where(
            events.c.link_kind.in_(kinds_of(link.rules, r["link_kind"])),
            events.c.place_id == r["place_id"],
            events.c.report_date.between(r["report_date"] - gap, r["report_date"] + gap),
            events.c.report_id != report_id,
            events.c.situation_component.is_not(None),
        )
        near[r["id"]] = list(conn.execute(query).mappings())
        touched.update(str(c["situation_component"]) for c in near[r["id"]])
        reached = _lifting_reach(conn, r, report_id, link, gap)
        if reached:
            touched.update(reached)
            nearby = True
    if not nearby and extend_situation(conn, new, near, link):
        return
    block = {r["id"]: r for r in new}
    if touched:
        block.update((r["id"], r) for r in situation_rows(
            conn, events.c.situation_component.in_(sorted(touched))))
    _relink(conn, list(block.values()), link)


def _lifting_reach(
    conn: Connection, r: Row, report_id: str, link: Linking, gap: timedelta
) -> set[str]:
    """Components a bare lifting (an ended situation naming no side) and the mentions near it
    reach across places (see ``marsad.link.situations.situation_edges``): a bare lifting finds
    mentions of its kind nearby; any other mention finds bare liftings nearby."""
    if r["latitude"] is None or r["longitude"] is None or r["cell"] is None:
        return set()  # no place, or a mention that looks for none (see store.linking)
    km = lifting_reach_km(link.rules)
    dlat = km / 111.0
    dlon = km / (111.0 * max(0.2, math.cos(math.radians(float(r["latitude"])))))
    bare = (events.c.lifts == true()) & events.c.situation_kind.is_(None)
    me_bare = bool(r["lifts"]) and r["situation_kind"] is None
    # a seek in the (link_kind, cell, report_date) index: the grid cells around the mention
    # (cells are far wider than the reach), then the exact box
    query = select(events.c.situation_component).where(
        events.c.link_kind.in_(kinds_of(link.rules, r["link_kind"])),
        *((events.c.cell.in_(neighbour_cells(str(r["cell"]))),) if km <= CELL_REACH_KM else ()),
        events.c.place_id != r["place_id"],
        events.c.latitude.between(r["latitude"] - dlat, r["latitude"] + dlat),
        events.c.longitude.between(r["longitude"] - dlon, r["longitude"] + dlon),
        events.c.report_date.between(r["report_date"] - gap, r["report_date"] + gap),
        events.c.report_id != report_id,
        events.c.situation_component.is_not(None),
        *(() if me_bare else (bare,)),
    )
    return {str(c) for c in conn.execute(query).scalars()}


def _relink(conn: Connection, block: Sequence[Row], link: Linking, *, labelled: bool = True
            ) -> None:
    mentions = [situation_mention(r) for r in block]
    edges = situation_edges(mentions, rules=link.rules, related=link.related)
    comp = _stable(components((m.event_id for m in mentions), ((a, b) for _, a, b in edges)),
                   {r["event_id"]: r["situation_component"] for r in block})
    groups = group_situations(mentions, rules=link.rules, related=link.related, edges=edges)
    members: dict[str, list[SituationMention]] = defaultdict(list)
    for m in mentions:
        members[groups[m.event_id]].append(m)
    sid_of: dict[str, str | None] = {}
    new_rows: list[dict[str, Any]] = []
    links: list[dict[str, str]] = []
    found: list[LinkedContradiction] = []
    for key in sorted(members):
        built = build_situation(members[key], rules=link.rules)
        for m in members[key]:
            sid_of[m.event_id] = built.situation.id if built else None
        if built is None:
            continue
        s = built.situation
        new_rows.append({"id": s.id, "key": key, **situation_columns(built)})
        links += [{"situation_id": s.id, "report_id": rid} for rid in s.report_ids]
        found.extend(built.contradictions)
    old = {r["situation_id"] for r in block if r["situation_id"] is not None}
    kept = {row["id"] for row in new_rows} & old
    if old:
        conn.execute(delete(link_contradictions).where(link_contradictions.c.subject.in_(old)))
        conn.execute(delete(situation_reports).where(
            situation_reports.c.situation_id.in_(sorted(old - kept))))
    links = _new_links(conn, links, kept)
    if old - kept:  # the FK sets their events' situation_id to NULL
        conn.execute(delete(situations).where(situations.c.id.in_(sorted(old - kept))))
    for row in new_rows:
        if row["id"] in kept:
            values = {k: v for k, v in row.items() if k != "id"}
            conn.execute(update(situations).where(situations.c.id == row["id"]).values(values))
    fresh = [row for row in new_rows if row["id"] not in kept]
    if fresh:
        conn.execute(insert(situations), fresh)
    if links:
        conn.execute(insert(situation_reports), links)
    if found:
        conn.execute(insert(link_contradictions), contradiction_rows(found))
    comp = _single(comp, sid_of)
    for r in block:
        eid = r["event_id"]
        sid, component = sid_of.get(eid), comp.get(eid, eid) if labelled else None
        if r["situation_id"] in kept and r["situation_id"] == sid:
            if component != r["situation_component"]:
                conn.execute(update(events).where(events.c.id == r["id"])
                             .values(situation_component=component))
            continue
        conn.execute(update(events).where(events.c.id == r["id"]).values(
            situation_id=sid, situation_component=component))
        if r["group_id"] == eid:
            conn.execute(update(linked_events).where(linked_events.c.group_id == eid)
                         .values(situation_id=sid))


def _single(labels: Mapping[str, str], sid_of: Mapping[str, str | None]) -> dict[str, str]:
    """Component labels, ``one:`` + the situation id for a component that is one situation
    (what lets :func:`extend_situation` extend it without reading it whole)."""
    sids: dict[str, set[str | None]] = defaultdict(set)
    roots: dict[str, str] = {}
    for eid, label in labels.items():
        sids[label].add(sid_of.get(eid))
        roots[label] = min(roots.get(label, eid), eid)
    out: dict[str, str] = {}
    for eid, label in labels.items():
        found = sids[label]
        if len(found) == 1 and None not in found:
            out[eid] = ONE + str(next(iter(found)))
        else:
            out[eid] = roots[label] if label.startswith(ONE) else label
    return out


def _new_links(conn: Connection, links: list[dict[str, str]], kept: set[str]
               ) -> list[dict[str, str]]:
    """The report links not stored yet; stale links of a kept situation are deleted."""
    if not kept:
        return links
    stored = {(str(sid), str(rid)) for sid, rid in conn.execute(
        select(situation_reports.c.situation_id, situation_reports.c.report_id)
        .where(situation_reports.c.situation_id.in_(sorted(kept))))}
    wanted = {(row["situation_id"], row["report_id"]) for row in links}
    for sid, rid in sorted(stored - wanted):
        conn.execute(delete(situation_reports).where(situation_reports.c.situation_id == sid,
                                                     situation_reports.c.report_id == rid))
    return [row for row in links if (row["situation_id"], row["report_id"]) not in stored]


def _stable(found: Mapping[str, str], labels: Mapping[str, str | None]) -> dict[str, str]:
    """Component labels that keep the label most of a component's rows already carry, so that
    a growing situation is not relabelled row by row (labels only find blocks, never results)."""
    members: dict[str, list[str]] = defaultdict(list)
    for eid, root in found.items():
        members[root].append(eid)
    out: dict[str, str] = {}
    for root, eids in members.items():
        held = Counter(label for e in eids if (label := labels.get(e)) is not None)
        label = min(held, key=lambda k: (-held[k], k)) if held else root
        out.update((e, label) for e in eids)
    return out


def read_situation(conn: Connection, row: Row, *, today: date, rules: LinkRules) -> Situation:
    """A situation row with its reports (oldest first) and the contradictions about it.

    Contradictions are those found across its reports (start dates, day counts), then those
    inside one of its reports that name it (its id, or the extractor's situation ref id) or
    are about a situation (field ``situation``/``day``) with no subject or a subject naming
    its kind and imposing actor (e.g. "siege by Asayish").
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
            .order_by(reports.c.published.asc().nulls_last(), reports.c.ingested_at,
                      reports.c.report_id)
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
        by_report[crow["report_id"]].append(contradiction_from_row(crow))
    situation = situation_from_row(row, report_ids=report_ids)
    across = tuple(c.as_contradiction() for c in _linked(conn, sid))
    inside = tuple(
        replace(c, report_ids=(rid,) * len(c.evidence))
        for rid in report_ids for c in by_report.get(rid, []) if _about(c, situation, refs)
    )
    situation = replace(situation, contradictions=across + inside)
    return replace(situation, status=current_status(situation, today=today, rules=rules))


def _linked(conn: Connection, sid: str) -> list[LinkedContradiction]:
    query = (select(link_contradictions).where(link_contradictions.c.subject == sid)
             .order_by(link_contradictions.c.id))
    return [linked_from_row(r) for r in conn.execute(query).mappings()]


def read_timeline(
    conn: Connection, sid: str, *, today: date, rules: LinkRules
) -> SituationTimeline | None:
    """``marsad situation ID``: the situation with each report's word on it, oldest first."""
    row = conn.execute(select(situations).where(situations.c.id == sid)).mappings().first()
    if row is None:
        return None
    situation = read_situation(conn, row, today=today, rules=rules)
    members = situation_rows(conn, events.c.situation_id == sid)
    texts = {
        str(rid): str(text) for rid, text in conn.execute(
            select(reports.c.report_id, reports.c.text)
            .where(reports.c.report_id.in_(sorted({r["report_id"] for r in members})))
        )
    }
    built = build_situation([situation_mention(r, texts.get(r["report_id"], "")) for r in members],
                            rules=rules)
    last = situation.last_report_date
    return SituationTimeline(
        situation=situation,
        start_low=row["start_low"],
        start_high=row["start_high"],
        lifted_date=row["lifted_date"],
        days_since_report=None if last is None else (today - last).days,
        entries=built.entries if built else (),
        contradictions=tuple(_linked(conn, sid)),
    )


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
