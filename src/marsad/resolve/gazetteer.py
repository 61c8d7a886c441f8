"""The gazetteer: Syrian places (and neighbouring countries' towns) under every spelling.

:func:`load_gazetteer` opens the SQLite file shipped in ``marsad/data/gazetteer.sqlite`` (built by
``scripts/build_gazetteer.py`` from OCHA, OpenSyria, GeoNames and a curated file) and indexes its
name keys (see :mod:`marsad.resolve.names`) in an Aho-Corasick automaton.
:class:`InMemoryGazetteer` is the same index built from a few :class:`~marsad.model.Place`
records, for tests.

>>> from marsad.model import Place
>>> gaz = InMemoryGazetteer([Place("t:1", "Al-Hasakah", 36.51, 40.76, "city")])
>>> [m.surface for m in gaz.scan("Clashes in al-Hasakeh and Hasaka.")]
['al-Hasakeh', 'Hasaka']
"""

from __future__ import annotations

import math
import re
import sqlite3
from bisect import bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any, Protocol

import ahocorasick
import yaml
from rapidfuzz import fuzz, process

from marsad.errors import DataFileError
from marsad.model import Place, Span
from marsad.resolve.names import (
    arabic_clitic_stem,
    chunk_pieces,
    fold_arabic_word,
    fold_chunk,
    is_arabic,
    name_keys,
    romanize_arabic,
)

__all__ = [
    "Candidate",
    "Gazetteer",
    "InMemoryGazetteer",
    "NameMatch",
    "PlaceLexicon",
    "SqliteGazetteer",
    "default_gazetteer_path",
    "load_gazetteer",
    "load_place_lexicon",
    "prior",
]

FEATURE_WEIGHT: Mapping[str, float] = {
    "city": 1.0,
    "town": 0.75,
    "village": 0.55,
    "governorate": 0.6,
    "district": 0.3,
    "subdistrict": 0.25,
    "neighbourhood": 0.4,
}
"""How likely a bare name refers to a place of each feature, before any context."""

_CURATED_WEIGHT = 0.8
_WHITESPACE = ("\n", "\r", "\t", "\xa0", "\u2009", "\u202f", "\u200e", "\u200f", "\u2028", "\f")
_FOLD_CACHE_LIMIT = 200_000
_UNSEEN: Any = object()
_NO_IDS: frozenset[str] = frozenset()


def prior(place: Place) -> float:
    """A context-free score in (0, 1.2] for ``place`` being what a bare mention means."""
    weight = FEATURE_WEIGHT.get(place.feature, _CURATED_WEIGHT)
    if place.iso3 != "SYR":
        weight *= 0.35
    if place.population:
        weight += 0.03 * math.log10(place.population + 1)
    return weight


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may mean, with its score and the name it matched."""

    place: Place
    score: float
    matched: str


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A stretch of text that spells a gazetteer name, with every place of that name.

    ``article`` says whether the stretch begins with an Arabic article (``al-``, ``as-`` ...);
    ``weak_ids``: the places that bear the name only in a shortened form ("Baguz" for
    "Upper Baguz"), to be confirmed by the report's context.
    """

    span: Span
    surface: str
    key: str
    places: tuple[Place, ...]
    article: bool = False
    weak_ids: frozenset[str] = frozenset()


