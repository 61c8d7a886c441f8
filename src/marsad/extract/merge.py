"""ACLED's rule: one event per (event type, place, day); the headline folds into the body.

Candidates with the same key merge; the best-supported actor wins (an explicit subject beats a
coreference, which beats a lexicon default).  A headline candidate joins the body's event with the
same key; one with no place, or only a governorate, that the body already reports more precisely
is dropped rather than counted twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from marsad.extract.candidates import PlaceLike
from marsad.extract.events import Candidate
from marsad.model import Contradiction, Span

__all__ = ["LooseDay", "Merged", "merge_candidates", "situation_contradictions"]

_HOW_RANK = {
    "title": 2,
    "between": 6,
    "passive": 6,
    "subject": 5,
    "sentence": 4,
    "coref": 3,
    "previous": 2,
    "default": 1,
    "none": 0,
}
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
    place = c.place.place.id if c.place is not None else None
    # strikes with different weapons (air, ground, IED) at one place are distinct happenings
    weapon = c.sub_event_type if c.event_type == "Explosions/Remote violence" else ""
    kind = f"{c.event_type}/{weapon}/{c.situation}"
    return kind, place, c.date.value if c.date is not None else None


def _is_admin(p: PlaceLike | None) -> bool:
    return p is not None and (p.place.feature in _ADMIN_FEATURES or p.geo_precision >= 3)


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
            continue  # "30 soldiers killed in Latakia": the headline's toll of a body event
        key = _key(c)
        if key in groups:
            groups[key].insert(0, c)
            continue
        same_type = [b for b in body if b.event_type == c.event_type and b.background is None]
        if same_type and (
            c.place is None
            or any(
                b.place is not None and b.place.place.admin1 == c.place.place.admin1
                for b in same_type
            )
        ):
            continue
        groups.setdefault(key, []).append(c)
    merged = [_merge(parts) for parts in groups.values()]
    merged = _drop_coarse(merged)
    merged.sort(key=lambda m: m.main.trigger.start)
    return merged


def _drop_coarse(merged: list[Merged]) -> list[Merged]:
    """ACLED codes the most specific place: a governorate-level event goes when the report gives
    the same type of event at a finer place in that governorate."""
    fine = {
        (m.main.event_type, m.main.place.place.admin1)
        for m in merged
        if m.main.place is not None
        and not _is_admin(m.main.place)
        and m.main.place_how != "section"
        and not m.background
    }
    return [
        m
        for m in merged
        if m.main.place is None
        or not (_is_admin(m.main.place) or m.main.place_how == "section")
        or (m.main.event_type, m.main.place.place.admin1) not in fine
    ]


def _merge(parts: list[Candidate]) -> Merged:
    live = [p for p in parts if p.background is None] or parts
    main = max(live, key=lambda p: (_HOW_RANK.get(p.actor1_how, 0), -p.trigger.start))
    first = live[0]
    # fields missing on the best-actor candidate come from the others, in text order
    for p in live:
        if main.actor2 is None and p.actor2 is not None:
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
