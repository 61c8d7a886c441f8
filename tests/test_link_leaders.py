"""Leader grouping: a pure function of the mentions and their matches, however it is reached.

What linking relies on: groups are complete (every two members match), the same whatever order
mentions are added in one at a time, and equal to grouping everything at once; and adding a
mention to a long chain re-decides only a few others.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

import pytest

from marsad.link.leaders import MemoryGraph, labels, rank, regroup


class Stored:
    """A fake store: the mentions added so far, their matches, and the leaders kept."""

    def __init__(self, edges: Mapping[tuple[str, str], float]) -> None:
        self.edges = edges
        self.keys: set[str] = set()
        self.leaders: dict[str, str] = {}
        self.asked = 0

    def neighbours(self, key: str) -> Mapping[str, float]:
        self.asked += 1
        found: dict[str, float] = {}
        for (a, b), score in self.edges.items():
            if key in (a, b) and {a, b} <= self.keys:
                found[b if a == key else a] = score
        return found

    def leader(self, key: str) -> str | None:
        return self.leaders.get(key)

    def members(self, leader: str) -> Iterable[str]:
        return [k for k, v in self.leaders.items() if v == leader]

    def add(self, key: str) -> None:
        self.keys.add(key)
        changed = regroup([key], self)
        self.leaders.update(changed)

    def groups(self) -> dict[str, str]:
        members: dict[str, list[str]] = {}
        for key, lead in self.leaders.items():
            members.setdefault(lead, []).append(key)
        return {k: min(ms) for ms in members.values() for k in ms}


def chain(n: int, seed: int) -> dict[tuple[str, str], float]:
    """Mentions on a line of days, each matching those up to ``reach`` days away (a siege told
    daily), some pairs missing (other actors), scores falling with the distance."""
    rng = random.Random(seed)
    reach = rng.randint(1, 6)
    edges: dict[tuple[str, str], float] = {}
    for i in range(n):
        for j in range(i + 1, min(n, i + reach + 1)):
            if rng.random() < 0.85:
                edges[(f"m{i:03d}", f"m{j:03d}")] = 3.0 - (j - i) / (reach + 1)
    return edges


def tangle(n: int, seed: int) -> dict[tuple[str, str], float]:
    """Mentions matching at random, with tied scores (many reports agree equally well)."""
    rng = random.Random(seed)
    return {(f"m{i:03d}", f"m{j:03d}"): rng.choice([2.0, 2.5, 3.0])
            for i in range(n) for j in range(i + 1, n) if rng.random() < 0.3}


def batch(n: int, edges: Mapping[tuple[str, str], float]) -> dict[str, str]:
    keys = [f"m{i:03d}" for i in range(n)]
    graph = MemoryGraph(keys, edges)
    return {k: k for k in keys} | labels(regroup(keys, graph), graph)


@pytest.mark.parametrize("seed", range(12))
def test_adding_one_at_a_time_in_any_order_is_grouping_at_once(seed: int) -> None:
    n = 40 if seed < 8 else 16
    edges = chain(n, seed) if seed < 8 else tangle(n, seed)
    expected = batch(n, edges)
    for order_seed in range(3):
        order = [f"m{i:03d}" for i in range(n)]
        random.Random(order_seed).shuffle(order)
        stored = Stored(edges)
        for key in order:
            stored.add(key)
        assert stored.groups() == expected


@pytest.mark.parametrize("seed", range(8))
def test_groups_are_complete(seed: int) -> None:
    edges = chain(50, seed)
    members: dict[str, list[str]] = {}
    for key, group in batch(50, edges).items():
        members.setdefault(group, []).append(key)
    for together in members.values():
        for a in together:
            for b in together:
                assert a == b or (min(a, b), max(a, b)) in edges


@pytest.mark.parametrize("reverse", [False, True])
def test_a_long_chain_costs_the_same_per_mention_either_way(reverse: bool) -> None:
    n = 400
    edges = chain(n, 3)
    stored = Stored(edges)
    keys = [f"m{i:03d}" for i in range(n)]
    asked = []
    for key in reversed(keys) if reverse else keys:
        before = stored.asked
        stored.add(key)
        asked.append(stored.asked - before)
    first, last = sum(asked[:100]), sum(asked[-100:])
    assert last <= 2 * first + 100  # bounded, not growing with the chain


def test_rank_is_a_fixed_order() -> None:
    assert rank("c") < rank("a") < rank("b")  # by hash, not by name or arrival
