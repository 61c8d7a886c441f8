from __future__ import annotations

import pytest

from marsad.extraction.lexicon import load_lexicon
from marsad.extraction.triggers import find_triggers, instrument_sub_event
from marsad.model import Span

CASES = [
    ("Regime forces shelled the town of Kafr Nabl.", "shelling", "shelled"),
    ("Russian warplanes carried out raids on Maarat al-Numan.", "airstrike", "warplanes"),
    ("A drone targeted a car near the crossing.", "drone", "drone"),
    ("Israeli strikes hit a depot near the airport.", "airstrike", "Israeli strikes"),
    ("Clashes broke out between the SDF and ISIS cells.", "clash", "Clashes"),
    ("An IED exploded in a car in Daraa.", "ied", "IED"),
    ("A suicide bomber blew himself up at the checkpoint.", "suicide", "suicide bomber"),
    ("Two men shot dead a shepherd in Busra.", "attack_civilians", "shot dead"),
    ("The regime security services arrested three men.", "arrests", "arrested"),
    ("Hundreds of people staged a demonstration in Suwayda.", "protest", "demonstration"),
    ("Asayish continues its siege of the security square.", "siege", "siege"),
    ("The SDF imposed a curfew on the town.", "curfew", "imposed a curfew"),
    ("HTS took control of three villages.", "territory", "took control"),
    ("Unknown men kidnapped a doctor.", "abduction", "kidnapped"),
    ("Air defences intercepted Israeli missiles.", "disrupted", "intercepted"),
    (
        "Turkish forces sent military reinforcements to the area.",
        "change_activity",
        "military reinforcements",
    ),
    ("Two meetings were held in Qamishli.", "mediation", "meetings were held"),
    ("The Central Committee met the Russian side in Daraa.", "mediation", "met the Russian side"),
    ("The factions reached an agreement on a prisoner swap.", "agreement", "reached an agreement"),
    ("Militiamen looted the houses of displaced people.", "looting", "looted"),
    ("Security forces fired live bullets to disperse a protest in the square.",
     "excessive_force", "fired live bullets to disperse a protest"),
    ("Police dispersed a sit-in near the council.", "protest_intervention", "dispersed a sit-in"),
    ("HTS fighters repelled an infiltration attempt on the Kabani axis.", "clash",
     "repelled an infiltration attempt"),
    ("Turkish forces established a new military point near the town.", "base",
     "established a new military point"),
]


@pytest.mark.parametrize(("sentence", "rule_id", "surface"), CASES)
def test_first_trigger_of_each_kind(sentence: str, rule_id: str, surface: str) -> None:
    hits = find_triggers(sentence, load_lexicon())
    assert hits, sentence
    assert hits[0].rule.id == rule_id
    assert hits[0].span.text(sentence) == surface


@pytest.mark.parametrize(
    "sentence",
    [
        "The fighters rested.",
        "This is it.",
        "Residents returned home.",
        # figures of speech, not looting
        "Children in the camp were robbed of their childhood.",
        "The war has stolen youth from a generation.",
    ],
)
def test_no_trigger_in_plain_sentences(sentence: str) -> None:
    assert find_triggers(sentence, load_lexicon()) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Regime forces resumed bombing with rockets on the town.",
            "Shelling/artillery/missile attack",
        ),
        ("The bombardment by regime warplanes on the town continued.", "Air/drone strike"),
        ("Intense bombardment hit the village.", "Shelling/artillery/missile attack"),
    ],
)
def test_generic_attack_words_take_the_nearest_weapon(sentence: str, expected: str) -> None:
    lex = load_lexicon()
    hit = next(h for h in find_triggers(sentence, lex) if h.rule.instrument)
    assert instrument_sub_event(sentence, hit, Span(0, len(sentence)), lex) == expected
