"""Deduplication in the database: regroup around what a new report adds, keep merged events.

Each stored mention carries the days and grid cell it is compared over
(:func:`mention_columns`); candidates come through the indexes (:mod:`marsad.store.dedup_graph`).
The groups are those of :func:`marsad.link.dedup.group_mentions` (leader grouping,
:mod:`marsad.link.leaders`), kept up to date by :func:`marsad.link.leaders.regroup`: the new
mentions are decided, and only the mentions whose decision depends on them are decided again,
so a happening told every day for years costs no more per report than a short one.  The
``component`` column holds each mention's group leader (``group_id`` the group's label, its
smallest event id).  The groups are the same whatever order the reports came in.  A background
mention is attached to the mention it retells best (:func:`marsad.link.dedup.attach`) and never
starts a group.  ``linked_events`` holds one merged row per group; ``merge_log`` says why each
mention joined its group; ``link_splits`` keeps the pairs a user separated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, update

from marsad.errors import StoreError
from marsad.link.contradictions import LinkedContradiction
from marsad.link.dedup import Mention, attach, link_interval, match, merge_mentions
from marsad.link.leaders import labels, regroup
from marsad.link.rules import LinkRules
from marsad.model import Event, Span
from marsad.store.convert import event_from_row, event_row
from marsad.store.dedup_graph import (
    CELL_DEGREES,
    LINK_COLUMNS,
    Linking,
    Row,
    StoredGraph,
    candidates_near,
    cell_of,
    kept_apart,
    link_mention,
    span_class,
)
from marsad.store.schema import events, link_contradictions, link_splits, linked_events, merge_log

__all__ = [
    "CELL_DEGREES",
    "Linking",
    "MergeLogEntry",
    "contradiction_from_row",
    "contradiction_rows",
    "link_report_events",
    "mention_columns",
    "read_merge_log",
    "unmerge_event",
]

@dataclass(frozen=True)
class MergeLogEntry:
    """Why a mention joined (``merge``) or left (``unmerge``) a merged event, and when."""

    action: str
    event_id: str
    group_id: str
    other_event_id: str | None
    rule: str
    scores: Mapping[str, float]
    at: datetime


def read_merge_log(conn: Connection, event_id: str | None = None) -> list[MergeLogEntry]:
    """Merges and unmerges, oldest first; only those of ``event_id`` (mention or group)."""
    query = select(merge_log).order_by(merge_log.c.id)
    if event_id is not None:
        query = query.where(or_(merge_log.c.event_id == event_id,
                                merge_log.c.group_id == event_id))
    return [
        MergeLogEntry(action=r["action"], event_id=r["event_id"], group_id=r["group_id"],
                      other_event_id=r["other_event_id"], rule=r["rule"],
                      scores=dict(r["scores"]), at=r["at"])
        for r in conn.execute(query).mappings()
    ]

def _sentence(event: Event, text: str) -> str:
    span = event.evidence.get("sentence")
    if span is not None:
        return span.text(text)
    at = event.evidence.get("situation", event.evidence["event"])
    return text[max(0, at.start - 150) : at.end + 150]


def mention_columns(event: Event, *, report_date: date, text: str, rules: LinkRules,
                    alone: bool = False) -> dict[str, Any]:
    """The linking columns of a new mention (see the module docstring).

    ``alone``: the mention gets no grid cell, so it is never a candidate for another report's
    mentions and looks for none (an undated report under ``--undated skip-linking``).
    """
    start, end = link_interval(event, report_date=report_date, rules=rules)
    place = event.location.place if event.location is not None else None
    sentence = _sentence(event, text)
    lifts = rules.lifts(sentence)
    kind = event.situation.kind.strip().lower() if event.situation is not None else None
    if kind is None and lifts:
        kind = rules.kind_named(sentence)
    return {
        "report_date": report_date,
        "link_start": start,
        "link_end": end,
        "span_class": span_class(start, end, rules),
        "cell": None if alone or place is None else cell_of(place.latitude, place.longitude),
        "lifts": lifts,
        "link_kind": kind,
    }


def _log(conn: Connection, link: Linking, entries: list[dict[str, Any]]) -> None:
    if entries:
        conn.execute(insert(merge_log), [{**e, "at": link.now} for e in entries])


def _regroup(conn: Connection, graph: StoredGraph, dirty: Iterable[str], link: Linking
             ) -> tuple[set[str], dict[str, str]]:
    """Regroup from ``dirty`` on (:func:`marsad.link.leaders.regroup`); the groups touched and
    the new group of each mention whose group changed."""
    dirty = list(dirty)
    changed = regroup(dirty, graph)
    label = labels(changed, graph)
    for key in dirty:  # a new mention that nothing matches is a group of its own
        if key not in changed and graph.leader(key) is None:
            changed[key] = label[key] = key
    members: dict[str, list[str]] = defaultdict(list)
    for key, group in label.items():
        members[group].append(key)
    touched: set[str] = set()
    new_group: dict[str, str] = {}
    logs: list[dict[str, Any]] = []
    for key in sorted(label):
        r, group = graph.row(key), label[key]
        lead = changed.get(key, r["component"])
        if (r["group_id"], r["component"]) == (group, lead):
            continue
        conn.execute(update(events).where(events.c.id == r["id"])
                     .values(group_id=group, component=lead))
        new_group[key] = group
        touched.update(g for g in (r["group_id"], group) if g is not None)
        if key in changed and len(members[group]) > 1:
            near = graph.neighbours(key)
            scored = sorted((-near[o], o) for o in members[group] if o in near)
            if not scored:
                continue
            other = scored[0][1]
            why = match(link_mention(r), link_mention(graph.row(other)), rules=link.rules,
                        related=link.related)
            if why is not None:
                logs.append({"action": "merge", "event_id": key, "group_id": group,
                             "other_event_id": other, "rule": why.rule,
                             "scores": {**why.scores, "total": why.score}})
    _log(conn, link, logs)
    return touched, new_group


def _reattach(conn: Connection, rows: Iterable[Row], link: Linking) -> set[str]:
    """Attach background mentions to what they retell; the groups touched."""
    touched: set[str] = set()
    for r in rows:
        apart = {b if a == r["event_id"] else a for a, b in kept_apart(conn, [r["event_id"]])}
        candidates, _ = candidates_near(conn, r, link.rules)
        found = attach(link_mention(r), [link_mention(c) for c in candidates], rules=link.rules,
                       related=link.related, apart=apart)
        target = group = None
        if found is not None:
            target = found[0].event_id
            group = next(c["group_id"] for c in candidates if c["event_id"] == target)
        if (r["attach_to"], r["group_id"]) != (target, group):
            touched.update(g for g in (r["group_id"], group) if g is not None)
            conn.execute(update(events).where(events.c.id == r["id"])
                         .values(attach_to=target, group_id=group))
            if found is not None and group is not None:
                _log(conn, link, [{"action": "merge", "event_id": r["event_id"],
                                   "group_id": group, "other_event_id": target,
                                   "rule": "retold " + found[1].rule,
                                   "scores": {**found[1].scores, "total": found[1].score}}])
    return touched


def _follow(conn: Connection, new_group: Mapping[str, str]) -> set[str]:
    """Background mentions follow the mention they retell into its (new) group."""
    touched: set[str] = set()
    if not new_group:
        return touched
    query = select(events.c.id, events.c.attach_to, events.c.group_id).where(
        events.c.attach_to.in_(sorted(new_group))
    )
    for row_id, target, group in list(conn.execute(query)):
        wanted = new_group[target]
        if group != wanted:
            conn.execute(update(events).where(events.c.id == row_id).values(group_id=wanted))
            touched.update(g for g in (group, wanted) if g is not None)
    return touched


def contradiction_rows(found: Iterable[LinkedContradiction]) -> list[dict[str, Any]]:
    return [
        {"subject": c.subject, "field": c.field,
         "values": [{"int": v} if isinstance(v, int) else {"str": v} for v in c.values],
         "reports": list(c.reports), "evidence": [s.as_list() for s in c.evidence]}
        for c in found
    ]  # fmt: skip


def contradiction_from_row(row: Row) -> LinkedContradiction:
    return LinkedContradiction(
        field=row["field"], subject=row["subject"],
        values=tuple(next(iter(v.values())) for v in row["values"]),
        reports=tuple(row["reports"]), evidence=tuple(Span(*s) for s in row["evidence"]),
    )  # fmt: skip


def _rebuild(conn: Connection, groups: set[str]) -> None:
    """Recompute the merged rows (and their contradictions) of ``groups``."""
    if not groups:
        return
    wanted = sorted(groups)
    conn.execute(delete(linked_events).where(linked_events.c.group_id.in_(wanted)))
    conn.execute(delete(link_contradictions).where(link_contradictions.c.subject.in_(wanted)))
    members: dict[str, list[Row]] = defaultdict(list)
    for row in conn.execute(select(events).where(events.c.group_id.in_(wanted))).mappings():
        members[row["group_id"]].append(row)
    rows: list[dict[str, Any]] = []
    found: list[LinkedContradiction] = []
    for gid in wanted:
        group = members.get(gid)
        if not group or all(r["background"] for r in group):
            continue
        merged = merge_mentions(gid, [(event_from_row(r), r["report_id"], r["report_date"])
                                      for r in group])
        rep = next((r for r in group if r["event_id"] == gid), group[0])
        values = event_row(merged.event, report_id=merged.report_id, position=0,
                           situation_id=rep["situation_id"])
        del values["position"]
        rows.append({**values, "group_id": gid, "sources": len(merged.report_ids),
                     "report_ids": list(merged.report_ids), "mentions": list(merged.mentions)})
        found.extend(merged.contradictions)
    if rows:
        conn.execute(insert(linked_events), rows)
    if found:
        conn.execute(insert(link_contradictions), contradiction_rows(found))


def link_report_events(conn: Connection, report_id: str, link: Linking) -> None:
    """Deduplicate a just-inserted report's mentions against the store (caller's transaction)."""
    query = select(*LINK_COLUMNS).where(events.c.report_id == report_id)
    new = list(conn.execute(query).mappings())
    told = [r for r in new if not r["background"]]
    retold: dict[int, Row] = {r["id"]: r for r in new if r["background"]}
    graph = StoredGraph(conn, link, told)
    for r in told:
        if r["cell"] is None:
            continue
        mention = link_mention(r)
        for c in graph.candidates(r, graph.region(r, wide=False)[1]):
            if _matches(mention, c, link):
                retold[c["id"]] = c
    touched, new_group = _regroup(conn, graph, [r["event_id"] for r in told], link)
    touched |= _follow(conn, new_group)
    fresh = conn.execute(select(*LINK_COLUMNS).where(events.c.id.in_(sorted(retold)))).mappings()
    touched |= _reattach(conn, list(fresh), link)
    _rebuild(conn, touched)


def _matches(mention: Mention, row: Row, link: Linking) -> bool:
    return match(mention, link_mention(row), rules=link.rules, related=link.related) is not None


def unmerge_event(conn: Connection, event_id: str, link: Linking) -> tuple[str, ...]:
    """Take ``event_id`` out of its merged event; the groups of the event and its old partners."""
    row = conn.execute(
        select(*LINK_COLUMNS).where(events.c.event_id == event_id).order_by(events.c.id).limit(1)
    ).mappings().first()
    if row is None:
        raise StoreError(f"no stored event {event_id!r}; list them with `marsad events`")
    group = row["group_id"]
    others = [] if group is None else list(conn.execute(
        select(*LINK_COLUMNS).where(events.c.group_id == group, events.c.event_id != event_id)
    ).mappings())
    if not others:
        raise StoreError(f"event {event_id!r} is not merged with any other; nothing to undo")
    known = set(kept_apart(conn, [event_id]))
    pairs = [tuple(sorted((event_id, o["event_id"]))) for o in others]
    conn.execute(insert(link_splits), [
        {"event_a": a, "event_b": b, "at": link.now} for a, b in dict.fromkeys(pairs)
        if (a, b) not in known
    ])
    _log(conn, link, [{"action": "unmerge", "event_id": event_id, "group_id": group,
                       "other_event_id": None, "rule": "manual", "scores": {}}])
    touched: set[str] = {group}
    if row["background"]:
        touched |= _reattach(conn, [row], link)
    else:
        graph = StoredGraph(conn, link, [row, *others])
        dirty = [event_id, *(o["event_id"] for o in others if not o["background"])]
        more, new_group = _regroup(conn, graph, dirty, link)
        touched |= more | _follow(conn, new_group)
    _rebuild(conn, touched)
    ids = [event_id, *(o["event_id"] for o in others)]
    found = conn.execute(select(events.c.group_id).where(events.c.event_id.in_(ids)))
    return tuple(sorted({str(g) for (g,) in found if g is not None}))
