"""Regex shortcuts read off the parsed patterns, each finding exactly what the plain regex finds.

- :class:`WordScanner`: ``re`` tries every alternative of ``(?=\\w)\\b(?:A0|A1|...)`` at every
  word start; with dozens of trigger phrases (each a named group, which defeats the engine's own
  first-letter check) most of the work is alternatives failing on their first letters.  The
  scanner reads each pattern's possible first two characters (:func:`prefixes`) and compiles,
  per pair, the alternation of only the patterns that can start so (in their original order); it
  visits the word starts and tries there the regex of the two characters it finds.  Matches are
  those of the single regex: leftmost, first alternative first, non-overlapping, with the same
  named groups (those left out of a pair's regex stay in it behind a branch that never matches).
- :func:`anchored_reach`: how far from a word every match spells (durations spell "day") a
  match can reach, so that only the text around that word need be searched.
- :func:`word_initial`: whether every match starts with a word character.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Alternative",
    "WordScanner",
    "anchored_reach",
    "first_chars",
    "prefixes",
    "word_initial",
    "word_scanner",
]

# The stdlib's own regex parser (``re._parser`` since 3.11): private, hence typed loosely.  On
# a Python without it the analyses answer "cannot tell" and the plain regexes run.
try:
    _PARSER: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - CPython 3.11 to 3.13 have it
    _PARSER = _C = None

_WORD = re.compile(r"\w")
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})
_MAX_RANGE = 512  # a character range wider than this counts as "any character"

# (first characters or None for "any", whether the piece can match the empty string)
_First = tuple[frozenset[str] | None, bool]


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with; None when any may (or when the
    pattern can match the empty string, or uses what this analysis does not follow)."""
    found = prefixes(pattern, 1)
    if found is None or "" in found:
        return None
    return frozenset(found)


def prefixes(pattern: str, size: int) -> frozenset[str] | None:
    """The first ``size`` characters a match of ``pattern`` can start with; a shorter string
    is a whole match.  None when the analysis cannot tell (a character class such as ``\\w``,
    a case-blind pattern, too many possibilities)."""
    if _PARSER is None:
        return None
    try:
        parsed = _PARSER.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    return _sequence(parsed, size)


_MAX_PREFIXES = 4096


def _sequence(items: Any, size: int) -> frozenset[str] | None:
    current = {""}
    for op, av in items:
        grown = _grown(current, size, functools.partial(_item, str(op), av))
        if grown is None:
            return None
        current = grown
    return frozenset(current)


def _grown(current: set[str], size: int,
           tails: Callable[[int], frozenset[str] | None]) -> set[str] | None:
    """Each prefix of ``current`` shorter than ``size`` followed by each of its ``tails``
    (given how many characters are still wanted); None when those cannot be told, or there
    are too many."""
    grown: set[str] = set()
    for head in current:
        if len(head) >= size:
            grown.add(head)
            continue
        found = tails(size - len(head))
        if found is None:
            return None
        grown.update(head + t for t in found)
    return None if len(grown) > _MAX_PREFIXES else grown


def _item(op: str, av: Any, size: int) -> frozenset[str] | None:
    if op == "LITERAL":
        return frozenset({chr(av)})
    if op == "IN":
        return _charset(av)
    if op == "SUBPATTERN":
        _group, add_flags, _del_flags, sub = av
        if add_flags & (_C.SRE_FLAG_IGNORECASE | _C.SRE_FLAG_LOCALE):
            return None
        return _sequence(sub, size)
    if op == "BRANCH":
        found: set[str] = set()
        for alt in av[1]:
            tails = _sequence(alt, size)
            if tails is None:
                return None
            found |= tails
        return frozenset(found)
    if op in _REPEATS:
        return _repeat(av[0], av[1], av[2], size)
    if op == "ATOMIC_GROUP":
        return _sequence(av, size)
    if op in _ZERO_WIDTH:
        return frozenset({""})  # assertions only narrow what follows: ignoring them is safe
    return None  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...: any character


def _repeat(low: int, high: int, sub: Any, size: int) -> frozenset[str] | None:
    """Prefixes of ``low`` to ``high`` copies of ``sub``."""
    done: set[str] = set()
    current = {""}
    for copies in range(size + 1):
        if copies >= low:
            done |= current
        if copies == high:
            break
        grown = _grown(current, size, functools.partial(_sequence, sub))
        if grown is None:
            return None
        current = grown
    else:
        # more than ``size`` copies needed: each must add a character, or the count is unsure
        if any(len(head) < size for head in current):
            return None
        done |= current
    return frozenset(done)


def _charset(items: Any) -> frozenset[str] | None:
    out: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.add(chr(av))
        elif name == "RANGE" and av[1] - av[0] <= _MAX_RANGE:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # NEGATE, CATEGORY, a wide range
    return frozenset(out)


