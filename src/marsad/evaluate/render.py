"""Present an :class:`~marsad.evaluate.scoring.EvalResult`: rich tables or a JSON-ready dict."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table

from marsad.evaluate.scoring import EvalResult, Ratio, ReportScore, f1_score

__all__ = ["format_table", "to_json"]

_LABELS: tuple[tuple[str, str], ...] = (
    ("headline_event_type", "headline event type found"),
    ("sub_event_type", "sub-event type (matched pairs)"),
    ("actor1", "actor1 (matched pairs)"),
    ("actor2", "actor2 (matched pairs)"),
    ("place", "place found (all gold events)"),
    ("event_date", "event date (matched pairs with a gold date)"),
    ("fatalities", "fatalities (matched pairs)"),
)


def _ratios(result: EvalResult) -> dict[str, Ratio]:
    return {
        "headline_event_type": result.headline,
        "sub_event_type": result.sub_event_type,
        "actor1": result.actor1,
        "actor2": result.actor2,
        "place": result.place,
        "event_date": result.event_date,
        "fatalities": result.fatalities,
    }


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _ratio_json(ratio: Ratio) -> dict[str, Any]:
    return {"value": ratio.value, "hits": ratio.hits, "total": ratio.total}


def _report_json(score: ReportScore) -> dict[str, Any]:
    return {
        "report_id": score.report_id,
        "gold": score.gold,
        "predicted": score.predicted,
        "matched": score.matched,
        "precision": score.precision,
        "recall": score.recall,
        "f1": score.f1,
        "missed": list(score.missed),
        "spurious": list(score.spurious),
        "error": score.error,
    }


def to_json(result: EvalResult) -> dict[str, Any]:
    """A JSON-ready dict: ``metrics`` (flat figures), ``events``, ``accuracy`` (hits/total),
    ``by_event_type``, ``confusion``, ``worst`` (ten reports), ``reports`` (all), ``failures``."""
    return {
        "metrics": result.metrics(),
        "events": {
            "gold": result.recall.total,
            "predicted": result.precision.total,
            "matched": result.precision.hits,
            "precision": result.precision.value,
            "recall": result.recall.value,
            "f1": result.f1,
        },
        "accuracy": {name: _ratio_json(ratio) for name, ratio in _ratios(result).items()},
        "by_event_type": [
            {
                "event_type": name,
                "gold": recall.total,
                "predicted": precision.total,
                "matched": precision.hits,
                "precision": precision.value,
                "recall": recall.value,
                "f1": f1_score(precision, recall),
            }
            for name, precision, recall in result.by_type
        ],
        "confusion": [
            {"gold": c.gold, "predicted": c.predicted, "count": c.count} for c in result.confusion
        ],
        "worst": [_report_json(r) for r in result.worst(10)],
        "reports": [_report_json(r) for r in result.reports],
        "failures": [{"report_id": r.report_id, "error": r.error} for r in result.failures],
        "seconds": result.seconds,
    }


def _summary_table(result: EvalResult) -> Table:
    table = Table(title=f"Events found ({len(result.reports)} reports)")
    for column in ("gold", "predicted", "matched", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    table.add_row(
        str(result.recall.total),
        str(result.precision.total),
        str(result.precision.hits),
        _fmt(result.precision.value),
        _fmt(result.recall.value),
        _fmt(result.f1),
    )
    return table


def _accuracy_table(result: EvalResult) -> Table:
    table = Table(title="Accuracy")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("hits / total", justify="right")
    ratios = _ratios(result)
    for name, label in _LABELS:
        ratio = ratios[name]
        table.add_row(label, _fmt(ratio.value), f"{ratio.hits} / {ratio.total}")
    return table


def _type_table(result: EvalResult) -> Table:
    table = Table(title="By event type")
    for column in ("event type", "gold", "predicted", "matched", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "event type" else "right")
    for name, precision, recall in result.by_type:
        table.add_row(
            name,
            str(recall.total),
            str(precision.total),
            str(precision.hits),
            _fmt(precision.value),
            _fmt(recall.value),
            _fmt(f1_score(precision, recall)),
        )
    return table


def _confusion_table(result: EvalResult) -> Table:
    table = Table(title="Sub-event types on matched pairs (gold -> predicted)")
    table.add_column("gold")
    table.add_column("predicted")
    table.add_column("count", justify="right")
    for cell in result.confusion:
        style = None if cell.gold == cell.predicted else "red"
        table.add_row(cell.gold, cell.predicted, str(cell.count), style=style)
    return table


def _worst_table(result: EvalResult) -> Table:
    table = Table(title="Ten worst reports")
    table.add_column("report", overflow="fold", min_width=8)
    for column in ("gold", "pred", "matched", "F1"):
        table.add_column(column, justify="right")
    table.add_column("missed (-) / spurious (+)", ratio=1)
    for score in result.worst(10):
        detail = score.error or "; ".join(
            [*(f"- {m}" for m in score.missed[:3]), *(f"+ {s}" for s in score.spurious[:3])]
        )
        table.add_row(
            score.report_id,
            str(score.gold),
            str(score.predicted),
            str(score.matched),
            _fmt(score.f1),
            detail,
        )
    return table


def format_table(result: EvalResult) -> Group:
    """Rich tables: events found, accuracies, per type, sub-type confusion, ten worst reports."""
    parts: list[Table] = [
        _summary_table(result),
        _accuracy_table(result),
        _type_table(result),
        _confusion_table(result),
        _worst_table(result),
    ]
    return Group(*parts)
