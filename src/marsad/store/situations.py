"""Situations in the database: relinked inside a report's transaction, read with their evidence.

The rules are :mod:`marsad.link.situations`; this module finds the block of situation mentions
a new report touches (through the ``(link_kind, place_id, report_date)`` index and the
report itself), regroups it, and rewrites the situations of that block.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, update

from marsad.link.cluster import components
from marsad.link.contradictions import LinkedContradiction
from marsad.link.extend import Stored, extend, recited
from marsad.link.rules import LinkRules
from marsad.link.situations import (
    SituationBuild,
    SituationMention,
    SituationTimeline,
    build_situation,
    current_status,
    group_situations,
    situation_edges,
)
from marsad.model import Contradiction, Place, Situation, Span
from marsad.store.convert import (
    actor_columns,
    actor_from,
    contradiction_from_row,
    place_json,
    situation_from_row,
)
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

__all__ = ["link_report_situations", "read_situation", "read_timeline"]

#: The component label prefix of a component that is a single situation.
ONE = "one:"

Row = Mapping[Any, Any]


def _kinds(rules: LinkRules, kind: str) -> list[str]:
    family = rules.family(kind)
    for members in rules.kind_families:
        if family in members:
            return sorted(members)
    return [kind.strip().lower(), kind]


#: The columns a situation mention is read from (not the whole event: a siege has thousands).
_SITUATION = tuple(events.c[name] for name in (
    "id", "event_id", "report_id", "report_date", "link_kind", "lifts", "background",
    "evidence", "situation_kind", "situation_day", "situation_start_date", "situation_id",
    "situation_component", "group_id", "place_id", "place_name", "latitude", "longitude",
    "feature", "admin1", "admin2", "admin3", "country", "iso3", "population", "name_ar",
    *(f"{a}_{c}" for a in ("actor1", "actor2") for c in ("id", "name", "inter", "parent")),
))  # fmt: skip


def _rows(conn: Connection, *conditions: Any) -> list[Row]:
    query = (
        select(*_SITUATION, reports.c.published.label("report_published"))
        .join(reports, reports.c.report_id == events.c.report_id)
        .where(events.c.link_kind.is_not(None), *conditions)
    )
    return list(conn.execute(query).mappings())


def _mention(row: Row, text: str = "") -> SituationMention:
    """A situation mention; an event that only says a situation ended (an agreement to lift
    the siege) names no one who imposes it.  Read from the columns it needs, not the whole
    event (a long siege has thousands)."""
    spans = row["evidence"]
    evidence = Span(*spans.get("situation", spans["event"]))
    sentence = Span(*spans["sentence"]) if "sentence" in spans else evidence
    ref = row["situation_kind"] is not None
    place = None
    if row["place_id"] is not None:
        place = Place(id=row["place_id"], name=row["place_name"], latitude=row["latitude"],
                      longitude=row["longitude"], feature=row["feature"], admin1=row["admin1"],
                      admin2=row["admin2"], admin3=row["admin3"], country=row["country"],
                      iso3=row["iso3"], population=row["population"], name_ar=row["name_ar"])
    return SituationMention(
        event_id=row["event_id"], report_id=row["report_id"], kind=row["link_kind"],
        report_date=row["report_date"], dated=row["report_published"] is not None,
        actor1=actor_from(row, "actor1") if ref else None,
        actor2=actor_from(row, "actor2") if ref else None,
        place=place, day=row["situation_day"] if ref else None,
        start=row["situation_start_date"] if ref else None, lifts=bool(row["lifts"]),
        background=bool(row["background"]), evidence=evidence,
        said=" ".join(sentence.text(text).split()) if text else "",
    )  # fmt: skip


def link_report_situations(
    conn: Connection, report_id: str, link: Linking, *, alone: bool = False
) -> None:
    """Relink the situations a just-inserted report's mentions touch (caller's transaction).

    ``alone``: the report's mentions form situations of their own, and get no component label,
    so that no later report's block ever reaches them.
    """
    new = _rows(conn, events.c.report_id == report_id)
    if not new:
        return
    if alone:
        _relink(conn, new, link, labelled=False)
        return
    gap = timedelta(days=link.rules.situation_gap_days)
    touched: set[str] = set()
    near: dict[int, list[Row]] = {}
    for r in new:
        if r["place_id"] is None:
            continue
        query = select(events.c.event_id, events.c.situation_id, events.c.situation_component,
                       events.c.background).where(
            events.c.link_kind.in_(_kinds(link.rules, r["link_kind"])),
            events.c.place_id == r["place_id"],
            events.c.report_date.between(r["report_date"] - gap, r["report_date"] + gap),
            events.c.report_id != report_id,
            events.c.situation_component.is_not(None),
        )
        near[r["id"]] = list(conn.execute(query).mappings())
        touched.update(str(c["situation_component"]) for c in near[r["id"]])
    if _extend(conn, new, near, link):
        return
    block = {r["id"]: r for r in new}
    if touched:
        block.update((r["id"], r) for r in _rows(
            conn, events.c.situation_component.in_(sorted(touched))))
    _relink(conn, list(block.values()), link)


def _extend(conn: Connection, new: Sequence[Row], near: Mapping[int, list[Row]],
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
    mentions = [_mention(r) for r in new]
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
        everything = [*(_mention(r) for r in _rows(conn, events.c.situation_id == sid)),
                      *mentions]
        built = build_situation(everything, rules=link.rules)
        if built is None or built.situation.id != sid:
            return False
        conn.execute(update(situations).where(situations.c.id == sid).values(
            key=min([row["key"], *(m.event_id for m in mentions)]), **_columns(built)))
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


def _columns(built: SituationBuild) -> dict[str, Any]:
    """A built situation's columns, but its id and key."""
    s = built.situation
    return {
        "kind": s.kind, "status": s.status, "start_date": s.start_date,
        "last_report_date": s.last_report_date, "day": s.day,
        **actor_columns("actor1", s.actor1), **actor_columns("actor2", s.actor2),
        "places": [place_json(p) for p in s.places], "start_low": built.start_low,
        "start_high": built.start_high, "lifted_date": built.lifted_date,
    }  # fmt: skip


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


def _relink(conn: Connection, block: Sequence[Row], link: Linking, *, labelled: bool = True
            ) -> None:
    mentions = [_mention(r) for r in block]
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
        new_rows.append({"id": s.id, "key": key, **_columns(built)})
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
    members = _rows(conn, events.c.situation_id == sid)
    texts = {
        str(rid): str(text) for rid, text in conn.execute(
            select(reports.c.report_id, reports.c.text)
            .where(reports.c.report_id.in_(sorted({r["report_id"] for r in members})))
        )
    }
    built = build_situation([_mention(r, texts.get(r["report_id"], "")) for r in members],
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
