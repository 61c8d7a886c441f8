"""Scanning text for gazetteer names: Aho-Corasick automata over folded text.

The text is split on single spaces into chunks. Each distinct chunk is folded once (see
:func:`marsad.resolve.names.chunk_pieces`) and, once, searched on its own for every key: the
names it holds are checked where they stand (capitalised, not a stop word, with the article an
Arabic name needs) and cached with their offsets in the chunk. A text then costs, per chunk, a
dictionary look-up, and per name found, one :class:`NameMatch`. Names of several words may also
span chunks ("Deir ez-Zor"): a second automaton, holding only those keys, runs over the folded
chunks joined, in which an article is glued to the next word of its own chunk by ``_``
(``al_zar``), so that it reports only names that do cross a chunk boundary.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, compress, count, pairwise
from typing import Any, cast

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
_UNSEEN: Any = object()
_NO_IDS: frozenset[str] = frozenset()

_ChunkHit = tuple[int, int, str, str, tuple[Place, ...], frozenset[str], bool]
"""A name inside one chunk: its offsets in the chunk, surface, key, places, weak ids, article."""


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
        # folded words that begin a longer name or are a major place's name: stop words that
        # fold like them stay in the stream ("Deir" begins "Deir ez-Zor")
        self._kept = frozenset(
            {k.split(" ")[0] for k in by_key if " " in k}
            | {k for k, v in by_key.items() if any(is_major(places[i]) for i in v)}
        )
        # lower-case words written inside names ("al-", "camp", "oil field", "airbase")
        lower: set[str] = {"al", "|"} | {fold_chunk(w) for w in LOWER_LEADS}
        for name in {n for n in names.values() if " " in n.strip() and not is_arabic(n)}:
            lower.update(fold_chunk(w) for w in name.split()[1:] if w.islower())
        self._keep_lower = frozenset(w for word in lower for w in word.split(" "))
        # every key, run over one chunk at a time; the keys of several words, over the text
        self._automaton: Any = ahocorasick.Automaton()
        self._cross: Any = ahocorasick.Automaton()
        for key in by_key:
            self._automaton.add_word(f" {key} ", key)
            for variant in _cross_variants(key):
                self._cross.add_word(variant, key)
        self._empty = not by_key
        if by_key:
            self._automaton.make_automaton()
        self._has_cross = self._cross.kind != ahocorasick.EMPTY
        if self._has_cross:
            self._cross.make_automaton()
        self._fold_cache: dict[str, str] = {}
        self._hit_cache: dict[tuple[object, str, int], tuple[int, int, bool] | None] = {}
        self._chunk_hits: dict[str, tuple[_ChunkHit, ...]] = {}
        weak_ids: dict[str, set[str]] = {}
        for key, index in weak:
            for variant in (key, "al " + key):
                if variant in by_key:
                    weak_ids.setdefault(variant, set()).add(places[index].id)
        weak_sets = {k: frozenset(v) for k, v in weak_ids.items()}
        self._key_info = {k: (tuple([places[i] for i in v]), weak_sets.get(k, _NO_IDS))
                          for k, v in by_key.items()}

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
        return _glue(pieces)

    def scan(self, text: str) -> list[NameMatch]:
        """Every stretch of ``text`` that spells a gazetteer key, overlapping, in text order.

        A name ending where a longer accepted name ends ("Hasakeh" in "al-Hasakeh") is left out.
        The names inside one chunk (a word between spaces) are found once per distinct chunk and
        cached; only names of several words are looked for across chunks, in the joined text.
        """
        if self._empty:
            return []
        flat = text
        for ws in _WHITESPACE:
            if ws in flat:
                flat = flat.replace(ws, " ")
        chunks = flat.split(" ")
        cache = self._fold_cache
        probe = list(map(cache.get, chunks))
        folded = cast("list[str]", probe)
        if None in probe:
            missing = {c for c, f in zip(chunks, probe, strict=True) if f is None}
            if len(cache) + len(missing) > _FOLD_CACHE_LIMIT:
                cache.clear()
                self._chunk_hits.clear()
            for chunk in missing:
                cache[chunk] = fold = self._fold(chunk) + " "  # each ends with a space
                hits = self._chunk_matches(chunk, fold)
                if hits:
                    self._chunk_hits[chunk] = hits
            folded = list(map(cache.__getitem__, chunks))
        # chunk i starts at ocum[i] + i in `text`
        ocum = list(accumulate(map(len, chunks), initial=0))
        cross = self._cross_matches(text, chunks, folded, ocum)
        out: list[NameMatch] = []
        append = out.append
        by_chunk = self._chunk_hits
        # merge the names across chunks in, keeping the automaton's order (by end, the longer of
        # two names ending together first); a name inside a chunk that ends where a name across
        # chunks ends is its tail ("Zor" in "Deir ez-Zor") and is left out
        pending = iter(cross)
        nxt = next(pending, None)
        next_end = nxt.span.end if nxt is not None else len(text) + 1
        cross_end = -1
        for i in compress(count(), map(by_chunk.__contains__, chunks)):
            base = ocum[i] + i
            for rel_start, rel_stop, surface, key, places, weak, article in by_chunk[chunks[i]]:
                stop = base + rel_stop
                while next_end <= stop and nxt is not None:
                    append(nxt)
                    cross_end = next_end
                    nxt = next(pending, None)
                    next_end = nxt.span.end if nxt is not None else len(text) + 1
                if stop != cross_end:
                    append(NameMatch(Span(base + rel_start, stop), surface, key, places, article,
                                     weak))
        if nxt is not None:
            append(nxt)
            out.extend(pending)
        if any(x.span.start < y.span.start for x, y in zip(out[1:], out, strict=False)):
            out.sort(key=_match_order)
        return out

    def _chunk_matches(self, chunk: str, fold: str) -> tuple[_ChunkHit, ...]:
        """The accepted names inside one chunk (``fold``: its folded form), in automaton order."""
        found: list[_ChunkHit] = []
        last_end = last_start = -1
        info = self._key_info
        folded_len = len(fold) - 1
        for end, key in self._automaton.iter(" " + fold.replace("_", " ")):
            start_j = end - len(key)
            if end == last_end and start_j > last_start:
                continue  # the tail of a longer name just accepted ("Hasakeh" in "al-Hasakeh")
            verdict = self._accept(chunk, folded_len, start_j - 1, end - 1, key)
            if verdict is not None:
                rel_start, rel_stop, article = verdict
                places, weak = info[key]
                found.append((rel_start, rel_stop, chunk[rel_start:rel_stop], key, places, weak,
                              article))
                last_end, last_start = end, start_j
        return tuple(found)

    def _cross_matches(
        self, text: str, chunks: list[str], folded: list[str], ocum: list[int]
    ) -> list[NameMatch]:
        """Accepted names of several words that span two chunks or more, in automaton order."""
        if not self._has_cross:
            return []
        joined = " " + "".join(folded)
        jstart: list[int] = []
        out: list[NameMatch] = []
        memo = self._hit_cache
        if len(memo) > _FOLD_CACHE_LIMIT:
            memo.clear()
        info = self._key_info
        last_end = last_start = -1
        for end, key in self._cross.iter(joined):
            start_j = end - len(key)  # first char of the key itself
            if joined[start_j - 1] not in " _":
                continue  # not at a word's start
            if not jstart:  # chunk i starts at jstart[i] in `joined`
                jstart = list(accumulate(map(len, folded), initial=1))
            a = bisect_right(jstart, start_j) - 1
            if end <= jstart[a + 1]:
                continue  # inside one chunk: found by `_chunk_matches`
            if end == last_end and start_j > last_start:
                continue  # the tail of a longer name just accepted
            b = bisect_right(jstart, end - 1) - 1
            # decide once per (words, key, place in the first word): the verdict depends on
            # nothing else, since the words between chunks are single spaces
            memo_key = (tuple(chunks[a : b + 1]), key, start_j - jstart[a])
            found = memo.get(memo_key, _UNSEEN)
            if found is _UNSEEN:
                found = self._decide(chunks, folded, jstart, a, b, start_j, end, key)
                memo[memo_key] = found
            if found is not None:
                rel_start, rel_stop, article = found
                base = ocum[a] + a
                places, weak = info[key]
                out.append(NameMatch(Span(base + rel_start, base + rel_stop),
                                     text[base + rel_start : base + rel_stop], key, places,
                                     article, weak))
                last_end, last_start = end, start_j
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
        if not capitalised(surface, article=article):
            return None
        if key in self._needs_article and not has_arabic_article(surface, clitic=True):
            return None
        if self._stop.is_stopword(surface, article=article) and not (
            article and surface.lower() not in self._stop.words
            and any(map(is_major, self._key_info[key][0]))
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


def _glue(pieces: list[str]) -> str:
    """Folded pieces joined by spaces, an article by "_" to the next word of its chunk.

    Names looked for across chunks (:func:`_cross_variants`) then never match inside one chunk
    ("al hasaka" in "al-Hasakeh"), which the names found chunk by chunk already cover.
    """
    if "al" not in pieces[:-1]:
        return " ".join(pieces)
    out = [p + ("_" if p == "al" and nxt != "|" else " ") for p, nxt in pairwise(pieces)]
    return "".join(out) + pieces[-1]


def _cross_variants(key: str) -> list[str]:
    """How a name of several words may be spelled across chunks in the joined folded text.

    Each article followed by a word may be glued to it (``_``) or stand apart; at least one
    space must be left (else the name lies inside one chunk). The leading boundary is not
    part of the pattern (it is checked on each hit); a name ending in an article may be
    followed by ``_``.
    """
    words = key.split(" ")
    if len(words) < 2:
        return []
    variants = [words[0]]
    for prev, word in pairwise(words):
        seps = (" ", "_") if prev == "al" else (" ",)
        variants = [v + sep + word for v in variants for sep in seps]
    ends = (" ", "_") if words[-1] == "al" else (" ",)
    return [v + end for v in variants if " " in v for end in ends]


def _match_order(m: NameMatch) -> tuple[int, int]:
    return (m.span.start, -m.span.end)
