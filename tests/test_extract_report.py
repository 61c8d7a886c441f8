"""End-to-end extraction on invented reports in SOHR's voice, and on the seed report (read from
../shared at run time; skipped when absent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract_helpers import coded, live_events
from marsad.extraction import extract_report
from marsad.model import Event, Extraction, Report
from marsad.resources import load_resources

SHELLING = """Regime forces shell Kafr Nabl and clashes erupt near Saraqib

Idlib Province: Regime forces shelled the town of Kafr Nabl in the southern countryside of Idlib \
this morning, killing two civilians and injuring four others. Meanwhile, violent clashes broke out \
between HTS fighters and regime forces near Saraqib, amid mutual shelling between the two sides.

SOHR reported earlier that Russian warplanes carried out raids on Maarat al-Numan.

Residents of Binnish left their homes for fear of expected clashes.
"""

SIEGE = """For the ninth day in a row | Asayish keeps siege on regime-held areas in Qamishli

Local activists told the Observatory that Asayish fighters keep regime forces besieged in \
the security square of al-Qamishli for the ninth day in a row.

On January 20, two meetings were held between regime officers and the Autonomous Administration \
under Russian mediation in Qamishli, but no agreement was reached.

According to SOHR sources, Asayish has been besieging regime forces in Qamishli for the seventh \
consecutive day.
"""

ROUNDUP = """Daily roundup | Drone strike, IED blast and protests across Syria

