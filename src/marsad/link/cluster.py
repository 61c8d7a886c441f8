"""Deterministic grouping: the same nodes and edges give the same groups, whatever their order.

Edges are taken best first (highest score, then smallest keys); two groups join only when every
pair of their members is compatible (complete linkage), so a chain of near matches cannot glue
two different happenings together.  Compatibility is checked on *signatures*: nodes that share a
signature are interchangeable for it, which keeps large groups (a siege over hundreds of
reports) cheap to check.

>>> groups = cluster(["a", "b", "c"], [(0.9, "a", "b"), (0.5, "b", "c")],
...                  signature=lambda k: k, compatible=lambda x, y: {x, y} != {"a", "c"})
>>> groups
{'a': 'a', 'b': 'a', 'c': 'c'}
>>> components(["a", "b", "c", "d"], [("a", "b"), ("c", "b")])
{'a': 'a', 'b': 'a', 'c': 'a', 'd': 'd'}
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

__all__ = ["cluster", "components"]

K = TypeVar("K", bound=str)
S = TypeVar("S", bound=Hashable)


def _find(parent: dict[K, K], key: K) -> K:
    root = key
    while parent[root] != root:
        root = parent[root]
    while parent[key] != root:
        parent[key], key = root, parent[key]
    return root


def components(keys: Iterable[K], edges: Iterable[tuple[K, K]]) -> dict[K, K]:
    """Each key's connected component, named by its smallest key."""
    parent = {key: key for key in keys}
    for a, b in edges:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {key: _find(parent, key) for key in parent}


def cluster(
    keys: Sequence[K],
    edges: Iterable[tuple[float, K, K]],
    *,
    signature: Callable[[K], S],
    compatible: Callable[[S, S], bool],
) -> dict[K, K]:
    """Each key's group, named by its smallest key (greedy complete linkage, best edge first)."""
    parent = {key: key for key in keys}
    sigs: dict[K, set[S]] = {key: {signature(key)} for key in keys}
    ordered = sorted(edges, key=lambda e: (-e[0], min(e[1], e[2]), max(e[1], e[2])))
    for _score, a, b in ordered:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra == rb:
            continue
        if not all(compatible(x, y) for x in sigs[ra] for y in sigs[rb]):
            continue
        low, high = min(ra, rb), max(ra, rb)
        parent[high] = low
        sigs[low] |= sigs.pop(high)
    return {key: _find(parent, key) for key in parent}
