"""Event triggers: lexicon phrases that announce an event, found in one pass over the text."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.extraction.lexicon import Lexicon, TriggerRule, lowered
from marsad.model import Span

__all__ = ["TriggerHit", "find_triggers", "instrument_sub_event"]


@dataclass(frozen=True, slots=True)
class TriggerHit:
    """A trigger phrase in the text and the lexicon rule it matched."""

    span: Span
    rule: TriggerRule


def find_triggers(text: str, lexicon: Lexicon) -> list[TriggerHit]:
    """Every trigger in ``text`` in text order (leftmost, first rule in file order wins)."""
    return [
        TriggerHit(Span(m.start(), m.end()), lexicon.rule_for(m))
        for m in lexicon.trigger_scanner.findall(lowered(text))
    ]


def instrument_sub_event(text: str, hit: TriggerHit, scope: Span, lexicon: Lexicon) -> str:
    """Sub-event type of a generic attack word from the nearest weapon word within ``scope``.

    "bombing by regime warplanes" is an air strike, "bombing with rockets" a shelling; with no
    weapon word the rule's own sub-event type stands.
    """
    best: tuple[int, str] | None = None
    low = lowered(text)
    for name, rx in lexicon.instruments:
        for m in rx.finditer(low, scope.start, scope.end):
            if hit.span.start <= m.start() < hit.span.end:
                dist = 0
            else:
                dist = min(abs(m.start() - hit.span.end), abs(hit.span.start - m.end()))
                if m.start() < hit.span.start:
                    dist += (
                        15  # weapon words after the trigger ("bombing with rockets") bind tighter
                    )
            if best is None or dist < best[0]:
                best = (dist, name)
    return best[1] if best is not None else hit.rule.sub_event_type