Deir Ezzor Province: A drone believed to belong to the International Coalition targeted a \
motorcycle near Al-Busayrah, killing two ISIS members.
Daraa Province: An IED exploded in a car on the road near Tafas yesterday, injuring three people.
As-Suwayda Province: Hundreds of people staged a demonstration in Shahba demanding the release \
of detainees.
"""

PUBLISHED = date(2021, 1, 24)


def _extract(text: str, published: date | None = PUBLISHED) -> Extraction:
    report = Report(report_id="t1", text=text, published=published)
    return extract_report(report, resources=load_resources())


def _at(ex: Extraction, surface: str) -> list[Event]:
    return [
        e
        for e in ex.events
        if "location" in e.evidence and e.evidence["location"].text(ex.report.text) == surface
    ]


def test_every_event_has_evidence_for_every_field() -> None:
    for text in (SHELLING, SIEGE, ROUNDUP):
        ex = _extract(text)
        assert ex.events
        for n, e in enumerate(ex.events, start=1):
            assert e.event_id == f"t1:{n}"
            assert "event" in e.evidence and e.summary.endswith(".")
            assert (e.actor1 is None) == ("actor1" not in e.evidence)
            assert (e.location is None) == ("location" not in e.evidence)
            assert (e.situation is None) == ("situation" not in e.evidence)
            assert (e.fatalities.best == 0) or "fatalities" in e.evidence
            assert (e.event_date is None) == ("date" not in e.evidence)
            assert (e.attribution is None) == ("attribution" not in e.evidence)
            assert e.plover is not None and e.cameo


def test_shelling_clash_background_and_feared_clashes() -> None:
    ex = _extract(SHELLING)
    [shell] = [e for e in _at(ex, "Kafr Nabl") if e.event_type == "Explosions/Remote violence"]
    assert shell.sub_event_type == "Shelling/artillery/missile attack"
    assert shell.actor1 is not None and shell.actor1.id == "regime"
    assert shell.fatalities.best == 2 and shell.injured == 4
    assert shell.event_date == PUBLISHED and shell.time_precision == 1
    [clash] = [e for e in _at(ex, "Saraqib") if e.event_type == "Battles"]
    assert {clash.actor1.id, clash.actor2.id} == {"hts", "regime"}  # type: ignore[union-attr]
    [raid] = _at(ex, "Maarat al-Numan")
    assert raid.background and raid.sub_event_type == "Air/drone strike"
    assert raid.actor1 is not None and raid.actor1.id == "russia"
    assert not _at(ex, "Binnish")  # feared clashes are no event


def test_siege_day_count_meeting_and_contradiction() -> None:
    ex = _extract(SIEGE)
    sieges = [e for e in ex.events if e.situation is not None]
    assert len(sieges) == 1
    siege = sieges[0]
    assert siege.situation.kind == "siege" and siege.situation.day == 9  # type: ignore[union-attr]
    assert siege.date_start == date(2021, 1, 16) and siege.date_end == PUBLISHED
    assert siege.actor1.id == "asayish" and siege.actor2.id == "regime"  # type: ignore[union-attr]
    assert "day 9" in siege.summary
    meetings = [e for e in ex.events if e.event_date == date(2021, 1, 20)]
    assert meetings and meetings[0].sub_event_type == "Other"
    assert not [e for e in ex.events if e.sub_event_type == "Agreement"]
    [contra] = [c for c in ex.contradictions if c.field == "situation.day"]
    assert set(contra.values) == {9, 7}
    assert [s.text(SIEGE) for s in contra.evidence] == [
        "For the ninth day in a row",
        "for the seventh consecutive day",
    ]


def test_a_past_point_of_a_siege_is_no_rival_day_count() -> None:
    text = (
        "Siege on the camp\n\nRegime forces keep preventing food and medicine from entering "
        "the Rukban camp for 40 days, apart from one truck of flour that entered on the 22nd "
        "day of the siege."
    )
    ex = _extract(text)
    [siege] = [e for e in ex.events if e.situation is not None]
    assert siege.situation.day == 40  # type: ignore[union-attr]
    assert not [c for c in ex.contradictions if c.field == "situation.day"]


def test_daily_roundup_codes_each_incident() -> None:
    ex = _extract(ROUNDUP)
    types = {(e.event_type, e.evidence["location"].text(ROUNDUP)) for e in ex.events if e.location}
    assert ("Explosions/Remote violence", "Al-Busayrah") in types
    assert ("Explosions/Remote violence", "Tafas") in types
    assert ("Protests", "Shahba") in types
    [drone] = _at(ex, "Al-Busayrah")
    assert drone.sub_event_type == "Air/drone strike" and drone.fatalities.best == 2
    [ied] = _at(ex, "Tafas")
    assert ied.sub_event_type == "Remote explosive/landmine/IED"
    assert ied.event_date == date(2021, 1, 23) and ied.injured == 3
    [protest] = _at(ex, "Shahba")
    assert protest.actor1 is not None and protest.actor1.id == "protesters"


def test_without_a_publication_date_events_have_no_date() -> None:
    ex = _extract(SHELLING, published=None)
    assert all(e.event_date is None and e.time_precision == 3 for e in ex.events)


def test_obfuscated_words_keep_original_offsets() -> None:
    text = "Gunmen kill a man in Daraa\n\nUnknown gu*nmen shot dead a young man in Tafas."
    ex = _extract(text)
    [event] = _at(ex, "Tafas")
    assert event.evidence["event"].text(text) == "shot dead"
    assert event.event_type == "Violence against civilians"
    assert event.fatalities.best == 1  # "shot dead" tells one death without a figure


SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "samples" / "seed_hasakah_siege.txt"


@pytest.fixture(scope="module")
def seed() -> Extraction:
    if not SEED.is_file():
        pytest.skip("../shared/samples/seed_hasakah_siege.txt is not present")
    return _extract(SEED.read_text(encoding="utf-8"))


def test_seed_two_asayish_sieges_on_day_13(seed: Extraction) -> None:
    text = seed.report.text
    sieges = [e for e in seed.events if e.situation and e.actor1 and e.actor1.id == "asayish"]
    places = sorted(e.evidence["location"].text(text).lower() for e in sieges if not e.background)
    assert any("hasak" in p for p in places) and any("qamish" in p for p in places)
    for e in sieges:
        if not e.background:
            assert e.situation.day == 13  # type: ignore[union-attr]
            assert e.situation.start_date == date(2021, 1, 12)  # type: ignore[union-attr]
            assert e.actor2 is not None and e.actor2.id == "regime"


def test_seed_contradiction_meeting_and_aleppo_encirclement(seed: Extraction) -> None:
    text = seed.report.text
    [contra] = [c for c in seed.contradictions if c.field == "situation.day"]
    assert set(contra.values) == {13, 10}
    meetings = [e for e in seed.events if e.event_date == date(2021, 1, 20)]
    assert meetings and meetings[0].event_type == "Strategic developments"
    assert meetings[0].sub_event_type == "Other"
    aleppo = {
        e.evidence["location"].text(text)
        for e in seed.events
        if e.situation and e.actor1 and e.actor1.id == "fourth-division"
    }
    assert {"Sheikh Maqsoud", "Al-Ashrafiyyah"} <= aleppo


def test_seed_has_no_agreement_and_no_clash(seed: Extraction) -> None:
    live = [e for e in seed.events if not e.background]
    assert not [e for e in live if e.sub_event_type in {"Agreement", "Armed clash"}]


def _live(text: str) -> list[Event]:
    return live_events(text, published=PUBLISHED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence opening on "the <trigger>" with no place tells more of the event just told
        (
            "Shelling on Kansafra\n\nRegime forces shelled Kansafra in the southern countryside "
            "of Idlib this morning. The shelling caused material damage to houses.",
            [("Explosions/Remote violence", "Shelling/artillery/missile attack", "Kansafra")],
        ),
        # "explosions were heard" told with the strike that caused them is that strike
        (
            "Raids on Binnish\n\nExplosions were heard in Binnish in the countryside of Idlib, "
            "caused by airstrikes carried out by Russian warplanes.",
            [("Explosions/Remote violence", "Air/drone strike", "Binnish")],
        ),
        # "on the road between X and Y": the first-named place only
        (
            "Killing near Inkhil\n\nUnidentified gunmen shot dead a young man on the road "
            "between Inkhil and Jasim in the northern countryside of Daraa.",
            [("Violence against civilians", "Attack", "Inkhil")],
        ),
        # where the victims were heading is not where it happened
        (
            "Kidnapping in Shahba\n\nGunmen kidnapped two young men in Shahba in the northern "
            "countryside of Al-Suwaidaa, while they were heading to Al-Suwaidaa city.",
            [("Violence against civilians", "Abduction/forced disappearance", "Shahba")],
        ),
        # where the victim came from is no place of the event told before it
        (
            "Raid in Hajin\n\nSDF members raided several houses in Hajin and shot dead a "
            "displaced man from Al-Bab.",
            [("Violence against civilians", "Attack", "Hajin")],
        ),
        # people moving: the place they left, not where they went
        (
            "Displacement from Binnish\n\nDozens of families left Binnish towards the town "
            "of Sarmin and the city of Idlib.",
            [("Strategic developments", "Other", "Binnish")],
        ),
        # a long-period count is a statistic
        (
            "Toll\n\nThe Syrian Observatory has documented 57 murders in Daraa province this year.",
            [],
        ),
        # an event no sentence, section or headline places is not coded
        (
            "Commentary\n\nArmed groups carried out dozens of kidnappings across the country.",
            [],
        ),
        # opening fire on a group of people is an attack on civilians, not a clash
        (
            "Shooting in Inkhil\n\nMasked gunmen opened fire on a group of people gathered in "
            "Inkhil in the northern countryside of Daraa, killing one.",
            [("Violence against civilians", "Attack", "Inkhil")],
        ),
        # a killing inside a family is no ACLED event
        (
            "Woman killed by her brother\n\nA woman was killed by her brother in her house in "
            "Jaramana.",
            [],
        ),
        # a dated earlier happening opening a sentence is background
        (
            "Protest in Shahba\n\nDozens of people staged a protest in Shahba today.\n\n"
            "On March 2, residents of Inkhil staged a protest against the regime.",
            [("Protests", "Peaceful protest", "Shahba")],
        ),
        # a village the gazetteer lacks is coded in the report's words, located at the town
        # whose countryside it is in (ACLED's practice), not as an event of the town
        (
            "Drone strike near Darbasiyah\n\nA Turkish drone targeted a car in Khirbet Zahwa "
            "village in Darbasiyah countryside.",
            [("Explosions/Remote violence", "Air/drone strike", "Khirbet Zahwa")],
        ),
        # a run-on sentence whose last clause is a long-period toll keeps its news
        (
            "Attack in Harem\n\nGunmen attacked with machine guns at dawn today a checkpoint "
            "of HTS at the entrance to Harem town, while the number of people killed since the "
            "beginning of the year rose to 412.",
            [("Battles", "Armed clash", "Harem")],
        ),
        # machine-gun fire between armed sides is a clash, not a shelling
        (
            "Fire near Kansafra\n\nTwo HTS fighters were wounded by regime sniper fire near "
            "Kansafra.",
            [("Battles", "Armed clash", "Kansafra")],
        ),
        # RPGs fired at a security branch: an armed clash
        (
            "RPG attack in Jaramana\n\nUnidentified gunmen fired RPGs at the Military Security "
            "branch in Jaramana.",
            [("Battles", "Armed clash", "Jaramana")],
        ),
        # "in the area": the place the sentence before named, not the section's governorate
        (
            "Attack in Deir Ezzor\n\nDeir Ezzor Province: Unidentified gunmen attacked an SDF "
            "checkpoint in Al-Busayrah town with machine guns.\n\nLater, SDF members stormed "
            "houses and arrested three young men in the area.",
            [
                ("Battles", "Armed clash", "Al-Busayrah"),
                ("Strategic developments", "Arrests", "Al-Busayrah"),
            ],
        ),
        # a campaign told "for the fourth consecutive month" sums up, it is no new event
        (
            "Protests go on\n\nProtests against HTS continue for the fourth consecutive month "
            "in Idlib and its countryside.",
            [],
        ),
    ],
)
def test_what_is_coded(text: str, expected: list[tuple[str, str, str]]) -> None:
    events = _live(text)
    assert coded(text, events) == expected
    assert len(events) == len(expected)


def test_bomb_victims_are_not_its_makers() -> None:
    text = (
        "IED in Al-Bab\n\nA commander of the Sultan Murad Division was killed in an IED "
        "explosion in Al-Bab city in the eastern countryside of Aleppo."
    )
    [event] = _live(text)
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor1 is not None and event.actor1.id == "unidentified"


def test_civilians_hurt_by_a_strike_are_its_target() -> None:
    text = (
        "Drone strike on Binnish\n\nA drone targeted a house in Binnish in the countryside of "
        "Idlib, and a child was injured."
    )
    [event] = _live(text)
    assert event.actor2 is not None and event.actor2.id == "civilians"


def test_a_headline_killing_the_body_tells_as_a_clash_adds_no_event() -> None:
    text = (
        "Gunmen assassinate two officers in Al-Bab\n\nTwo members of the Military Police were "
        "shot dead by unidentified gunmen in Al-Bab city in the countryside of Aleppo."
    )
    types = [e.event_type for e in _live(text)]
    assert types.count("Violence against civilians") + types.count("Battles") == 1


def test_a_loose_match_in_another_governorate_is_dropped() -> None:
    # "Al-Ommal" (a Deir Ezzor neighbourhood) must not become a look-alike village in Hama
    text = (
        "Raids on Deir Ezzor\n\nWarplanes struck the Al-Ommal neighbourhood in the city of "
        "Deir Ezzor this morning."
    )
    events = _live(text)
    assert events
    assert all(e.location is not None and e.location.place.admin1 == "Deir ez-Zor" for e in events)


def test_an_unknown_village_is_coded_at_its_governorate_in_the_reports_words() -> None:
    text = (
        "Raid in Deir Ezzor\n\nThe SDF arrested two young men in Zuhurqaya village in "
        "Deir Ezzor countryside."
    )
    [event] = _live(text)
    assert event.location is not None and event.location.geo_precision == 3
    assert event.location.place.name == "Deir ez-Zor"
    assert event.evidence["location"].text(text) == "Zuhurqaya"


ARABIC = (
    "قصف على سراقب\n"
    "قصفت قوات النظام مدينة سراقب في ريف إدلب صباح اليوم.واندلعت اشتباكات بين قوات النظام "
    "وهيئة تحرير الشام في محيط بلدة كفرنبل، ما أسفر عن مقتل 4 عناصر."
)


def test_arabic_reports_give_events_with_roles_and_tolls() -> None:
    # verb-first order ("shelled the regime's forces ..."), "between X and Y", "the killing of 4"
    got = [
        (e.sub_event_type, e.actor1.id if e.actor1 else None, e.actor2.id if e.actor2 else None)
        for e in _extract(ARABIC).events
    ]
    assert got == [
        ("Shelling/artillery/missile attack", "regime", None),
        ("Armed clash", "regime", "hts"),
    ]
    clash = _extract(ARABIC).events[1]
    assert clash.fatalities.best == 4


def test_a_strike_with_no_target_hits_the_side_its_actor_fights() -> None:
    text = (
        "Fighting near Saraqib\n\nClashes broke out between regime forces and HTS fighters near "
        "Saraqib. Regime warplanes carried out raids on Saraqib."
    )
    strikes = [e for e in _live(text) if e.event_type == "Explosions/Remote violence"]
    assert strikes and strikes[0].actor2 is not None and strikes[0].actor2.id == "hts"
    # civilians hurt by it are its target, whatever the fight
    hurt = text.replace("on Saraqib.", "on Saraqib, and a child was injured.")
    strikes = [e for e in _live(hurt) if e.event_type == "Explosions/Remote violence"]
    assert strikes and strikes[0].actor2 is not None and strikes[0].actor2.id == "civilians"


def test_an_unnamed_fighter_hit_is_the_side_just_named() -> None:
    # "The fighter was assassinated": the SDF fighter just told, one clash, no attack on civilians
    text = (
        "Gunmen kill SDF fighter\n\nDeir Ezzor Province: activists recorded the death "
        "of an SDF fighter, shot in Al-Busayrah town east of Deir Ezzor. The "
        "fighter was assassinated by masked gunmen."
    )
    got = [(e.event_type, e.actor2.id if e.actor2 else None) for e in _live(text)]
    assert got == [("Battles", "sdf")]