class Gazetteer(Protocol):
    """What geocoding needs from a gazetteer."""

    def lookup(self, name: str, *, limit: int = 10) -> list[Candidate]:
        """Places a name may mean, best first."""
        ...

    def get(self, place_id: str) -> Place | None:
        """The place with this id, if any."""
        ...

    def parent(self, place_id: str) -> Place | None:
        """The city a neighbourhood belongs to (None for other places)."""
        ...

    def scan(self, text: str) -> list[NameMatch]:
        """Every stretch of ``text`` that spells a name, in text order.

        Matches may overlap, except that a name ending where a longer accepted name ends
        ("Hasakeh" in "al-Hasakeh") is left out.
        """
        ...

    def similar(self, surface: str) -> tuple[Place, ...]:
        """Places whose name is spelled much like ``surface`` (a loose fallback)."""
        ...

    def is_stopword(self, surface: str, *, article: bool = False) -> bool:
        """Whether a word is never a place name on its own."""
        ...

    def fuzzy(
        self, surface: str, *, admin1s: Collection[str], limit: int = 5, cutoff: float = 0.8
    ) -> list[Candidate]:
        """Syrian places in ``admin1s`` whose names are spelled close to ``surface``, best first."""
        ...


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
        self._stopwords = frozenset(w.lower() for w in stopwords)
        self._stop_ar = frozenset(fold_arabic_word(w) for w in self._stopwords if is_arabic(w))
        self._leadwords = frozenset(w.lower() for w in leadwords)
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
            if k not in stop or any(_major(self._places[i]) for i in v)
        }
        self._names = names
        # Arabic keys whose every spelling has the article ("القدم"): a bare word that folds
        # alike ("قدم", "presented") is not the name
        arabic &= self._by_key.keys()
        self._needs_article = frozenset(
            k for k in arabic
            if all(_has_arabic_article(names.get((k, i), "")) for i in self._by_key[k]))
        self._arabic_tokens = frozenset(k.split(" ")[0] for k in arabic)
        # folded words that begin a longer name or are a major place's name: stop words that
        # fold like them stay in the stream ("Deir" begins "Deir ez-Zor")
        self._kept = frozenset(
            {k.split(" ")[0] for k in self._by_key if " " in k}
            | {k for k, v in self._by_key.items() if any(_major(self._places[i]) for i in v)}
        )
        # lower-case words written inside names ("al-", "camp", "oil field", "airbase")
        lower: set[str] = {"al", "|"} | {fold_chunk(w) for w in _LOWER_LEADS}
        for name in {n for n in names.values() if " " in n.strip() and not is_arabic(n)}:
            lower.update(fold_chunk(w) for w in name.split()[1:] if w.islower())
        self._keep_lower = frozenset(w for word in lower for w in word.split(" "))
        self._automaton: Any = ahocorasick.Automaton()
        for key in self._by_key:
            self._automaton.add_word(f" {key} ", key)
        if self._by_key:
            self._automaton.make_automaton()
        self._fold_cache: dict[str, str] = {}
        self._hit_cache: dict[tuple[object, str, int], tuple[int, int, bool] | None] = {}
        weak_ids: dict[str, set[str]] = {}
        for key, index in weak:
            for variant in (key, "al " + key):
                if variant in self._by_key:
                    weak_ids.setdefault(variant, set()).add(self._places[index].id)
        weak_sets = {k: frozenset(v) for k, v in weak_ids.items()}
        places_of = self._places
        self._key_info = {k: (tuple([places_of[i] for i in v]), weak_sets.get(k, _NO_IDS))
                          for k, v in self._by_key.items()}
        self._key_list: list[str] | None = None
        self._skeletons: dict[str, tuple[int, ...]] | None = None
        self._by_admin1: dict[tuple[str, str], list[tuple[str, int]]] | None = None

    def __len__(self) -> int:
        return len(self._places)

    def places(self) -> tuple[Place, ...]:
        """Every place, in index order."""
        return self._places

    def get(self, place_id: str) -> Place | None:
        index = self._by_id.get(place_id)
        return None if index is None else self._places[index]

    def parent(self, place_id: str) -> Place | None:
        parent_id = self._parents.get(place_id)
        return None if parent_id is None else self.get(parent_id)

    def places_for_key(self, key: str) -> tuple[Place, ...]:
        """The places filed under one folded key."""
        return tuple(self._places[i] for i in self._by_key.get(key, ()))

    # -- lookup --------------------------------------------------------------------------------

    def lookup(self, name: str, *, limit: int = 10) -> list[Candidate]:
        """Places ``name`` may mean, best first: exact key matches, then Syrian names with the
        same consonants (:meth:`fuzzy`), else close spellings of any key."""
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
            if self._key_list is None:
                self._key_list = sorted(self._by_key)
            query = max(keys, key=len)
            hits = process.extract(
                query, self._key_list, scorer=fuzz.ratio, limit=limit, score_cutoff=80
            )
            for key, similarity, _ in hits:
                for index in self._by_key[key]:
                    self._offer(found, index, key, similarity / 100.0 * 0.9)
        ranked = sorted(found.values(), key=lambda c: (-c.score, c.place.id))
        return ranked[:limit]

    def _offer(self, found: dict[int, Candidate], index: int, key: str, quality: float) -> None:
        place = self._places[index]
        score = round(quality * prior(place), 4)
        if index not in found or found[index].score < score:
            found[index] = Candidate(place, score, self._names.get((key, index), place.name))

    # -- scanning ------------------------------------------------------------------------------

    def _fold(self, chunk: str) -> str:
        spans = chunk_pieces(chunk, arabic_tokens=self._arabic_tokens)
        pieces = [p[2] for p in spans]
        words = [(chunk[a:b].lower(), f) for a, b, f in spans if f != "|"]
        if chunk.islower() and not all(p in self._keep_lower for p in pieces):
            # a lower-case word starts no name ("road", "the"): drop it from the stream, so
            # that the automaton reports far fewer hits; words that occur inside names
            # ("al-", "airbase", "camp") are kept
            return "|" if "|" in pieces else ""
        if (len(words) == 1 and words[0][0] in self._stopwords
                and words[0][1] not in self._kept and words[0][1] not in self._keep_lower):
            return "|" if "|" in pieces else ""  # a stop word ("Syrian", "Human", "Areas")
        return " ".join(pieces)

    def scan(self, text: str) -> list[NameMatch]:
        """Every stretch of ``text`` that spells a gazetteer key, overlapping, in text order.

        The text is split on single spaces; each distinct chunk is folded once (and cached),
        the folded chunks are joined and scanned by the automaton, and each hit is mapped back
        to exact character offsets in ``text``.
        """
        if not self._by_key:
            return []
        flat = text
        for ws in _WHITESPACE:
            if ws in flat:
                flat = flat.replace(ws, " ")
        chunks = flat.split(" ")
        cache = self._fold_cache
        missing = set(chunks).difference(cache)
        if missing:
            if len(cache) + len(missing) > _FOLD_CACHE_LIMIT:
                cache.clear()
            for chunk in missing:
                cache[chunk] = self._fold(chunk) + " "  # each folded chunk ends with a space
        folded = list(map(cache.__getitem__, chunks))
        joined = " " + "".join(folded)
        hits = list(self._automaton.iter(joined))
        if not hits:
            return []
        # chunk i starts at jstart[i] in `joined` and at ocum[i] + i in `text`
        jstart = list(accumulate(map(len, folded), initial=1))
        ocum = list(accumulate(map(len, chunks), initial=0))
        out: list[NameMatch] = []
        append = out.append
        memo = self._hit_cache
        if len(memo) > _FOLD_CACHE_LIMIT:
            memo.clear()
        info = self._key_info
        last_end = last_start = -1
        for end, key in hits:
            start_j = end - len(key)  # first char of the key itself
            if end == last_end and start_j > last_start:
                continue  # the tail of a longer name just accepted ("Hasakeh" in "al-Hasakeh")
            a = bisect_right(jstart, start_j) - 1
            b = a if end <= jstart[a + 1] else bisect_right(jstart, end - 1) - 1
            # decide once per (words, key, place in the first word): the verdict depends on
            # nothing else, since the words between chunks are single spaces
            memo_key = (chunks[a] if a == b else tuple(chunks[a : b + 1]), key,
                        start_j - jstart[a])
            found = memo.get(memo_key, _UNSEEN)
            if found is _UNSEEN:
                found = self._decide(chunks, folded, jstart, a, b, start_j, end, key)
                memo[memo_key] = found
            if found is not None:
                rel_start, rel_stop, article = found
                base = ocum[a] + a
                places, weak = info[key]
                append(NameMatch(Span(base + rel_start, base + rel_stop),
                                 text[base + rel_start : base + rel_stop], key, places, article,
                                 weak))
                last_end, last_start = end, start_j
        if any(x.span.start < y.span.start for x, y in zip(out[1:], out, strict=False)):
            out.sort(key=_match_order)
        return out

    def _decide(
        self, chunks: list[str], folded: list[str], jstart: list[int], a: int, b: int,
        start_j: int, end: int, key: str,
    ) -> tuple[int, int, bool] | None:
        """For a hit over chunks a..b: its offsets from chunk a's start and article flag."""
        if a == b:
            return self._accept(chunks[a], len(folded[a]) - 1, start_j - jstart[a],
                                end - jstart[a], key)
        start = self._orig_offset(chunks[a], len(folded[a]) - 1, start_j - jstart[a], 0, True)
        stop = self._orig_offset(chunks[b], len(folded[b]) - 1, end - jstart[b], 0, False)
        if start is None or stop is None:
            return None
        stop += sum(len(c) + 1 for c in chunks[a:b])  # from chunk a's start
        if stop <= start:
            return None
        verdict = self._verdict(" ".join(chunks[a : b + 1])[start:stop], key)
        return None if verdict is None else (start, stop, verdict)

    def _accept(
        self, word: str, folded_len: int, off_a: int, off_b: int, key: str
    ) -> tuple[int, int, bool] | None:
        """For a hit inside one word: its offsets in the word and article flag, or None."""
        if word.islower():
            return None  # one lower-case word: never a name in running text
        start = self._orig_offset(word, folded_len, off_a, 0, True)
        stop = self._orig_offset(word, folded_len, off_b, 0, False)
        if start is None or stop is None or stop <= start:
            return None
        verdict = self._verdict(word[start:stop], key)
        return None if verdict is None else (start, stop, verdict)

    def _verdict(self, surface: str, key: str) -> bool | None:
        """None if ``surface`` is no name here, else whether it begins with an article."""
        article = key.startswith("al ") and surface[:1].lower() in "aei"
        if not _capitalised(surface, article=article):
            return None
        if key in self._needs_article and not _has_arabic_article(surface, clitic=True):
            return None
        if self.is_stopword(surface, article=article) and not (
            article and surface.lower() not in self._stopwords
            and any(map(_major, self._key_info[key][0]))
        ):
            return None
        return article

    def is_stopword(self, surface: str, *, article: bool = False) -> bool:
        """Whether ``surface`` (or, with ``article``, the word after it) is a stop word.

        A possessive ``'s`` is ignored; a name of several words whose first word is a common
        English word ("On June") counts as a stop word too.
        """
        low = _POSSESSIVE.sub("", surface.lower())
        if is_arabic(low) and " " not in low and (
            fold_arabic_word(low) in self._stop_ar or arabic_clitic_stem(low) in self._stop_ar
        ):
            return True  # "بمدينة" is "مدينة" with a clitic
        if low in self._stopwords or (article and _strip_article(low) in self._stopwords):
            return True
        first, _, rest = low.partition(" ")
        return bool(rest) and first in self._leadwords

    def similar(self, surface: str) -> tuple[Place, ...]:
        """Places whose name has the same consonant skeleton as ``surface`` (``Tqad``/``Taqad``).

        A loose fallback for spellings the keys miss; callers must confirm with context.
        """
        if self._skeletons is None:
            index: dict[str, list[int]] = {}
            for key, places in self._by_key.items():
                if not is_arabic(key) and not key.startswith("al "):
                    index.setdefault(_skeleton(key), []).extend(places)
            self._skeletons = {k: tuple(dict.fromkeys(v)) for k, v in index.items()}
        folded = " ".join(p[2] for p in chunk_pieces(surface) if p[2] not in ("al", "|"))
        skeleton = _skeleton(folded)
        if len(skeleton.replace(" ", "")) < 3:
            return ()
        return tuple(self._places[i] for i in self._skeletons.get(skeleton, ()))

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
            self._by_admin1 = self._admin1_index()
        by_skeleton = self._by_admin1
        query = "".join(p[2] for p in chunk_pieces(surface) if p[2] not in ("al", "|"))
        skeleton = _loose_skeleton(query)
        if len(skeleton) < 3:
            return []
        # each place scores by its best spelling, its second best breaking ties ("Latmana" is
        # two villages; only one is also spelled so in Arabic)
        scores: dict[int, list[tuple[float, str]]] = {}
        for admin1 in sorted(set(admin1s)):
            for flat, i in by_skeleton.get((admin1, skeleton), []):
                scores.setdefault(i, []).append((fuzz.ratio(query, flat) / 100.0, flat))
        found: dict[int, Candidate] = {}
        for index, pairs in scores.items():
            pairs.sort(reverse=True)
            best, flat = pairs[0]
            second = pairs[1][0] if len(pairs) > 1 else 0.0
            score = round(0.95 * best + 0.05 * second, 4)
            if best >= cutoff:
                found[index] = Candidate(self._places[index], score, flat)
        ranked = sorted(found.values(), key=lambda c: (-c.score, -prior(c.place), c.place.id))
        return ranked[:limit]

    def _admin1_names(self) -> frozenset[str]:
        return frozenset(p.admin1 for p in self._places if p.iso3 == "SYR" and p.admin1)

    def _admin1_index(self) -> dict[tuple[str, str], list[tuple[str, int]]]:
        index: dict[tuple[str, str], dict[tuple[str, int], None]] = {}
        for key, places in self._by_key.items():
            flat = (romanize_arabic(key) if is_arabic(key)
                    else "".join(t for t in key.split(" ") if t != "al"))
            skeleton = _loose_skeleton(flat)
            if len(skeleton) < 3 or any(self._names.get((key, i), "").lower()
                                        in self._stopwords for i in places):
                continue  # too short, or a stop word ("Assad" of "Assad - Aslan Koy")
            for i in places:
                place = self._places[i]
                if place.iso3 == "SYR" and place.admin1:
                    index.setdefault((place.admin1, skeleton), {})[(flat, i)] = None
        return {k: list(v) for k, v in index.items()}

    def _orig_offset(
        self, chunk: str, folded_len: int, offset: int, base: int, at_start: bool
    ) -> int | None:
        """Map an offset inside a folded chunk back to the text, at a piece boundary."""
        if at_start and offset == 0 and chunk[:1].isalnum():
            return base
        if not at_start and offset == folded_len and chunk[-1:].isalnum():
            return base + len(chunk)
        pos = 0
        for p_start, p_end, piece in chunk_pieces(chunk, arabic_tokens=self._arabic_tokens):
            if at_start and pos == offset:
                return base + p_start
            pos += len(piece)
            if not at_start and pos == offset:
                return base + p_end
            pos += 1
        return None