def word_initial(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts with a word character (so that a leading
    ``\\b`` before it reads as ``(?=\\w)\\b``)."""
    # \d and \w match word characters only: stand one in for each, so the analysis can go on
    out: list[str] = []
    i = 0
    while i < len(pattern):
        pair = pattern[i : i + 2]
        if pair[:1] == "\\":
            out.append({"\\d": "0", "\\w": "a"}.get(pair, pair))
            i += 2
        else:
            out.append(pattern[i])
            i += 1
    found = first_chars("".join(out))
    return found is not None and all(_WORD.match(c) for c in found)


@dataclass(frozen=True, slots=True)
class WordScanner:
    """``(?=\\w)\\b(?:A0|A1|...)<suffix>`` split by first letters; see the module docstring."""

    whole: re.Pattern[str]  # the single regex
    starts: re.Pattern[str]  # word starts some alternative can begin at
    # the regex of the alternatives that can start with these two characters ...
    pairs: Mapping[str, re.Pattern[str]] | None
    # ... and, for two not in ``pairs``, of those that can match the first one alone
    singles: Mapping[str, re.Pattern[str]]

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
        """The matches of :attr:`whole` in ``text[pos:endpos]``, as ``finditer`` gives them."""
        end = len(text) if endpos is None else endpos
        pairs, singles = self.pairs, self.singles
        if pairs is None:
            return list(self.whole.finditer(text, pos, end))
        out: list[re.Match[str]] = []
        after = 0
        for start in self.starts.finditer(text, pos, end):
            at = start.start()
            if at < after:
                continue
            rx = pairs.get(text[at : at + 2]) or singles.get(text[at])
            if rx is None:
                continue
            m = rx.match(text, at, end)
            if m is not None:
                out.append(m)
                after = m.end()
        return out


# An alternative: a named group of patterns ``(?P<name>(?:p0)|(?:p1)|...)``, or with no name
# the patterns as alternatives of their own.
Alternative = tuple[str | None, Sequence[str]]


def word_scanner(
    whole: re.Pattern[str],
    alternatives: Sequence[Alternative],
    *,
    suffix: str = "",
    allow: Sequence[Callable[[str], bool]] | None = None,
) -> WordScanner:
    """A scanner for ``whole``, which must match as ``(?=\\w)\\b(?:A0|A1|...)<suffix>`` does
    (see :data:`Alternative`; a named alternative's patterns must have no named group of their
    own).  ``allow[i](c)`` tells whether alternative ``i`` may start at character ``c`` (a
    look-ahead the caller left out of it, such as its script).  When some pattern's first
    letters are unknown (``\\w+ ...``), or it may match nothing, the scanner runs ``whole``."""
    known: list[list[frozenset[str]]] = []
    for _, patterns in alternatives:
        heads = [prefixes(p, 2) for p in patterns]
        if any(h is None or "" in h or not all(_WORD.match(x[0]) for x in h) for h in heads):
            return WordScanner(whole, whole, None, {})
        known.append([h for h in heads if h is not None])
    found = {x for hs in known for h in hs for x in h}
    compiled: dict[tuple[tuple[int, ...], ...], re.Pattern[str]] = {}

    def regex(key: str, accept: frozenset[str]) -> re.Pattern[str] | None:
        """The patterns with a prefix in ``accept``, of the alternatives ``key`` allows."""
        plan = tuple(
            tuple(k for k, h in enumerate(hs) if h & accept)
            if allow is None or allow[i](key[0])
            else ()
            for i, hs in enumerate(known)
        )
        if not any(plan):
            return None
        if plan not in compiled:
            compiled[plan] = re.compile(_restricted(alternatives, plan) + suffix)
        return compiled[plan]

    pairs: dict[str, re.Pattern[str]] = {}
    for key in sorted(x for x in found if len(x) == 2):  # starting so, or matching key[0] alone
        if (rx := regex(key, frozenset({key, key[0]}))) is not None:
            pairs[key] = rx
    singles: dict[str, re.Pattern[str]] = {}
    for char in sorted({x[0] for x in found}):
        if (rx := regex(char, frozenset({char}))) is not None:
            singles[char] = rx
    chars = sorted({k[0] for k in pairs} | set(singles))
    if not chars:
        return WordScanner(whole, re.compile("(?!)"), pairs, singles)
    starts = re.compile(r"(?<!\w)[" + "".join(re.escape(c) for c in chars) + "]")
    return WordScanner(whole, starts, pairs, singles)


def _restricted(alternatives: Sequence[Alternative], plan: tuple[tuple[int, ...], ...]) -> str:
    """The alternation of the patterns ``plan`` keeps (per alternative, the indexes of its
    patterns), in their order; those left out behind a branch that never matches, so that
    every group name stays defined."""
    parts: list[str] = []
    absent: list[str] = []
    for (name, patterns), keep in zip(alternatives, plan, strict=True):
        if name is None:
            parts.extend(patterns[k] for k in keep)
            absent.extend(p for k, p in enumerate(patterns) if k not in keep and "(?P<" in p)
        elif keep:
            parts.append(f"(?P<{name}>" + "|".join(f"(?:{patterns[k]})" for k in keep) + ")")
        else:
            absent.append(f"(?P<{name}>)")
    if absent:
        parts.append("(?!)(?:" + "|".join(absent) + ")")
    return "(?:" + "|".join(parts) + ")"


_LONGEST = 10_000  # a regex whose matches may be longer than this counts as unbounded


def anchored_reach(rx: re.Pattern[str], word: str) -> int | None:
    """The longest match of ``rx`` when every match of it spells ``word``: then a match lies
    within that many characters of an occurrence of ``word``, and the text elsewhere need not
    be searched.  None when this is not certain (``word`` in an optional part only, a case-blind
    regex) or when matches can be arbitrarily long."""
    if _PARSER is None:
        return None
    try:
        parsed = _PARSER.parse(rx.pattern, rx.flags)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    _low, high = parsed.getwidth()
    if high > _LONGEST or not _spells(parsed, word):
        return None
    return int(high)


def _spells(items: Any, word: str) -> bool:
    """Whether every match of ``items`` (a parsed sequence) spells ``word`` in plain letters."""
    run: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            if word in "".join(run):
                return True
            continue
        run = []
        if name == "SUBPATTERN" and not av[1] & (_C.SRE_FLAG_IGNORECASE | _C.SRE_FLAG_LOCALE):
            if _spells(av[3], word):
                return True
        elif name == "BRANCH":
            if all(_spells(alt, word) for alt in av[1]):
                return True
        elif name in _REPEATS and av[0] >= 1 and _spells(av[2], word):
            return True
    return False
