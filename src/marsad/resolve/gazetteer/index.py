"""The gazetteer itself: places indexed by their name keys, looked up, scanned for, and loosely
matched; :class:`SqliteGazetteer` (the shipped file) and :class:`InMemoryGazetteer` (a fake)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process

from marsad.model import Place
from marsad.resolve.gazetteer.fuzzy import (
    Admin1Index,
    SkeletonIndex,
    admin1_index,
    flat_spelling,
    fuzzy_candidates,
    similar_indices,
    skeleton_index,
)
from marsad.resolve.gazetteer.model import Candidate, NameMatch, is_major, prior
from marsad.resolve.gazetteer.scan import Scanner
from marsad.resolve.gazetteer.words import StopWords
from marsad.resolve.names import is_arabic, name_keys

_LOOKUP_CACHE_SIZE = 20_000

class _IndexedGazetteer:
    """Places, their name keys and an Aho-Corasick automaton over the keys."""

    def __init__(
        self,
        places: Sequence[Place],
        keys: Iterable[tuple[str, int, str]],
        *,
        parents: Mapping[str, str] | None = None,
        stopkeys: Iterable[str] = (),
        stopwords: Iterable[str] = (),
        leadwords: Iterable[str] = (),
        weak: Iterable[tuple[str, int]] = (),
    ) -> None:
        self._places = tuple(places)
        self._stop = StopWords.of(stopwords, leadwords)
        self._syrian_admin1s = frozenset(
            p.admin1 for p in self._places if p.iso3 == "SYR" and p.admin1
        )
        # lookup() is pure over the loaded data; geocoding asks the same few names per report
        self._lookups: dict[tuple[str, int], tuple[Candidate, ...]] = {}
        self._stopword_memo: dict[tuple[str, bool], bool] = {}  # pure too: capitalised words recur
        self._by_id = {p.id: i for i, p in enumerate(self._places)}
        self._parents = dict(parents or {})
        stop = frozenset(stopkeys)
        by_key: dict[str, list[int]] = {}
        names: dict[tuple[str, int], str] = {}
        arabic: set[str] = set()
        for key, index, name in keys:
            if "\u0600" <= key[:1] <= "\u06ff":
                arabic.add(key)
            elif " " not in key and len(key) < 3:
                continue
            # an article the source left out may still be written: "Al-Ashrafiyah"
            variants = (key,) if key in arabic or key.startswith("al ") else (key, "al " + key)
            for variant in variants:
                lst = by_key.setdefault(variant, [])
                if index not in lst:
                    lst.append(index)
                    names[(variant, index)] = name
        # generic words ("Deir", "Tal", "Kafr") are never a name on their own: their keys leave
        # the automaton unless a major place bears them; other stop words are refused as
        # written (see `scan`), since many village names fold like common words
        self._by_key = {
            k: tuple(v) for k, v in by_key.items()
            if k not in stop or any(is_major(self._places[i]) for i in v)
        }
        self._names = names
        self._scanner = Scanner(self._places, self._by_key, names,
                                arabic=arabic & self._by_key.keys(), stopwords=self._stop,
                                weak=weak)
        self._keys_by_length: dict[int, list[str]] | None = None  # sorted keys by length
        self._major_keys: frozenset[str] | None = None
        self._spellings: dict[int, tuple[str, ...]] | None = None  # built on first names_of()
        self._skeletons: SkeletonIndex | None = None
        self._by_admin1: Admin1Index | None = None

    def __len__(self) -> int:
        return len(self._places)

    def places(self) -> tuple[Place, ...]:
        """Every place, in index order."""
        return self._places

    def get(self, place_id: str) -> Place | None:
        index = self._by_id.get(place_id)
        return None if index is None else self._places[index]

    def names_of(self, place_id: str) -> tuple[str, ...]:
        """Every spelling the gazetteer files ``place_id`` under (sorted; empty when unknown)."""
        if self._spellings is None:
            spellings: dict[int, set[str]] = {}
            for (_, at), name in self._names.items():
                spellings.setdefault(at, set()).add(name)
            self._spellings = {i: tuple(sorted(v)) for i, v in spellings.items()}
        index = self._by_id.get(place_id)
        return () if index is None else self._spellings.get(index, ())

    def parent(self, place_id: str) -> Place | None:
        parent_id = self._parents.get(place_id)
        return None if parent_id is None else self.get(parent_id)

    def places_for_key(self, key: str) -> tuple[Place, ...]:
        """The places filed under one folded key."""
        return tuple(self._places[i] for i in self._by_key.get(key, ()))

    def scan(self, text: str) -> list[NameMatch]:
        """Every stretch of ``text`` that spells a gazetteer key, overlapping, in text order
        (see :mod:`marsad.resolve.gazetteer.scan`)."""
        return self._scanner.scan(text)

    def is_stopword(self, surface: str, *, article: bool = False) -> bool:
        """Whether ``surface`` (or, with ``article``, the word after it) is a stop word."""
        known = self._stopword_memo.get((surface, article))
        if known is None:
            known = self._stop.is_stopword(surface, article=article)
            if len(self._stopword_memo) >= _LOOKUP_CACHE_SIZE:
                self._stopword_memo.clear()
            self._stopword_memo[(surface, article)] = known
        return known

    def major_keys(self) -> frozenset[str]:
        """The name keys of every spelling under which :meth:`lookup` may answer a Syrian city
        or governorate: the names filed under its keys (exact and close matches) and the flat
        spellings of those keys (loose matches, :meth:`fuzzy`)."""
        if self._major_keys is None:
            major = {i for i, p in enumerate(self._places)
                     if p.iso3 == "SYR" and p.feature in ("city", "governorate")}
            found: set[str] = set()
            for key, indices in self._by_key.items():
                for i in indices:
                    if i in major:
                        found |= name_keys(self._names.get((key, i), self._places[i].name))
                        found |= name_keys(self._places[i].name)
                        found |= name_keys(flat_spelling(key))
            self._major_keys = frozenset(found)
        return self._major_keys

    # -- lookup --------------------------------------------------------------------------------

    def lookup(self, name: str, *, limit: int = 10) -> list[Candidate]:
        """Places ``name`` may mean, best first: exact key matches, then Syrian names with the
        same consonants (:meth:`fuzzy`), else close spellings of any key."""
        cached = self._lookups.get((name, limit))
        if cached is None:
            cached = tuple(self._lookup(name, limit))
            if len(self._lookups) >= _LOOKUP_CACHE_SIZE:
                self._lookups.clear()
            self._lookups[(name, limit)] = cached
        return list(cached)

    def _lookup(self, name: str, limit: int) -> list[Candidate]:
        keys = name_keys(name.strip())
        found: dict[int, Candidate] = {}
        for key in keys:
            for index in self._by_key.get(key, ()):
                self._offer(found, index, key, 1.0)
        close = False
        if len(found) < limit and keys and not is_arabic(name):
            # the same consonants in a Syrian name ("Al-Lataminah" for "Latmana")
            for cand in self.fuzzy(name, admin1s=self._admin1_names(), limit=limit):
                self._offer(found, self._by_id[cand.place.id], cand.matched, 0.95 * cand.score)
                close = True
        if len(found) < limit and keys and not close:
            for key, similarity in self._close_keys(max(keys, key=len), limit):
                for index in self._by_key[key]:
                    self._offer(found, index, key, similarity / 100.0 * 0.9)
        ranked = sorted(found.values(), key=lambda c: (-c.score, c.place.id))
        return ranked[:limit]

    def _close_keys(self, query: str, limit: int) -> list[tuple[str, float]]:
        """The ``limit`` keys spelled most like ``query`` (:func:`rapidfuzz.fuzz.ratio` of 80
        or more), best first, then in key order.

        A ratio of 80 needs lengths within a fifth of their sum of each other, so only keys of
        such lengths are compared (as one pass over all keys would rank them).
        """
        if self._keys_by_length is None:
            by_length: dict[int, list[str]] = {}
            for key in sorted(self._by_key):
                by_length.setdefault(len(key), []).append(key)
            self._keys_by_length = by_length
        size = len(query)
        hits: list[tuple[str, float]] = []
        for length, keys in self._keys_by_length.items():
            if 5 * abs(size - length) <= size + length:
                hits.extend((key, similarity) for key, similarity, _ in process.extract(
                    query, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=80))
        hits.sort(key=lambda hit: (-hit[1], hit[0]))
        return hits[:limit]

    def _offer(self, found: dict[int, Candidate], index: int, key: str, quality: float) -> None:
        place = self._places[index]
        score = round(quality * prior(place), 4)
        if index not in found or found[index].score < score:
            found[index] = Candidate(place, score, self._names.get((key, index), place.name))

    # -- loose spellings -----------------------------------------------------------------------

    def similar(self, surface: str) -> tuple[Place, ...]:
        """Places whose name has the same consonant skeleton as ``surface`` (``Tqad``/``Taqad``).

        A loose fallback for spellings the keys miss; callers must confirm with context.
        """
        if self._skeletons is None:
            self._skeletons = skeleton_index(self._by_key)
        return tuple(self._places[i] for i in similar_indices(surface, self._skeletons))

    def fuzzy(
        self, surface: str, *, admin1s: Collection[str], limit: int = 5, cutoff: float = 0.75
    ) -> list[Candidate]:
        """Syrian places in ``admin1s`` whose names are spelled close to ``surface``, best first.

        A candidate spells the same consonants in the same order as ``surface`` (vowels,
        ``w``/``y`` and articles left out: ``Lataminah``/``Latmana``, ``Mohaimada``/``Mhemideh``),
        in one of its Latin keys or in a Latin rendering of its Arabic name (``محيميدة``); its
        score is the :func:`rapidfuzz.fuzz.ratio` similarity in [0, 1] of the folded spellings.
        A loose fallback for spellings no key holds: callers must confirm with context.
        """
        if self._by_admin1 is None:
            self._by_admin1 = admin1_index(self._by_key, self._places, self._names,
                                           self._stop.words)
        return fuzzy_candidates(surface, self._by_admin1, self._places, admin1s=admin1s,
                                limit=limit, cutoff=cutoff)

    def _admin1_names(self) -> frozenset[str]:
        return self._syrian_admin1s


class SqliteGazetteer(_IndexedGazetteer):
    """The gazetteer read from a SQLite file written by ``scripts/build_gazetteer.py``."""


class InMemoryGazetteer(_IndexedGazetteer):
    """A small gazetteer built from :class:`Place` records, for tests and examples.

    Each place is found under its ``name``, its ``name_ar`` and any extra ``names`` given for its
    id; ``parents`` maps a neighbourhood id to its city's id.
    """

    def __init__(
        self,
        places: Iterable[Place],
        *,
        names: Mapping[str, Iterable[str]] | None = None,
        parents: Mapping[str, str] | None = None,
        stopwords: Iterable[str] = (),
    ) -> None:
        records = list(places)
        extra = names or {}
        keys: list[tuple[str, int, str]] = []
        for index, place in enumerate(records):
            spellings = [place.name, *([place.name_ar] if place.name_ar else []),
                         *extra.get(place.id, ())]
            for spelling in spellings:
                keys.extend((key, index, spelling) for key in sorted(name_keys(spelling)))
        stopkeys = {k for word in stopwords for k in name_keys(word)}
        super().__init__(records, keys, parents=parents, stopkeys=stopkeys, stopwords=stopwords)
