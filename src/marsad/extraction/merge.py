"""ACLED's rule: one event per (event type, place, day); the headline folds into the body.

Candidates with the same key merge; the best-supported actor wins (an explicit subject beats a
coreference, which beats a lexicon default).  Strikes with different weapons, or arrests and a
meeting, at one place stay apart; a siege told on several days is one event.  A headline
candidate joins the body's event with the same key; one with no place, or only a governorate,
that the body already reports more precisely is dropped rather than counted twice (its toll goes
to the body's event).  An event placed only by a governorate, its section header or the headline
goes when the report gives the same kind of event at a finer place.  Tolls that disagree for one
event, and day counts that disagree for one siege, are contradictions.

The place of the key is the site (:func:`~marsad.extraction.candidates.site_key`): quarters or
villages the gazetteer lacks, put at their city, are sites of their own.  The day is the date the
sentence gives, or in an undated report its relative day ("yesterday").  A headline names the
weapon loosely ("shelling" for the body's drone strike): any remote violence in the body at its
governorate takes it in; a headline does not make an event the body only retells news again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from marsad.extraction.candidates import PlaceLike, site_key, stands_in
from marsad.extraction.events import Candidate
from marsad.model import Contradiction, Span

__all__ = ["LooseDay", "Merged", "merge_candidates", "situation_contradictions"]

# How actor1 was found (see marsad.extraction.roles and events), most trusted first.
_HOW_RANK = {
    "between": 6,
    "passive": 6,
    "subject": 5,
    "sentence": 4,
    "coref": 3,
    "previous": 2,
    "title": 2,
    "report": 2,
    "default": 1,
    "none": 0,
}
# Places an event borrowed from its section header or the headline, not from its own sentence.
_BORROWED = frozenset({"section", "title"})
_ONE_HAPPENING = frozenset({"Battles", "Protests", "Riots"})
_ADMIN_FEATURES = frozenset({"country", "governorate", "district", "subdistrict", "region"})


@dataclass(frozen=True, slots=True)
class LooseDay:
    """A day count in a sentence with no event, with the actor and place ids that sentence names."""

    day: int
    span: Span
    actors: frozenset[str]
    places: frozenset[str]


@dataclass(slots=True)
class Merged:
    """One event's candidates; ``main`` carries its fields, ``parts`` all that support it."""

    main: Candidate
    parts: list[Candidate]
    contradictions: list[Contradiction]

    @property
    def background(self) -> bool:
        return all(p.background is not None for p in self.parts)


def _key(c: Candidate) -> tuple[str, str | None, date | None]:
    """(event type, place, day); an ongoing situation is its own happening at a place."""
    place = site_key(c.place) if c.place is not None else None
    # strikes with different weapons (air, ground, IED), or arrests and a meeting, at one place
    # are distinct happenings; a clash and the take-over it ends in are one
    sub = "" if c.event_type in _ONE_HAPPENING else c.sub_event_type
    kind = f"{c.event_type}/{sub}/{c.situation is not None}"  # a siege or blockade: one state
    told = c.date or c.day_mark  # an undated report's "yesterday" still tells two days apart
    day = told.value if told is not None and c.situation is None else None
    return kind, place, day  # a situation is one ongoing event, whatever day a sentence names


def _is_admin(p: PlaceLike | None) -> bool:
    """Placed only by a governorate or region (not a named place it stands in for)."""
    return (
        p is not None
        and not stands_in(p)
        and (p.place.feature in _ADMIN_FEATURES or p.geo_precision >= 3)
    )


