"""Score an extractor against gold reports: :func:`evaluate` returns an :class:`EvalResult`.

Every figure is a :class:`Ratio` (hits over a total), pooled over all reports (micro average).
The exact definitions are in the docstring of :mod:`marsad.evaluate` and in
``docs/evaluation.md``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from marsad.evaluate.gold import GoldEvent, GoldReport
from marsad.evaluate.matching import (
    ActorNames,
    NameKey,
    PlaceNames,
    actor_matches,
    default_actor_names,
    default_name_key,
    default_place_names,
    pair_events,
    place_matches,
    place_surface,
    predicted_in_text_order,
)
from marsad.model import Event, Extraction, Report

__all__ = [
    "METRICS",
    "ConfusionCell",
    "EvalResult",
    "Extractor",
    "Ratio",
    "ReportScore",
    "evaluate",
    "f1_score",
]

Extractor = Callable[[Report], Extraction]

METRICS: tuple[str, ...] = (
    "events_precision",
    "events_recall",
    "events_f1",
    "headline_event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "place",
    "event_date",
    "fatalities",
)
"""The names of the headline figures, as :meth:`EvalResult.metrics` and the floors file use them."""


@dataclass(frozen=True, slots=True)
class Ratio:
    """``hits`` out of ``total``; ``value`` is None when there is nothing to measure."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)


def f1_score(precision: Ratio, recall: Ratio) -> float | None:
    """F1 = 2 * matched / (gold + predicted), the harmonic mean of precision and recall.

    ``precision`` is matched/predicted and ``recall`` matched/gold (same ``hits``).  Defined
    whenever anything was predicted or expected (nothing predicted for some gold gives 0.0);
    None when both are empty.
    """
    total = precision.total + recall.total
    return 2 * precision.hits / total if total else None


