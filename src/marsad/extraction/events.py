"""Assembly: sentences -> trigger groups -> one candidate per place -> ACLED events.

Numbered cascade, per report:

1. mentions: sentences, sections, triggers, places, actors, dates, durations, tolls, sources;
2. per sentence: live trigger groups (:mod:`marsad.extraction.candidates`), one candidate per place
   (:mod:`marsad.extraction.sites`); roles, coreference, defaults; date, duration, toll and
   source from the same sentence.  A sentence that tells more of the event just told ("Some 14
   were killed in the shelling") adds none; one that goes on with a retelling ("On May 3, ...
   Moreover, ...", "The IEDs exploded near X") is background too;
3. merge (:func:`merge_candidates`): one event per (event type, place, day); the headline's
   events fold into the body's; background only where every mention is background.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, TypeVar

from marsad.extraction.candidates import (
    Group,
    PlaceLike,
    denied_spans,
    drop_means,
    group_triggers,
    live_hits,
    standing,
)
from marsad.extraction.cast import Context, cast_group, remember, retype
from marsad.extraction.cues import (
    background_cue,
    continues_stats,
    details_line,
    may_cue,
    news_before,
    not_event_cue,
    statistics_cue,
)
from marsad.extraction.dates import DateMention, DurationMention
from marsad.extraction.fatalities import CountMention
from marsad.extraction.lexicon import Lexicon
from marsad.extraction.roles import MentionLike
from marsad.extraction.sentences import Sentence
from marsad.extraction.sites import drop_distance_marks, group_reach, places_for_group
from marsad.extraction.triggers import TriggerHit
from marsad.extraction.victims import armed_victims, civilian_victims
from marsad.model import Actor, Span

__all__ = ["Candidate", "Mentions", "build_candidates"]

# A retelling cue covers the triggers after it, and one just before it ("arrested previously").
_BG_AFTER = 40


@dataclass(frozen=True, slots=True)
class Mentions:
    """Everything found in one report's (unstarred) text, each list sorted by offset."""

    text: str
    published: date | None
    sentences: Sequence[Sentence]
    triggers: Sequence[TriggerHit]
    places: Sequence[PlaceLike]
    actors: Sequence[MentionLike]
    dates: Sequence[DateMention]
    durations: Sequence[DurationMention]
    counts: Sequence[CountMention]
    attributions: Sequence[tuple[Span, str]]
    day_marks: Sequence[DateMention] = ()  # relative days of an undated report


@dataclass(slots=True)
class Candidate:
    """An event before merging: one trigger group at one place."""

    event_type: str
    sub_event_type: str
    trigger: Span
    sentence: Sentence
    situation: str | None = None
    place: PlaceLike | None = None
    place_how: str = "none"
    actor1: Actor | None = None
    actor2: Actor | None = None
    actor1_span: Span | None = None
    actor2_span: Span | None = None
    actor1_how: str = "none"
    date: DateMention | None = None
    day_mark: DateMention | None = None  # "yesterday" in an undated report
    duration: DurationMention | None = None
    killed: CountMention | None = None
    injured: CountMention | None = None
    attribution: tuple[Span, str] | None = None
    background: Span | None = None
    weak: bool = False  # only weak triggers ("killed") announced it
    implied_deaths: int = 0  # the toll its trigger implies when no figure is given
    extra: list[CountMention] = field(default_factory=list)


class _HasSpan(Protocol):
    @property
    def span(self) -> Span: ...


T = TypeVar("T", bound=_HasSpan)


def _within(items: Sequence[T], span: Span) -> list[T]:
    """The items (sorted by start) that start inside ``span``."""
    lo = bisect.bisect_left(items, span.start, key=_start)
    hi = bisect.bisect_left(items, span.end, lo, key=_start)
    return list(items[lo:hi])


def _start(item: _HasSpan) -> int:
    return item.span.start


_PLACES_AROUND = 100  # places a group's sentence may offer it on either side


