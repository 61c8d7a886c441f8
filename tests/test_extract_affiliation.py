"""marsad.extraction.affiliation: which side holds a place, and whom an actor belongs to."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from marsad.extraction.affiliation import belongs_to, is_held
from marsad.model import Span


@dataclass(frozen=True)
class _M:
    span: Span


def _at(text: str, words: str) -> _M:
    start = text.index(words)
    return _M(Span(start, start + len(words)))


@pytest.mark.parametrize(
    ("text", "actor", "held"),
    [
        ("Shells fell on regime-held areas of Daraa.", "regime", True),
        ("Drones struck SDF-controlled villages.", "SDF", True),
        ("سقطت قذائف على مناطق خاضعة لسيطرة قوات النظام", "قوات النظام", True),
        ("Regime forces shelled Kafr Zita.", "Regime forces", False),
    ],
)
def test_is_held(text: str, actor: str, held: bool) -> None:
    assert is_held(text, _at(text, actor)) is held


@pytest.mark.parametrize(
    ("text", "actor", "owner"),
    [
        ("Gunmen believed to belong to ISIS cells shot a shepherd.", "Gunmen", "ISIS"),
        ("Gunmen thought to be linked to HTS fired at a car.", "Gunmen", "HTS"),
        ("Gunmen believed to be from cells of ISIS shot a shepherd.", "Gunmen", "ISIS"),
        ("The regime's 4th Division besieged the town.", "regime", "4th Division"),
        ("Regime forces shelled the town, ISIS said.", "Regime forces", "Regime forces"),
    ],
)
def test_belongs_to(text: str, actor: str, owner: str) -> None:
    names = ["Gunmen", "ISIS", "HTS", "regime", "4th Division", "Regime forces"]
    mentions = sorted((_at(text, n) for n in names if n in text), key=lambda m: m.span.start)
    mention = next(m for m in mentions if m.span.text(text) == actor)
    assert belongs_to(text, mention, mentions).span.text(text) == owner
