from __future__ import annotations

import pytest

from marsad.extraction.lexicon import load_lexicon
from marsad.extraction.roles import assign_roles
from marsad.extraction.triggers import find_triggers
from marsad.model import Span
from marsad.resolve.actors import load_actors

CASES = [
    # sentence, actor1 id, actor2 id, how
    ("Regime forces shelled positions of HTS near the town.", "regime", "hts", "subject"),
    ("Positions of the SDF came under shelling by Turkish forces.", "turkey", "sdf", "passive"),
    ("Clashes broke out between the SDF and ISIS cells at dawn.", "sdf", "isis", "between"),
    # "killed in an ISIS attack": the attacker acted, the fallen are its target
    ("Three regime soldiers killed in an ISIS attack near the town.", "isis", "regime",
     "passive"),
    ("Gunmen believed to be ISIS cells ambushed an SDF patrol near the town.", "isis", "sdf",
     "subject"),
    # the side named inside the deed's words is its target
    ("ISIS attacked a regime checkpoint near the town.", "isis", "regime", "subject"),
    # "clashed with X": X is the other side
    ("A Turkish drone targeted a vehicle of the SDF near the town.", "turkey", "sdf", "subject"),
    ("SNA fighters clashed with the SDF near the town.", "sna", "sdf", "subject"),
    (
        "Clashes erupted between regime forces backed by Hezbollah against HTS fighters.",
        "regime",
        "hts",
        "between",
    ),
    # Arabic "held by X" (الخاضعة لسيطرة X): the side holding the places struck is the target
    (
        "شنت طائرات التحالف الدولي غارات جوية استهدفت أماكن في قرى الباغوز والسوسة والشعفة "
        "الخاضعة لسيطرة تنظيم داعش.",
        "coalition",
        "isis",
        "subject",
    ),
    # the side whose attack started the clashes acted, whichever is named first
    (
        "Clashes broke out between the SDF and HTS fighters after an attack launched by HTS "
        "on the village.",
        "hts",
        "sdf",
        "between",
    ),
    (
        "Clashes broke out between the SDF and HTS fighters after an attack by the SDF on "
        "the village.",
        "sdf",
        "hts",
        "between",
    ),
    (
        "Asayish continues imposing a siege on regime forces in the city.",
        "asayish",
        "regime",
        "subject",
    ),
    (
        "Russian warplanes carried out raids on the outskirts of the town.",
        "russia",
        None,
        "subject",
    ),
    ("Warplanes believed to be Russian struck the village.", "russia", None, "subject"),
    ("A siege imposed by Asayish on the security square continues.", "asayish", None, "passive"),
    # the target named through what shelters it
    (
        "Israeli warplanes struck positions sheltering an Iranian militia near the town.",
        "israel",
        "iran-backed-militias",
        "subject",
    ),
    # the agent's name in quotation marks after "by the"
    (
        "The airbase, which is besieged by the “Islamic State”, came under fire.",
        "isis",
        None,
        "passive",
    ),
    ("The shelling on the regime-held villages killed two people.", None, "regime", "none"),
    ("The SDF and the Coalition arrested three ISIS members.", "sdf", "isis", "subject"),
    (
        "A civilian was shot dead by gunmen believed to belong to ISIS cells.",
        "isis",
        "civilians",
        "passive",
    ),
    (
        "The siege imposed by the regime's 4th Division on the town goes on.",
        "fourth-division",
        None,
        "passive",
    ),
    # the other side named before the trigger: "at the expense of X"
    (
        "Regime forces advanced at the expense of HTS and took control of two villages.",
        "regime",
        "hts",
        "subject",
    ),
    # passive voice: an actor named after "from/to/near" before the trigger is no patient
    (
        "Two villages 4 km from the Turkish post have been captured by regime forces.",
        "regime",
        None,
        "passive",
    ),
    # "a force of the SDF": the SDF acted
    ("A force of the SDF arrested two young men in the village.", "sdf", "civilians", "subject"),
    # a quoted name after "to the" is where, not who: "closer to the “Turkish” point"
    (
        "Regime forces got closer to the “Turkish” post and took control of a hill.",
        "regime",
        None,
        "subject",
    ),
    # "the death of an SDF fighter ... shot": the SDF was hit, it did not shoot
    (
        "Activists reported the death of an SDF fighter who was shot near the town.",
        None,
        "sdf",
        "none",
    ),
    # "X, believed to be Y": the owner after a comma
    ("Aircraft, believed to be Israeli, struck a depot near the town.", "israel", None, "subject"),
    # "a missile, launched by X, landed": the passive agent set off by commas
    (
        "A surface-to-surface missile, launched by regime forces, landed on the town.",
        "regime",
        None,
        "passive",
    ),
    # "strikes that are believed to be carried out by X"
    (
        "Airstrikes that are believed to be carried out by US forces hit the town.",
        "usa",
        None,
        "passive",
    ),
]


@pytest.mark.parametrize(("sentence", "actor1", "actor2", "how"), CASES)
def test_roles(sentence: str, actor1: str | None, actor2: str | None, how: str) -> None:
    lex = load_lexicon()
    mentions = load_actors().find(sentence)
    hit = find_triggers(sentence, lex)[0]
    whole = Span(0, len(sentence))
    roles = assign_roles(sentence, hit.span, clause=whole, sentence=whole, mentions=mentions)
    assert (roles.actor1.actor.id if roles.actor1 else None) == actor1
    assert (roles.actor2.actor.id if roles.actor2 else None) == actor2
    assert roles.how == how


def test_mediators_are_not_the_two_sides() -> None:
    sentence = "Russian forces are trying to resolve the dispute between the SDF and the regime."
    lex = load_lexicon()
    hit = find_triggers(sentence, lex)[0]
    whole = Span(0, len(sentence))
    mentions = load_actors().find(sentence)
    roles = assign_roles(
        sentence, hit.span, clause=whole, sentence=whole, mentions=mentions, pairwise=False
    )
    assert roles.actor1 is not None and roles.actor1.actor.id == "russia"


def test_the_fallen_of_a_fight_are_a_side() -> None:
    from extract_helpers import live_events

    text = ("Clashes near Ain Issa\n\nRaqqa Province: Two SNA fighters were killed in clashes "
            "with the SDF near Ain Issa.")
    clashes = [e for e in live_events(text) if e.sub_event_type == "Armed clash"
               and not e.evidence["sentence"].text(text).startswith("Clashes near")]
    assert [(e.actor1 and e.actor1.id, e.actor2 and e.actor2.id) for e in clashes] == [
        ("sna", "sdf")]


def test_the_one_found_dead_did_not_act() -> None:
    from extract_helpers import live_events

    text = ("Found dead\n\nHoms Province: A member of the regime's Air Force Intelligence was found"
            " dead with gunshot wounds near Talbiseh.")
    (event,) = [e for e in live_events(text)
                if not e.evidence["sentence"].text(text).startswith("Found dead")]
    assert event.actor1 is None or event.actor1.id not in {"regime", "air-force-intelligence"}