def merge_candidates(cands: Sequence[Candidate]) -> list[Merged]:
    """Merge candidates into events, in text order of their first body mention."""
    body = [c for c in cands if not c.sentence.is_title]
    title = [c for c in cands if c.sentence.is_title]
    groups: dict[tuple[str, str | None, date | None], list[Candidate]] = {}
    for c in body:
        groups.setdefault(_key(c), []).append(c)
    news = [b for b in body if b.background is None]
    for c in title:
        if c.weak and news:
            _pass_toll(c, news)  # "30 soldiers killed in Latakia": the toll of a body event
            continue
        key = _key(c)
        if any(b.background is None for b in groups.get(key, ())):
            groups[key].insert(0, c)
            continue  # a retold event the headline names is not made news again
        # the headline names the weapon loosely ("Turkish shelling" for the body's drone strike)
        same_type = [b for b in body if _same_kind(b, c) and b.background is None]
        if same_type and (
            c.place is None
            or any(
                b.place is not None and b.place.place.admin1 == c.place.place.admin1
                for b in same_type
            )
        ):
            _pass_toll(c, same_type)
            continue
        if _retyped_in_body(c, news):
            continue
        if key in groups:
            groups[key].insert(0, c)
            continue
        groups.setdefault(key, []).append(c)
    merged = [_merge(parts) for parts in groups.values()]
    merged = _drop_coarse(merged)
    _share_imposers(merged)
    merged.sort(key=lambda m: m.main.trigger.start)
    return merged


def _same_kind(body: Candidate, title: Candidate) -> bool:
    """The same event type (any sub-event type of remote violence), both situations or neither."""
    if body.event_type != title.event_type or (body.situation is None) != (title.situation is None):
        return False
    return body.event_type in _LOOSE_TITLE or body.sub_event_type == title.sub_event_type


_REMOTE = "Explosions/Remote violence"
_LOOSE_TITLE = _ONE_HAPPENING | {_REMOTE}


def _retyped_in_body(title: Candidate, news: Sequence[Candidate]) -> bool:
    """A headline killing the body tells as a clash ("gunmen assassinate two officers" and, in
    the body, the officers' unit): the body's type stands, the headline adds no event."""
    if title.place is None or title.event_type != "Violence against civilians":
        return False
    return any(
        b.place is not None
        and b.event_type in _BODY_RETYPES
        and b.place.place.admin1 == title.place.place.admin1
        for b in news
    )


_BODY_RETYPES = frozenset({"Battles", "Violence against civilians"})


def _pass_toll(title: Candidate, body: Sequence[Candidate]) -> None:
    """A dropped headline's toll goes to the body's event at its place (or in its governorate)
    when the body gives that event none."""
    if title.killed is None:
        return
    where = title.place.place if title.place is not None else None
    ranked = sorted(
        (b for b in body if b.killed is None and b.place is not None),
        key=lambda b: (
            where is None or b.place is None or b.place.place.id != where.id,
            where is None or b.place is None or b.place.place.admin1 != where.admin1,
        ),
    )
    if ranked and (
        where is None or ranked[0].place is None or ranked[0].place.place.admin1 == where.admin1
    ):
        ranked[0].killed = title.killed


def _share_imposers(merged: list[Merged]) -> None:
    """ "Residents of the besieged square ...": a siege whose imposer its sentence does not name
    is the one the report names for the same kind of state elsewhere."""
    known = [m.main for m in merged if m.main.situation and m.main.actor1 is not None]
    for m in merged:
        c = m.main
        if c.situation and c.actor1 is None:
            same = [k for k in known if k.situation == c.situation] or known
            if same:
                c.actor1, c.actor1_span, c.actor1_how = (
                    same[0].actor1,
                    same[0].actor1_span,
                    "report",
                )
                if c.actor2 is None:
                    c.actor2, c.actor2_span = same[0].actor2, same[0].actor2_span


def _drop_coarse(merged: list[Merged]) -> list[Merged]:
    """ACLED codes the most specific place: an event placed only by a governorate (or by its
    section header or headline) goes when the report gives the same kind of event at a finer
    place (it is that event told in general)."""
    fine = {
        _key(m.main)[0]
        for m in merged
        if m.main.place is not None
        and not _is_admin(m.main.place)
        and not _borrowed(m)
        and not m.background
    }
    return [
        m
        for m in merged
        if m.main.place is None
        or not (_is_admin(m.main.place) or _borrowed(m))
        or _key(m.main)[0] not in fine
    ]


