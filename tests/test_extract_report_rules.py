"""Round-5 coding rules, end to end on invented sentences in SOHR's voice: what a report's
sentences are coded as (event type, sub-event type, the words of the place), and who acted."""

from __future__ import annotations

import pytest

from extract_helpers import coded, live_events
from marsad.extraction import extract_report
from marsad.model import Report
from marsad.resources import load_resources

REMOTE = "Explosions/Remote violence"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a square named like a village (in quotes, or after a backslash) is no village
        (
            "Protest in Shahba\n\nDozens of people staged a demonstration in “Al-Sir” square "
            "in the centre of Shahba today.",
            [("Protests", "Peaceful protest", "Shahba")],
        ),
        (
            "Protest in Shahba\n\nDozens of people staged a demonstration in "
            "Al-Sir\\Al-Karama square in Shahba today.",
            [("Protests", "Peaceful protest", "Shahba")],
        ),
        # "On Sept. 26, SOHR activists reported ...": an abbreviated month opens a retelling
        (
            "Mine blast near Tafas\n\nA child was killed in a landmine explosion near Tafas in "
            "Daraa countryside today.\n\nOn Sept. 26, SOHR activists reported that two children "
            "were injured in a grenade explosion in Inkhil.",
            [("Explosions/Remote violence", "Remote explosive/landmine/IED", "Tafas")],
        ),
        # a tally since a morning is no event; the details listed after it are
        (
            "Drone strikes\n\nThe number of Turkish drone strikes on areas "
            "run by the Autonomous Administration since Monday morning has risen to 7, where 6 "
            "airstrikes hit areas in Al-Hasakah and one hit an area in Aleppo.\n\nHere are "
            "further details of these strikes:\n\n– Turkish drones targeted a car in Amuda, "
            "injuring two people.\n\n– A Turkish drone targeted a checkpoint in Tal Tamr.",
            [
                ("Explosions/Remote violence", "Air/drone strike", "Amuda"),
                ("Explosions/Remote violence", "Air/drone strike", "Tal Tamr"),
            ],
        ),
        # the headline names the weapon loosely: the body's drone strike is the one event
        (
            "Turkish shelling on Amuda\n\nA Turkish drone targeted a house in Amuda in "
            "Al-Hasakah countryside, killing two people.",
            [("Explosions/Remote violence", "Air/drone strike", "Amuda")],
        ),
        # bodies pulled from the rubble are the strike's toll, not a killing of their own
        (
            "Shelling on Kafr Nabl\n\nRegime forces shelled Kafr Nabl yesterday, and some "
            "bodies were recovered from under the rubble today.",
            [("Explosions/Remote violence", "Shelling/artillery/missile attack", "Kafr Nabl")],
        ),
        # a cordon thrown around people to arrest them is the arrests' means, not a siege
        (
            "Arrests in Sarmin\n\nRegime military police encircled a queue of residents in "
            "front of a bakery in Sarmin and arrested several young men.",
            [("Strategic developments", "Arrests", "Sarmin")],
        ),
        # avoided, attempted: not happened
        (
            "Hiding in Sarmin\n\nYoung men in Sarmin are hiding from the patrols of HTS to "
            "avoid being arrested.",
            [],
        ),
        (
            "Shelling on Kafr Nabl\n\nRegime forces shelled Kafr Nabl today in an attempt to "
            "regain control of Hish.",
            [("Explosions/Remote violence", "Shelling/artillery/missile attack", "Kafr Nabl")],
        ),
        # "demonstrations coordinators", "people who have been displaced" name people
        (
            "Arrests in Binnish\n\nHTS arrested three men in Binnish today; the three are "
            "among the town's demonstrations coordinators.",
            [("Strategic developments", "Arrests", "Binnish")],
        ),
        (
            "Looting in Afrin\n\nFaction members looted the houses of people who have been "
            "displaced in Jindires.",
            [("Strategic developments", "Looting/property destruction", "Jindires")],
        ),
        # missiles the air defences blocked are a disrupted weapons use, not a strike too
        (
            "Attack on a base\n\nIran-backed militias fired missiles at the US base in Al-Omar "
            "oil field, as US air defences blocked the missiles.",
            [("Strategic developments", "Disrupted weapons use", "Al-Omar oil field")],
        ),
        # explosions heard as a result of exercises are no bombing
        (
            "Exercises at Al-Omar\n\nLoud explosions were heard at the US base in Al-Omar oil "
            "field this morning, as a result of military exercises that US troops held with live "
            "ammunition.",
            [("Strategic developments", "Change to group/activity", "Al-Omar oil field")],
        ),
        # SOHR's own report of yesterday evening, or of a named weekday, is retold news
        (
            "Drone strike on Amuda\n\nA Turkish drone targeted a car in Amuda today.\n\n"
            "Yesterday evening, SOHR activists reported that a Turkish drone targeted a house in "
            "Tal Tamr.",
            [("Explosions/Remote violence", "Air/drone strike", "Amuda")],
        ),
        (
            "Roads blocked in Qamishli\n\nAsayish blocked the roads to the security square in "
            "Qamishli today.\n\nOn Saturday, SOHR activists documented clashes between NDF and "
            "Asayish in Amuda.",
            [("Strategic developments", "Other", "Qamishli")],
        ),
        # what "the aforementioned events" led to, and what "comes in conjunction with", retell
        (
            "Kidnapping in Shahba\n\nGunmen kidnapped two men in Shahba today.\n\nThe "
            "aforementioned events led to the road being cut for three days, before both sides "
            "reached an agreement in Al-Suwaidaa city.",
            [("Violence against civilians", "Abduction/forced disappearance", "Shahba")],
        ),
        (
            "Clashes in Kansafra\n\nHTS fighters clashed with regime forces near Kansafra "
            "today.\n\nA wave of clashes in Sarmin comes in conjunction with the regime "
            "offensive in the countryside of Hama.",
            [("Battles", "Armed clash", "Kansafra")],
        ),
        # unconfirmed reports, a detention years before a death, a grenade carried or threatened
        (
            "Tension in Qamishli\n\nThe tension in Qamishli is ongoing, despite reports of "
            "Russian mediation to end it.",
            [],
        ),
        (
            "Death under torture\n\nA young man from Inkhil died under torture in a regime "
            "prison in Sednaya, after he was detained for nearly three years.",
            [("Violence against civilians", "Attack", "Sednaya")],
        ),
        (
            "Arrest in Jaramana\n\nRegime security services arrested a young man in Jaramana "
            "today, as he was carrying a grenade and threatened a shopkeeper of blowing up the "
            "grenade.",
            [("Strategic developments", "Arrests", "Jaramana")],
        ),
        # "killed in the shelling": the strike just told, whatever word the toll sentence uses
        (
            "Strikes on Al-Bukamal\n\nSOHR documented fatalities in yesterday's airstrikes by "
            "aircraft on militia positions in Al-Bukamal countryside.\nSome 14 militiamen were "
            "killed in the shelling, which hit their new posts.",
            [("Explosions/Remote violence", "Air/drone strike", "Al-Bukamal")],
        ),
        # the lines listed under a tally that ends on a colon are its figures
        (
            "Drone strike on Amuda\n\nA Turkish drone targeted a car in Amuda today, killing two "
            "SDF members.\n\nAccording to SOHR statistics, Turkish drone attacks left 40 people "
            "dead and wounded this year:\n\n21 people were killed in SDF-held areas in Tal Tamr."
            "\n\n19 people were injured in Qamishli.",
            [("Explosions/Remote violence", "Air/drone strike", "Amuda")],
        ),
        # a place named as a distance mark is not where it happened
        (
            "Advance near Sarmin\n\nRegime forces took control of Kafr Nabl after violent "
            "clashes, amid heavy shelling, and now stand 4 km away from a Turkish observation "
            "post in Sarmin.",
            [
                ("Battles", "Government regains territory", "Kafr Nabl"),
                ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Kafr Nabl"),
            ],
        ),
        # "The IEDs exploded near X" right after a retold IED attack goes on retelling it
        (
            "IED in Binnish\n\nAn IED exploded in a car in Binnish today, injuring a man.\n\n"
            "On October 2, SOHR activists said that two IEDs went off in a military vehicle "
            "transporting HTS fighters. The IEDs exploded near Sarmin, and clashes then broke out "
            "between the attackers and HTS fighters.",
            [("Explosions/Remote violence", "Remote explosive/landmine/IED", "Binnish")],
        ),
        # the headline's place is no event of its own: not when the body retells an event
        # there, nor when only a placeless body sentence borrowed it
        (
            "Protests go on in Jaramana | Residents stage a sit-in\n\nDozens of residents "
            "gathered in Sahnaya to take part in a sit-in.\n\nYesterday, SOHR sources reported "
            "that residents gathered in the centre of Jaramana, where they staged a demonstration.",
            [("Protests", "Peaceful protest", "Sahnaya")],
        ),
        (
            "Turkish forces shell a village in Manbij\n\nTurkish forces fired artillery shells "
            "on Arima village in the countryside of Manbij.\n\nMoreover, a shell was fired on "
            "farmland along the river.",
            [("Explosions/Remote violence", "Shelling/artillery/missile attack", "Arima")],
        ),
        # "in the base": the place told before, past a short placeless remark
        (
            "Drones on a US base\n\nExplosions rang out this morning in the US base in Al-Omar "
            "oil field after drones attacked it. No one was hurt."
            "\n\nThe attack came two hours after a US cargo plane loaded with reinforcements "
            "landed in the base.",
            [
                ("Explosions/Remote violence", "Air/drone strike", "Al-Omar oil field"),
                ("Strategic developments", "Change to group/activity", "Al-Omar oil field"),
            ],
        ),
        # "..., also 20 people were arrested ...": the same deed told again is another happening
        (
            "Raids in Deir Ezzor\n\nSDF members raided houses in Tayyana and arrested a group of "
            "people, also 20 people were arrested after raids in Jdid Ekeidat village.",
            [
                ("Strategic developments", "Arrests", "Tayyana"),
                ("Strategic developments", "Arrests", "Jdid Ekeidat"),
            ],
        ),
        # "in another context" turns to another matter: its places are not the arrests'
        (
            "Raids in Deir Ezzor\n\nSDF members raided Tayyana and arrested two young men, and "
            "in another context, SOHR learned that a young man was found in Hajin town.",
            [("Strategic developments", "Arrests", "Tayyana")],
        ),
        # "in the village" after the trigger points back to the village named before it
        (
            "Raids in Deir Ezzor\n\nSDF members raided Tayyana and shot dead a displaced man "
            "from Al-Bukamal, in addition to arresting five people in the village, and in Hajin "
            "town SDF members raided several houses.",
            [
                ("Violence against civilians", "Attack", "Tayyana"),
                ("Strategic developments", "Arrests", "Tayyana"),
            ],
        ),
        # "after he killed his brother": the victim's past, no event
        (
            "Killing in Hajin\n\nAsayish members raided a wanted man's house in Hajin, where an "
            "exchange of fire broke out between the two sides; sources said the man had served "
            "in the SDF until his expulsion weeks ago after he killed his brother.",
            [("Battles", "Armed clash", "Hajin")],
        ),
        # "because of the constant clashes": the state of an area, no happening
        (
            "Shelling on Kafr Nabl\n\nRegime forces shelled Kafr Nabl today.\n\nFew civilians "
            "remain in Hish because of the constant clashes around it.",
            [("Explosions/Remote violence", "Shelling/artillery/missile attack", "Kafr Nabl")],
        ),
        # "X town in the city of Y, north-west Aleppo": Aleppo only places the town
        (
            "Car bomb in Jindires\n\nA car bomb exploded near a bakery in "
            "Jindires town in the Turkish-held city of Afrin, north-west Aleppo.",
            [("Explosions/Remote violence", "Remote explosive/landmine/IED", "Jindires")],
        ),
        # ", while ..." opens another clause: its places are not the mine blast's
        (
            "Blasts in Hama countryside\n\nA boy was killed by a mine explosion at the outskirts "
            "of Qamhana town, while areas in the countryside of Taybat al-Imam were bombed by "
            "warplanes.",
            [
                ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Qamhana"),
                ("Explosions/Remote violence", "Air/drone strike", "Taybat al-Imam"),
            ],
        ),
        # "targeted these areas": the strike just told, with the same weapon
        (
            "Raids on Taybat al-Imam\n\nAreas in Taybat al-Imam were bombed by warplanes, which "
            "extensively targeted these areas.",
            [("Explosions/Remote violence", "Air/drone strike", "Taybat al-Imam")],
        ),
        # clashes in two places amid shelling and air strikes: each kind of event at each place
        (
            "Clashes in Latakia mountains\n\nClashes continue between regime forces and HTS in "
            "Jabal al-Akrad and Jabal al-Turkman, amid bombing by regime forces and airstrikes by "
            "Russian warplanes.",
            [
                ("Battles", "Armed clash", "Jabal al-Akrad"),
                ("Battles", "Armed clash", "Jabal al-Turkman"),
                (REMOTE, "Shelling/artillery/missile attack", "Jabal al-Akrad"),
                (REMOTE, "Shelling/artillery/missile attack", "Jabal al-Turkman"),
                (REMOTE, "Air/drone strike", "Jabal al-Akrad"),
                (REMOTE, "Air/drone strike", "Jabal al-Turkman"),
            ],
        ),
        # a mountain named after the village in it only places the village
        (
            "Failed advance in Latakia\n\nHTS fighters thwarted an attempt by regime forces to "
            "advance on Tal Al-Haddadah area, in Jabal Al-Akrad, in the north of the "
            "Latakia countryside.",
            [("Battles", "Armed clash", "Tal Al-Haddadah")],
        ),
        # "after the control of X over the bakery": an earlier state of things, no takeover
        (
            "Bakery closed in Qamishli\n\nThe bakery in Qamishli stopped working after the "
            "control of Asayish over the bakery on April 9.",
            [],
        ),
        # the places after a denied trigger ("ending the blockade of X") are not the deal's
        (
            "Deal in Qamishli\n\nAsayish and regime officers reached an agreement in Qamishli "
            "today, ending the blockade of the neighbourhoods of Amuda and Tal Tamr.",
            [("Strategic developments", "Agreement", "Qamishli")],
        ),
        # checkpoints removed: a change to the group's activity
        (
            "Checkpoints removed\n\nAsayish removed the checkpoints and earth mounds around the "
            "security square in Amuda this afternoon.",
            [("Strategic developments", "Change to group/activity", "Amuda")],
        ),
        # "Moreover, ..." right after a dated retelling goes on retelling
        (
            "Raids in Deir Ezzor\n\nSDF members arrested two young men in Tayyana today.\n\n"
            "On September 19, an SDF patrol stormed houses in Hajin.\n\nMoreover, another patrol "
            "raided houses in Jdid Ekeidat and arrested several people.",
            [("Strategic developments", "Arrests", "Tayyana")],
        ),
        # ... and so does "Meanwhile, ..." after the retold clash and a remark on it
        (
            "Tension in Qamishli\n\nAsayish arrested two young men in Qamishli today.\n\nOn "
            "Saturday, SOHR activists documented clashes between NDF and Asayish in Amuda. These "
            "clashes coincided with the flight of residents to safer places.\n\nMeanwhile, "
            "Asayish brought military reinforcements to Tal Tamr.",
            [("Strategic developments", "Arrests", "Qamishli")],
        ),
        # "Earlier today, SOHR sources reported ..." opens a retelling of the day's earlier news
        (
            "Drone strike on Amuda\n\nA Turkish drone targeted a car in Amuda this evening, "
            "injuring its driver.\n\nEarlier today, SOHR sources reported that a Turkish drone "
            "struck a farm near Tal Tamr, wounding a shepherd.",
            [("Explosions/Remote violence", "Air/drone strike", "Amuda")],
        ),
        # ... unless the next sentence updates its toll: the report tells it again as news
        (
            "Drone strike on Amuda\n\nA Turkish drone targeted a car in Amuda this evening, "
            "injuring its driver.\n\nEarlier today, SOHR sources reported that a man was "
            "killed when a Turkish drone struck a house in Tal Tamr. Thus, the death toll rose "
            "to four.",
            [
                ("Explosions/Remote violence", "Air/drone strike", "Amuda"),
                ("Explosions/Remote violence", "Air/drone strike", "Tal Tamr"),
            ],
        ),
    ],
)
def test_what_is_coded(text: str, expected: list[tuple[str, str, str]]) -> None:
    events = live_events(text)
    assert coded(text, events) == expected
    assert len(events) == len(expected)


