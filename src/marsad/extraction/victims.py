"""Who a strike hit: civilians when its toll or its sentence says civilians were hurt.

"Warplanes struck the town, killing two children" and "a drone targeted a house in X, and a child
was injured" target civilians (ACLED's actor2 ``civilians``), whatever side the striker fights.
A target the text names ("struck positions of HTS") stands; one only inferred from the fight the
report tells (the other side of the last clash) yields to civilians. A strike with no target
that kills or wounds a named side's fighters ("killing two members of the SDF") targets that side.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from marsad.extraction.lexicon import Lexicon, lowered
from marsad.model import Actor, Span

if TYPE_CHECKING:
    from marsad.extraction.events import Candidate
    from marsad.extraction.roles import MentionLike as _Mention

__all__ = ["armed_victim", "armed_victims", "civilian_victims", "hurt_civilians"]

_STRIKES = "Explosions/Remote violence"
_HARM = re.compile(
    r"\b(?:killed|killing|kil\*?led|died|dead|death|deaths|injured|injuring|injuries|wounded|"
    r"wounding|wounds|hurt)\b"
    # Arabic: killed, died ("قضوا"), martyred, wounded, injured
    r"|(?:قتل|مقتل|قتيل|قتلى|قضوا|قضى|استشهد|شهيد|شهداء|جرح|جريح|جرحى|إصابة|اصابة|أصيب|اصيب|مصاب)"
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
    hurt_in: dict[Span, Span | None] = {}  # per sentence: one search, however many strikes
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
            sentence = c.sentence.span
            if sentence not in hurt_in:
                hurt_in[sentence] = _hurt(low, sentence, lexicon)
            hurt = hurt_in[sentence]
            if hurt is not None:
                c.actor2, c.actor2_span = resolve("civilians"), hurt
        if c.actor2 is None:
            c.actor2 = inferred


def hurt_civilians(text: str, sentence: Span, lexicon: Lexicon) -> Span | None:
    """The civilian victim a sentence tells ("a child was killed", "wounding some people")."""
    return _hurt(lowered(text), sentence, lexicon)


def _hurt(low: str, sentence: Span, lexicon: Lexicon) -> Span | None:
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


# "killing two members of the SDF", "a commander of HTS was killed", "one SDF member killed":
# the side whose fighters a strike hit is its target
_RANKS = (
    r"(?:members?|fighters?|commanders?|elements?|soldiers?|militiam[ae]n|militants|personnel|"
    r"officers?|leaders?|recruits?|troops)"
)
_RANK_OF = re.compile(rf"\b{_RANKS}\s+(?:of|from|in)\s+(?:the\s+)?[\"“]?$", re.I)
_RANK_AFTER = re.compile(rf"[\"”]?\s*{_RANKS}\b", re.I)
_RANK_LAST = re.compile(rf"\b{_RANKS}$", re.I)


def armed_victims(text: str, cands: Sequence[Candidate], mentions: Sequence[_Mention]) -> None:
    """Set actor2 on the strikes among ``cands`` (one sentence's) with no target yet, when the
    sentence tells of a named side's fighters killed or wounded in it."""
    low = lowered(text)
    for c in cands:
        if c.event_type != _STRIKES or c.actor2 is not None:
            continue
        sent = c.sentence.span
        for x in mentions:
            if not sent.start <= x.span.start < sent.end or (
                c.actor1 is not None and x.actor.id == c.actor1.id
            ):
                continue
            ranked = _RANK_OF.search(text, max(sent.start, x.span.start - 40), x.span.start)
            if (
                ranked is None
                and not _RANK_AFTER.match(text, x.span.end, sent.end)
                and not _RANK_LAST.search(text, x.span.start, x.span.end)  # "SDF commander"
            ):
                continue
            lo, hi = max(sent.start, x.span.start - _HARM_REACH), min(sent.end, x.span.end + 60)
            if _HARM.search(low, lo, hi):
                c.actor2, c.actor2_span = x.actor, x.span
                break
