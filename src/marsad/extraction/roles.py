"""Who acted (actor1) and on whom (actor2), from the actor mentions around a trigger.

The cascade, first answer wins:

1. "clashes between X and Y" / "between X against Y" -> X, Y (fighting only: a mediator's
   "dispute between X and Y" names no sides); Y, X when the sentence says Y attacked ("after
   an attack launched by Y").
2. The actor is part of the trigger or owns it: "Russian warplanes", "Israeli rocket attacks",
   "warplanes believed to be Russian".
3. Passive: "shelling by X", "siege imposed by X", "came under shelling by X" -> actor1 X; the
   actor named before the trigger, if any, is actor2.
4. Active: the nearest actor named before the trigger in its clause (or, failing that, in its
   sentence) is actor1; an actor after the trigger introduced by "on", "against", "targeting",
   or a bare object ("besieging regime forces"), or an "X-held" area (Arabic "الخاضعة لسيطرة
   X"), is actor2.

Finally "gunmen believed to belong to ISIS cells" gives ISIS.  Coreference ("the two sides",
"its members") and lexicon defaults are resolved by the caller, which knows the actors named
earlier in the report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from marsad.extraction.affiliation import belongs_to, is_held
from marsad.extraction.sides import sides_between
from marsad.model import Actor, Span

__all__ = ["MentionLike", "Roles", "assign_roles", "is_held"]

CIVILIAN_INTER = 7


class MentionLike(Protocol):
    """What roles need of an actor mention (``marsad.resolve.actors.ActorMention`` fits)."""

    @property
    def span(self) -> Span: ...
    @property
    def actor(self) -> Actor: ...


@dataclass(frozen=True, slots=True)
class Roles:
    actor1: MentionLike | None = None
    actor2: MentionLike | None = None
    how: str = "none"  # between | passive | subject | sentence | none


_BY = re.compile(
    r"^(?:,\s*(?:launched|fired|carried out|dropped|planted)\s+|\s*(?:that|which)\s+(?:are|is|"
    r"were|was)\s+(?:believed|thought|said|reported)\s+to\s+(?:be|have been)\s+)?"
    r"[^,.;:]{0,30}?\bby\s+"
    r"(?:(?:the|an?|two|three|several)\s+)?[\"“]?$",
    re.I,
)
_NOT_AGENT = re.compile(
    r"\b(?:controlled|held|run|backed|supported|loyal|affiliated|allied|led|dominated)\s+by\s+(?:the\s+)?$",
    re.I,
)
_OBJ_BEFORE = re.compile(
    r"\b(?:on|against|targeting|targeted|target|at|toward|towards|positions of|areas of|"
    r"controlled by|held by|sheltering|housing|belonging to|used by|besieging|besieged|"
    r"encircling|imposed on|siege on|siege of|"
    r"arrested|detained|killed|killing|kidnapped|abducted|executed|attacked|shelled|bombed|struck|"
    r"ambushed|assassinated)(?!\s+by\b)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,4}$",
    re.I,
)
_OWNER = re.compile(
    r"[\s,]*(?:believed to be|thought to be|likely|probably|suspected to be|belonging to|"
    r"affiliated (?:to|with)|of|operated by)\s+(?:the\s+)?",
    re.I,
)
_ENDS_OF = re.compile(r"\b(?:of|by)$", re.I)  # "the control of X": X controls
_THE = re.compile(r"\s*(?:the\s+)?[\"“]?", re.I)
# "14 militiamen of X were killed in the shelling": X is the victim, not the one who shelled
_VICTIM_AFTER = re.compile(
    r"[^,.;]{0,40}?\b(?:were|was|have been|has been)\s+(?:killed|injured|wounded|kil\*?led|"
    r"found dead|shot dead|assassinated)\b",
    re.I,
)
_JOINED = re.compile(r"\b(?:and|&)\s+(?:the\s+)?$", re.I)
# "the death of an SDF fighter ... shot": the SDF is the one hit
_VICTIM_OF = re.compile(
    r"\b(?:deaths?|killing|injur(?:y|ies)|wounding|bod(?:y|ies)|corpses?)\s+of\s+"
    r"(?:(?:the|an?|two|three|four|five|\d+)\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.I,
)
_PREP_BEFORE = re.compile(r"\b(?:of|in|from|near|with|and|to|by)\s+(?:the\s+)?[\"“]?$", re.I)
_UNIT_OF = re.compile(
    r"\b(?:an?\s+|the\s+)?(?:force|forces|members?|fighters?|elements?|units?|patrols?|"
    r"militants|militiamen|gunmen|troops|soldiers|groups?|cells?|squads?)\s+of\s+(?:the\s+)?"
    r"[\"“]?$",
    re.I,
)
_PLACE_PREP = re.compile(r"\b(?:from|to|near|towards?|at|in)\s+(?:the\s+)?[\"“]?$", re.I)
_SUPPORT_BEFORE = re.compile(
    r"\b(?:backed by|supported by|loyal to|affiliated (?:to|with)|allied (?:to|with)|along with|"
    r"together with|and|in addition to)\s+(?:the\s+)?$",
    re.I,
)


def _is_object(text: str, mention: MentionLike, floor: int) -> bool:
    return bool(_OBJ_BEFORE.search(text, max(floor, mention.span.start - 60), mention.span.start))


def _refine(text: str, roles: Roles, mentions: Sequence[MentionLike]) -> Roles:
    """ "gunmen believed to belong to ISIS cells", "the regime's 4th Division": the actor is
    the one they belong to (:func:`~marsad.extraction.affiliation.belongs_to`)."""
    if roles.actor1 is None:
        return roles
    owner = belongs_to(text, roles.actor1, mentions)
    return roles if owner is roles.actor1 else Roles(owner, roles.actor2, roles.how)


def _assign(
    text: str,
    trigger: Span,
    *,
    clause: Span,
    sentence: Span,
    mentions: Sequence[MentionLike],
    pairwise: bool = True,
) -> Roles:
    """Steps 1-4 of the module's cascade (see :func:`assign_roles`)."""
    pair = sides_between(text, trigger, sentence, clause, mentions) if pairwise else None
    if pair is not None:
        return Roles(pair[0], pair[1], "between")
    before = [x for x in mentions if x.span.end <= trigger.start and x.span.start >= clause.start]
    after = [x for x in mentions if x.span.start >= trigger.end and x.span.start < clause.end]
    actor2 = _target(text, trigger, after, clause)
    attacker = _attack_owner(text, trigger, after)
    if attacker is not None:
        # "killed in an ISIS attack": the attack's owner acted, the fallen before are its target
        fallen = next((b for b in reversed(before) if b.actor.id != attacker.actor.id), None)
        return Roles(attacker, fallen, "passive")
    # the actor is part of the trigger phrase ("Russian warplanes") or owns it ("warplanes
    # believed to be Russian", "the regime's helicopters")
    inside = [
        x
        for x in mentions
        if x.span.start < trigger.end
        and trigger.start <= x.span.end + 2
        and x.span.end > trigger.start - 3
        and not is_held(text, x)
        # "SDF and Coalition arrested": the first of joined subjects leads
        and not (
            x.span.end <= trigger.start
            and _JOINED.search(text, max(0, x.span.start - 8), x.span.start)
        )
    ]
    owner = [
        x
        for x in after[:1]
        if _OWNER.fullmatch(text, trigger.end, x.span.start)
        or (
            _ENDS_OF.search(text, trigger.start, trigger.end)
            and _THE.fullmatch(text, trigger.end, x.span.start)
        )
    ]
    for x in inside + owner:
        if x.actor.inter != CIVILIAN_INTER:
            if actor2 is not None and actor2.actor.id == x.actor.id:
                actor2 = None
            if actor2 is None:
                # "ISIS attacked a regime checkpoint": the side named inside the deed is its target
                actor2 = next((y for y in mentions if y.actor.id != x.actor.id
                               and trigger.start < y.span.start and y.span.end <= trigger.end
                               and y.span.start > x.span.end
                               and not _LED_BY.search(text, x.span.end, y.span.start)), None)
            return Roles(x, actor2 or _subject(text, before, clause), "subject")
    # passive: "<trigger> by X" / "<trigger> launched by X"
    for x in after[:2]:
        gap = text[trigger.end : x.span.start]
        if _BY.search(gap) and not _NOT_AGENT.search(gap) and not is_held(text, x):
            if actor2 is not None and actor2.span == x.span:
                actor2 = None
            patient = next(
                (
                    b
                    for b in reversed(before)
                    if b.actor.id != x.actor.id
                    # "4 km from the Turkish point, the villages controlled by X": no patient
                    and not _PLACE_PREP.search(text, max(0, b.span.start - 12), b.span.start)
                ),
                None,
            )
            return Roles(x, actor2 or patient, "passive")
    victims = [
        x for x in before if _VICTIM_OF.search(text, max(0, x.span.start - 50), x.span.start)
    ]
    if victims and actor2 is None:
        actor2 = victims[-1]
        before = [x for x in before if x not in victims]
    subj = _subject(text, before, clause)
    if subj is not None:
        if actor2 is not None and actor2.actor.id == subj.actor.id:
            actor2 = None
        return Roles(subj, actor2, "subject")
    if actor2 is not None and _FOUGHT.search(text, trigger.start, trigger.end):
        # "two SNA fighters were killed in clashes with the SDF": the fallen are the other side
        side = next((x for x in reversed(before) if x.actor.id != actor2.actor.id
                     and x.actor.inter != CIVILIAN_INTER
                     and _VICTIM_AFTER.match(text, x.span.end, x.span.end + 60)), None)
        if side is not None:
            return Roles(side, actor2, "subject")
    earlier = [x for x in mentions if x.span.end <= clause.start and x.span.start >= sentence.start]
    subj = _subject(text, earlier, sentence)
    if subj is not None:
        return Roles(subj, actor2, "sentence")
    return Roles(None, actor2, "none")


