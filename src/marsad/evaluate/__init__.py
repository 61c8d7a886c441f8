"""Score event extraction against hand-coded gold reports (``marsad eval``).

::

    from marsad.evaluate import evaluate, load_gold, to_json
    result = evaluate(load_gold(Path("gold.jsonl")), my_extractor)
    to_json(result)["metrics"]["events_f1"]

Each gold report becomes a :class:`~marsad.model.Report` (``report_id`` = the id as a string,
``text``, ``title`` = first non-empty line, ``url``, ``published``) and is given to the extractor.
Background predictions (``Event.background``) are dropped; the rest are put in text order (by the
start of their ``event`` evidence).

**Matching.**  Each gold event (in the gold file's order) pairs with the first still-unpaired
predicted event of the same ``event_type`` at the same place.  Same place: where the gold event has
``lat``/``lon``, the predicted location lies within 10 km of it (a prediction without a location
never matches); otherwise the predicted place's ``name`` (or ``name_ar``) equals ``place`` or one
of ``place_alt`` after ``marsad.resolve.names.normalize_name``.

**Figures** (pooled over all reports):

* ``events_precision`` = matched pairs / predicted non-background events;
  ``events_recall`` = matched pairs / gold events; ``events_f1`` their harmonic mean.
* ``headline_event_type`` = share of reports with at least one gold event whose *first* gold
  event's type is among the types of that report's predicted events.
* ``sub_event_type`` = share of matched pairs with the same ``sub_event_type``.
* ``actor1`` / ``actor2`` = share of matched pairs whose predicted actor is acceptable: its
  lowercased name, its id or one of its registry aliases is in the gold list; a gold null is
  right only when nothing was predicted.
* ``place`` = share of *all* gold events for which some predicted event, of any type, lies at
  that place (same place test as matching).
* ``event_date`` = share of matched pairs whose gold event has an ``event_date`` where the
  predicted ``event_date`` is that day.
* ``fatalities`` = share of matched pairs where the predicted ``fatalities.best`` equals the gold.
* The confusion table counts (gold sub-event type, predicted sub-event type) over matched pairs;
  the ten worst reports are those with the lowest F1 (ties: most errors first).
"""

from __future__ import annotations

from marsad.evaluate.gold import GoldEvent, GoldReport, GoldSituation, load_gold
from marsad.evaluate.matching import MAX_KM, fallback_name_key, haversine_km
from marsad.evaluate.render import format_table, to_json
from marsad.evaluate.scoring import (
    METRICS,
    ConfusionCell,
    EvalResult,
    Extractor,
    Ratio,
    ReportScore,
    evaluate,
)

__all__ = [
    "MAX_KM",
    "METRICS",
    "ConfusionCell",
    "EvalResult",
    "Extractor",
    "GoldEvent",
    "GoldReport",
    "GoldSituation",
    "Ratio",
    "ReportScore",
    "evaluate",
    "fallback_name_key",
    "format_table",
    "haversine_km",
    "load_gold",
    "to_json",
]
