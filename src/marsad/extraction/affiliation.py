"""Whom an actor mention belongs to, and whether it names the side holding a place.

- "regime-held", "SDF-controlled", "under the control of X" (Arabic "الخاضعة لسيطرة X"): X
  holds the place, it is not the one acting there (:func:`is_held`);
- "gunmen believed to belong to ISIS cells", "the regime's 4th Division": the actor is the one
  they belong to, or the unit named (:func:`belongs_to`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from marsad.model import Span

__all__ = ["belongs_to", "is_held"]


class _Spanned(Protocol):
    @property
    def span(self) -> Span: ...


M = TypeVar("M", bound=_Spanned)

_HELD_AFTER = re.compile(r"(?:-|\s)?(?:held|controlled|run)\b", re.I)
_HELD_BEFORE_AR = re.compile(r"(?:ل|تحت\s+|ضمن\s+)(?:سيطرة|نفوذ)\s+(?:\S+\s+)?[\"“«]?$")
_BELONG = re.compile(
    r"\W*(?:who\s+(?:are|is|were|was)\s+)?(?:most\s+)?(?:likely|believed|thought|suspected|said|"
    r"reported)\s+to\s+(?:belong\s+to|be(?:\s+(?:affiliated|linked)\s+(?:to|with)"
    r"|\s+(?:from|members\s+of|part\s+of)(?:\s+(?:the\s+)?cells\s+of)?)?)\s+"
    r"(?:the\s+)?[\"“]?",
    re.I,
)
_POSSESSIVE = re.compile(r"[’']s\s+")
_REACH = 60  # an owner is named within this many characters of the mention


def is_held(text: str, mention: _Spanned) -> bool:
    """Whether the mention names the side holding a place ("regime-held", "SDF-controlled",
    Arabic "الخاضعة لسيطرة X", "under the control of X")."""
    return bool(
        _HELD_AFTER.match(text, mention.span.end, mention.span.end + 12)
        or _HELD_BEFORE_AR.search(text, max(0, mention.span.start - 30), mention.span.start)
    )


def belongs_to(text: str, mention: M, mentions: Sequence[M]) -> M:
    """The mention that ``mention`` belongs to ("gunmen believed to belong to ISIS cells":
    ISIS), or the unit it names ("the regime's 4th Division"); else ``mention`` itself."""
    current = mention
    for x in mentions:
        if x.span.start >= current.span.end and _POSSESSIVE.fullmatch(
                text, current.span.end, x.span.start):
            current = x  # "the regime's 4th Division": the unit named
            continue
        if x.span.start >= current.span.end and _BELONG.fullmatch(
                text, current.span.end, x.span.start):
            return x
        if x.span.start > current.span.end + _REACH:
            break
    return current
