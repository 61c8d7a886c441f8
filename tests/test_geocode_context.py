"""The longest of overlapping names: the quick way for names that overlap none keeps what
ranking every name does."""

from __future__ import annotations

import random

import pytest

from marsad.model import Span
from marsad.resolve.gazetteer import NameMatch
from marsad.resolve.geocode.context import longest_first


def _ranked(matches: list[NameMatch]) -> list[NameMatch]:
    """Longer first, then earlier; each kept where it overlaps none kept before."""
    ranked = sorted(matches, key=lambda m: (-(m.span.end - m.span.start), m.span.start))
    taken: list[NameMatch] = []
    for m in ranked:
        if all(m.span.end <= t.span.start or m.span.start >= t.span.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.span.start)


def _match(start: int, end: int) -> NameMatch:
    return NameMatch(Span(start, end), "x" * (end - start), "x", ())


@pytest.mark.parametrize(
    "spans",
    [
        [],
        [(0, 5), (6, 9), (9, 12)],  # in order, touching: all kept as they are
        [(0, 5), (3, 9)],  # overlapping
        [(6, 9), (0, 5)],  # out of order
        [(0, 5), (5, 5), (7, 9)],  # an empty stretch
        [(0, 4), (0, 9), (2, 3)],
    ],
)
def test_the_longest_names_are_kept(spans: list[tuple[int, int]]) -> None:
    matches = [_match(s, e) for s, e in spans]
    assert longest_first(matches) == _ranked(matches)


@pytest.mark.parametrize("seed", range(20))
def test_the_longest_names_are_kept_among_random_ones(seed: int) -> None:
    rng = random.Random(seed)
    matches = []
    for _ in range(rng.randint(0, 12)):
        start = rng.randint(0, 60)
        matches.append(_match(start, start + rng.randint(1 if seed % 2 else 0, 10)))
    if seed % 3 == 0:
        matches.sort(key=lambda m: m.span.start)
    kept = longest_first(matches)
    assert kept == _ranked(matches)
    assert longest_first(kept) == kept
