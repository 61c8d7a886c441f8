"""The ACLED taxonomy: exact names, the PLOVER/CAMEO crosswalk, and the loader's checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import DataFileError, MarsadError
from marsad.vocab import EVENT_TYPES, Taxonomy, UnknownTermError, load_taxonomy

ACLED = {
    "Battles": [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ],
    "Explosions/Remote violence": [
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ],
    "Violence against civilians": [
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ],
    "Protests": [
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ],
}

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return load_taxonomy()


def test_exactly_six_event_types_with_acled_names(tax: Taxonomy) -> None:
    assert tax.event_types() == tuple(ACLED) == EVENT_TYPES


def test_exactly_25_sub_event_types(tax: Taxonomy) -> None:
    assert len(tax.sub_events()) == 25
    assert len({s.name for s in tax.sub_events()}) == 25


@pytest.mark.parametrize("event_type", list(ACLED))
def test_sub_events_per_type_in_codebook_order(tax: Taxonomy, event_type: str) -> None:
    assert [s.name for s in tax.sub_events(event_type)] == ACLED[event_type]


@pytest.mark.parametrize(
    ("event_type", "sub_event"), [(t, s) for t, subs in ACLED.items() for s in subs]
)
def test_every_pair_is_valid_and_crosswalked(
    tax: Taxonomy, event_type: str, sub_event: str
) -> None:
    assert tax.is_valid(event_type, sub_event)
    sub = tax.sub_event(sub_event)
    assert sub.event_type == event_type
    assert tax.event_type_of(sub_event) == event_type
    assert sub.plover.event_type in PLOVER_TYPES
    assert len(sub.cameo) == 2 and sub.cameo.isdigit()
    assert sub.cameo_code.startswith(sub.cameo)
    assert sub.description


@pytest.mark.parametrize(
    ("event_type", "sub_event"),
    [
        ("Battles", "Air/drone strike"),
        ("Strategic developments", "Armed clash"),
        ("Protests", "Mob violence"),
        ("Battles", "armed clash"),  # names are exact, case included
        ("Sieges", "Other"),
    ],
)
def test_mismatched_pairs_are_invalid(tax: Taxonomy, event_type: str, sub_event: str) -> None:
    assert not tax.is_valid(event_type, sub_event)


@pytest.mark.parametrize(
    ("name", "plover", "cameo"),
    [
        ("Armed clash", "ASSAULT", "19"),
        ("Air/drone strike", "ASSAULT", "19"),
        ("Shelling/artillery/missile attack", "ASSAULT", "19"),
        ("Remote explosive/landmine/IED", "ASSAULT", "18"),
        ("Chemical weapon", "ASSAULT", "20"),
        ("Abduction/forced disappearance", "ASSAULT", "18"),
        ("Peaceful protest", "PROTEST", "14"),
        ("Violent demonstration", "PROTEST", "14"),
        ("Arrests", "COERCE", "17"),
        ("Agreement", "AGREE", "05"),
        ("Change to group/activity", "MOBILIZE", "15"),
        ("Non-violent transfer of territory", "RETREAT", "08"),
    ],
)
def test_crosswalk_values(tax: Taxonomy, name: str, plover: str, cameo: str) -> None:
    sub = tax.sub_event(name)
    assert (sub.plover.event_type, sub.cameo) == (plover, cameo)


@pytest.mark.parametrize("kind", ["siege", "blockade", "curfew"])
def test_sieges_blockades_curfews_are_strategic_other(tax: Taxonomy, kind: str) -> None:
    sit = tax.situation(kind)
    assert (sit.event_type, sit.sub_event_type) == ("Strategic developments", "Other")
    assert sit.plover.event_type == "COERCE"
    assert tax.is_valid(sit.event_type, sit.sub_event_type)


def test_unknown_names_raise_a_marsad_key_error(tax: Taxonomy) -> None:
    with pytest.raises(UnknownTermError) as info:
        tax.sub_event("Airstrike")
    assert isinstance(info.value, MarsadError) and isinstance(info.value, KeyError)
    assert "Air/drone strike" in str(info.value)  # the message lists what is allowed
    with pytest.raises(KeyError):
        tax.sub_events("Sieges")
    with pytest.raises(KeyError):
        tax.situation("occupation-zone")


def test_every_event_type_is_described(tax: Taxonomy) -> None:
    assert all(tax.describe(t) for t in tax.event_types())


def test_default_load_is_cached() -> None:
    assert load_taxonomy() is load_taxonomy()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loader_names_file_and_line_of_a_bad_entry(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "event_types:\n"
        "- name: Battles\n"
        "  description: fights\n"
        "  sub_events:\n"
        "  - name: Armed clash\n"
        "    plover: {event_type: ASSAULT}\n"
        '    cameo: "1"\n'
        '    cameo_code: "193"\n'
        "    description: x\n",
    )
    with pytest.raises(DataFileError) as info:
        load_taxonomy(path)
    assert info.value.path == str(path) and info.value.line == 5
    assert f"{path}:5" in str(info.value)


def test_loader_reports_yaml_syntax_errors_with_a_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "event_types:\n- name: [unclosed\n")
    with pytest.raises(DataFileError) as info:
        load_taxonomy(path)
    assert info.value.line is not None


def test_loader_rejects_a_taxonomy_without_acleds_six_types(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "event_types:\n"
        "- name: Fights\n"
        "  description: d\n"
        "  sub_events:\n"
        "  - name: Armed clash\n"
        "    plover: {event_type: ASSAULT, mode: null}\n"
        '    cameo: "19"\n'
        '    cameo_code: "193"\n'
        "    description: d\n",
    )
    with pytest.raises(DataFileError, match="six"):
        load_taxonomy(path)


def test_missing_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load_taxonomy(tmp_path / "absent.yaml")


def test_docs_list_every_sub_event_and_situation(tax: Taxonomy) -> None:
    docs = Path(__file__).resolve().parents[1] / "docs" / "taxonomy.md"
    text = docs.read_text(encoding="utf-8")
    missing = [s.name for s in tax.sub_events() if f"| {s.name} |" not in text]
    missing += [k for k in tax.situation_kinds() if f"| {k} |" not in text]
    assert missing == []