def build_candidates(
    m: Mentions,
    lexicon: Lexicon,
    resolve: Callable[[str], Actor | None],
) -> list[Candidate]:
    """Every candidate of the report, in text order (see the module docstring)."""
    out: list[Candidate] = []
    place_starts = [p.span.start for p in m.places]
    spots = drop_distance_marks(m.text, m.places)
    spot_starts = [p.span.start for p in spots]  # in text order, as the places come
    ctx = Context()
    stats_end = -1  # end of the last statistics sentence: its paragraph and bullets follow it
    last_bg: tuple[int, Span] | None = None  # the last retold sentence and its cue
    for at, sent in enumerate(m.sentences):
        span = sent.span
        cued = may_cue(m.text, span, lexicon)  # else no statistics, not-event or background cue
        stat = statistics_cue(m.text, span, lexicon) if cued else None
        if details_line(m.text, span.start):
            stats_end = -1  # "Here are further details of these strikes:" opening a paragraph
        if stat is not None or continues_stats(m.text, stats_end, span):
            stats_end = span.end
            cut = news_before(m.text, span, stat) if stat is not None else None
            if cut is None:
                continue
            sent = Sentence(Span(span.start, cut), sent.index, sent.is_title)
            span = sent.span
        if cued and not_event_cue(m.text, span, lexicon) is not None:
            continue  # "a woman was killed by her brother": no organised actor's event
        sources = [(s, label) for s, label in m.attributions if span.start <= s.start < span.end]
        ctx.last_source = sources[0] if sources else ctx.last_source
        actors = _within(m.actors, span)
        hits = _within(m.triggers, span)
        stands = standing(m.text, hits, span, lexicon)
        live = live_hits(m.text, hits, span, lexicon, stands=stands)
        if live and all(h.rule.strength < 2 for h in live) and _follows_event(m.text, out, span):
            live = []  # "Two fighters were killed.": the toll of the event just told
        if live and out and _refers_back(m.text, live, span, m.places, out[-1]):
            live = []  # "The bombing caused material damage.": the event just told
        bg = None if sent.is_title or not cued else background_cue(m.text, span, lexicon)
        if bg is not None and _toll_updated(m, span, at):
            bg = None  # "Earlier, SOHR reported one killed. The toll rose to three.": news again
        told = last_bg[1] if last_bg is not None and last_bg[0] == sent.index - 1 else None
        if bg is None and told is not None and _GOES_ON.match(m.text, span.start):
            bg = told  # "On May 3, a patrol stormed X. Moreover, another patrol ..."
        if bg is None and live and out:
            bg = _retelling_goes_on(m.text, live[0], sent, out[-1])
        # a retold sentence, or one with no event of its own right after one ("These clashes
        # coincided with ..."): the retelling may go on in the next ("Meanwhile, ...")
        keep = bg if bg is not None else (told if not live else None)
        last_bg = (sent.index, keep) if keep is not None else None
        prev_actor1: Actor | None = None
        claimed: set[int] = set()
        sent_cands: list[tuple[Group, list[Candidate]]] = []
        stops = denied_spans(m.text, hits, span, lexicon, stands=stands)
        groups = group_triggers(m.text, live, span, place_starts, lexicon, stops=stops)
        groups = drop_means(groups)
        for g in groups:
            cast = cast_group(m.text, g, sent, actors, ctx, prev_actor1, lexicon, resolve)
            event_type, sub = retype(g, cast, lexicon)
            prev_actor1 = cast.actor1 or prev_actor1
            remember(ctx, sent, cast, event_type)
            lo, hi = group_reach(g, span)
            # a sentence naming hundreds of places (a hostile or broken text) is read around the
            # group only, so that a huge one-sentence list stays linear
            at_group = bisect.bisect_left(spot_starts, g.span.start)
            first = max(bisect.bisect_left(spot_starts, lo), at_group - _PLACES_AROUND)
            last = min(bisect.bisect_right(spot_starts, hi), at_group + _PLACES_AROUND)
            reach = spots[first:last]
            places, place_how = places_for_group(
                g, reach, span, text=m.text, claimed=claimed, marks_dropped=True
            )
            claimed.update(p.span.start for p in places)
            cands = [
                Candidate(
                    event_type=event_type,
                    sub_event_type=sub,
                    trigger=g.span,
                    sentence=sent,
                    situation=g.rule.situation,
                    place=p,
                    place_how=place_how,
                    actor1=cast.actor1,
                    actor2=cast.actor2,
                    actor1_span=cast.actor1_span,
                    actor2_span=cast.actor2_span,
                    actor1_how=cast.how,
                    attribution=ctx.last_source,
                    background=_retold(bg, g),
                    weak=all(h.rule.strength < 2 for h in g.hits),
                    implied_deaths=max(h.rule.implied_deaths for h in g.hits),
                )
                for p in ([*places] if places else [None])
            ]
            sent_cands.append((g, cands))
        if sent_cands:
            _share_imposer(sent_cands)
            _attach_sentence_facts(m, sent, sent_cands)
            civilian_victims(m.text, [c for _, cs in sent_cands for c in cs], lexicon, resolve)
            armed_victims(m.text, [c for _, cs in sent_cands for c in cs], actors)
        elif out and bg is None:
            _orphan_tolls(m, span, out)
        for _, cands in sent_cands:
            out.extend(cands)
    return out


