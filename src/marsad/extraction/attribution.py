"""Who reported an event: "SOHR activists", "reliable sources", "local sources", ..."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.extraction.lexicon import Lexicon, lowered
from marsad.model import Span

__all__ = ["AttributionMention", "find_attributions"]


@dataclass(frozen=True, slots=True)
class AttributionMention:
    span: Span
    label: str


def find_attributions(text: str, lexicon: Lexicon) -> list[AttributionMention]:
    """Every attribution phrase in ``text``, in text order (on overlap, the leftmost wins)."""
    out: list[AttributionMention] = []
    for m in lexicon.attribution_regex.finditer(lowered(text)):
        group = m.lastgroup
        assert group is not None
        out.append(
            AttributionMention(Span(m.start(), m.end()), lexicon.attribution[int(group[1:])])
        )
    return out
