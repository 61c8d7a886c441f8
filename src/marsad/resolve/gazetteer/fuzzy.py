"""Loose spellings: places whose names share the consonants of a word no key holds.

Two indexes, built on first use by the gazetteer: one by the consonant skeleton of each Latin
key (``Tqad``/``Taqad``, for :meth:`similar`), one by governorate and the loose skeleton of each
Latin key or Latin rendering of an Arabic name (``Lataminah``/``Latmana``, for :meth:`fuzzy`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from marsad.model import Place
from marsad.resolve.gazetteer.model import Candidate, prior
from marsad.resolve.names import chunk_pieces, is_arabic, romanize_arabic

SkeletonIndex = dict[str, tuple[int, ...]]
"""Consonant skeleton -> indices of the places whose Latin keys have it."""

Admin1Index = dict[tuple[str, str], list[tuple[str, int]]]
"""(governorate, loose skeleton) -> (flat spelling, place index) pairs."""


def skeleton_index(by_key: Mapping[str, Sequence[int]]) -> SkeletonIndex:
    """Index place indices by the consonant skeleton of their Latin keys."""
    index: dict[str, list[int]] = {}
    for key, places in by_key.items():
        if not is_arabic(key) and not key.startswith("al "):
            index.setdefault(skeleton(key), []).extend(places)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


def similar_indices(surface: str, index: SkeletonIndex) -> tuple[int, ...]:
    """Indices of the places whose name has the same consonant skeleton as ``surface``."""
    skel = _similar_key(surface)
    return () if skel is None else index.get(skel, ())


@lru_cache(maxsize=16384)
def _similar_key(surface: str) -> str | None:
    """The consonant skeleton :func:`similar_indices` looks up, None if too short."""
    folded = " ".join(p[2] for p in chunk_pieces(surface) if p[2] not in ("al", "|"))
    skel = skeleton(folded)
    return None if len(skel.replace(" ", "")) < 3 else skel


def admin1_index(
    by_key: Mapping[str, Sequence[int]],
    places: Sequence[Place],
    names: Mapping[tuple[str, int], str],
    stopwords: Collection[str],
) -> Admin1Index:
    """Index Syrian places by governorate and the loose skeleton of each spelling."""
    index: dict[tuple[str, str], dict[tuple[str, int], None]] = {}
    for key, indices in by_key.items():
        flat = flat_spelling(key)
        skel = loose_skeleton(flat)
        if len(skel) < 3 or any(names.get((key, i), "").lower() in stopwords for i in indices):
            continue  # too short, or a stop word ("Assad" of "Assad - Aslan Koy")
        for i in indices:
            place = places[i]
            if place.iso3 == "SYR" and place.admin1:
                index.setdefault((place.admin1, skel), {})[(flat, i)] = None
    return {k: list(v) for k, v in index.items()}


def flat_spelling(key: str) -> str:
    """A key as :func:`admin1_index` files it (and :meth:`fuzzy` answers it): a Latin key's
    words without articles, run together; an Arabic key romanised."""
    return (romanize_arabic(key) if is_arabic(key)
            else "".join(t for t in key.split(" ") if t != "al"))


def fuzzy_candidates(
    surface: str,
    index: Admin1Index,
    places: Sequence[Place],
    *,
    admin1s: Collection[str],
    limit: int,
    cutoff: float,
) -> list[Candidate]:
    """Syrian places in ``admin1s`` whose names are spelled close to ``surface``, best first
    (see :meth:`Gazetteer.fuzzy <marsad.resolve.gazetteer.Gazetteer.fuzzy>`)."""
    query, skel = _fuzzy_key(surface)
    if len(skel) < 3:
        return []
    # each place scores by its best spelling, its second best breaking ties ("Latmana" is
    # two villages; only one is also spelled so in Arabic)
    scores: dict[int, list[tuple[float, str]]] = {}
    for admin1 in sorted(set(admin1s)):
        for flat, i in index.get((admin1, skel), []):
            scores.setdefault(i, []).append((fuzz.ratio(query, flat) / 100.0, flat))
    found: dict[int, Candidate] = {}
    for i, pairs in scores.items():
        pairs.sort(reverse=True)
        best, flat = pairs[0]
        second = pairs[1][0] if len(pairs) > 1 else 0.0
        score = round(0.95 * best + 0.05 * second, 4)
        if best >= cutoff:
            found[i] = Candidate(places[i], score, flat)
    ranked = sorted(found.values(), key=lambda c: (-c.score, -prior(c.place), c.place.id))
    return ranked[:limit]


@lru_cache(maxsize=16384)
def _fuzzy_key(surface: str) -> tuple[str, str]:
    """The flat spelling of ``surface`` (articles left out) and its loose skeleton."""
    query = "".join(p[2] for p in chunk_pieces(surface) if p[2] not in ("al", "|"))
    return query, loose_skeleton(query)


def loose_skeleton(flat: str) -> str:
    """First letter, then the consonants other than ``w``/``y``, doubled ones written once
    (``gh`` written ``g``: ``Baghuz``/``Baguz``)."""
    flat = flat.replace("gh", "g")
    rest = "".join(c for c in flat[1:] if c not in "aeiouwy")
    out = flat[:1]
    for c in rest:
        if c != out[-1:]:
            out += c
    return out


def skeleton(key: str) -> str:
    """Each word of a folded key without its inner ``a`` vowels; the article left out."""
    return " ".join(t[:1] + t[1:].replace("a", "") for t in key.split(" ") if t != "al")
