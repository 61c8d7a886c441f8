"""Scanning text for gazetteer names: an Aho-Corasick automaton over folded text.

The text is split on single spaces; each distinct chunk is folded once (see
:func:`marsad.resolve.names.chunk_pieces`) and cached, the folded chunks are joined and scanned
by the automaton, and each hit is mapped back to exact character offsets in the text and checked
where it stands (capitalised, not a stop word, with the article an Arabic name needs). The
verdict on a hit depends only on the words it covers, so it is cached per (words, key, offset):
a text then costs a dictionary look-up per chunk and per hit, and one :class:`NameMatch` per
name found.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate
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
        self._automaton: Any = ahocorasick.Automaton()
        for key in by_key:
            self._automaton.add_word(f" {key} ", key)
        self._empty = not by_key
        if by_key:
            self._automaton.make_automaton()
        self._fold_cache: dict[str, str] = {}
        self._hit_cache: dict[tuple[object, str, int], tuple[int, int, bool] | None] = {}
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
        return " ".join(pieces)

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
        chunks = flat.split(" ")
        cache = self._fold_cache
        probe = list(map(cache.get, chunks))
        folded = cast("list[str]", probe)
        if None in probe:
            missing = {c for c, f in zip(chunks, probe, strict=True) if f is None}
            if len(cache) + len(missing) > _FOLD_CACHE_LIMIT:
                cache.clear()
            for chunk in missing:
                cache[chunk] = self._fold(chunk) + " "  # each folded chunk ends with a space
            folded = list(map(cache.__getitem__, chunks))
        joined = " " + "".join(folded)
        out: list[NameMatch] = []
        append = out.append
        memo = self._hit_cache
        if len(memo) > _FOLD_CACHE_LIMIT:
            memo.clear()
        info = self._key_info
        # chunk i starts at jstart[i] in `joined` (built on the first hit; consecutive hits in
        # one chunk reuse its bounds); chunk p starts at p_at in `text`, moved from chunk to
        # chunk by summing the lengths in between (no list of every chunk's offset)
        jstart: list[int] = []
        a = p = p_at = 0
        a_lo = a_hi = last_end = last_start = -1
        for end, key in self._automaton.iter(joined):
            start_j = end - len(key)  # first char of the key itself
            if end == last_end and start_j > last_start:
                continue  # the tail of a longer name just accepted ("Hasakeh" in "al-Hasakeh")
            if not jstart:
                jstart = list(accumulate(map(len, folded), initial=1))
            if not a_lo <= start_j < a_hi:
                a = bisect_right(jstart, start_j) - 1
                a_lo, a_hi = jstart[a], jstart[a + 1]
            # decide once per (words, key, place in the first word): the verdict depends on
            # nothing else, since the words between chunks are single spaces
            if end <= a_hi:
                b = a
                memo_key: tuple[object, str, int] = (chunks[a], key, start_j - a_lo)
            else:
                b = bisect_right(jstart, end - 1) - 1
                memo_key = (tuple(chunks[a : b + 1]), key, start_j - a_lo)
            found = memo.get(memo_key, _UNSEEN)
            if found is _UNSEEN:
                found = self._decide(chunks, folded, jstart, a, b, start_j, end, key)
                memo[memo_key] = found
            if found is not None:
                if a > p:
                    p_at += sum(map(len, chunks[p:a])) + a - p
                elif a < p:
                    p_at -= sum(map(len, chunks[a:p])) + p - a
                p = a
                rel_start, rel_stop, article = found
                places, weak = info[key]
                append(NameMatch(Span(p_at + rel_start, p_at + rel_stop),
                                 text[p_at + rel_start : p_at + rel_stop], key, places, article,
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


def _match_order(m: NameMatch) -> tuple[int, int]:
    return (m.span.start, -m.span.end)
