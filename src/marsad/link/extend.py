"""A situation extended by one report, without reading its earlier reports again.

:func:`marsad.link.situations.build_situation` derives a situation from all its mentions, which
for a siege told daily for years is thousands.  Most reports only add one more day to it: the
same kind, the same imposing actor, the same place, a day count that agrees with the start date.
:func:`extend` derives the situation from what is stored of it (:class:`Stored`) and the new
report's mentions in exactly those cases, and returns ``None`` whenever the new report could
change what the earlier reports decided (another kind or actor in the lead, a start date that
disagrees, a lifting older than the last report ...), so that the caller rebuilds it whole.
Either way the result is the one :func:`~marsad.link.situations.build_situation` gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from marsad.link.contradictions import LinkedContradiction
from marsad.link.rules import LinkRules
from marsad.link.situations import SituationMention, disagreements

__all__ = ["Extension", "Stored", "extend", "recited"]


@dataclass(frozen=True, slots=True)
class Stored:
    """What the store keeps of a situation, as :func:`build_situation` made it."""

    kind: str
    actor1: str | None
    actor2: str | None
    places: tuple[str, ...]  # place ids, best supported first
    start_date: date
    last_report_date: date
    day: int | None
    start_low: date | None
    start_high: date | None
    lifted_date: date | None
    dated_observed: bool  # whether a dated report gives or implies its start
    reference: tuple[date, str] | None  # (date, report) the start-date contradictions cite
    trailing: frozenset[str] = frozenset()  # other kinds that one more report leaves behind


@dataclass(frozen=True, slots=True)
class Extension:
    """The situation's new values (everything else stays as stored)."""

    status: str
    start_date: date
    last_report_date: date
    day: int | None
    start_low: date | None
    start_high: date | None
    lifted_date: date | None
    recite: bool = False  # a new report comes before the one cited: see :func:`recited`


def recited(
    sid: str, new: Sequence[SituationMention], disagreeing: Sequence[SituationMention],
    start: date, *, rules: LinkRules,
) -> tuple[LinkedContradiction, ...]:
    """The start-date contradictions when :attr:`Extension.recite`: those of the reports that
    disagreed already (``disagreeing``: their mentions), now against the new first report."""
    observed = [m for m in [*new, *disagreeing]
                if not m.background and m.dated and m.implied_start is not None]
    return disagreements(sid, observed, start, rules.start_tolerance_days)


def _lifted(stored: Stored, told: Sequence[SituationMention]) -> tuple[bool, date | None]:
    """(known, lifted date): ``known`` is False when the stored values cannot tell."""
    lifts = [m.report_date for m in told if m.lifts]
    going = [m.report_date for m in told if not m.lifts]
    if stored.lifted_date is not None:  # every earlier going report is on or before it
        top = max([stored.lifted_date, *lifts])
        return True, (top if all(g <= top for g in going) else None)
    if not lifts:
        return True, None
    top = max(lifts)
    if top < stored.last_report_date:  # an earlier report may still say it goes on
        return False, None
    return True, (top if all(g <= top for g in going) else None)


def extend(stored: Stored, new: Sequence[SituationMention]) -> Extension | None:
    """``stored`` with one report's mentions ``new`` added, or ``None``: rebuild it whole.

    The caller has checked that ``new`` belongs to this situation (one family of kinds,
    actors that fit) and that the situation's key does not change.
    """
    if not new or len({m.report_id for m in new}) != 1:
        return None
    told = [m for m in new if not m.background]
    for m in told:
        if m.kind.strip().lower() not in stored.trailing | {stored.kind}:
            return None
        if (m.actor1 is not None and m.actor1.id != stored.actor1) or (
            m.actor2 is not None and m.actor2.id != stored.actor2
        ):
            return None
        if m.place is not None and (not stored.places or m.place.id != stored.places[0]):
            return None
    if any(m.place is not None and m.place.id not in stored.places for m in new):
        return None
    known, lifted_date = _lifted(stored, told)
    if not known:
        return None
    last = max([stored.last_report_date, *(m.report_date for m in new)])
    observed = [m for m in told if m.implied_start is not None]
    start, low, high = stored.start_date, stored.start_low, stored.start_high
    recite = False
    if stored.start_low is None:  # no report gave a start yet: the first told report starts it
        if observed:
            return None
        start = min([start, *(m.report_date for m in told)])
    elif observed and stored.start_low is not None:
        if not stored.dated_observed or not all(m.dated for m in observed):
            return None
        if any(m.implied_start != stored.start_date for m in observed):
            return None  # another start date: the best-supported one may change
        first = min((m.report_date, m.report_id) for m in observed)
        recite = stored.reference is not None and first < stored.reference
        starts = [m.implied_start for m in observed if m.implied_start is not None]
        low = min([stored.start_low, *starts])
        high = max([stored.start_high or stored.start_low, *starts])
    day = None if low is None else ((lifted_date or last) - start).days + 1
    return Extension(
        status="lifted" if lifted_date is not None else "ongoing",
        start_date=start,
        last_report_date=last,
        day=day,
        start_low=low,
        start_high=high,
        lifted_date=lifted_date,
        recite=recite,
    )
