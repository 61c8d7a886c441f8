"""Every place a report names: :func:`find_places`, the steps in order."""

from __future__ import annotations

from dataclasses import replace

from marsad.model import Span
from marsad.resolve.gazetteer import Gazetteer, load_place_lexicon
from marsad.resolve.geocode.context import (
    confirm_weak,
    facility,
    longest_first,
    may_name_facility,
    own_facilities,
    resolve,
    widen,
)
from marsad.resolve.geocode.cues import cues_for, not_a_place
from marsad.resolve.geocode.local import (
    extended,
    in_governorate,
    localise,
    strong_governorates,
    within_governorate,
)
from marsad.resolve.geocode.loose import loose_matches
from marsad.resolve.geocode.mention import PlaceMention
from marsad.resolve.geocode.quarters import quarter_mentions
from marsad.resolve.geocode.tally import neighbour_sets, tally, votes_of
from marsad.resolve.geocode.unknown import stand_ins


def find_places(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every place mention in ``text``, resolved and disambiguated, sorted by offset.

    Mentions never overlap (the longest name wins); offsets are exact indices into ``text``.
    """
    lexicon = load_place_lexicon()
    words: dict[int, str] = {}  # the word before each name, by its start
    longest, widened = widen(confirm_weak(longest_first(gazetteer.scan(text))), text, lexicon,
                             words=words)
    starts = {m.span.start for m in longest}
    matches = [m for m in longest
               if not not_a_place(m, text, lexicon, starts, before=words.get(m.span.start))]
    if not matches:
        return []
    cues = [cues_for(m, text, lexicon) for m in matches]
    table = tally(matches)
    votes = votes_of(table)
    # "Tal X" for a village X is kept only in a governorate the rest of the report names
    context = votes_of(table, skip=widened) if widened else votes
    named_ids = {p.id for m in matches for p in m.places}
    strong = strong_governorates(votes, {})
    nearby = neighbour_sets(table, strong)
    out: list[PlaceMention] = []
    dropped: list[Span] = []  # placed by the text in another governorate: not tried again
    facilities = may_name_facility(text, lexicon)
    top_votes = max(votes.values(), default=0.0)
    for i, (match, cue) in enumerate(zip(matches, cues, strict=True)):
        mention = (facilities and facility(match, text, lexicon, gazetteer)) or resolve(
            match, cue, votes, named_ids, gazetteer, places=table.places[i], top_votes=top_votes)
        if mention is not None and match.span.start in widened:
            if context.get(mention.place.admin1 or "", 0.0) <= 0:
                continue
            if mention.geo_precision == 1:
                mention = replace(mention, geo_precision=2)
        if mention is not None:
            within = within_governorate(cue.within, gazetteer)
            mention = extended(mention, text, votes, gazetteer, within=within, strong=strong)
            mention = localise(mention, match, votes, gazetteer, within=within,
                               nearby=nearby[i], own=table.own[i])
            if mention is None and within is not None:
                dropped.append(match.span)
                mention = in_governorate(match, within, gazetteer)
        if mention is not None:
            out.append(mention)
    loose, unplaced = loose_matches(text, [m.span for m in out] + dropped, votes, gazetteer,
                                    lexicon)
    out.extend(loose)
    out.extend(own_facilities(out, text, gazetteer))
    out = quarter_mentions(text, sorted(out, key=lambda m: m.span.start), gazetteer)
    return stand_ins(text, unplaced, out, gazetteer) if unplaced else out