def assign_roles(
    text: str,
    trigger: Span,
    *,
    clause: Span,
    sentence: Span,
    mentions: Sequence[MentionLike],
    pairwise: bool = True,
) -> Roles:
    """Actor1/actor2 for the trigger at ``trigger`` (``mentions``: the sentence's, sorted).

    ``pairwise``: whether "between X and Y" names the two sides (fighting does; a mediator's
    "dispute between X and Y" does not).
    """
    roles = _assign(
        text, trigger, clause=clause, sentence=sentence, mentions=mentions, pairwise=pairwise
    )
    roles = _refine(text, roles, mentions)
    if roles.how == "between" and roles.actor1 is not None and roles.actor2 is not None:
        roles = _initiator_first(text, sentence, mentions, roles.actor1, roles.actor2)
    if _ARABIC.match(text, trigger.start) and roles.how not in {"between", "passive"}:
        roles = _verb_first(text, trigger, roles, mentions)
    if roles.actor2 is None and roles.actor1 is not None:
        side = _opponent_before(text, trigger, sentence, mentions, roles.actor1)
        if side is not None:
            roles = Roles(roles.actor1, side, roles.how)
    return roles


# "clashes between X and Y ... after an attack launched by Y": Y started the fight, Y acted
_ATTACK_BY = re.compile(
    r"\b(?:attacks?|assaults?|offensives?)\s+(?:\w+\s+)?(?:launched\s+|carried\s+out\s+|waged\s+)?"
    r"by\s+(?:the\s+)?[\"“]?$",
    re.I,
)


