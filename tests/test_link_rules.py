"""The linking rules file: shipped values, cue matching, and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import DataFileError
from marsad.link.rules import load_link_rules


@pytest.mark.parametrize(
    ("sentence", "lifts"),
    [
        ("Asayish forces lifted the siege on the security square.", True),
        ("The siege was lifted this morning after talks.", True),
        ("Both sides reached an agreement to lift the blockade.", True),
        ("The siege continues for the 13th day.", False),
        ("Calls to lift sanctions grew louder.", False),
        ("The administration is calling for an agreement to lift the siege.", False),
        ("Pressure on the regime to force it to lift the siege on the town.", False),
        ("They reached a deal, ending the blockade that lasted 13 days.", True),
        ("تم فك الحصار عن المربع الأمني", True),
    ],
)
def test_lifting_cues(sentence: str, lifts: bool) -> None:
    assert load_link_rules().lifts(sentence) is lifts


def test_shipped_rules() -> None:
    rules = load_link_rules()
    assert rules.family("Blockade") == rules.family("siege") != rules.family("curfew")
    assert rules.radius(1, 1) < rules.radius(1, 3)
    assert rules.kind_named("Agreement ending the blockade of the square") == "blockade"
    assert rules.kind_named("an agreement to lift it") == "siege"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("radius_km: {1: 3}\nmax_span_days: -1\n", "max_span_days", 2),
        ("radius_km: {1: 3}\nlifting_cues: [1, '']\n", "lifting_cues", 2),
        ("radius_km: {1: 3}\nkind_families: siege\n", "kind_families", 2),
        ("radius_km: []\n", "radius_km", 1),
        ("radius_km: {1: 3}\nbogus: 1\n", "unknown key", 2),
        ("radius_km: {1: 3\n", "invalid YAML", 2),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, text: str, message: str, line: int) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as info:
        load_link_rules(path)
    assert info.value.path == str(path) and info.value.line == line
