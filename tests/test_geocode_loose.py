"""Loose spellings: the quick tests of where a capitalised word stands answer as the plain
regexes they stand for (the output of :func:`find_places` depends on them)."""

from __future__ import annotations

import itertools
import re

import pytest

from marsad.resolve.geocode.loose import _LIST_GLUE, _Listed, _sentence_start

SENTENCE_END = re.compile(r"(?:^|[.!?:\n•]|\d)\s*$")


@pytest.mark.parametrize(
    "before",
    ["", " ", "  ", "\n", "a\n", "a \n", "\n a", ". ", "x.", "d, ", "in ", "7 ", "٣ ", "•\t",
     ": ", "?", "ab!", "a.b", "5a ", "\u00a0", "x\u2028", "\na", "e.\u00a0"],
)
def test_a_sentence_starts_where_the_plain_regex_says(before: str) -> None:
    assert _sentence_start(before) == (SENTENCE_END.search(before) is not None)


TEXTS = [
    "Kafr Zita, Latmana and Halfaya",
    "Kafr Zita ,  and  Latmana, and Halfaya و Morek",
    "in Kafr Zita and the town of Latmana",
    "Kafr Zita andand Latmana, , Halfaya",
    "A and B\n,\nC and, D",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_stretch_is_listed_with_a_taken_one_as_every_pair_says(text: str) -> None:
    words = [m.span() for m in re.finditer(r"\w+", text)]
    for taken in itertools.combinations(words, 2):
        listed = _Listed(text, list(taken))
        for start, end in words:
            expected = any(
                (e <= start and _LIST_GLUE.fullmatch(text, e, start) is not None)
                or (s >= end and _LIST_GLUE.fullmatch(text, end, s) is not None)
                for s, e in taken)
            assert listed.glued(start, end) == expected, (taken, start, end)


def test_a_stretch_taken_later_counts_too() -> None:
    text = "Kafr Zita, Latmana and Halfaya"
    listed = _Listed(text, [])
    assert not listed.glued(11, 18)
    listed.add(0, 9)
    assert listed.glued(11, 18)