def _match_order(m: NameMatch) -> tuple[int, int]:
    return (m.span.start, -m.span.end)


def _loose_skeleton(flat: str) -> str:
    """First letter, then the consonants other than ``w``/``y``, doubled ones written once
    (``gh`` written ``g``: ``Baghuz``/``Baguz``)."""
    flat = flat.replace("gh", "g")
    rest = "".join(c for c in flat[1:] if c not in "aeiouwy")
    out = flat[:1]
    for c in rest:
        if c != out[-1:]:
            out += c
    return out


def _skeleton(key: str) -> str:
    return " ".join(t[:1] + t[1:].replace("a", "") for t in key.split(" ") if t != "al")


_POSSESSIVE = re.compile(r"['’]s$")
_LOWER_LEADS = frozenset({"rural", "rif"})


def _major(place: Place) -> bool:
    return place.iso3 == "SYR" and (
        place.feature in ("city", "governorate") or (place.population or 0) >= 20_000
    )


def _has_arabic_article(name: str, *, clitic: bool = False) -> bool:
    """Whether an Arabic name begins with the article (after a one-letter clitic if allowed)."""
    word = name.strip()
    if word.startswith("ال"):
        return True
    if not clitic:
        return False
    # "بالحسكة", "وبالحسكة", "للحسكة": one or two clitic letters, then the article
    return any(all(c in "وبفكل" for c in word[:n]) and word[n : n + 2] in ("ال", "لل")
               for n in (0, 1, 2))


