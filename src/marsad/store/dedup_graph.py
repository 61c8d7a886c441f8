"""The stored mentions as a graph: candidate lookups through the indexes, and regrouping's view.

Each stored mention (a row of ``events``) carries the days (``link_start``..``link_end``) and
the grid ``cell`` it is compared over; :func:`candidates_near` finds the mentions of the same
type, in the 3x3 cells around one, whose days overlap its days, through the
``(event_type, cell, span_class, link_start)`` index, never a scan.  :class:`StoredGraph` is
the :class:`marsad.link.leaders.Graph` that :func:`marsad.link.leaders.regroup` reads: neighbours
through that index, groups through the ``component`` column (each mention's group leader).
:mod:`marsad.store.linking` writes the groups.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CompoundSelect, Connection, bindparam, or_, select, union_all

from marsad.errors import StoreError
from marsad.link.dedup import Mention, Related, match
from marsad.link.rules import LinkRules
from marsad.store.schema import events, link_splits

__all__ = [
    "CELL_DEGREES",
    "CELL_REACH_KM",
    "LINK_COLUMNS",
    "Linking",
    "Row",
    "StoredGraph",
    "candidates_near",
    "cell_of",
    "kept_apart",
    "link_mention",
    "neighbour_cells",
    "span_class",
    "span_reach",
]

#: Size of the grid cells candidates are looked up in; radii must stay under about 40 km.
CELL_DEGREES = 0.5
#: How far around a mention the 3x3 cells centred on its cell always reach: one cell (0.5
#: degrees of longitude at 37.5 N, Syria's northern edge, is 44 km), less a margin.
CELL_REACH_KM = 40.0

Row = Mapping[Any, Any]

#: The columns linking reads (whole rows only when rebuilding merged events).
LINK_COLUMNS = tuple(events.c[name] for name in (
    "id", "report_id", "event_id", "event_type", "sub_event_type", "actor1_id", "actor2_id",
    "place_id", "latitude", "longitude", "geo_precision", "link_start", "link_end", "cell",
    "background", "component", "group_id", "attach_to",
))  # fmt: skip


@dataclass(frozen=True)
class Linking:
    """What linking needs besides the connection: the rules, actor relatedness and the time."""

    rules: LinkRules
    related: Related
    now: datetime


def cell_of(lat: float, lon: float, dlat: int = 0, dlon: int = 0) -> str:
    return f"{math.floor(lat / CELL_DEGREES) + dlat}:{math.floor(lon / CELL_DEGREES) + dlon}"


def neighbour_cells(cell: str) -> list[str]:
    y, x = (int(v) for v in cell.split(":"))
    return [f"{y + dy}:{x + dx}" for dy in (-1, 0, 1) for dx in (-1, 0, 1)]


def link_mention(row: Row) -> Mention:
    return Mention(
        event_id=row["event_id"], report_id=row["report_id"], event_type=row["event_type"],
        sub_event_type=row["sub_event_type"], actor1=row["actor1_id"], actor2=row["actor2_id"],
        place_id=row["place_id"], latitude=row["latitude"], longitude=row["longitude"],
        precision=row["geo_precision"], start=row["link_start"], end=row["link_end"],
        background=bool(row["background"]),
    )  # fmt: skip


def span_reach(rules: LinkRules) -> dict[int, int]:
    """Days an interval of each span class may reach back (see :func:`mention_columns`)."""
    return {0: 1, 1: max(1, rules.background_window_days), 2: rules.max_span_days}


def span_class(start: date, end: date, rules: LinkRules) -> int:
    days = (end - start).days
    return next(k for k, reach in sorted(span_reach(rules).items()) if days <= reach or k == 2)


@functools.cache
def _candidate_query(reach: tuple[tuple[int, int], ...]) -> CompoundSelect[Any]:
    """The candidate lookup, built once per rule set: one index range per span class."""
    parts = [
        select(*LINK_COLUMNS).where(
            events.c.event_type == bindparam("event_type"),
            events.c.cell.in_(bindparam("cells", expanding=True)),
            events.c.span_class == k,
            events.c.link_start.between(bindparam(f"low{k}"), bindparam("end")),
            events.c.link_end >= bindparam("start"),
            events.c.report_id != bindparam("report_id"),
        )
        for k, _days in reach
    ]
    return union_all(*parts)


def candidates_near(conn: Connection, row: Row, rules: LinkRules) -> tuple[list[Row], list[Row]]:
    """Mentions of the same type, in the 3x3 cells around ``row``, whose days overlap its days:
    (told, background).

    One index range per span class (a day, a fortnight, a month), so that the many one-day
    mentions are looked up over two days, not over the longest interval allowed.
    """
    if row["cell"] is None:
        return [], []
    start, end = row["link_start"], row["link_end"]
    reach = tuple(sorted(span_reach(rules).items()))
    params = {"event_type": row["event_type"], "cells": neighbour_cells(row["cell"]),
              "start": start, "end": end, "report_id": row["report_id"],
              **{f"low{k}": start - timedelta(days=days) for k, days in reach}}
    told: list[Row] = []
    retold: list[Row] = []
    for found in conn.execute(_candidate_query(reach), params).mappings():
        (retold if found["background"] else told).append(found)
    return told, retold


def kept_apart(conn: Connection, ids: Iterable[str]) -> list[tuple[str, str]]:
    wanted = sorted(set(ids))
    if not wanted:
        return []
    query = select(link_splits.c.event_a, link_splits.c.event_b).where(
        or_(link_splits.c.event_a.in_(wanted), link_splits.c.event_b.in_(wanted))
    )
    return [(str(a), str(b)) for a, b in conn.execute(query)]


class StoredGraph:
    """The stored mentions as a :class:`marsad.link.leaders.Graph`: neighbours through the
    candidate index, groups through the ``component`` column (each mention's group leader).

    Neighbours are found in *regions*: the candidates of a widened interval, read once through
    the index, so that re-deciding the mentions around a new one costs one lookup, not one each.
    """

    def __init__(self, conn: Connection, link: Linking, rows: Iterable[Row] = ()) -> None:
        self.conn, self.link = conn, link
        self.rows: dict[str, Row] = {r["event_id"]: r for r in rows}
        self.fresh = set(self.rows)  # the new report's: looked up over their own days first
        self._regions: list[tuple[str, str, date, date, list[Row], list[Row]]] = []
        self._members: dict[str, list[str]] = {}
        self._splits: bool | None = None
        self._scores: dict[tuple[str, str], float | None] = {}
        self._mentions: dict[str, Mention] = {}

    def _mention(self, row: Row) -> Mention:
        key = row["event_id"]
        if key not in self._mentions:
            self._mentions[key] = link_mention(row)
        return self._mentions[key]

    def _score(self, a: Row, b: Row) -> float | None:
        pair = (min(a["event_id"], b["event_id"]), max(a["event_id"], b["event_id"]))
        if pair not in self._scores:
            found = match(self._mention(a), self._mention(b), rules=self.link.rules,
                          related=self.link.related)
            self._scores[pair] = None if found is None else found.score
        return self._scores[pair]

    def row(self, key: str) -> Row:
        if key not in self.rows:
            found = self.conn.execute(select(*LINK_COLUMNS).where(events.c.event_id == key)
                                      .order_by(events.c.id).limit(1)).mappings().first()
            if found is None:
                raise StoreError(f"no stored event {key!r}")
            self.rows[key] = found
        return self.rows[key]

    def region(self, row: Row, *, wide: bool = True) -> tuple[list[Row], list[Row]]:
        """Told and background mentions that may be candidates of ``row`` and (``wide``) of
        mentions near it: days widened by twice the longest interval, so that re-deciding
        the mentions around a new one reads the index once."""
        start, end = row["link_start"], row["link_end"]
        for kind, cell, low, high, told, retold in self._regions:
            if (kind, cell) == (row["event_type"], row["cell"]) and low <= start and end <= high:
                return told, retold
        margin = timedelta(days=2 * max(1, self.link.rules.max_span_days) if wide else 0)
        span = {**row, "link_start": start - margin, "link_end": end + margin, "report_id": ""}
        told, retold = candidates_near(self.conn, span, self.link.rules)
        for r in told:
            self.rows.setdefault(r["event_id"], r)
        self._regions.append((row["event_type"], row["cell"], span["link_start"],
                              span["link_end"], told, retold))
        return told, retold

    def candidates(self, row: Row, rows: list[Row]) -> list[Row]:
        """Those of ``rows`` (a region) whose days overlap ``row``'s, in the cells around it,
        from other reports."""
        cells = set(neighbour_cells(row["cell"]))
        start, end = row["link_start"], row["link_end"]
        return [c for c in rows if c["link_start"] <= end and c["link_end"] >= start
                and c["cell"] in cells and c["report_id"] != row["report_id"]]

    def _apart(self, key: str) -> set[str]:
        if self._splits is None:
            self._splits = self.conn.execute(select(link_splits.c.event_a).limit(1)).first() \
                is not None
        if not self._splits:
            return set()
        return {b if a == key else a for a, b in kept_apart(self.conn, [key])}

    def neighbours(self, key: str) -> dict[str, float]:
        row = self.row(key)
        if row["place_id"] is None or row["background"] or row["cell"] is None:
            return {}
        apart = self._apart(key)
        out: dict[str, float] = {}
        for c in self.candidates(row, self.region(row, wide=key not in self.fresh)[0]):
            if c["place_id"] is None or c["event_id"] in apart:
                continue
            score = self._score(row, c)
            if score is not None:
                out[c["event_id"]] = score
        return out

    def leader(self, key: str) -> str | None:
        return cast(str | None, self.row(key)["component"])

    def members(self, leader: str) -> list[str]:
        if leader not in self._members:
            query = select(*LINK_COLUMNS).where(events.c.component == leader,
                                         events.c.background.is_(False))
            found = list(self.conn.execute(query).mappings())
            for r in found:
                self.rows.setdefault(r["event_id"], r)
            self._members[leader] = [r["event_id"] for r in found]
        return self._members[leader]