def _share_imposer(groups: list[tuple[Group, list[Candidate]]]) -> None:
    """A siege whose imposer the sentence names for another siege trigger takes that one's."""
    known = [c for _, cands in groups for c in cands if c.situation and c.actor1 is not None]
    if not known:
        return
    for _, cands in groups:
        for c in cands:
            if c.situation and c.actor1 is None:
                c.actor1, c.actor1_span, c.actor1_how = (
                    known[0].actor1,
                    known[0].actor1_span,
                    "sentence",
                )


def _follows_event(text: str, earlier: list[Candidate], span: Span) -> bool:
    """Whether the last event so far was told in the paragraph just before this sentence."""
    if not earlier or earlier[-1].sentence.is_title or earlier[-1].background is not None:
        return False
    return "\n" not in text[earlier[-1].sentence.span.end : span.start]


# "On May 3, a patrol stormed X. Moreover, another patrol ...": the retelling goes on.
_GOES_ON = re.compile(r"[\W_]*(?:moreover|in addition|also|furthermore|meanwhile)\b", re.I)
# "The bombing ...", "This attack ...": a sentence opening on a definite trigger.
_ANAPHOR = re.compile(r"[\W_]*(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?$", re.I)


# "... were killed in the shelling, which ...": a trigger told as already known.
_DEFINITE = re.compile(r"\b(?:the|this|these)\s+(?:[\w-]+\s+)?$", re.I)


def _refers_back(
    text: str,
    live: Sequence[TriggerHit],
    span: Span,
    places: Sequence[PlaceLike],
    last: Candidate,
) -> bool:
    """Whether a sentence that names no place tells more of the event just told rather than a
    new one: it opens on "the/this <trigger>", or all its triggers are of that event's type and
    one is definite ("fourteen militiamen were killed in the shelling")."""
    if any(span.start <= p.span.start < span.end for p in places):
        return False
    if _ANAPHOR.fullmatch(text, span.start, live[0].span.start):
        return True
    return (
        last.background is None
        and not last.sentence.is_title
        and all(h.rule.event_type == last.event_type and not h.rule.situation for h in live)
        and any(
            _DEFINITE.search(text, max(span.start, h.span.start - 30), h.span.start) for h in live
        )
    )


def _retelling_goes_on(
    text: str, first: TriggerHit, sent: Sentence, last: Candidate
) -> Span | None:
    """ "On May 3, SOHR reported that two IEDs exploded ... . The IEDs exploded near X ...":
    a sentence opening on "the <trigger>" of the retold event just before it retells too."""
    if (
        last.background is None
        or last.sentence.index != sent.index - 1
        or first.rule.event_type != last.event_type
        or not _ANAPHOR.fullmatch(text, sent.span.start, first.span.start)
    ):
        return None
    return last.background


def _orphan_tolls(m: Mentions, span: Span, earlier: list[Candidate]) -> None:
    """ "A drone struck a car near X. Two people were killed.": a toll in a sentence with no
    event of its own belongs to the event just before it, if that one has none; a toll update
    ("The death toll rose to seven.") supersedes the figure it had."""
    last = earlier[-1]
    if last.background is not None or last.sentence.is_title:
        return
    for count in _within(m.counts, span):
        if count.kind == "killed" and (last.killed is None or count.update):
            if last.killed is not None:
                last.extra.append(last.killed)
            last.killed = count
        elif count.kind == "injured" and last.injured is None:
            last.injured = count