def _strip_article(surface: str) -> str:
    for sep in ("-", " ", "‐", "_", "'", "’"):
        head, found, tail = surface.partition(sep)
        if found and len(head) <= 3:
            return tail.lstrip(" -")
    return surface


def _capitalised(surface: str, *, article: bool) -> bool:
    """Whether a Latin-script match looks like a proper name (its first name word capitalised)."""
    if is_arabic(surface):
        return True
    rest = surface
    if article:
        for sep in ("-", " ", "‐", "_", "'", "’"):
            head, found, tail = rest.partition(sep)
            if found and len(head) <= 3:
                rest = tail.lstrip(" -")
                break
    first = next((c for c in rest if c.isalnum()), "")
    if first.isupper() or first.isdigit():
        return True
    words = rest.split()
    return len(words) > 1 and words[0].lower() in _LOWER_LEADS and words[-1][:1].isupper()


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


def default_gazetteer_path() -> Path:
    """The gazetteer file shipped inside the package."""
    return Path(str(resources.files("marsad") / "data" / "gazetteer.sqlite"))


def load_gazetteer(path: Path | None = None) -> SqliteGazetteer:
    """Open the gazetteer (default: the shipped one); repeated calls share one loaded copy."""
    target = (path or default_gazetteer_path()).resolve()
    return _load_cached(str(target))


