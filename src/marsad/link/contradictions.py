"""Contradictions between reports: two sources giving different values for one thing.

Unlike :class:`marsad.model.Contradiction` (found inside one report, so its spans need no
report), each value here carries the report it came from.

>>> from marsad.model import Span
>>> said = [Said("r1", Span(0, 4), 3), Said("r2", Span(9, 12), 5), Said("r3", Span(1, 2), 5)]
>>> found = disagreement("fatalities", "e1", said)
>>> found.values, found.reports
((3, 5), ('r1', 'r2'))
>>> disagreement("fatalities", "e1", said[1:]) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from marsad.model import Contradiction, Span

__all__ = ["LinkedContradiction", "Said", "disagreement"]


@dataclass(frozen=True, slots=True)
class Said:
    """One report's value for a field, with the span of its text that gives it."""

    report_id: str
    span: Span
    value: str | int


@dataclass(frozen=True, slots=True)
class LinkedContradiction:
    """Different values for one field of one event or situation (``subject``), across reports.

    ``values[i]`` was said in report ``reports[i]`` at ``evidence[i]``.
    """

    field: str
    subject: str
    values: tuple[str | int, ...]
    reports: tuple[str, ...]
    evidence: tuple[Span, ...]

    def as_contradiction(self) -> Contradiction:
        """The model's record, each evidence span with the report it is in."""
        return Contradiction(field=self.field, values=self.values, evidence=self.evidence,
                             subject=self.subject, report_ids=self.reports)


def disagreement(field: str, subject: str, said: Iterable[Said]) -> LinkedContradiction | None:
    """The distinct values in ``said`` (first saying of each, in the order given), if several."""
    first: dict[str | int, Said] = {}
    for item in said:
        first.setdefault(item.value, item)
    if len(first) < 2:
        return None
    items = list(first.values())
    return LinkedContradiction(
        field=field,
        subject=subject,
        values=tuple(s.value for s in items),
        reports=tuple(s.report_id for s in items),
        evidence=tuple(s.span for s in items),
    )
