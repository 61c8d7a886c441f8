"""The two sides a fight names: "clashes between X and Y", "clashes ... in the city between X
against Y" (a supporter joined by "backed by" is no side)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from marsad.model import Span

if TYPE_CHECKING:
    from marsad.extraction.roles import MentionLike

__all__ = ["sides_between"]

_BETWEEN = re.compile(r"\b(?:between|بين)\b", re.I)
_AGAINST = re.compile(r"\b(?:against|versus|vs\.?|on the other (?:side|hand))(?=\s)", re.I)
_AND = re.compile(r"\b(?:and|with|مع)\b|(?:^|\s)و\s*$", re.I)
_SUPPORT = re.compile(
    r"\b(?:backed|supported|loyal|allied|affiliated|along|together|accompanied)\b", re.I
)


def sides_between(
    text: str, trigger: Span, sentence: Span, clause: Span, mentions: Sequence[MentionLike]
) -> tuple[MentionLike, MentionLike | None] | None:
    """The first side and the other (if named) of "between X and Y" near ``trigger``."""
    reach = max(trigger.end + 45, min(clause.end, trigger.end + 160))
    m = _BETWEEN.search(text, max(sentence.start, trigger.start - 80), min(sentence.end, reach))
    if m is None or (m.start() < trigger.start and ";" in text[m.end() : trigger.start]):
        return None
    stop = min(sentence.end, m.end() + 200)
    after = [x for x in mentions if m.end() <= x.span.start < stop]
    if not after or after[0].span.start - m.end() > 25:
        return None
    first = after[0]
    rest = [x for x in after[1:] if x.actor.id != first.actor.id]
    against = _AGAINST.search(text, first.span.end, stop)
    if against is not None:
        side = [x for x in rest if x.span.start >= against.end()]
        return first, side[0] if side else None
    for x in rest:
        gap = text[first.span.end : x.span.start]
        if _AND.search(gap) and not _SUPPORT.search(gap):
            return first, x
    return first, None