def test_the_strikes_told_again_are_by_the_actor_named_first() -> None:
    text = (
        "Airstrikes on Al-Mayadin\n\nAirstrikes that are believed to be carried out by US "
        "forces on Al-Mayadin killed ten militiamen.\n\nThe airstrikes also destroyed a depot "
        "in Al-Bukamal."
    )
    events = live_events(text)
    assert [e.evidence["location"].text(text) for e in events] == ["Al-Mayadin", "Al-Bukamal"]
    assert [e.actor1.id if e.actor1 else None for e in events] == ["usa", "usa"]


def test_islamic_battalions_are_the_rebels() -> None:
    text = "Shelling on Qatana\n\nThe Islamic battalions targeted places in Qatana with shells."
    [event] = live_events(text)
    assert event.actor1 is not None and event.actor1.id == "rebels"


def test_clashes_told_again_are_between_the_same_two_sides() -> None:
    text = (
        "Clashes in Idlib\n\nClashes broke out between HTS and Ahrar al-Sham in Sarmin today."
        "\n\nThe clashes continue in Binnish."
    )
    events = live_events(text)
    sides = [(e.actor1.id if e.actor1 else None, e.actor2.id if e.actor2 else None) for e in events]
    assert sides == [("hts", "ahrar-al-sham"), ("hts", "ahrar-al-sham")]