_BULLET = re.compile(r"\s*[•●▪◦*–-]\s")


def _lead_dates(m: Mentions, sent: Sentence) -> list[DateMention]:
    """A list item's date when it names none: the date of the lead that introduces the list
    ("... on Tuesday, as follows:" then "• Two civilians killed ...")."""
    if not _BULLET.match(m.text, sent.span.start):
        return []
    i = sent.index  # its place in ``m.sentences``
    while i > 0:
        i -= 1
        prev = m.sentences[i].span
        if _BULLET.match(m.text, prev.start):
            continue  # an earlier item of the same list
        if m.text[prev.start : prev.end].rstrip().endswith(":"):
            return _within(m.dates, prev)[-1:]
        return []
    return []


def _attach_sentence_facts(
    m: Mentions, sent: Sentence, groups: list[tuple[Group, list[Candidate]]]
) -> None:
    span = sent.span  # cut before a statistics block, where the sentence runs into one
    if not groups:
        return
    dates = _within(m.dates, span) or _lead_dates(m, sent)
    durations = _within(m.durations, span)
    counts = _within(m.counts, span)
    marks = _within(m.day_marks, span)
    for g, cands in groups:
        d = _nearest(dates, g.span)
        mark = _nearest(marks, g.span)
        for c in cands:
            c.date, c.day_mark = d, mark
            if g.rule.situation is not None or len(groups) == 1:
                c.duration = _nearest(durations, g.span)
    for count in counts:
        g, cands = _owner(m.text, groups, count.span)
        target = _place_owner(cands, count.span)
        if count.kind == "killed":
            if target.killed is None or count.update:
                target.killed = count
            else:
                target.extra.append(count)
        elif target.injured is None:
            target.injured = count


def _toll_updated(m: Mentions, span: Span, at: int) -> bool:
    """A retold toll that the next sentence updates ("... the number of fatalities increased
    to three"): the report codes the retold event again, with its new toll."""
    if at + 1 >= len(m.sentences):
        return False
    nxt = m.sentences[at + 1].span
    told = any(c.kind == "killed" and not c.update for c in _within(m.counts, span))
    return told and any(c.kind == "killed" and c.update for c in _within(m.counts, nxt))


def _retold(cue: Span | None, g: Group) -> Span | None:
    """The background cue covering this group: one before it (or just after it, "arrested
    previously"); an ongoing siege or curfew a retelling mentions is still ongoing."""
    if cue is None or g.rule.situation is not None or cue.start >= g.span.end + _BG_AFTER:
        return None
    return cue


def _nearest(items: Sequence[T], span: Span) -> T | None:
    best: tuple[int, T] | None = None
    for it in items:
        dist = min(abs(it.span.start - span.end), abs(span.start - it.span.end))
        if best is None or dist < best[0]:
            best = (dist, it)
    return best[1] if best else None


_CAUSE = re.compile(
    r"\s*(?:[\w’'-]+\s+){0,2}?(?:due to|by|in|as a result of|because of|caused by)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.I,
)


def _owner(
    text: str, groups: list[tuple[Group, list[Candidate]]], span: Span
) -> tuple[Group, list[Candidate]]:
    """The group a toll belongs to: the one it introduces ("a man was killed due to bombing"),
    else the one whose clause holds it, else the nearest before it."""
    for g, cands in groups:
        if span.end <= g.span.start and _CAUSE.match(text, span.end, g.span.start):
            return g, cands
    for g, cands in groups:
        if g.clause.start <= span.start < g.clause.end:
            return g, cands
    before = [gc for gc in groups if gc[0].span.start <= span.start]
    return before[-1] if before else groups[0]


def _place_owner(cands: list[Candidate], span: Span) -> Candidate:
    best = cands[0]
    for c in cands:
        if c.place is not None and c.place.span.start <= span.start:
            best = c
    return best
