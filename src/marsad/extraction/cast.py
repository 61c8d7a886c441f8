"""Who acted and on whom, for one trigger group: roles from the sentence, then coreference
with what earlier sentences told (:class:`Context`), then the lexicon's defaults; and the event
type those actors make of the group (a state retakes, a clash on civilians is an attack on them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from marsad.extraction.candidates import Group, situation_cue
from marsad.extraction.lexicon import Lexicon, lowered
from marsad.extraction.roles import CIVILIAN_INTER, MentionLike, assign_roles, is_held
from marsad.extraction.sentences import Sentence
from marsad.extraction.victims import armed_victim
from marsad.model import Actor, Span

__all__ = [
    "ARMED_INTERS",
    "CIVILIAN_INTER",
    "STATE_INTER",
    "Cast",
    "Context",
    "cast_group",
    "remember",
    "retype",
]

STATE_INTER = 1
ARMED_INTERS = frozenset({1, 2, 3, 4, 8})
_SHELLING = "Shelling/artillery/missile attack"
_STRIKES = "Explosions/Remote violence"
_AIR = "Air/drone strike"
_CLASH = "Armed clash"
_SIDED = frozenset({_STRIKES, "Battles"})  # events with another armed side


@dataclass(slots=True)
class Context:
    """What earlier sentences of the report tell later ones (coreference, headline actors)."""

    last_pair: tuple[Actor | None, Actor | None] = (None, None)
    last_actor: Actor | None = None
    last_source: tuple[Span, str] | None = None
    last_target: Actor | None = None  # the last armed side the text named as hit
    title_actor: dict[str, Actor] = field(default_factory=dict)
    # who the text named for each kind of deed ("airstrikes believed to be by US forces ...
    # The airstrikes destroyed ...": the same actor, not the lexicon's default)
    kind_actor: dict[str, Actor] = field(default_factory=dict)


@dataclass(slots=True)
class Cast:
    """A group's actors, how actor1 was found, and the text each came from."""

    actor1: Actor | None
    actor2: Actor | None
    how: str
    actor1_span: Span | None
    actor2_span: Span | None


