from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import DataFileError
from marsad.extraction.lexicon import ACLED_EVENT_TYPES, load_lexicon


def test_shipped_lexicon_loads_and_rules_are_acled_types() -> None:
    lex = load_lexicon()
    assert len(lex.triggers) >= 20
    assert {r.event_type for r in lex.triggers} <= set(ACLED_EVENT_TYPES)
    assert len({r.id for r in lex.triggers}) == len(lex.triggers)


def test_loading_twice_returns_the_cached_object() -> None:
    assert load_lexicon() is load_lexicon()


def test_sub_event_types_exist_in_the_taxonomy() -> None:
    from marsad.vocab import load_taxonomy

    tax = load_taxonomy()
    for rule in load_lexicon().triggers:
        assert tax.is_valid(rule.event_type, rule.sub_event_type), rule.id
        if rule.state_sub_event_type:
            assert tax.is_valid(rule.event_type, rule.state_sub_event_type), rule.id


BAD = [
    ("triggers: [1]\n", "must be a mapping", 1),
    ("triggers:\n  - id: x\n    event_type: Battles\n", "missing 'sub_event_type'", 2),
    (
        "triggers:\n  - id: x\n    event_type: Fights\n    sub_event_type: Armed clash\n"
        "    patterns: [clash]\n",
        "unknown event_type",
        2,
    ),
    (
        "triggers:\n  - id: x\n    event_type: Battles\n    sub_event_type: Armed clash\n"
        "    patterns: ['clash(']\n",
        "bad pattern",
        2,
    ),
    ("triggers: [\n", "invalid YAML", None),
]


@pytest.mark.parametrize(("content", "message", "line"), BAD)
def test_bad_files_name_file_and_line(
    tmp_path: Path, content: str, message: str, line: int | None
) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_lexicon(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    if line is not None:
        assert info.value.line == line