def _borrowed(m: Merged) -> bool:
    """Placed only by its section header or the headline: the main candidate, or every body
    candidate (a headline that names the same place adds no place of the body's own)."""
    if m.main.place_how in _BORROWED:
        return True
    body = [p for p in m.parts if not p.sentence.is_title and p.background is None]
    return bool(body) and all(p.place_how in _BORROWED for p in body)


def _merge(parts: list[Candidate]) -> Merged:
    live = [p for p in parts if p.background is None] or parts
    main = max(live, key=lambda p: (_HOW_RANK.get(p.actor1_how, 0), -p.trigger.start))
    first = live[0]
    # fields missing on the best-actor candidate come from the others, in text order
    # the body's own words first: a headline compresses ("closer to the Turkish point and ...")
    for p in sorted(live, key=lambda p: p.sentence.is_title):
        if (
            main.actor2 is None
            and p.actor2 is not None
            and (main.actor1 is None or p.actor2.id != main.actor1.id)
        ):
            main.actor2, main.actor2_span = p.actor2, p.actor2_span
        if main.date is None and p.date is not None:
            main.date = p.date
        if main.duration is None and p.duration is not None:
            main.duration = p.duration
        if main.attribution is None and p.attribution is not None:
            main.attribution = p.attribution
        if main.injured is None and p.injured is not None:
            main.injured = p.injured
    if first.duration is not None:
        main.duration = first.duration
    if first.situation is not None:
        main.situation = first.situation  # the kind the report names first
    main.implied_deaths = max(p.implied_deaths for p in live)
    tolls = [p.killed for p in live if p.killed is not None] + [x for p in live for x in p.extra]
    contradictions: list[Contradiction] = []
    if tolls:
        updates = [t for t in tolls if t.update]
        body = [p.killed for p in live if p.killed is not None and not p.sentence.is_title]
        # a toll update wins; else the body's figure (the headline rounds or sums); else the largest
        chosen = updates[-1] if updates else (body[0] if body else max(tolls, key=lambda t: t.best))
        main.killed = chosen
        plain = [t for t in tolls if not t.update]
        values = sorted({t.best for t in plain})
        if len(values) > 1 and not updates:
            contradictions.append(
                Contradiction(
                    field="fatalities",
                    values=tuple(values),
                    evidence=tuple(t.span for t in plain),
                    subject=_subject(main),
                )
            )
    return Merged(main, parts, contradictions)


def _subject(c: Candidate) -> str:
    where = c.place.place.name if c.place is not None else "unknown place"
    return f"{c.event_type}/{c.sub_event_type} at {where}"


def situation_contradictions(
    merged: Sequence[Merged],
    loose_days: Sequence[LooseDay],
) -> list[Contradiction]:
    """Different day counts for one situation inside the report.

    ``loose_days``: day counts in sentences with no event of their own; such a count belongs to a
    situation whose imposer or place its sentence names.
    """
    out: list[Contradiction] = []
    seen: set[tuple[str, str | None]] = set()
    for m in merged:
        c = m.main
        if c.situation is None or m.background:
            continue
        ident = (c.situation, c.actor1.id if c.actor1 else None)
        if ident in seen:
            continue
        seen.add(ident)
        same = [
            x
            for x in merged
            if x.main.situation == c.situation
            and not x.background
            and (x.main.actor1.id if x.main.actor1 else None) == ident[1]
        ]
        places = {x.main.place.place.id for x in same if x.main.place is not None}
        days: list[tuple[int, Span]] = []
        for x in same:
            for p in x.parts:
                if p.duration is not None and p.background is None:
                    days.append((p.duration.day, p.duration.span))
        for loose in loose_days:
            if (ident[1] is not None and ident[1] in loose.actors) or (places & loose.places):
                days.append((loose.day, loose.span))
        values = sorted({d for d, _ in days}, reverse=True)
        if len(values) > 1:
            spans = []
            for v in values:
                spans.append(next(s for d, s in days if d == v))
            out.append(
                Contradiction(
                    field="situation.day",
                    values=tuple(values),
                    evidence=tuple(spans),
                    subject=f"{c.situation} by {c.actor1.name if c.actor1 else 'unknown'}",
                )
            )
    return out