@lru_cache(maxsize=4)
def _load_cached(path: str) -> SqliteGazetteer:
    if not Path(path).is_file():
        raise DataFileError(path, "gazetteer file not found; run scripts/build_gazetteer.py")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:  # pragma: no cover - depends on the file system
        raise DataFileError(path, f"cannot open: {exc}") from exc
    try:
        rows = con.execute(
            "SELECT idx, id, name, name_ar, latitude, longitude, feature, admin1, admin2, admin3,"
            " country, iso3, population, parent FROM places ORDER BY idx"
        ).fetchall()
        keys = con.execute("SELECT key, place, name, weak FROM names").fetchall()
    except sqlite3.Error as exc:
        raise DataFileError(path, f"not a Marsad gazetteer: {exc}") from exc
    finally:
        con.close()
    places: list[Place] = []
    parents: dict[str, str] = {}
    for line, row in enumerate(rows):
        if row[0] != line:
            raise DataFileError(path, f"places.idx not contiguous at row {line}", line=line)
        places.append(Place(row[1], row[2], row[4], row[5], row[6], row[7], row[8], row[9],
                            row[10], row[11], row[12], row[3]))
        if row[13]:
            parents[row[1]] = row[13]
    lexicon = load_place_lexicon()
    return SqliteGazetteer(places, ((k, i, n) for k, i, n, _ in keys), parents=parents,
                           stopkeys=lexicon.generic_keys, stopwords=lexicon.stopwords,
                           leadwords=lexicon.english,
                           weak=[(k, i) for k, i, _, w in keys if w])


