"""The actor registry: surface forms, case traps, offsets, hierarchy and the loader's checks."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from marsad.errors import DataFileError, MarsadError
from marsad.resolve.actors import ActorRegistry, UnknownActorError, load_actors

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return load_actors()


# Each row: an invented sentence, the surface form it must find, and the actor id.
SURFACES = [
    ("Regime forces shelled the village at dawn.", "Regime forces", "regime"),
    ("Shells fired by the regime hit the market.", "the regime", "regime"),
    ("Two regime soldiers were wounded.", "regime soldiers", "regime"),
    ("The Syrian army advanced on the hill.", "Syrian army", "regime"),
    ("Government forces set up a checkpoint.", "Government forces", "regime"),
    ("A feud between two clans over farmland left one dead.", "two clans", "arab-tribes"),
    ("Turkish border guards shot dead a man.", "Turkish border guards", "turkey"),
    ("Villages were hit by regime's warplanes.", "regime", "regime"),
    ("Units of the Syrian Arab Army withdrew.", "Syrian Arab Army", "regime"),
    ("The 4th Division closed the road.", "4th Division", "fourth-division"),
    ("Members of the Fourth Division arrested a man.", "Fourth Division", "fourth-division"),
    ("The Republican Guard reinforced the front.", "Republican Guard", "republican-guard"),
    ("Air Force Intelligence raided a house.", "Air Force Intelligence", "air-force-intelligence"),
    ("A Military Security patrol was ambushed.", "Military Security", "military-security"),
    ("State Security summoned the men.", "State Security", "state-security"),
    ("NDF militiamen looted the shops.", "NDF", "ndf"),
    ("The National Defence Forces deployed.", "National Defence Forces", "ndf"),
    ("Tiger Forces reached the outskirts.", "Tiger Forces", "tiger-forces"),
    ("The 25th Division shelled the plain.", "25th Division", "tiger-forces"),
    ("Russian warplanes carried out raids.", "Russian warplanes", "russia"),
    ("Russian forces patrolled the highway.", "Russian forces", "russia"),
    ("ISIS cells attacked a checkpoint.", "ISIS cells", "isis"),
    ("IS militants executed a shepherd.", "IS militants", "isis"),
    ("Fighters of the Islamic State withdrew.", "the Islamic State", "isis"),
    ("Daesh claimed the bombing.", "Daesh", "isis"),
    ("The international coalition carried out a raid.", "international coalition", "coalition"),
    ("The US-led coalition landed troops.", "US-led coalition", "coalition"),
    ("Turkish forces shelled the countryside.", "Turkish forces", "turkey"),
    ("A Turkish drone targeted a car.", "Turkish drone", "turkey"),
    ("Turkish-backed factions seized the olive harvest.", "Turkish-backed factions", "sna"),
    ("The National Army arrested three people.", "National Army", "sna"),
    ("SNA fighters clashed among themselves.", "SNA", "sna"),
    ("Iranian-backed militias moved weapons.", "Iranian-backed militias", "iran-backed-militias"),
    ("Lebanese Hezbollah fighters arrived.", "Lebanese Hezbollah", "hezbollah"),
    ("The Fatemiyoun Brigade redeployed.", "Fatemiyoun Brigade", "fatemiyoun"),
    ("Iraqi militias fired rockets.", "Iraqi militias", "iraqi-militias"),
    ("The IRGC sent advisers.", "IRGC", "irgc"),
    ("SDF fighters repelled the attack.", "SDF fighters", "sdf"),
    ("The Syrian Democratic Forces imposed a curfew.", "Syrian Democratic Forces", "sdf"),
    ("YPG members dug trenches.", "YPG", "ypg"),
    ("The Asayish imposed a siege.", "Asayish", "asayish"),
    ("Internal Security Forces closed the crossings.", "Internal Security Forces", "asayish"),
    (
        "The Autonomous Administration ruled.",
        "Autonomous Administration",
        "autonomous-administration",
    ),
    (
        "Deir ez-Zor Military Council raids",
        "Deir ez-Zor Military Council",
        "deir-ezzor-military-council",
    ),
    ("HTS detained a journalist.", "HTS", "hts"),
    ("Hayat Tahrir al-Sham shelled the hills.", "Hayat Tahrir al-Sham", "hts"),
    ("Jabhat al-Nusra stormed the base.", "Jabhat al-Nusra", "nusra"),
    ("Jabhat al- Nusra fighters withdrew.", "Jabhat al- Nusra", "nusra"),
    ("Hurras al-Din claimed the attack.", "Hurras al-Din", "hurras-al-din"),
    ("Rebel and Islamic factions shelled the town.", "Rebel and Islamic factions", "rebels"),
    ("The Free Syrian Army took the hill.", "Free Syrian Army", "fsa"),
    ("The Sultan Murad Division built a wall.", "Sultan Murad Division", "sultan-murad"),
    ("The Hamza Division patrolled the road.", "Hamza Division", "hamza-division"),
    ("Al-Amshat seized farmland.", "Al-Amshat", "suleiman-shah"),
    ("Jaysh al-Islam moved north.", "Jaysh al-Islam", "jaysh-al-islam"),
    ("Ahrar al-Sharqiyah gunmen opened fire.", "Ahrar al-Sharqiyah", "ahrar-al-sharqiyah"),
    ("The Levant Front arrested a man.", "Levant Front", "levant-front"),
    ("Israeli warplanes struck a depot.", "Israeli warplanes", "israel"),
    ("Jordanian border guards fired at smugglers.", "Jordanian border guards", "jordan"),
    ("US forces flew in supplies.", "US forces", "usa"),
    ("Tribal fighters attacked the post.", "Tribal fighters", "arab-tribes"),
    ("Al-Ekaydat tribe called for calm.", "Al-Ekaydat tribe", "ekaydat"),
    ("Drug smugglers crossed at night.", "Drug smugglers", "smugglers"),
    ("Unidentified gunmen shot a teacher.", "Unidentified gunmen", "unidentified"),
    ("Unknown gunmen assassinated a mukhtar.", "Unknown gunmen", "unidentified"),
    ("Unidentified persons threw a bomb.", "Unidentified persons", "unidentified"),
    ("Gunmen stopped the bus.", "Gunmen", "unidentified"),
    ("Protesters blocked the road.", "Protesters", "protesters"),
    ("Demonstrators gathered in the square.", "Demonstrators", "protesters"),
    ("Civilians fled the village.", "Civilians", "civilians"),
    ("Residents buried the dead.", "Residents", "civilians"),
    ("The Men of Dignity movement set up posts.", "Men of Dignity movement", "men-of-dignity"),
    ("Military Intelligence arrested a youth.", "Military Intelligence", "military-security"),
    ("Local police opened an inquiry.", "Local police", "syrian-police"),
    # Arabic
    ("قصفت قوات النظام أطراف البلدة", "قوات النظام", "regime"),
    ("انسحب الجيش السوري من التلة", "الجيش السوري", "regime"),
    ("هاجمت خلايا تنظيم الدولة الإسلامية حاجزاً", "تنظيم الدولة الإسلامية", "isis"),
    ("تبنى داعش الهجوم", "داعش", "isis"),
    ("اعتقلت قسد ثلاثة شبان", "قسد", "sdf"),
    ("فرضت الأسايش حصاراً على الحي", "الأسايش", "asayish"),
    ("سيطرت هيئة تحرير الشام على القرية", "هيئة تحرير الشام", "hts"),
    ("نفذت الفصائل الموالية لتركيا مداهمات", "الفصائل الموالية لتركيا", "sna"),
    ("وصل مقاتلون من حزب الله", "حزب الله", "hezbollah"),
    ("انتشرت الميليشيات الإيرانية في المدينة", "الميليشيات الإيرانية", "iran-backed-militias"),
    ("وقصفت قوات النظام القرية", "قوات النظام", "regime"),  # wa- clitic
    ("موقع تابع للنظام", "للنظام", "regime"),  # li- + al- written lil-
    ("أغارت طائرات حربية روسية على المنطقة", "طائرات حربية روسية", "russia"),
    ("قتل مسلحون مجهولون رجلاً", "مسلحون مجهولون", "unidentified"),
    ("اقتحمت الفرقة الرابعة الحي", "الفرقة الرابعة", "fourth-division"),
    ("شن التحالف الدولي غارة", "التحالف الدولي", "coalition"),
]


@pytest.mark.parametrize(("text", "surface", "actor_id"), SURFACES)
def test_surface_forms_resolve_to_their_actor(
    reg: ActorRegistry, text: str, surface: str, actor_id: str
) -> None:
    found = [(m.surface, m.actor.id) for m in reg.find(text)]
    assert (surface, actor_id) in found
    assert reg.resolve(surface) == reg.get(actor_id)


@pytest.mark.parametrize(
    "text",
    [
        "this is it",
        "It is what it is, and it was quiet.",
        "Let us go; the sun was up.",
        "He said the tip was small and the sna...",  # lower-case forms of case-sensitive aliases
        "The ndf of the function is hts-like",
        "They praised the un-named mayor.",
        "Analysis of the crisis",  # 'isis' inside a word
        "A Russian-made rifle was found.",  # nationality of a weapon is not an actor
        "Families fled towards the Turkish border.",  # a country's land, not its forces
        "Bread is now sold for ten Turkish lira.",
    ],
)
def test_case_and_word_boundary_traps(reg: ActorRegistry, text: str) -> None:
    assert reg.find(text) == []


def test_offsets_are_exact_sorted_and_non_overlapping(reg: ActorRegistry) -> None:
    text = "Clashes between regime forces and ISIS cells, while the SDF watched; قوات النظام"
    mentions = reg.find(text)
    assert [m.actor.id for m in mentions] == ["regime", "isis", "sdf", "regime"]
    for m in mentions:
        assert text[m.span.start : m.span.end] == m.surface
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(mentions))


def test_longest_match_wins(reg: ActorRegistry) -> None:
    [m] = reg.find("Turkish-backed factions attacked.")
    assert (m.surface, m.actor.id) == ("Turkish-backed factions", "sna")
    [m] = reg.find("The US-led coalition struck.")
    assert m.actor.id == "coalition"
    [m] = reg.find("kataib hezbollah fired rockets")
    assert m.actor.id == "kataib-hezbollah"


def test_offsets_survive_curly_quotes_and_case_changes(reg: ActorRegistry) -> None:
    text = "İ The regime’s forces and Syria’s New Army"
    mentions = reg.find(text)
    assert [m.surface for m in mentions] == ["The regime", "Syria’s New Army"]
    assert all(text[m.span.start : m.span.end] == m.surface for m in mentions)


def test_attributive_mentions_are_marked(reg: ActorRegistry) -> None:
    mentions = reg.find("Shells fell on regime-held areas from SDF positions.")
    assert [(m.actor.id, m.attributive) for m in mentions] == [("regime", True), ("sdf", False)]
    assert reg.find("anti-regime slogans") == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("regime", "regime", True),
        ("fourth-division", "regime", True),
        ("regime", "fourth-division", True),
        ("ndf", "regime", True),  # via pro-regime militias
        ("eighth-brigade", "regime", True),  # via the 5th Corps
        ("sultan-murad", "sna", True),
        ("asayish", "autonomous-administration", True),
        ("deir-ezzor-military-council", "sdf", True),
        ("hezbollah", "iran", True),
        ("fatemiyoun", "iran-backed-militias", True),
        ("shaitat", "arab-tribes", True),
        ("displaced", "civilians", True),
        ("sdf", "regime", False),
        ("asayish", "sdf", False),
        ("sna", "turkey", False),
        ("hts", "isis", False),
        ("fourth-division", "republican-guard", False),
    ],
)
def test_related(reg: ActorRegistry, a: str, b: str, expected: bool) -> None:
    assert reg.related(a, b) is expected


def test_get_record_and_hierarchy(reg: ActorRegistry) -> None:
    assert reg.get("regime").inter == 1
    assert reg.get("ndf").parent == "pro-regime-militias"
    assert [a.id for a in reg.ancestors("ndf")] == ["pro-regime-militias", "regime"]
    assert reg.root("sultan-murad").id == "sna"
    record = reg.record("regime")
    assert {"regime", "regime forces"} <= record.names()
    assert "قوات النظام" in record.aliases_ar
    with pytest.raises(UnknownActorError) as info:
        reg.get("no-such-actor")
    assert isinstance(info.value, MarsadError) and isinstance(info.value, KeyError)


def test_resolve_names(reg: ActorRegistry) -> None:
    assert reg.resolve("sdf") == reg.get("sdf")
    assert reg.resolve("SDF") == reg.get("sdf")
    assert reg.resolve("Military Forces of Syria") == reg.get("regime")
    assert reg.resolve("  the   regime ") == reg.get("regime")
    assert reg.resolve("members of the 4th Division") == reg.get("fourth-division")
    assert reg.resolve("a passing cloud") is None
    assert reg.resolve("") is None


def test_registry_size_and_inter_codes(reg: ActorRegistry) -> None:
    assert len(reg) >= 80
    assert {a.inter for a in reg} == set(range(1, 9))
    assert all(reg.get(a.parent) for a in reg if a.parent)


def test_required_coverage(reg: ActorRegistry) -> None:
    required = [
        "regime", "fourth-division", "republican-guard", "air-force-intelligence",
        "military-security", "state-security", "ndf", "tiger-forces", "russia", "iran", "irgc",
        "hezbollah", "iran-backed-militias", "fatemiyoun", "zainabiyoun", "iraqi-militias", "sdf",
        "ypg", "asayish", "autonomous-administration", "deir-ezzor-military-council", "turkey",
        "sna", "sultan-murad", "hamza-division", "suleiman-shah", "jaysh-al-islam",
        "ahrar-al-sharqiyah", "levant-front", "hts", "nusra", "hurras-al-din", "isis", "fsa",
        "rebels", "coalition", "usa", "israel", "jordan", "arab-tribes", "ekaydat", "baggara",
        "smugglers", "protesters", "civilians", "unidentified", "men-of-dignity", "syrian-police",
    ]  # fmt: skip
    assert [r for r in required if r not in reg] == []


def test_default_load_is_cached() -> None:
    assert load_actors() is load_actors()


# -- loader errors -------------------------------------------------------------------------------


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n" + body, encoding="utf-8")
    return path


GOOD = "- id: a\n  name: A\n  inter: 1\n  kind: state\n  aliases: [alpha]\n"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (GOOD + "- id: B\n  name: B\n  inter: 2\n  kind: rebel\n", 7, "slug"),
        (GOOD + "- id: b\n  name: B\n  inter: 9\n  kind: rebel\n", 7, "inter"),
        (GOOD + "- id: b\n  name: B\n  inter: 2\n  kind: robots\n", 7, "kind"),
        (GOOD + "- id: b\n  name: B\n  inter: 2\n  kind: rebel\n  parent: zz\n", 7, "parent"),
        (GOOD + "- id: b\n  name: B\n  inter: 2\n  kind: rebel\n  aliases: [Alpha]\n", 7, "alpha"),
        (GOOD + "- id: a\n  name: B\n  inter: 2\n  kind: rebel\n", 7, "duplicate"),
        (GOOD + "- id: b\n  name: B\n  inter: 2\n  kind: rebel\n  colour: red\n", 7, "colour"),
        (GOOD + "- id: b\n  name: B\n  inter: 2\n  kind: rebel\n  aliases: alpha\n", 7, "list"),
    ],
)
def test_loader_errors_name_file_and_line(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(DataFileError, match=message) as info:
        load_actors(path)
    assert (info.value.path, info.value.line) == (str(path), line)


def test_loader_reports_parent_cycles(tmp_path: Path) -> None:
    body = (
        "- id: a\n  name: A\n  inter: 1\n  kind: state\n  parent: b\n"
        "- id: b\n  name: B\n  inter: 1\n  kind: state\n  parent: a\n"
    )
    with pytest.raises(DataFileError, match="cycle"):
        load_actors(_write(tmp_path, body))


def test_loader_reports_yaml_syntax_errors(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as info:
        load_actors(_write(tmp_path, "- id: [a\n"))
    assert info.value.line is not None


# -- the development set (read at run time; never copied) --------------------------------------


@pytest.mark.parametrize("name", ["gold_dev.jsonl", "arabic_gold_dev.jsonl"])
def test_every_gold_actor_list_is_named_by_some_actor(reg: ActorRegistry, name: str) -> None:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    lists = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            for event in json.loads(line)["events"]:
                for role in ("actor1", "actor2"):
                    if event.get(role):
                        lists.add(tuple(event[role]))
    names = [r.names() for r in reg.records()]
    uncovered = [g for g in lists if not any(n & set(g) for n in names)]
    assert len(uncovered) / len(lists) <= 0.02, uncovered
