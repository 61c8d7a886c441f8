"""Situation mentions as stored: the columns they are read from, and a built situation's row.

Shared by :mod:`marsad.store.situations` (relinking a block) and
:mod:`marsad.store.situation_extend` (the fast path that extends one situation in place).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from marsad.link.rules import LinkRules
from marsad.link.situations import SituationBuild, SituationMention
from marsad.model import Place, Span
from marsad.store.convert import actor_columns, actor_from, place_json
from marsad.store.schema import events, reports

__all__ = [
    "ONE",
    "SITUATION_COLUMNS",
    "Row",
    "kinds_of",
    "situation_columns",
    "situation_mention",
    "situation_rows",
]

#: The component label prefix of a component that is a single situation.
ONE = "one:"

Row = Mapping[Any, Any]


def kinds_of(rules: LinkRules, kind: str) -> list[str]:
    family = rules.family(kind)
    for members in rules.kind_families:
        if family in members:
            return sorted(members)
    return [kind.strip().lower(), kind]


#: The columns a situation mention is read from (not the whole event: a siege has thousands).
SITUATION_COLUMNS = tuple(events.c[name] for name in (
    "id", "event_id", "report_id", "report_date", "link_kind", "lifts", "background",
    "evidence", "situation_kind", "situation_day", "situation_start_date", "situation_id",
    "situation_component", "group_id", "place_id", "place_name", "latitude", "longitude", "cell",
    "feature", "admin1", "admin2", "admin3", "country", "iso3", "population", "name_ar",
    *(f"{a}_{c}" for a in ("actor1", "actor2") for c in ("id", "name", "inter", "parent")),
))  # fmt: skip


def situation_rows(conn: Connection, *conditions: Any) -> list[Row]:
    query = (
        select(*SITUATION_COLUMNS, reports.c.published.label("report_published"))
        .join(reports, reports.c.report_id == events.c.report_id)
        .where(events.c.link_kind.is_not(None), *conditions)
    )
    return list(conn.execute(query).mappings())


def situation_mention(row: Row, text: str = "") -> SituationMention:
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


def situation_columns(built: SituationBuild) -> dict[str, Any]:
    """A built situation's columns, but its id and key."""
    s = built.situation
    return {
        "kind": s.kind, "status": s.status, "start_date": s.start_date,
        "last_report_date": s.last_report_date, "day": s.day,
        **actor_columns("actor1", s.actor1), **actor_columns("actor2", s.actor2),
        "places": [place_json(p) for p in s.places], "start_low": built.start_low,
        "start_high": built.start_high, "lifted_date": built.lifted_date,
    }  # fmt: skip