def test_a_faction_named_with_the_actor_is_its_ally_not_its_target() -> None:
    text = (
        "Infighting in Idlib\n\nClashes continue between HTS against Ahrar al-Sham and Suqour "
        "al-Sham in the countryside of Idlib, while Suqour al-Sham and Ahrar al-Sham took control "
        "of Binnish."
    )
    [event] = live_events(text)
    assert event.actor1 is not None and event.actor1.id == "soqur-al-sham"
    assert event.actor2 is None or event.actor2.id != "ahrar-al-sham"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quarters the gazetteer lacks, placed at their city: one event each, in their words
        (
            "Raids on Deir Ezzor\n\nWarplanes targeted areas in the neighbourhoods of al-Ommal and "
            "al-Hwiqa in the city of Deir Ezzor today.",
            [("al-Ommal", "Deir-ez-Zor"), ("al-Hwiqa", "Deir-ez-Zor")],
        ),
        # a village the gazetteer lacks, placed at the town whose countryside it is in
        (
            "Killing near Salamiyah\n\nA shepherd was shot dead by gunmen in Duwaizin village in "
            "the eastern countryside of Salamiyah today.",
            [("Duwaizin", "As-Salamiyeh")],
        ),
        # two names the gazetteer files under one city are one site
        (
            "Drone strike on Kobani\n\nA Turkish drone targeted a house in Ain Al-Arab (Kobani) "
            "east of Aleppo today.",
            [("Ain Al-Arab", "Ain Al Arab")],
        ),
    ],
)
def test_places_the_gazetteer_lacks_are_sites_of_their_own(
    text: str, expected: list[tuple[str, str]]
) -> None:
    events = live_events(text)
    got = [
        (e.evidence["location"].text(text), e.location.place.name if e.location else None)
        for e in events
    ]
    assert got == expected


def test_an_undated_report_still_tells_yesterday_from_today() -> None:
    text = (
        "Drones on Al-Omar\n\nA drone targeted the US base in Al-Omar oil field this morning.\n\n"
        "Another drone targeted the US base in Al-Omar oil field yesterday."
    )
    report = Report(report_id="t1", text=text, published=None)
    events = extract_report(report, resources=load_resources()).events
    assert [e.sub_event_type for e in events] == ["Air/drone strike", "Air/drone strike"]
    assert all(e.event_date is None for e in events)
