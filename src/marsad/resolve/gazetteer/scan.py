"""Scanning text for gazetteer names: an Aho-Corasick automaton over folded text.

The text is split on single spaces into chunks; each distinct chunk is folded once (see
:func:`marsad.resolve.names.chunk_pieces`) and cached, the folded chunks are joined and scanned
by the automaton, and each hit is mapped back to exact character offsets in the text and checked
where it stands (capitalised, not a stop word, with the article an Arabic name needs).

The verdict on a hit depends only on the words it covers, so it is cached: for a chunk, once,
the name it holds at each place it could end (``_singles``); for a hit across chunks, per
(words, key, offset). The automaton reports hits by where they end, longest first, and at most
one name is kept per end, so an end once settled costs nothing more. A scan is then, per chunk,
a dictionary look-up and a few list entries, all done in C; per hit, a few string searches
(for the chunk it falls in) and a look-up; and one :class:`NameMatch` per name found. Long
texts go in blocks cut after a full stop, so that the lists stay small (and in the
processor's cache).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from itertools import accumulate
from types import MappingProxyType
from typing import Any

import ahocorasick

from marsad.model import Place, Span
from marsad.resolve.gazetteer.model import NameMatch, is_major
from marsad.resolve.gazetteer.words import (
    LOWER_LEADS,
    StopWords,
    capitalised,
    has_arabic_article,
)
from marsad.resolve.names import chunk_pieces, fold_chunk, is_arabic

_WHITESPACE = ("\n", "\r", "\t", "\xa0", "\u2009", "\u202f", "\u200e", "\u200f", "\u2028", "\f")
_FOLD_CACHE_LIMIT = 200_000
_PIECE_SEP = "\x1f"  # between the folded pieces of one chunk (in no folded piece)
_BLOCK = 1 << 14  # characters scanned at a time (about; measured best)
_UNSEEN: Any = object()
_SPAN_FIELDS = ("start", "end")
_NAME_MATCH_FIELDS = ("span", "surface", "key", "places", "article", "weak_ids")
_NO_IDS: frozenset[str] = frozenset()

_Single = tuple[int, str, bool, str, tuple[Place, ...], frozenset[str]]
"""A name inside one chunk: offset in the chunk, surface, article flag, key, places, weak ids."""
_NO_SINGLES: Mapping[int, _Single] = MappingProxyType({})
_Across = tuple[int, int, bool, tuple[Place, ...], frozenset[str]]
"""A name across chunks: offsets from the first chunk's start, article flag, places, weak ids."""