def cast_group(
    text: str,
    g: Group,
    sent: Sentence,
    actors: Sequence[MentionLike],
    ctx: Context,
    prev_actor1: Actor | None,
    lexicon: Lexicon,
    resolve: Callable[[str], Actor | None],
) -> Cast:
    """Roles from the sentence; failing that, coreference ("the two sides", "its members"), the
    sentence's previous actor, the headline's actor for this event type; then the lexicon's
    defaults (and ``actor1_inter``: protests are by protesters)."""
    roles = assign_roles(
        text,
        g.span,
        clause=g.clause,
        sentence=sent.span,
        mentions=actors,
        pairwise=g.event_type in {"Battles", "Violence against civilians"},
    )
    cast = Cast(
        roles.actor1.actor if roles.actor1 else None,
        roles.actor2.actor if roles.actor2 else None,
        roles.how,
        roles.actor1.span if roles.actor1 else None,
        roles.actor2.span if roles.actor2 else None,
    )
    if roles.actor2 is not None and is_held(text, roles.actor2):
        # "shells hit regime-held areas": the side is the target unless the text tells of
        # civilians hurt (a target inferred, see victims.py); people moving only go there
        cast.actor2_span = None
        if g.rule.movement:
            cast.actor2 = None
    cue = situation_cue(text, g.hits[0], sent.span, lexicon)
    if cue is not None and (cast.actor1_span is None or cast.actor1_span.start < cue.start):
        # "X is calling to lift the siege imposed on Y": X does not impose it; who does is
        # told elsewhere in the sentence ("..., as the 4th Division is encircling them")
        cast.actor1, cast.actor1_span, cast.how = None, None, "none"
        return cast
    clause = lowered(text)[g.clause.start : g.clause.end]
    if (
        cast.how in {"sentence", "none"}
        and ctx.last_pair[0] is not None
        and (lexicon.two_sides.search(clause) or g.sub_event_type == _CLASH)
    ):
        # "clashes between both parties", "the clashes continue in X": the pair that fought
        cast.actor1, cast.actor1_span, cast.actor2, cast.actor2_span = None, None, None, None
        cast.actor1, cast.how = ctx.last_pair[0], "coref"
        cast.actor2 = ctx.last_pair[1]
    if cast.actor1 is None:
        if lexicon.two_sides.search(clause) and ctx.last_pair[0] is not None:
            cast.actor1, cast.how = ctx.last_pair[0], "coref"
            cast.actor2 = cast.actor2 or ctx.last_pair[1]
        elif lexicon.last_actor.search(clause) and ctx.last_actor is not None:
            cast.actor1, cast.how = ctx.last_actor, "coref"
        elif prev_actor1 is not None:
            cast.actor1, cast.how = prev_actor1, "previous"
        elif g.event_type in ctx.title_actor and not sent.is_title:
            cast.actor1, cast.how = ctx.title_actor[g.event_type], "title"
        elif g.sub_event_type in ctx.kind_actor and not g.rule.agent_only:
            cast.actor1, cast.how = ctx.kind_actor[g.sub_event_type], "coref"
    elif cast.how in _NAMED and cast.actor1.inter != CIVILIAN_INTER:
        ctx.kind_actor[g.sub_event_type] = cast.actor1
    rule = g.rule
    if rule.agent_only and cast.how not in _AGENT_HOW and not _DETONATED.match(text, g.span.start):
        # "a commander killed in an IED explosion": who is named is the victim, not the bomber
        cast.actor1, cast.actor1_span, cast.how = None, None, "none"
    if rule.default_actor1 and (cast.actor1 is None or _needs_default(g, cast.actor1)):
        cast.actor1, cast.how, cast.actor1_span = resolve(rule.default_actor1), "default", None
    if (
        cast.actor2 is None
        and rule.armed_target
        and ctx.last_target is not None
        and armed_victim(text, g.clause, g.span)
    ):
        cast.actor2 = ctx.last_target  # "The fighter was assassinated": the side just named
    if cast.actor2 is None and rule.default_actor2:
        cast.actor2, cast.actor2_span = resolve(rule.default_actor2), None
    if cast.actor2 is None and cast.actor1 is not None and g.event_type in _SIDED:
        # a strike with no target named hits the side its actor was fighting ("clashes between
        # regime forces and the factions ... warplanes struck the town")
        side1, side2 = ctx.last_pair
        if side1 is not None and side2 is not None:
            if cast.actor1.id == side1.id:
                cast.actor2 = side2
            elif cast.actor1.id == side2.id:
                cast.actor2 = side1
    a1, a2 = cast.actor1, cast.actor2
    if a2 is not None and (a1 is None or (a1.id == a2.id and cast.how == "default")):
        # "shells landed on regime-held areas": not the regime's shells; the side it fought
        side1, side2 = ctx.last_pair
        other = side2 if side1 is not None and side1.id == a2.id else None
        other = side1 if side2 is not None and side2.id == a2.id else other
        if other is not None:
            cast.actor1, cast.how = other, "coref"
        a1 = cast.actor1
    if not rule.actor2 or (a2 is not None and a1 is not None and a2.id == a1.id):
        cast.actor2, cast.actor2_span = None, None
        if rule.actor2 and rule.default_actor2:
            cast.actor2 = resolve(rule.default_actor2)  # the actor named twice is no target
    return cast


def retype(g: Group, cast: Cast, lexicon: Lexicon) -> tuple[str, str]:
    """Event and sub-event type once the actors are known (a state retakes, a clash on civilians
    is an attack on them, Israel's missiles come from the air)."""
    a1, a2, rule = cast.actor1, cast.actor2, g.rule
    event_type, sub = g.event_type, g.sub_event_type
    if a1 is not None and a1.inter == STATE_INTER and rule.state_sub_event_type:
        sub = rule.state_sub_event_type
    if a1 is not None and a1.id in lexicon.air_forces and sub == _SHELLING:
        sub = _AIR
    if a2 is not None and a2.inter == CIVILIAN_INTER and rule.civilian_target:
        event_type, sub = rule.civilian_target
    elif a2 is not None and a2.inter in ARMED_INTERS and rule.armed_target:
        event_type, sub = rule.armed_target
    return event_type, sub


def remember(ctx: Context, sent: Sentence, cast: Cast, event_type: str) -> None:
    a1 = cast.actor1
    if sent.is_title and a1 is not None and cast.how in {"subject", "passive", "between"}:
        ctx.title_actor.setdefault(event_type, a1)
    a2 = cast.actor2
    if a2 is not None and cast.actor2_span is not None and a2.inter in ARMED_INTERS:
        ctx.last_target = a2
    if a1 is not None and a1.inter != CIVILIAN_INTER:
        ctx.last_actor = a1
        if event_type == "Battles" and cast.actor2 is not None:
            ctx.last_pair = (a1, cast.actor2)


_NAMED = frozenset({"subject", "passive", "between"})
# How actor1 is found when the text names the one who acted ("planted by X", "between X and Y").
_AGENT_HOW = frozenset({"passive", "between"})
_DETONATED = re.compile(r"(?:detonat|plant|blew|blow)", re.I)


def _needs_default(g: Group, actor: Actor) -> bool:
    """Whether ``actor`` cannot act in this rule's events (protests are by protesters)."""
    return bool(g.rule.actor1_inter) and actor.inter not in g.rule.actor1_inter