def _initiator_first(
    text: str, sentence: Span, mentions: Sequence[MentionLike], a1: MentionLike, a2: MentionLike
) -> Roles:
    for x in mentions:
        if sentence.start <= x.span.start < sentence.end and _ATTACK_BY.search(
            text, max(sentence.start, x.span.start - 50), x.span.start
        ):
            if x.actor.id == a2.actor.id:
                return Roles(a2, a1, "between")
            if x.actor.id == a1.actor.id:
                break
    return Roles(a1, a2, "between")


_ARABIC = re.compile(r"[\u0621-\u064a]")
# Arabic verb-subject order: "قصفت قوات الجيش ..." ("shelled the army's forces ...").
_VERB_GAP = 3


def _verb_first(text: str, trigger: Span, roles: Roles, mentions: Sequence[MentionLike]) -> Roles:
    """In Arabic the actor right after a verb trigger is its subject, unless one stands right
    before it (subject-verb order)."""
    before = roles.actor1
    if before is not None and before.span.end <= trigger.start <= before.span.end + _VERB_GAP:
        return roles
    after = next((x for x in mentions if x.span.start >= trigger.end), None)
    if (
        after is None
        or after.span.start - trigger.end > _VERB_GAP
        or after.actor.inter == CIVILIAN_INTER
    ):
        return roles
    actor2 = roles.actor2
    if actor2 is not None and actor2.actor.id == after.actor.id:
        actor2 = None
    return Roles(after, actor2, "subject")