class Scanner:
    """The automaton over a gazetteer's keys, with the folding and checks around it.

    ``by_key``: folded key -> indices into ``places``; ``names``: the name each (key, index)
    was filed under; ``arabic``: the Arabic-script keys; ``weak``: (key, index) pairs of places
    that bear a name only in a shortened form.
    """

    def __init__(
        self,
        places: Sequence[Place],
        by_key: Mapping[str, tuple[int, ...]],
        names: Mapping[tuple[str, int], str],
        *,
        arabic: Iterable[str],
        stopwords: StopWords,
        weak: Iterable[tuple[str, int]] = (),
    ) -> None:
        self._stop = stopwords
        arabic_keys = frozenset(arabic)
        # Arabic keys whose every spelling has the article ("القدم"): a bare word that folds
        # alike ("قدم", "presented") is not the name
        self._needs_article = frozenset(
            k for k in arabic_keys
            if all(has_arabic_article(names.get((k, i), "")) for i in by_key[k]))
        self._arabic_tokens = frozenset(k.split(" ")[0] for k in arabic_keys)
        self._major_keys = frozenset(
            k for k, v in by_key.items() if any(is_major(places[i]) for i in v))
        # folded words that begin a longer name or are a major place's name: stop words that
        # fold like them stay in the stream ("Deir" begins "Deir ez-Zor")
        self._kept = frozenset({k.split(" ")[0] for k in by_key if " " in k} | self._major_keys)
        # lower-case words written inside names ("al-", "camp", "oil field", "airbase")
        lower: set[str] = {"al", "|"} | {fold_chunk(w) for w in LOWER_LEADS}
        for name in {n for n in names.values() if " " in n.strip() and not is_arabic(n)}:
            lower.update(fold_chunk(w) for w in name.split()[1:] if w.islower())
        self._keep_lower = frozenset(w for word in lower for w in word.split(" "))
        weak_ids: dict[str, set[str]] = {}
        for key, index in weak:
            for variant in (key, "al " + key):
                if variant in by_key:
                    weak_ids.setdefault(variant, set()).add(places[index].id)
        self._weak_sets = {k: frozenset(v) for k, v in weak_ids.items()}
        self._places = places
        self._by_key = by_key
        # a key's places, built when the key is first matched: tuples of places for every key
        # would be some 100,000 more objects for the garbage collector to visit, time and again
        self._key_info: dict[str, tuple[tuple[Place, ...], frozenset[str]]] = {}
        self._automaton: Any = ahocorasick.Automaton()
        for key in by_key:
            self._automaton.add_word(f" {key} ", (key, len(key)))
        self._empty = not by_key
        if by_key:
            self._automaton.make_automaton()
        self._fold_cache: dict[str, str] = {}
        self._hit_cache: dict[tuple[tuple[str, ...], str, int], _Across | None] = {}
        self._single_cache: dict[str, dict[int, _Single]] = {}
        self._setters = _slot_setters()

    def _fold(self, chunk: str) -> str:
        spans = chunk_pieces(chunk, arabic_tokens=self._arabic_tokens)
        pieces = [p[2] for p in spans]
        words = [(chunk[a:b].lower(), f) for a, b, f in spans if f != "|"]
        if chunk.islower() and not all(p in self._keep_lower for p in pieces):
            # a lower-case word starts no name ("road", "the"): drop it from the stream, so
            # that the automaton reports far fewer hits; words that occur inside names
            # ("al-", "airbase", "camp") are kept
            return "|" if "|" in pieces else ""
        if (len(words) == 1 and words[0][0] in self._stop.words
                and words[0][1] not in self._kept and words[0][1] not in self._keep_lower):
            return "|" if "|" in pieces else ""  # a stop word ("Syrian", "Human", "Areas")
        return _PIECE_SEP.join(pieces)

    def scan(self, text: str) -> list[NameMatch]:
        """Every stretch of ``text`` that spells a gazetteer key, overlapping, in text order.

        A name ending where a longer accepted name ends ("Hasakeh" in "al-Hasakeh") is left out.
        """
        if self._empty:
            return []
        flat = text
        for ws in _WHITESPACE:
            if ws in flat:
                flat = flat.replace(ws, " ")
        if len(self._hit_cache) > _FOLD_CACHE_LIMIT:
            self._hit_cache.clear()
        if len(self._single_cache) > _FOLD_CACHE_LIMIT:
            self._single_cache.clear()
        # A long text goes in blocks of about _BLOCK characters (its lists then stay in the
        # processor's cache), each ending with a chunk that ends a sentence: that chunk folds
        # to "... |", and no name runs across a "|".
        out: list[NameMatch] = []
        unordered = False
        pos, size = 0, len(flat)
        while pos < size:
            cut = flat.find(". ", pos + _BLOCK) if size - pos > _BLOCK else -1
            stop = size if cut < 0 else cut + 1
            unordered |= self._scan_block(text, flat[pos:stop], pos, out)
            pos = stop + 1
        if unordered:
            out.sort(key=_match_order)
        return out

    def _scan_block(self, text: str, flat: str, base: int, out: list[NameMatch]) -> bool:
        """Append the names in ``flat`` (``text[base:]`` with single spaces) to ``out``, by end;
        return whether one of them starts before the one appended before it."""
        chunks = flat.split(" ")
        folded = self._folded(chunks)
        # `marked` parts chunks by spaces and the pieces of a chunk by _PIECE_SEP; the
        # automaton reads it with spaces throughout. A hit's chunk is then found by looking
        # for spaces in `marked` near it, and counted from the last one found.
        marked = " " + "".join(folded)
        joined = marked.replace(_PIECE_SEP, " ")
        ostart = list(accumulate(map(len, chunks), initial=base))  # chunk i: ostart[i] + i
        append = out.append
        new = object.__new__
        set_start, set_end, set_span, set_surface, set_key, set_places, set_article, set_weak = (
            self._setters)
        memo = self._hit_cache
        singles = self._single_cache
        rfind, find, count = marked.rfind, marked.find, marked.count
        # The automaton reports hits by end, the longest first: at most one name is accepted
        # per end (the longest that passes), so an end once settled skips its shorter hits.
        # Chunk b holds the current end, from b_lo to b_hi in `joined`, and starts at b_at in
        # `text`; `here` is what its own words accept at each end (see `_singles`).
        b = -1
        b_lo = b_hi = b_at = 0
        done = -1
        last_start = out[-1].span.start if out else -1
        unordered = False
        here: Mapping[int, _Single] = _NO_SINGLES
        for end, (key, size) in self._automaton.iter(joined):
            if end == done:
                continue
            if end >= b_hi:
                lo = rfind(" ", 0, end) + 1
                b += count(" ", b_lo, lo)
                b_lo = lo
                b_hi = find(" ", end) + 1
                b_at = ostart[b] + b
                chunk = chunks[b]
                found_here = singles.get(chunk)
                if found_here is None:
                    found_here = singles[chunk] = self._singles(chunk, folded[b])
                here = found_here
            start_j = end - size
            if start_j >= b_lo:  # inside chunk b: settled once for every key ending here
                done = end
                single = here.get(end - b_lo)
                if single is None:
                    continue
                rel_start, surface, article, key, places, weak = single
                start = b_at + rel_start
                stop = start + len(surface)
            else:  # across chunks a..b: decided once per (words, key, place in the first word)
                a_lo = rfind(" ", 0, start_j) + 1
                a = b - count(" ", a_lo, b_lo)
                memo_key = (tuple(chunks[a : b + 1]), key, start_j - a_lo)
                found = memo.get(memo_key, _UNSEEN)
                if found is _UNSEEN:
                    verdict = self._decide(memo_key[0], len(folded[a]) - 1, len(folded[b]) - 1,
                                           start_j - a_lo, end - b_lo, key)
                    found = memo[memo_key] = None if verdict is None else (
                        *verdict, *self._info(key))
                if found is None:
                    continue
                done = end
                rel_start, rel_stop, article, places, weak = found
                a_at = ostart[a] + a
                start = a_at + rel_start
                stop = a_at + rel_stop
                surface = text[start:stop]
            if start < last_start:
                unordered = True
            last_start = start
            # NameMatch(Span(start, stop), surface, key, places, article, weak), built by
            # setting its slots: the dataclasses' __init__ calls cost a fifth of a scan
            span_ = new(Span)
            set_start(span_, start)
            set_end(span_, stop)
            match = new(NameMatch)
            set_span(match, span_)
            set_surface(match, surface)
            set_key(match, key)
            set_places(match, places)
            set_article(match, article)
            set_weak(match, weak)
            append(match)
        return unordered

    def _folded(self, chunks: list[str]) -> list[str]:
        """Each chunk's folded pieces (parted by _PIECE_SEP) and a space, from the cache
        (folding the new ones)."""
        cache = self._fold_cache
        try:
            return list(map(cache.__getitem__, chunks))
        except KeyError:
            pass
        missing = set(chunks).difference(cache)
        if len(cache) + len(missing) > _FOLD_CACHE_LIMIT:
            cache.clear()
            missing = set(chunks)
        for chunk in missing:
            cache[chunk] = self._fold(chunk) + " "
        return list(map(cache.__getitem__, chunks))

    def _singles(self, chunk: str, folded: str) -> dict[int, _Single]:
        """The names inside one chunk: by end in ``folded``, the longest accepted there."""
        found: dict[int, _Single] = {}
        done = -1
        last = len(folded) - 1
        # " " + folded is the chunk as the automaton reads it: an end `e` there is `e - 1`
        # from the chunk's start
        for end, (key, size) in self._automaton.iter(" " + folded.replace(_PIECE_SEP, " ")):
            end -= 1
            if end == done:
                continue
            verdict = self._accept(chunk, last, end - size, end, key)
            if verdict is not None:
                start, stop, article = verdict
                found[end] = (start, chunk[start:stop], article, key, *self._info(key))
                done = end
        return found

    def _info(self, key: str) -> tuple[tuple[Place, ...], frozenset[str]]:
        """The places filed under ``key`` and the ids of those that bear it only shortened."""
        info = self._key_info.get(key)
        if info is None:
            places = self._places
            info = self._key_info[key] = (tuple([places[i] for i in self._by_key[key]]),
                                          self._weak_sets.get(key, _NO_IDS))
        return info

    def _decide(
        self, words: tuple[str, ...], folded_a: int, folded_b: int, off_a: int, off_b: int,
        key: str,
    ) -> tuple[int, int, bool] | None:
        """For a hit from ``off_a`` in the first word's folded form (``folded_a`` long) to
        ``off_b`` in the last's: its offsets from the first word's start and article flag."""
        start = self._orig_offset(words[0], folded_a, off_a, 0, True)
        stop = self._orig_offset(words[-1], folded_b, off_b, 0, False)
        if start is None or stop is None:
            return None
        stop += sum(len(c) + 1 for c in words[:-1])  # from the first word's start
        if stop <= start:
            return None
        verdict = self._verdict(" ".join(words)[start:stop], key)
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
        if not capitalised(surface, article=article):
            return None
        if key in self._needs_article and not has_arabic_article(surface, clitic=True):
            return None
        if self._stop.is_stopword(surface, article=article) and not (
            article and surface.lower() not in self._stop.words
            and key in self._major_keys
        ):
            return None
        return article

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


def _slot_setters() -> tuple[Callable[[object, object], None], ...]:
    """The slot setters of Span's and NameMatch's fields, in the order `_scan_block` sets them.

    Raises if the classes have other fields than that order expects (a field added there must
    be set there too).
    """
    spans = tuple(f.name for f in fields(Span))
    matches = tuple(f.name for f in fields(NameMatch))
    if spans != _SPAN_FIELDS or matches != _NAME_MATCH_FIELDS:
        raise TypeError(f"scan builds Span{_SPAN_FIELDS} and NameMatch{_NAME_MATCH_FIELDS}; "
                        f"they now have the fields {spans} and {matches}")
    return tuple(getattr(Span, n).__set__ for n in spans) + tuple(
        getattr(NameMatch, n).__set__ for n in matches)


def _match_order(m: NameMatch) -> tuple[int, int]:
    return (m.span.start, -m.span.end)
