"""Who a strike hit: civilians when its toll or its sentence says civilians were hurt.

"Warplanes struck the town, killing two children" and "a drone targeted a house in X, and a child
was injured" target civilians (ACLED's actor2 ``civilians``), whatever side the striker fights.
A target the text names ("struck positions of HTS") stands; one only inferred from the fight the
report tells (the other side of the last clash) yields to civilians.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from marsad.extraction.lexicon import Lexicon, lowered
from marsad.model import Actor, Span

if TYPE_CHECKING:
    from marsad.extraction.events import Candidate

__all__ = ["armed_victim", "civilian_victims", "hurt_civilians"]

_STRIKES = "Explosions/Remote violence"
_HARM = re.compile(
    r"\b(?:killed|killing|kil\*?led|died|dead|death|deaths|injured|injuring|injuries|wounded|"
    r"wounding|wounds|hurt)\b"
)
# How far a harm word may stand from a civilian word for the two to read as one victim.
_HARM_REACH = 45


def civilian_victims(
    text: str,
    cands: Sequence[Candidate],
    lexicon: Lexicon,
    resolve: Callable[[str], Actor | None],
) -> None:
    """Set actor2 ``civilians`` on the strikes among ``cands`` (one sentence's) that hurt them."""
    low = lowered(text)
    for c in cands:
        if c.event_type != _STRIKES or (c.actor2 is not None and c.actor2_span is not None):
            continue  # a target the text names stands; one inferred from the fight yields
        inferred, c.actor2 = c.actor2, None
        for count in (c.killed, c.injured):
            if count is not None and lexicon.civilian_victims.search(
                low, count.span.start, count.span.end
            ):
                c.actor2 = resolve("civilians")
                c.actor2_span = count.span
                break
        if c.actor2 is None:
            hurt = hurt_civilians(text, c.sentence.span, lexicon)
            if hurt is not None:
                c.actor2, c.actor2_span = resolve("civilians"), hurt
        if c.actor2 is None:
            c.actor2 = inferred


def hurt_civilians(text: str, sentence: Span, lexicon: Lexicon) -> Span | None:
    """The civilian victim a sentence tells ("a child was killed", "wounding some people")."""
    low = lowered(text)
    for v in lexicon.civilian_victims.finditer(low, sentence.start, sentence.end):
        lo = max(sentence.start, v.start() - _HARM_REACH)
        hi = min(sentence.end, v.end() + _HARM_REACH)
        if _HARM.search(low, lo, hi):
            return Span(v.start(), v.end())
    return None


# "The fighter was assassinated", "two members were shot dead": a combatant victim, unnamed.
_ARMED_VICTIM = re.compile(
    r"\b(?:the|a|an|one|two|three|four|five|\d+)\s+(?!former\b)(?:[\w-]+\s+)?"
    r"(?:fighters?|members?|soldiers?|commanders?|officers?|militants?|militiam[ae]n|recruits?|"
    r"personnel)\s+(?:[\w-]+\s+){0,3}?(?:was|were|has been|have been)\s+$",
    re.I,
)


def armed_victim(text: str, clause: Span, trigger: Span) -> bool:
    """Whether the clause's subject, hit by the trigger, is a combatant ("the fighter was
    assassinated by gunmen")."""
    lo = max(clause.start, trigger.start - 80)
    return _ARMED_VICTIM.search(text, lo, trigger.start) is not None