# "progress at the expense of X", "... against X, where they took control of ...": X is the
# other side of what follows.
_EXPENSE = re.compile(
    r"\b(?:at the expense of|against)\s+(?:the\s+)?(?:(?:fighters|members|positions) of\s+)?"
    r"(?:the\s+)?[\"“]?$",
    re.I,
)


def _opponent_before(
    text: str,
    trigger: Span,
    sentence: Span,
    mentions: Sequence[MentionLike],
    actor1: MentionLike,
) -> MentionLike | None:
    for x in mentions:
        if x.span.end > trigger.start:
            break
        if x.span.start < sentence.start or x.actor.id == actor1.actor.id:
            continue
        if _EXPENSE.search(text, max(sentence.start, x.span.start - 40), x.span.start) and not (
            _allied(text, x, actor1, mentions)
        ):
            return x
    return None


def _allied(
    text: str, x: MentionLike, actor1: MentionLike, mentions: Sequence[MentionLike]
) -> bool:
    """ "against Ahrar al-Sham and Soqur al-Sham": named together, they are one side."""
    return any(
        y.actor.id == actor1.actor.id
        and y.span.start >= x.span.end
        and _JOINED_NEXT.fullmatch(text, x.span.end, y.span.start)
        for y in mentions
    )


_JOINED_NEXT = re.compile(r"\s*(?:and|&|,)\s+(?:the\s+)?", re.I)


def _subject(text: str, before: Sequence[MentionLike], floor: Span) -> MentionLike | None:
    """The nearest mention before the trigger that is not an object, a place or a supporter."""
    chosen: MentionLike | None = None
    for x in reversed(before):
        if (
            x.actor.inter == CIVILIAN_INTER
            or is_held(text, x)
            or _is_object(text, x, floor.start)
            or _VICTIM_AFTER.match(text, x.span.end, x.span.end + 60)
        ):
            continue
        if _SUPPORT_BEFORE.search(text, max(floor.start, x.span.start - 40), x.span.start):
            chosen = x  # "X backed by Y": keep looking for X
            continue
        unit = _UNIT_OF.search(text, max(floor.start, x.span.start - 30), x.span.start)
        if unit is not None and not _JOINED.search(text, max(0, unit.start() - 8), unit.start()):
            return x  # "a force of the SDF raided ...": the SDF acted ("X and members of Y": X)
        if _PREP_BEFORE.search(text, max(floor.start, x.span.start - 12), x.span.start):
            chosen = chosen or x
            continue
        return x
    return chosen


def _attack_owner(text: str, trigger: Span, after: Sequence[MentionLike]) -> MentionLike | None:
    x = after[0] if after else None
    if (x is not None and _IN_AN.fullmatch(text, trigger.end, x.span.start)
            and _ATTACK_WORD.match(text, x.span.end)):
        return x
    return None


# "coalition aircraft led by Washington": an ally named inside the deed, not its target
_LED_BY = re.compile(r"\b(?:led|backed|supported|accompanied) by\b|بقيادة|بدعم|المدعوم", re.I)
_IN_AN = re.compile(r"\s+(?:in|during)\s+(?:an?|the)\s+[\"“]?", re.I)
_ATTACK_WORD = re.compile(
    r"[\"”]?\s*(?:attacks?|ambush(?:es)?|assaults?|raids?|offensive|strikes?|bombings?|"
    r"shelling|drone strikes?|airstrikes?)\b", re.I)
# "clashed with X", "clashes broke out with X": the other side of a fight
_FOUGHT = re.compile(r"clash|fight|confront|battle|skirmish", re.I)
_WITH = re.compile(r"\s+(?:(?:broke out|erupted|continued|went on)\s+)?with\s+(?:the\s+)?[\"“]?",
                   re.I)


def _target(
    text: str, trigger: Span, after: Sequence[MentionLike], clause: Span
) -> MentionLike | None:
    for x in after[:3]:
        gap = text[trigger.end : x.span.start]
        if is_held(text, x):
            return x
        if _WITH.fullmatch(gap) and _FOUGHT.search(text, trigger.start, trigger.end):
            return x
        if len(gap) < 60 and _is_object(text, x, trigger.start):
            return x
        if not gap.strip() or re.fullmatch(r"\s*(?:the\s+)?", gap, re.I):
            return x
        if x.actor.inter == CIVILIAN_INTER and len(gap) < 60:
            return x
    return None
