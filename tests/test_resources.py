from __future__ import annotations

from marsad.extraction.lexicon import Lexicon
from marsad.resources import Resources, load_resources


def test_resources_load_once_and_hold_every_table() -> None:
    res = load_resources()
    assert isinstance(res, Resources)
    assert load_resources() is res
    assert isinstance(res.lexicon, Lexicon)
    assert res.taxonomy.sub_event("Armed clash").event_type == "Battles"
    assert res.actors.resolve("regime forces") is not None
    assert res.gazetteer.lookup("Idlib")
