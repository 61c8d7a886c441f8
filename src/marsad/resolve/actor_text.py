"""Text forms the actor matcher compares: a length-preserving normalisation (curly quotes,
Unicode hyphens, Arabic alef, yaa and taa-marbuta variants), lower-casing that keeps offsets,
and the spelling variants of an alias ("al-" written "al- " or "al "; Arabic "lil-" for
"li-" + "al-")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

__all__ = ["al_variants", "ar_variants", "fold_text", "is_arabic_text", "is_word_char",
           "normalize"]

# One code point in, one code point out: offsets stay valid.
_NORMALIZE = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u00ad": "-",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ",
        "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
        "\u0649": "\u064a", "\u0629": "\u0647",
    }
)  # fmt: skip
_TO_NORMALIZE = re.compile("[" + re.escape("".join(chr(c) for c in _NORMALIZE)) + "]")


def normalize(text: str) -> str:
    """The length-preserving normal form the matcher compares (not lower-cased)."""
    # a regex finds the few characters to replace far faster than ``str.translate`` walks a
    # long text through a dict
    return _TO_NORMALIZE.sub(_normal_char, text)


def _normal_char(m: re.Match[str]) -> str:
    return str(_NORMALIZE[ord(m.group())])


def fold_text(text: str) -> str:
    """Lower-case ``text`` without changing its length (so offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def is_arabic_text(s: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in s)


def al_variants(alias: str) -> Iterator[str]:
    """'al-nusra front' -> also 'al- nusra front' and 'al nusra front' (at most 3 sites)."""
    parts = re.split(r"(?<![a-z])(al-)", alias)
    sites = parts.count("al-")
    if sites == 0 or sites > 3:
        yield alias
        return
    for combo in itertools.product(("al-", "al- ", "al "), repeat=sites):
        it = iter(combo)
        yield "".join(next(it) if p == "al-" else p for p in parts)


def ar_variants(alias: str) -> Iterator[str]:
    yield alias
    if alias.startswith("\u0627\u0644") and len(alias) > 3:
        yield "\u0644\u0644" + alias[2:]  # li- + al-X is written lil-X
