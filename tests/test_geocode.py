"""Geocoding: every place a report names, resolved with the report's context.

The spelling table's coordinates are those of the OCHA COD communities and neighbourhoods and of
the curated file (each row there cites its public source), as shipped in the gazetteer.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

import pytest

from marsad.model import Place
from marsad.resolve.gazetteer import InMemoryGazetteer, load_gazetteer
from marsad.resolve.geocode import PlaceMention, find_places, precision_of, village_mentions
from marsad.resolve.names import normalize_name

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "samples"

TOWN = "Clashes broke out in {} on Monday."
ALEPPO_NBHD = "Shells fell on the {} neighbourhood in Aleppo city."
DAMASCUS_NBHD = "Shells fell on the {} neighbourhood in Damascus."
HOMS_NBHD = "Shells fell on the {} neighbourhood in Homs."
ARABIC = "قصفت قوات النظام {} اليوم."


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def places(text: str) -> list[PlaceMention]:
    return find_places(text, load_gazetteer())


# (spelling, sentence, expected place id, latitude, longitude)
SPELLINGS = [
    ('Aleppo', TOWN, 'ocha:C1007', 36.2031, 37.1409),
    ('Halab', TOWN, 'ocha:C1007', 36.2031, 37.1409),
    ('حلب', ARABIC, 'ocha:C1007', 36.2031, 37.1409),
    ('Damascus', TOWN, 'ocha:C1001', 33.5102, 36.2913),
    ('Dimashq', TOWN, 'ocha:C1001', 33.5102, 36.2913),
    ('دمشق', ARABIC, 'ocha:C1001', 33.5102, 36.2913),
    ('Homs', TOWN, 'ocha:C2528', 34.7227, 36.7148),
    ('Hims', TOWN, 'ocha:C2528', 34.7227, 36.7148),
    ('حمص', ARABIC, 'ocha:C2528', 34.7227, 36.7148),
    ('Hama', TOWN, 'ocha:C2987', 35.1294, 36.7537),
    ('Hamah', TOWN, 'ocha:C2987', 35.1294, 36.7537),
    ('حماة', ARABIC, 'ocha:C2987', 35.1294, 36.7537),
    ('Idlib', TOWN, 'ocha:C3871', 35.9320, 36.6349),
    ('Idleb', TOWN, 'ocha:C3871', 35.9320, 36.6349),
    ('Edlib', TOWN, 'ocha:C3871', 35.9320, 36.6349),
    ('إدلب', ARABIC, 'ocha:C3871', 35.9320, 36.6349),
    ('al-Hasakeh', TOWN, 'ocha:C4360', 36.5116, 40.7573),
    ('Al-Hasakah', TOWN, 'ocha:C4360', 36.5116, 40.7573),
    ('al- Hasaka', TOWN, 'ocha:C4360', 36.5116, 40.7573),
    ('Hasakah', TOWN, 'ocha:C4360', 36.5116, 40.7573),
    ('Hasaka', TOWN, 'ocha:C4360', 36.5116, 40.7573),
    ('الحسكة', ARABIC, 'ocha:C4360', 36.5116, 40.7573),
    ('al-Qamishli', TOWN, 'ocha:C4564', 37.0480, 41.2252),
    ('Al-Qamishly', TOWN, 'ocha:C4564', 37.0480, 41.2252),
    ('Qamishly', TOWN, 'ocha:C4564', 37.0480, 41.2252),
    ('Kamishli', TOWN, 'ocha:C4564', 37.0480, 41.2252),
    ('Qamishlo', TOWN, 'ocha:C4564', 37.0480, 41.2252),
    ('القامشلي', ARABIC, 'ocha:C4564', 37.0480, 41.2252),
    ('Deir ez-Zor', TOWN, 'ocha:C5086', 35.3377, 40.1398),
    ('Deir Ezzor', TOWN, 'ocha:C5086', 35.3377, 40.1398),
    ('Der-Ezzor', TOWN, 'ocha:C5086', 35.3377, 40.1398),
    ('Dayr az-Zawr', TOWN, 'ocha:C5086', 35.3377, 40.1398),
    ('Deir al-Zour', TOWN, 'ocha:C5086', 35.3377, 40.1398),
    ('دير الزور', ARABIC, 'ocha:C5086', 35.3377, 40.1398),
    ('Douma', TOWN, 'ocha:C2338', 33.5699, 36.3991),
    ('Doma', TOWN, 'ocha:C2338', 33.5699, 36.3991),
    ('Duma', TOWN, 'ocha:C2338', 33.5699, 36.3991),
    ('دوما', ARABIC, 'ocha:C2338', 33.5699, 36.3991),
    ('Albukamal', TOWN, 'ocha:C5167', 34.4549, 40.9171),
    ('Abu Kamal', TOWN, 'ocha:C5167', 34.4549, 40.9171),
    ('Al-Bukamal', TOWN, 'ocha:C5167', 34.4549, 40.9171),
    ('البوكمال', ARABIC, 'ocha:C5167', 34.4549, 40.9171),
    ('Al-Mayadeen', TOWN, 'ocha:C5192', 35.0210, 40.4517),
    ('al- Mayadin', TOWN, 'ocha:C5192', 35.0210, 40.4517),
    ('Mayadin', TOWN, 'ocha:C5192', 35.0210, 40.4517),
    ('الميادين', ARABIC, 'ocha:C5192', 35.0210, 40.4517),
    ('Saraqib', TOWN, 'ocha:C3916', 35.8660, 36.8034),
    ('Saraqeb', TOWN, 'ocha:C3916', 35.8660, 36.8034),
    ('سراقب', ARABIC, 'ocha:C3916', 35.8660, 36.8034),
    ("Maarrat al-Nu'man", TOWN, 'ocha:C3985', 35.6484, 36.6760),
    ("Ma'arrat an-Nu'man", TOWN, 'ocha:C3985', 35.6484, 36.6760),
    ('Maarat al-Numan', TOWN, 'ocha:C3985', 35.6484, 36.6760),
    ('Kobani', TOWN, 'ocha:C1946', 36.8909, 38.3482),
    ('Kobane', TOWN, 'ocha:C1946', 36.8909, 38.3482),
    ('Ain al-Arab', TOWN, 'ocha:C1946', 36.8909, 38.3482),
    ('Ayn al-Arab', TOWN, 'ocha:C1946', 36.8909, 38.3482),
    ('Al-Bab', TOWN, 'ocha:C1202', 36.3706, 37.5148),
    ('al-Bab', TOWN, 'ocha:C1202', 36.3706, 37.5148),
    ('Azaz', TOWN, 'ocha:C1564', 36.5859, 37.0457),
    ("A'zaz", TOWN, 'ocha:C1564', 36.5859, 37.0457),
    ('Aazaz', TOWN, 'ocha:C1564', 36.5859, 37.0457),
    ('Jarablus', TOWN, 'ocha:C2227', 36.8186, 38.0104),
    ('Jarabulus', TOWN, 'ocha:C2227', 36.8186, 38.0104),
    ('Tal Abyad', TOWN, 'ocha:C5792', 36.6978, 38.9548),
    ('Tell Abiad', TOWN, 'ocha:C5792', 36.6978, 38.9548),
    ('Tal Abiad', TOWN, 'ocha:C5792', 36.6978, 38.9548),
    ('Jassim', TOWN, 'ocha:C6111', 32.9865, 36.0627),
    ('Jasim', TOWN, 'ocha:C6111', 32.9865, 36.0627),
    ('Sheikh Maqsoud', ALEPPO_NBHD, 'ocha:N0123', 36.2366, 37.1528),
    ('Al-Sheikh Maqsoud', ALEPPO_NBHD, 'ocha:N0123', 36.2366, 37.1528),
    ('Shaykh Maqsud', ALEPPO_NBHD, 'ocha:N0123', 36.2366, 37.1528),
    ('Sheikh Maksoud', ALEPPO_NBHD, 'ocha:N0123', 36.2366, 37.1528),
    ('Al-Ashrafiyah', ALEPPO_NBHD, 'ocha:N0128', 36.2279, 37.1470),
    ('Ashrafieh', ALEPPO_NBHD, 'ocha:N0128', 36.2279, 37.1470),
    ('Hanano', ALEPPO_NBHD, 'ocha:N0129', 36.2270, 37.2026),
    ('al-Sakhour', ALEPPO_NBHD, 'ocha:N0139', 36.2195, 37.1898),
    ('Sakhur', ALEPPO_NBHD, 'ocha:N0139', 36.2195, 37.1898),
    ('Salah al-Din', ALEPPO_NBHD, 'ocha:N0214', 36.1814, 37.1229),
    ('Salah Ad-Deen', ALEPPO_NBHD, 'ocha:N0214', 36.1814, 37.1229),
    ('Jobar', DAMASCUS_NBHD, 'ocha:C10011011', 33.5251, 36.3365),
    ('Jawbar', DAMASCUS_NBHD, 'ocha:C10011011', 33.5251, 36.3365),
    ('Baba Amr', HOMS_NBHD, 'cur:baba-amr', 34.7108, 36.6911),
    ('Bab Amr', HOMS_NBHD, 'cur:baba-amr', 34.7108, 36.6911),
    ('Hmeimim airbase', TOWN, 'cur:khmeimim-airbase', 35.4117, 35.9450),
    ('Khmeimim Air Base', TOWN, 'cur:khmeimim-airbase', 35.4117, 35.9450),
    ('T4 airbase', TOWN, 'cur:tiyas-airbase', 34.5225, 37.6297),
    ('Tiyas airbase', TOWN, 'cur:tiyas-airbase', 34.5225, 37.6297),
    ('Kuweires airbase', TOWN, 'cur:kuweires-airbase', 36.1869, 37.5831),
    ('Kweires airbase', TOWN, 'cur:kuweires-airbase', 36.1869, 37.5831),
    ('Deir Ezzor military airport', TOWN, 'cur:deir-ez-zor-airbase', 35.2853, 40.1758),
    ('Deir ez-Zor airbase', TOWN, 'cur:deir-ez-zor-airbase', 35.2853, 40.1758),
    ('Mezzeh military airport', TOWN, 'cur:mezzeh-airport', 33.4778, 36.2233),
    ('Bab al-Hawa crossing', TOWN, 'cur:bab-al-hawa-crossing', 36.2306, 36.6926),
    ('al-Rukban camp', TOWN, 'cur:rukban-camp', 33.3109, 38.6685),
    ('Rukban camp', TOWN, 'cur:rukban-camp', 33.3109, 38.6685),
    ('al-Omar oil field', TOWN, 'cur:al-omar-oil-field', 35.1517, 40.5758),
    ('Tishreen Dam', TOWN, 'cur:tishrin-dam', 36.3814, 38.1833),
]


@pytest.mark.parametrize(("spelling", "sentence", "place_id", "lat", "lon"), SPELLINGS)
def test_spelling_resolves_within_5_km(
    spelling: str, sentence: str, place_id: str, lat: float, lon: float
) -> None:
    text = sentence.format(spelling)
    found = [m for m in places(text) if spelling in m.surface or m.surface in spelling]
    assert found, f"{spelling!r} not found in {text!r}"
    mention = found[0]
    assert km(lat, lon, mention.place.latitude, mention.place.longitude) <= 5.0, mention
    assert text[mention.span.start : mention.span.end] == mention.surface


def test_table_is_large_enough() -> None:
    assert len(SPELLINGS) >= 80


@pytest.mark.parametrize(
    "text",
    [
        "Regime Forces Shell Positions Of The Army In The Center",
        "The Syrian Army and regime forces reached the Center.",
        "Fighters of the Hamza Division clashed with the Sultan Murad Division.",
        "Maher al-Assad commands the 4th Division.",
        "Hayyaat Tahrir al-Sham and Jabhat al-Nusra fighters withdrew.",
        "Al-Sharqi and Al-Janoubi are not named places here.",
        "Home | Privacy Policy | Contact",
        "On June 10, dozens of people gathered in the Syrian city's square.",
        "The Fatima al-Zahra mosque and the Rejal Al-Karamah movement issued a statement.",
        "وكشفت الصورة عن حالة من التوتر في لبنان بحسب مصادر جديدة.",
        "ISIS cells attacked regime positions in the Syrian Badia.",  # the desert, no village
        "HTS executed a man after a trial by its so-called Sharia court.",
        "Daily toll\n\nDozens of people were reported dead.",
    ],
)
def test_traps_yield_no_place(text: str) -> None:
    assert [(m.surface, m.place.name) for m in places(text)] == []


@pytest.mark.parametrize(
    ("text", "surface", "feature", "precision"),
    [
        # the countryside of a governorate capital is a large region: the governorate (3)
        ("Shelling hit the northern countryside of Aleppo.", "Aleppo", "governorate", 3),
        ("Shelling hit the Aleppo countryside.", "Aleppo", "governorate", 3),
        ("Drones struck the eastern Deir Ezzor countryside.", "Deir Ezzor", "governorate", 3),
        ("Raids went on in rural Idlib.", "Idlib", "governorate", 3),
        # "the Badia" (the desert) of a governorate or a town reads like its countryside
        ("Warplanes struck the Badia of Deir Ezzor.", "Deir Ezzor", "governorate", 3),
        ("ISIS cells ambushed a bus in the Badia of Al-Sukhnah.", "Al-Sukhnah", "town", 2),
        ("Airstrikes hit positions in Al-Mayadeen Desert.", "Al-Mayadeen", "town", 2),
        # the countryside of a smaller town is that town (2)
        ("Shelling on the countryside of Maarrat al-Nu'man.", "Maarrat", "town", 2),
        ("Shelling on the outskirts of Aleppo.", "Aleppo", "city", 2),
        ("A drone struck near Saraqib.", "Saraqib", "town", 2),
        ("Clashes on the outskirts of Douma.", "Douma", "town", 2),
        ("Arrests in Idlib province.", "Idlib", "governorate", 3),
        ("Raids across Deir ez-Zor governorate.", "Deir ez-Zor", "governorate", 3),
        ("Aleppo Province: a drone hit a car.", "Aleppo", "governorate", 3),
        ("Protests in Rif Dimashq.", "Rif Dimashq", "governorate", 3),
        ("Protests in Hama city.", "Hama", "city", 1),
        ("Protests in the city of Homs.", "Homs", "city", 1),
        ("Protests in Hama.", "Hama", "city", 1),
        ("Shells fell on Al-Hasakah.", "Al-Hasakah", "city", 1),
        ("The regime shelled Jabal al-Zawiya.", "Jabal al-Zawiya", "mountain", 2),
        ("قصف على ريف حلب الغربي", "حلب", "governorate", 3),
        ("The regime shelled Tal Al-Haddadah in Jabal al-Akrad in Latakia countryside.",
         "Tal Al-Haddadah", "village", 2),
        ("IS attacked the airbase of Deir Ezzor at dawn.", "airbase of Deir Ezzor", "airbase", 1),
    ],
)
def test_precision_follows_the_words_around(
    text: str, surface: str, feature: str, precision: int
) -> None:
    found = [m for m in places(text) if m.surface.startswith(surface)]
    assert found, places(text)
    assert (found[0].place.feature, found[0].geo_precision) == (feature, precision)


def test_damascus_countryside_is_rural_damascus() -> None:
    [mention] = places("Raids went on in the Damascus countryside.")
    assert (mention.place.name, mention.geo_precision) == ("Rural Damascus", 3)


@pytest.mark.parametrize(
    ("text", "surface", "place_id"),
    [
        # spellings no key holds, matched by their consonants among the report's places
        ("Regime forces shelled the towns of Kafr Zita, Morek and Al-Lataminah in the northern "
         "countryside of Hama.", "Al-Lataminah", "ocha:C3458"),
        ("Security forces raided Mohaimada village in the western countryside of Deir Ezzor.",
         "Mohaimada", "ocha:C5106"),
        ("Warplanes struck the town of Hammoriyyah in the Eastern Ghouta of Rural Damascus.",
         "Hammoriyyah", "ocha:C2316"),
        ("Clashes in the vicinity of Bayat Jen in the western countryside of Damascus.",
         "Bayat Jen", "ocha:C2478"),
        # a shortened name ("Sheikh Joban" of "Joban - Sheikh Joban") where its district is named
        ("A drone hit Sheikh Jouban village in the southern countryside of Ain al-Arab.",
         "Sheikh Jouban", "ocha:C1960"),
    ],
)
def test_loose_spellings_resolve_in_context(text: str, surface: str, place_id: str) -> None:
    found = {m.surface: m.place.id for m in places(text)}
    assert found.get(surface) == place_id, found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # "Golan" is only a shortened name of a village in Aleppo: not in a Daraa report
        ("Vigils were held in Daraa al-Balad and in the occupied Golan.", "ocha:C2070"),
        # an Arabic name written with the article is not the bare word ("قدم", presented)
        ("قدم المرصد تقريرا عن الوضع في حلب", "ocha:C10011068"),
        # a capitalised word with no place cue is not guessed at
        ("The Revolutionary Youth, Al-Shabibah, met in Aleppo city.", "ocha:N0144"),
        # a faction's name ("Freedom Islamic Brigade") is not a village spelled loosely
        ("Fighters of the Al-Huriyyah Islamic Brigade attacked the town of Manbij.",
         "ocha:C1925"),
    ],
)
def test_loose_names_need_context(text: str, absent: str) -> None:
    assert absent not in {m.place.id for m in places(text)}


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("قصفت قوات النظام حي القدم في دمشق", "ocha:C10011068"),
        ("انفجار في المزة بدمشق", "ocha:C10011071"),
        ("قصف على حي العسالي جنوب دمشق", "cur:al-asali"),
    ],
)
def test_damascus_neighbourhoods_in_arabic(text: str, place_id: str) -> None:
    found = [m for m in places(text) if m.place.id == place_id]
    assert found and found[0].place.feature == "neighbourhood"


def test_arabic_clitics_and_article_are_read_through() -> None:
    text = "قصفت الطائرات مدينة إدلب وبلدة سراقب، واشتباكات في الحسكة وبالقامشلي."
    found = {m.place.id for m in places(text)}
    assert {"ocha:C3871", "ocha:C3916", "ocha:C4360", "ocha:C4564"} <= found


def test_neighbourhood_under_its_city() -> None:
    text = "Asayish besieged Sheikh Maqsoud and Al-Ashrafiyah in Aleppo."
    found = {m.surface: m.place for m in places(text)}
    assert found["Sheikh Maqsoud"].id == "ocha:N0123"
    assert found["Al-Ashrafiyah"].feature == "neighbourhood"
    assert found["Al-Ashrafiyah"].admin1 == "Aleppo"
    assert load_gazetteer().parent(found["Al-Ashrafiyah"].id) == found["Aleppo"]


def test_report_context_picks_the_governorate() -> None:
    # "Harran" names villages in several governorates; the report is about As-Suwayda
    text = ("Protests went on in As-Suwayda city, Shahba and Harran on Friday, "
            "and in Mardak near Shahba.")
    found = {m.surface: m.place for m in places(text)}
    assert found["Harran"].admin1 == "As-Suwayda"


def test_mentions_are_sorted_and_disjoint() -> None:
    text = ("Regime forces shelled Kafr Nabl, Maarrat al-Nu'man and al-Bara in the southern "
            "countryside of Idlib, while drones struck Deir Ezzor and al-Mayadin.")
    found = places(text)
    assert [m.span.start for m in found] == sorted(m.span.start for m in found)
    for a, b in itertools.pairwise(found):
        assert a.span.end <= b.span.start
    assert len(found) >= 6


def test_in_memory_fake_resolves_with_precision() -> None:
    gaz = InMemoryGazetteer([Place("t:1", "Saraqib", 35.86, 36.80, "town", admin1="Idlib")])
    [mention] = find_places("Shelling near Saraqib.", gaz)
    assert (mention.surface, mention.geo_precision, mention.place.id) == ("Saraqib", 2, "t:1")


@pytest.mark.parametrize(
    ("feature", "near", "expected"),
    [("town", False, 1), ("town", True, 2), ("governorate", False, 3), ("region", False, 2),
     ("neighbourhood", False, 1), ("airbase", True, 2)],
)
def test_precision_of(feature: str, near: bool, expected: int) -> None:
    place = Place("x", "X", 35.0, 38.0, feature)
    assert precision_of(place, near=near) == expected


@pytest.mark.parametrize(("filename", "floor"),
                         [("gold_dev.jsonl", 0.84), ("arabic_gold_dev.jsonl", 0.85)])
def test_gold_places_found_in_real_reports(filename: str, floor: float) -> None:
    """Share of hand-coded event places that find_places finds: within 10 km where the gold
    has coordinates (a mention spelled like the gold place but resolved far away is no hit),
    else by name."""
    gold = SHARED / filename
    if not gold.is_file():
        pytest.skip("../shared/samples is absent")
    total = found = 0
    for line in gold.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        mentions = places(record["text"])
        for event in record["events"]:
            if not event.get("place"):
                continue
            total += 1
            names = {normalize_name(n) for n in [event["place"], *(event.get("place_alt") or [])]}
            for m in mentions:
                if event.get("lat") is not None and km(
                    event["lat"], event["lon"], m.place.latitude, m.place.longitude
                ) <= 10:
                    found += 1
                    break
                if event.get("lat") is None and (
                    normalize_name(m.surface) in names or normalize_name(m.place.name) in names
                ):
                    found += 1
                    break
    share = found / total
    print(f"gold places found: {found}/{total} = {share:.3f}")
    assert share >= floor


# -- far-away homonyms, media names, Arabic common words (round 4) ---------------------------

def _homonym_gazetteer() -> InMemoryGazetteer:
    return InMemoryGazetteer([
        Place("c:alp", "Aleppo", 36.20, 37.16, "city", admin1="Aleppo", population=2_000_000),
        Place("g:alp", "Aleppo", 36.20, 37.16, "governorate", admin1="Aleppo"),
        Place("t:azaz", "Azaz", 36.59, 37.05, "town", admin1="Aleppo"),
        Place("v:mare", "Marea", 36.48, 37.20, "village", admin1="Aleppo"),
        Place("v:burayj", "Burayjat", 36.26, 37.20, "village", admin1="Aleppo"),
        Place("v:tar", "Breijat", 34.80, 35.95, "village", admin1="Tartus"),
        Place("v:hosh", "Um Hosh", 34.85, 36.00, "village", admin1="Tartus"),
        Place("c:dez", "Deir Ezzor", 35.33, 40.14, "city", admin1="Deir ez-Zor",
              population=200_000),
        Place("c:daraa", "Daraa", 32.62, 36.10, "city", admin1="Daraa", population=100_000),
        Place("c:hama", "Hama", 35.13, 36.75, "city", admin1="Hama", population=500_000),
        Place("c:homs", "Homs", 34.73, 36.71, "city", admin1="Homs", population=600_000),
        Place("v:jml", "Jamla", 32.80, 35.98, "village", admin1="Daraa"),
    ])


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # a village of the same name in another governorate gives way to a close spelling in
        # the governorate the report is about
        ("Aleppo Province: clashes near Azaz and Marea and in the Burayjat area north of Aleppo,"
         " while shells hit Breijat.", "Breijat", "v:burayj"),
        # no close spelling there: the far-away village gives way to an unknown one, coded at
        # the governorate the report is about (precision 3, as ACLED codes an unknown village)
        ("Aleppo Province: clashes near Azaz and Marea north of Aleppo; a shell fell on the"
         " village of Um Hosh.", "Um Hosh", "g:alp"),
        # "X village in eastern <governorate>": only that governorate's places
        ("A fighter was shot in Jamla village in eastern Deir Ezzor.", "Jamla", None),
        # a roundup of many governorates keeps a place in any of them
        ("Daily toll: one killed in Daraa, one in Hama, one in Homs, one in Deir Ezzor and"
         " one in Um Hosh.", "Um Hosh", "v:hosh"),
        # places listed together support each other
        ("Aleppo Province: clashes near Azaz north of Aleppo; in Homs and Um Hosh and Breijat"
         " protests went on.", "Um Hosh", "v:hosh"),
    ],
)
def test_far_away_homonyms(text: str, surface: str, expected: str | None) -> None:
    found = {m.surface: m.place.id for m in find_places(text, _homonym_gazetteer())}
    assert found.get(surface) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The reporter of Al-Hurra channel said the road was closed.", "Al-Hurra"),
        ("Commander Raji al-Hamad was arrested in Azaz.", "Raji"),
    ],
)
def test_media_and_person_names_are_not_places(text: str, word: str) -> None:
    assert word not in {m.surface for m in places(text)}


@pytest.mark.parametrize("word", ["دخان", "ضمير", "سلامة", "شهداء", "بداية", "الشعب"])
def test_arabic_common_words_are_not_places(word: str) -> None:
    text = f"خرج الأهالي في حلب وتحدثوا عن {word} في بيان اليوم."
    assert word not in {m.surface for m in places(text)}


# -- rules for names the keys alone miss (invented sentences, shipped gazetteer) ----------------


@pytest.mark.parametrize(
    ("text", "surface", "place_id", "precision"),
    [
        # "in the center of the capital" names no governorate: the neighbourhood stays
        ("A blast shook the road linking the hospital to Kafr Sousa area in the"
         " centre of the capital.", "Kafr Sousa", "ocha:C10011010", 2),
        # a foreign village's spelling in a report on Deir ez-Zor: the Syrian village one
        # letter away
        ("Jets struck Ayyas warehouses west of Deir Ezzor city, near Al-Mayadin and"
         " Mhemideh.", "Ayyas", "ocha:C5078", 1),
        # the Arabic adjective after the name is OCHA's English qualifier before it
        ("A man was shot between two towns, Al-Maliha Al-Sharqiyah and Busra, in the eastern"
         " Daraa countryside.", "Al-Maliha Al-Sharqiyah", "ocha:C6117", 1),
        # "Masaken X" (housing blocks), "Jurud X" (barrens): X itself, precision 2; the
        # village named Masaken elsewhere gives way
        ("Machinegun fire hit the Masaken Hanano neighbourhood east of Aleppo.",
         "Masaken Hanano", "ocha:N0129", 2),
        ("Fighting went on in Jurud al-Qalamoun near the Lebanese border.",
         "Jurud al-Qalamoun", "cur:qalamoun", 2),
        # a village name and the word after it spell one village of the report's governorate
        ("A body was found in Buwaydah al-Suwayqat village in Safita area in the Tartus"
         " countryside.", "Buwaydah al-Suwayqat", "ocha:C5463", 1),
        # "the city of X and its airbase": the airbase filed under X
        ("Fighters attacked the city of Deir Ezzor and its airbase at dawn.", "its airbase",
         "cur:deir-ez-zor-airbase", 1),
        # a town elsewhere known under a variant: the near-identical spelling in a report
        # that names enough places around Damascus
        ("Missiles hit a battalion in Al-Hayjana south of Damascus, near Kisweh, Jaramana,"
         " Sahnaya and the Damascus airport.", "Al-Hayjana", "ocha:C2371", 1),
        # placed by the words after it in a governorate where no place bears the name: the
        # governorate, precision 3
        ("A soldier died near Tal Elsamen military hill in the western Daraa countryside,"
         " while Jasim and Nawa saw protests.", "Tal Elsamen", "adm1:SY12", 3),
    ],
)
def test_names_the_keys_miss(text: str, surface: str, place_id: str, precision: int) -> None:
    found = {m.surface: m for m in places(text)}
    assert surface in found, sorted(found)
    assert (found[surface].place.id, found[surface].geo_precision) == (place_id, precision)


@pytest.mark.parametrize(
    ("text", "quarters", "city"),
    [
        ("Jets hit the neighbourhoods of al-Ommal, al-Sinaa and al-Hwiqa in the city of"
         " Deir Ezzor.", ["al-Ommal", "al-Sinaa", "al-Hwiqa"], "ocha:C5086"),
        ("Fighting continued near al-Ommal and Rasafa neighborhoods in Deir Ezzor"
         " city.", ["al-Ommal", "Rasafa"], "ocha:C5086"),
        ("Security forces raided Ghuwayran neighbourhood in northern Al-Hasakah.",
         ["Ghuwayran"], "ocha:C4360"),
        ("Shots were fired in the neighborhood of al-Rashidin in west of Aleppo.",
         ["al-Rashidin"], "ocha:C1007"),
    ],
)
def test_listed_quarters_are_placed_at_their_city(
    text: str, quarters: list[str], city: str
) -> None:
    found = {m.surface: m for m in places(text)}
    for quarter in quarters:
        assert found[quarter].place.id == city
        assert found[quarter].geo_precision == 1


@pytest.mark.parametrize(
    "text",
    [
        # towns of a countryside are not quarters of its capital
        "Protests took place in the areas of Kafrah, Tarmanin and Atareb in Aleppo countryside.",
        # "areas of" needs a place called a city
        "Protests took place in the areas of Kafrah and Atareb in Aleppo.",
    ],
)
def test_towns_in_a_list_are_not_quarters(text: str) -> None:
    found = {m.surface: m.place.id for m in places(text)}
    assert found["Kafrah"] != "ocha:C1007"
    assert found["Atareb"] == "ocha:C1022"


def test_a_far_homonym_does_not_vouch_for_another() -> None:
    # "al-Ommal" spells a village in Hama; it must not keep "al-Sinaa" in Hama in a report
    # about Deir ez-Zor
    text = ("Deir Ezzor: jets hit al-Ommal and al-Sinaa, then Al-Mayadin, Mhemideh, Hatla and"
            " the Deir Ezzor Military Airport.")
    found = {m.surface: m.place for m in places(text)}
    assert all(p.admin1 != "Hama" for p in found.values())


def test_a_foreign_village_gives_way_in_a_report_on_syria() -> None:
    gaz = InMemoryGazetteer([
        Place("f:ayas", "Ayas", 40.0, 32.3, "village", iso3="TUR", country="Turkey",
              population=8000),
        Place("v:ayyash", "Ayyash", 35.42, 40.06, "village", admin1="Deir ez-Zor"),
        Place("c:dez", "Deir ez-Zor", 35.33, 40.14, "city", admin1="Deir ez-Zor"),
        Place("v:mhm", "Mhemideh", 35.45, 40.05, "village", admin1="Deir ez-Zor"),
        Place("t:may", "Mayadin", 35.02, 40.45, "town", admin1="Deir ez-Zor"),
    ])
    text = "Jets hit Ayas west of Deir ez-Zor, near Mayadin and Mhemideh."
    found = {m.surface: m.place.id for m in find_places(text, gaz)}
    assert found.get("Ayas") == "v:ayyash"


@pytest.mark.parametrize(
    ("text", "surface", "place_id", "precision"),
    [
        # a village the gazetteer lacks, placed as ACLED codes it: at the town whose
        # countryside the words after it name (precision 2, by village_mentions), or the
        # governorate (precision 3, by find_places already)
        ("A shepherd was killed in Duwaizin in the eastern countryside of Salamiyah.",
         "Duwaizin", "ocha:C3244", 2),
        ("Protesters gathered in Qamisa village in the eastern countryside of Al-Suwaidaa.",
         "Qamisa", "adm1:SY13", 3),
        ("Forces raided Al-Takihy village in Deir Ezzor countryside.", "Al-Takihy",
         "adm1:SY09", 3),
        # "in X village in Y area": called a village, placed at the town of that area
        ("Killing in Homs\n\nA young man was shot dead in Kherbet Zaghlul village in Al-Qusayr"
         " area.", "Kherbet Zaghlul", "ocha:C2733", 2),
    ],
)
def test_unknown_villages_are_placed_at_their_anchor(
    text: str, surface: str, place_id: str, precision: int
) -> None:
    found = {m.surface: m for m in village_mentions(text, places(text))}
    assert (found[surface].place.id, found[surface].geo_precision) == (place_id, precision)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # "in X in Y" with no village word and no countryside: not a village
        ("A meeting was held in Hamdan Hall in Damascus.", "Hamdan Hall"),
        ("The detainee was moved in Sednaya Jail in Rural Damascus.", "Jail"),
    ],
)
def test_no_anchor_without_a_village_cue(text: str, word: str) -> None:
    assert word not in {m.surface for m in village_mentions(text, places(text))}


# -- the fast paths keep the behaviour of the plain ones ---------------------------------------

WINDOWS = [
    "", "near", "the town of", "shelling near", "areas near", "north-eastern", "eastern",
    "in the southern countryside of", "rural", "the province of", "محيط", "in downtown",
    "x-near", "nearly", "city of", "the vicinity of", "centre of", "the neighbourhood of",
]


@pytest.mark.parametrize("window", WINDOWS)
def test_cue_roles_at_a_window_end_are_those_ends_with_finds(window: str) -> None:
    from marsad.resolve.gazetteer import load_place_lexicon
    from marsad.resolve.geocode.cues import ends_with, roles_ending, roles_starting, starts_with

    lexicon = load_place_lexicon()
    for role, phrases in lexicon.cues.items():
        assert (role in roles_ending(window, lexicon)) == (ends_with(window, phrases) is not None)
        after = window[::-1] if window.isascii() else window
        assert (role in roles_starting(after, lexicon)) == (
            starts_with(after, phrases) is not None)


@pytest.mark.parametrize(
    ("window", "phrases", "expected"),
    [
        ("shelling near", ("near", "nearby"), "near"),
        ("nearby", ("near",), None),  # whole words only
        ("the north-eastern", ("eastern", "north-eastern"), "eastern"),  # the first that fits
        ("x", (), None),
        ("rural damascus", ("damascus", "rural damascus"), "damascus"),
    ],
)
def test_ends_with_takes_the_first_phrase_ending_the_window(
    window: str, phrases: tuple[str, ...], expected: str | None
) -> None:
    from marsad.resolve.geocode.cues import ends_with, starts_with

    assert ends_with(window, phrases) == expected
    assert starts_with(window[::-1], tuple(p[::-1] for p in phrases)) == (
        expected[::-1] if expected else None)


@pytest.mark.parametrize(
    "text",
    [
        "Shells hit the Al-Ommal, Al-Sinaa and Al-Hwiqa neighbourhoods in Deir Ezzor city.",
        "Raids on the neighbourhoods of Jobar and Qaboun, then the Tadamon neighbourhood.",
        "Clashes in the areas of Tal Rifaat and Menagh. (Later: Bab Al-Nairab neighbourhood.)",
        "Nothing listed here, only the Salah Al-Din district and a neighbourhoods-wide curfew.",
        "Al-Midan, Al-Hamidiyah and Al-Qusour neighbourhoods; then districts of Homs and Hama",
    ],
)
def test_lists_of_quarters_are_found_as_one_pattern_finds_them(text: str) -> None:
    from marsad.resolve.geocode import quarters

    def spans(found: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
        return [(m.span(), {k: v for k, v in m.groupdict().items() if v}) for m in found]

    both = re.compile(f"{quarters._LIST_OF_RE.pattern}|{quarters._BEFORE_RE.pattern}")
    assert spans(list(quarters._lists(text))) == spans(list(both.finditer(text)))


_CAPITALISED_PLAIN = re.compile(
    r"(?<![\w’'-])(?:(?:[Aa]l|[Ee]l)[-_]\s?)?[A-Z][a-z’']+(?:[ -](?:[ae]l[-_])?[A-Z][a-z’']+)?"
    r"(?![\w’'-])"
)


def test_capitalised_words_are_found_as_the_plain_pattern_finds_them() -> None:
    from marsad.resolve.geocode.loose import _CAPITALISED_RE

    text = ("Al-Lataminah, el_Bab and Kafr Zita; x-Ray al- Hamra O’Neil al-sham "
            "Deir-Ezzor AB Ab’s 2Ab _Ab -Ab 'Ab Al-Tal Hama-al-Bab")
    found = [m.span() for m in _CAPITALISED_RE.finditer(text)]
    assert found == [m.span() for m in _CAPITALISED_PLAIN.finditer(text)]
    assert len(found) > 5


def test_tally_votes_and_neighbours() -> None:
    from marsad.model import Span
    from marsad.resolve.gazetteer import NameMatch
    from marsad.resolve.geocode.tally import neighbour_sets, tally, votes_of

    def place(pid: str, feature: str, admin1: str) -> Place:
        return Place(pid, pid, 35.0, 37.0, feature, admin1=admin1)

    idlib, hama = place("c:idlib", "city", "Idlib"), place("v:hama", "village", "Hama")
    both = place("v:idlib", "village", "Idlib")
    matches = [
        NameMatch(Span(0, 5), "Idlib", "idlib", (idlib,)),
        NameMatch(Span(10, 15), "Twice", "twice", (both, hama)),
        NameMatch(Span(300, 305), "Hamlet", "hamlet", (hama,)),
    ]
    table = tally(matches)
    assert dict(votes_of(table)) == {"Idlib": 1.25, "Hama": 1.25}
    assert dict(votes_of(table, skip={0})) == {"Idlib": 0.25, "Hama": 1.25}
    # within 120 characters, names that point to one governorate alone
    assert neighbour_sets(table) == [set(), {"Idlib"}, set()]
    # a village outside the report's governorates vouches for nothing
    near_hamlet = NameMatch(Span(20, 25), "Hamlet", "hamlet", (hama,))
    assert neighbour_sets(tally([*matches[:2], near_hamlet]), {"Idlib"})[0] == set()


@pytest.mark.parametrize("query",
                         ["eastern", "the", "alhasakah", "kafrnabl", "idlab", "syrian obs"])
def test_close_spellings_rank_as_one_pass_over_all_keys(query: str) -> None:
    from rapidfuzz import fuzz, process

    gaz = load_gazetteer()
    keys = sorted(gaz._by_key)
    for limit in (3, 10):
        plain = process.extract(query, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=80)
        assert gaz._close_keys(query, limit) == [(k, s) for k, s, _ in plain]


@pytest.mark.parametrize("word", ["Aleppo", "Idlib", "Hasakah", "Raqqa", "Damascus", "Hama",
                                  "Homs", "eastern", "city", "Qamishli", "Deir", "the"])
def test_lookup_answers_cities_only_under_major_keys(word: str) -> None:
    from marsad.resolve.names import name_keys

    gaz = load_gazetteer()
    for cand in gaz.lookup(word, limit=10):
        if cand.place.iso3 == "SYR" and cand.place.feature in ("city", "governorate"):
            assert name_keys(cand.matched) <= gaz.major_keys()
    assert name_keys("Halab") <= gaz.major_keys()
    assert not name_keys("eastern") & gaz.major_keys()  # so "in eastern ..." needs no lookup


def test_a_place_named_by_its_own_name_beats_one_known_by_an_alternate_name() -> None:
    """"Al-Bara" in Jabal al-Zawiya is the town of Bara, not Aleppo (GeoNames' classical
    "Berea" spells the same)."""
    found = {m.surface: m.place for m in places(
        "Idlib Province: regime forces shelled Al-Bara and Kansafra in Jabal al-Zawiya.")}
    assert found["Al-Bara"].name == "Bara" and found["Al-Bara"].admin1 == "Idlib"


def test_a_village_in_southern_damascus_may_lie_in_its_countryside() -> None:
    found = {m.surface: m.place for m in places(
        "Security forces raided houses in Yalda town in southern Damascus.")}
    assert found["Yalda"].name == "Yalda" and found["Yalda"].admin1 == "Rural Damascus"


def test_a_town_the_words_after_place_elsewhere_moves_to_a_spelling_there() -> None:
    """"X village in southern Damascus": the town of Hajin on the Euphrates is not meant; a
    near-identical spelling among the places of Damascus and its countryside is."""
    found = {m.surface: m.place for m in places(
        "Shrapnel fell over Al-Hayjana village in southern Damascus.")}
    assert found["Al-Hayjana"].name == "Hayajneh"
    assert found["Al-Hayjana"].admin1 == "Rural Damascus"


def test_a_title_word_before_a_comma_names_no_person() -> None:
    """"Tayyibat al-Imam, Lahaya": the village after the comma is no "Imam Lahaya"."""
    found = {m.surface: m.place.name for m in places(
        "Hama Province: warplanes struck Tayyibat al-Imam, Lahaya and Halfaya.")}
    assert found.get("Lahaya") == "Lahaya"
