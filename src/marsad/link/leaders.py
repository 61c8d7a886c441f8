"""Leader grouping: which mentions are one happening, kept up to date one report at a time.

The groups are defined by a sequential rule over a canonical order, never the order of ingest.
Each mention has a *rank* (a hash of its event id, so that ranks are spread evenly in time);
mentions are taken by rank, and each one joins the group, among those of its already-ranked
neighbours, whose leader it matches best and all of whose members it matches (complete
linkage); when there is none it leads a group of its own.  The result is a pure function of
the set of mentions and of which pairs match.

:func:`regroup` computes it incrementally: given the mentions whose neighbourhood changed (a new
report's mentions, an unmerged pair), it re-decides them in rank order and re-decides a lower
ranked mention only when something it depends on changed (the rules are in the function).
With ranks spread at random, such chains of changes stay short, so the work per report does
not grow with the length of a happening (a siege told daily for years), whether reports come
oldest or newest first.

>>> edges = {("a", "b"): 2.5, ("b", "c"): 2.9}
>>> graph = MemoryGraph(["a", "b", "c"], edges)
>>> found = regroup(["a", "b", "c"], graph)
>>> sorted(labels(found, graph).items())
[('a', 'a'), ('b', 'b'), ('c', 'b')]
"""

from __future__ import annotations

import functools
import hashlib
import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Protocol

__all__ = ["Graph", "MemoryGraph", "labels", "rank", "regroup"]


@functools.lru_cache(maxsize=1 << 16)
def rank(key: str) -> tuple[str, str]:
    """The canonical order mentions are grouped in (smallest first)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest(), key


class Graph(Protocol):
    """What :func:`regroup` reads: who matches whom, and the groups as stored."""

    def neighbours(self, key: str) -> Mapping[str, float]:
        """The mentions ``key`` matches (pairs kept apart excluded), with the match scores."""

    def leader(self, key: str) -> str | None:
        """The stored leader of ``key``'s group (``None``: not grouped yet)."""

    def members(self, leader: str) -> Iterable[str]:
        """The mentions stored as led by ``leader`` (itself included)."""


class MemoryGraph:
    """A :class:`Graph` over given keys and scored edges, with nothing grouped yet."""

    def __init__(self, keys: Iterable[str], edges: Mapping[tuple[str, str], float]) -> None:
        self._nb: dict[str, dict[str, float]] = {k: {} for k in keys}
        for (a, b), score in edges.items():
            self._nb[a][b] = self._nb[b][a] = score

    def neighbours(self, key: str) -> Mapping[str, float]:
        return self._nb[key]

    def leader(self, key: str) -> str | None:
        return None

    def members(self, leader: str) -> Iterable[str]:
        return ()


class _State:
    """The stored groups with the changes made so far laid over them."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.changed: dict[str, str] = {}
        self._joined: dict[str, set[str]] = defaultdict(set)
        self._left: dict[str, set[str]] = defaultdict(set)
        self._nb: dict[str, Mapping[str, float]] = {}

    def neighbours(self, key: str) -> Mapping[str, float]:
        if key not in self._nb:
            self._nb[key] = self.graph.neighbours(key)
        return self._nb[key]

    def leader(self, key: str) -> str | None:
        return self.changed[key] if key in self.changed else self.graph.leader(key)

    def members(self, leader: str) -> set[str]:
        stored = set(self.graph.members(leader)) - self._left[leader]
        return stored | self._joined[leader]

    def move(self, key: str, old: str | None, new: str) -> None:
        self.changed[key] = new
        if old is not None:
            self._left[old].add(key)
            self._joined[old].discard(key)
        self._left[new].discard(key)
        self._joined[new].add(key)


def _decide(key: str, state: _State) -> str:
    """The leader ``key`` follows given the groups of the mentions ranked before it."""
    own = rank(key)
    near = state.neighbours(key)
    best: tuple[float, tuple[str, str], str] | None = None
    leaders = {state.leader(k) for k in near if rank(k) < own}
    for lead in sorted(x for x in leaders if x is not None and x in near):
        if not all(m in near for m in state.members(lead) if rank(m) < own and m != key):
            continue
        candidate = (-near[lead], rank(lead), lead)
        if best is None or candidate < best:
            best = candidate
    return key if best is None else best[2]


def regroup(dirty: Iterable[str], graph: Graph) -> dict[str, str]:
    """Re-decide ``dirty`` and whatever depends on them; the new leader of each one that changed.

    A mention's decision depends only on higher-ranked mentions, so they are taken by rank and
    a change marks lower-ranked mentions only: the neighbours of a mention that starts or stops
    leading; the members of the group it joins that it does not match (they may no longer
    fit); the neighbours of the leader of the group it left that it does not match (that group
    may fit them now).  Every mention is decided at most once per call.
    """
    state = _State(graph)
    heap = [(rank(k), k) for k in set(dirty)]
    heapq.heapify(heap)
    queued = {k for _, k in heap}

    def push(keys: Iterable[str], above: tuple[str, str]) -> None:
        for k in keys:
            r = rank(k)
            if r > above and k not in queued:
                queued.add(k)
                heapq.heappush(heap, (r, k))

    while heap:
        own, key = heapq.heappop(heap)
        old = state.leader(key)
        new = _decide(key, state)
        if new == old:
            continue
        state.move(key, old, new)
        near = state.neighbours(key)
        if key in (old, new):
            push(near, own)
        if new != key:
            push((m for m in state.members(new) if m not in near), own)
        if old is not None and old != key:
            push((k for k in state.neighbours(old) if k not in near), own)
    return state.changed


def labels(changed: Mapping[str, str], graph: Graph) -> dict[str, str]:
    """Each mention's group label (its smallest key), for the groups :func:`regroup` touched.

    ``graph`` must still describe the groups as they were before ``changed``.
    """
    state = _State(graph)
    for key, new in changed.items():
        state.move(key, graph.leader(key), new)
    touched = {x for k, new in changed.items() for x in (graph.leader(k), new) if x is not None}
    out: dict[str, str] = {}
    for lead in sorted(touched):
        members = state.members(lead)
        if members:
            label = min(members)
            out.update((m, label) for m in members)
    return out