@dataclass(frozen=True, slots=True)
class PlaceLexicon:
    """The words read around place names (``data/places_lexicon.yaml``).

    ``stopkeys``: keys of all stop words;
    ``stopwords``: the words themselves, never matched as written; ``generic_keys``: keys of
    generic geographic words ("Deir", "Tal"), never indexed on their own; ``english``: common
    English words (a name of several words may not begin with one: "On June"); ``person_keys``
    and ``organisation_keys``: folded words that make a following (preceding) name a person's
    (a faction's); ``cues``: lower-case phrases by role (``near_before``, ``city_after`` ...).
    """

    stopkeys: frozenset[str]
    stopwords: frozenset[str]
    generic_keys: frozenset[str]
    english: frozenset[str]
    person_keys: frozenset[str]
    organisation_keys: frozenset[str]
    cues: Mapping[str, tuple[str, ...]]


_CUE_ROLES = (
    "near_before", "near_after", "governorate_before", "governorate_after", "direction_before",
    "city_before", "city_after", "neighbourhood_before", "neighbourhood_after", "within_after",
    "countryside_before", "countryside_after", "feature_before", "facility_before",
)


def default_lexicon_path() -> Path:
    """The place lexicon shipped inside the package."""
    return Path(str(resources.files("marsad") / "data" / "places_lexicon.yaml"))


@lru_cache(maxsize=4)
def load_place_lexicon(path: Path | None = None) -> PlaceLexicon:
    """Read and check the place lexicon (default: the shipped one)."""
    target = path or default_lexicon_path()
    where = str(target)
    try:
        raw = yaml.safe_load(target.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(where, f"cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(where, f"invalid YAML: {exc}", line=line) from exc
    if not isinstance(raw, dict):
        raise DataFileError(where, "expected a mapping at the top level")

    def words(value: object, what: str) -> list[str]:
        if not isinstance(value, list):
            raise DataFileError(where, f"{what}: expected a list of words")
        for w in value:
            if isinstance(w, bool):
                raise DataFileError(where, f"{what}: {w!r} read as a boolean; quote it ('on')")
            if not isinstance(w, str | int):
                raise DataFileError(where, f"{what}: expected a list of words, got {w!r}")
        return [str(w) for w in value]

    stop_groups = raw.get("stopwords")
    if not isinstance(stop_groups, dict):
        raise DataFileError(where, "stopwords: expected a mapping of lists")
    stopkeys: set[str] = set()
    stopwords: set[str] = set()
    for group, values in stop_groups.items():
        for word in words(values, f"stopwords.{group}"):
            stopwords.add(word.lower())
            stopkeys.update(name_keys(word))
    cues_raw = raw.get("cues")
    if not isinstance(cues_raw, dict):
        raise DataFileError(where, "cues: expected a mapping of lists")
    unknown = set(cues_raw) - set(_CUE_ROLES)
    if unknown:
        raise DataFileError(where, f"cues: unknown role(s) {sorted(unknown)}; known: {_CUE_ROLES}")
    cues = {
        role: tuple(sorted({w.lower() for w in words(cues_raw.get(role, []), f"cues.{role}")},
                           key=lambda w: (-len(w), w)))
        for role in _CUE_ROLES
    }

    def keyset(field: str) -> frozenset[str]:
        return frozenset(k for w in words(raw.get(field, []), field) for k in name_keys(w))

    generic = frozenset(k for w in words(stop_groups.get("generic_geo", []), "generic_geo")
                        for k in name_keys(w))
    english = frozenset(w.lower() for w in words(stop_groups.get("english", []), "english"))
    return PlaceLexicon(frozenset(stopkeys), frozenset(stopwords), generic, english,
                        keyset("person_words"),
                        keyset("organisation_words"), cues)
