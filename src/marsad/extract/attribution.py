"""Who reported an event: "SOHR activists", "reliable sources", "local sources", ..."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.extract.lexicon import Lexicon, lowered
from marsad.model import Span

__all__ = ["AttributionMention", "find_attributions"]


@dataclass(frozen=True, slots=True)
class AttributionMention:
    span: Span
    label: str


def find_attributions(text: str, lexicon: Lexicon) -> list[AttributionMention]:
    """Every attribution phrase in ``text`` (first label in lexicon order wins on overlap)."""
    found: list[AttributionMention] = []
    low = lowered(text)
    for label, rx in lexicon.attribution:
        for m in rx.finditer(low):
            if not any(a.span.start < m.end() and m.start() < a.span.end for a in found):
                found.append(AttributionMention(Span(m.start(), m.end()), label))
    found.sort(key=lambda a: a.span.start)
    return found