@dataclass(frozen=True, slots=True)
class ReportScore:
    """How one report fared: counts, and what was missed or spurious (``type @ place``)."""

    report_id: str
    gold: int
    predicted: int
    matched: int
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()
    error: str | None = None

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (0.0 if self.gold else 1.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (0.0 if self.predicted else 1.0)

    @property
    def f1(self) -> float:
        total = self.gold + self.predicted
        return 2 * self.matched / total if total else 1.0

    @property
    def errors(self) -> int:
        """Missed gold events plus spurious predictions."""
        return self.gold + self.predicted - 2 * self.matched


@dataclass(frozen=True, slots=True)
class ConfusionCell:
    gold: str
    predicted: str
    count: int


@dataclass(frozen=True, slots=True)
class EvalResult:
    """All figures of one evaluation run."""

    reports: tuple[ReportScore, ...]
    precision: Ratio
    recall: Ratio
    headline: Ratio
    sub_event_type: Ratio
    actor1: Ratio
    actor2: Ratio
    place: Ratio
    event_date: Ratio
    fatalities: Ratio
    confusion: tuple[ConfusionCell, ...] = ()
    seconds: float = 0.0
    by_type: tuple[tuple[str, Ratio, Ratio], ...] = field(default=())

    @property
    def f1(self) -> float | None:
        return f1_score(self.precision, self.recall)

    @property
    def failures(self) -> tuple[ReportScore, ...]:
        """Reports on which the extractor raised."""
        return tuple(r for r in self.reports if r.error is not None)

    def worst(self, n: int = 10) -> tuple[ReportScore, ...]:
        """The ``n`` reports with the lowest F1 (then the most errors, then by id)."""
        ranked = sorted(self.reports, key=lambda r: (r.f1, -r.errors, r.report_id))
        return tuple(r for r in ranked if r.errors or r.error)[:n]

    def metrics(self) -> dict[str, float | None]:
        """The headline figures by name (see :data:`METRICS`); None where unmeasurable."""
        return {
            "events_precision": self.precision.value,
            "events_recall": self.recall.value,
            "events_f1": self.f1,
            "headline_event_type": self.headline.value,
            "sub_event_type": self.sub_event_type.value,
            "actor1": self.actor1.value,
            "actor2": self.actor2.value,
            "place": self.place.value,
            "event_date": self.event_date.value,
            "fatalities": self.fatalities.value,
        }


def _describe_gold(event: GoldEvent) -> str:
    return f"{event.sub_event_type} @ {event.place}"


def _describe_predicted(event: Event) -> str:
    where = event.location.place.name if event.location is not None else "?"
    return f"{event.sub_event_type} @ {where}"


@dataclass(slots=True)
class _Tally:
    """Mutable counters used only inside :func:`evaluate`."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    headline: Ratio = field(default_factory=Ratio)
    sub_event_type: Ratio = field(default_factory=Ratio)
    actor1: Ratio = field(default_factory=Ratio)
    actor2: Ratio = field(default_factory=Ratio)
    place: Ratio = field(default_factory=Ratio)
    event_date: Ratio = field(default_factory=Ratio)
    fatalities: Ratio = field(default_factory=Ratio)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    type_gold: Counter[str] = field(default_factory=Counter)
    type_predicted: Counter[str] = field(default_factory=Counter)
    type_matched: Counter[str] = field(default_factory=Counter)


def _hit(condition: bool) -> Ratio:
    return Ratio(1 if condition else 0, 1)


def _score_report(
    gold: GoldReport,
    predicted: list[Event],
    tally: _Tally,
    *,
    name_key: NameKey,
    actor_names: ActorNames,
    place_names: PlaceNames,
) -> ReportScore:
    pairs = pair_events(gold.events, predicted, name_key=name_key, text=gold.text,
                        place_names=place_names)
    tally.gold += len(gold.events)
    tally.predicted += len(predicted)
    tally.matched += len(pairs)
    tally.type_gold.update(e.event_type for e in gold.events)
    tally.type_predicted.update(e.event_type for e in predicted)
    if gold.events:
        types = {e.event_type for e in predicted}
        tally.headline += _hit(gold.events[0].event_type in types)
    for g_event in gold.events:
        found = any(
            place_matches(
                g_event,
                p.location.place if p.location is not None else None,
                name_key=name_key,
                surface=place_surface(p, gold.text),
                place_names=place_names,
            )
            for p in predicted
        )
        tally.place += _hit(found)
    for g_index, p_index in pairs:
        g, p = gold.events[g_index], predicted[p_index]
        tally.type_matched[g.event_type] += 1
        tally.sub_event_type += _hit(g.sub_event_type == p.sub_event_type)
        tally.confusion[(g.sub_event_type, p.sub_event_type)] += 1
        tally.actor1 += _hit(actor_matches(g.actor1, p.actor1, actor_names=actor_names))
        tally.actor2 += _hit(actor_matches(g.actor2, p.actor2, actor_names=actor_names))
        if g.event_date is not None:
            tally.event_date += _hit(p.event_date == g.event_date)
        tally.fatalities += _hit(p.fatalities.best == g.fatalities)
    paired_gold = {g for g, _ in pairs}
    paired_predicted = {p for _, p in pairs}
    return ReportScore(
        report_id=gold.id,
        gold=len(gold.events),
        predicted=len(predicted),
        matched=len(pairs),
        missed=tuple(_describe_gold(e) for i, e in enumerate(gold.events) if i not in paired_gold),
        spurious=tuple(
            _describe_predicted(e) for i, e in enumerate(predicted) if i not in paired_predicted
        ),
    )


def evaluate(
    gold: Sequence[GoldReport],
    extractor: Extractor,
    *,
    name_key: NameKey | None = None,
    actor_names: ActorNames | None = None,
    place_names: PlaceNames | None = None,
    strict: bool = False,
) -> EvalResult:
    """Run ``extractor`` on each gold report and score its events against the gold events.

    ``name_key`` normalises place names (default: ``marsad.resolve.names.normalize_name``) and
    ``actor_names`` lists the names a predicted actor answers to (default: name, id and registry
    aliases) and ``place_names`` the other names of a predicted place (default: its gazetteer
    names).  An extractor that raises on a report scores that report as predicting nothing
    and the error is kept in :attr:`ReportScore.error`; with ``strict=True`` it propagates.
    """
    key = name_key or default_name_key
    names = actor_names or default_actor_names
    tally = _Tally()
    scores: list[ReportScore] = []
    started = time.perf_counter()
    for report in gold:
        error: str | None = None
        try:
            predicted = predicted_in_text_order(extractor(report.to_report()).events)
        except Exception as exc:
            if strict:
                raise
            predicted, error = [], f"{type(exc).__name__}: {exc}"
        score = _score_report(report, predicted, tally, name_key=key, actor_names=names,
                              place_names=place_names or default_place_names)
        if error is not None:
            score = ReportScore(score.report_id, score.gold, 0, 0, missed=score.missed, error=error)
        scores.append(score)
    elapsed = time.perf_counter() - started
    types = sorted(set(tally.type_gold) | set(tally.type_predicted))
    by_type = tuple(
        (
            t,
            Ratio(tally.type_matched[t], tally.type_predicted[t]),
            Ratio(tally.type_matched[t], tally.type_gold[t]),
        )
        for t in types
    )
    confusion = tuple(
        ConfusionCell(g, p, n)
        for (g, p), n in sorted(tally.confusion.items(), key=lambda item: (-item[1], item[0]))
    )
    return EvalResult(
        reports=tuple(scores),
        precision=Ratio(tally.matched, tally.predicted),
        recall=Ratio(tally.matched, tally.gold),
        headline=tally.headline,
        sub_event_type=tally.sub_event_type,
        actor1=tally.actor1,
        actor2=tally.actor2,
        place=tally.place,
        event_date=tally.event_date,
        fatalities=tally.fatalities,
        confusion=confusion,
        seconds=elapsed,
        by_type=by_type,
    )
