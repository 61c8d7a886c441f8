"""How a stretch of text reads: capitalised like a name, with an article, or a stop word."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from marsad.resolve.names import arabic_clitic_stem, fold_arabic_word, is_arabic

LOWER_LEADS = frozenset({"rural", "rif"})
"""Lower-case words that may begin a name ("rural Damascus")."""

_POSSESSIVE = re.compile(r"['’]s$")
_ARTICLE_SEPARATORS = ("-", " ", "‐", "_", "'", "’")


@dataclass(frozen=True, slots=True)
class StopWords:
    """Words never matched as a place name on their own (``data/places_lexicon.yaml``).

    ``words``: the stop words, lower-cased; ``arabic``: the Arabic ones, folded; ``leads``:
    common English words that may not begin a name of several words ("On June").
    """

    words: frozenset[str]
    arabic: frozenset[str]
    leads: frozenset[str]

    @classmethod
    def of(cls, stopwords: Iterable[str], leadwords: Iterable[str] = ()) -> StopWords:
        """Stop words from the lexicon's word lists."""
        words = frozenset(w.lower() for w in stopwords)
        arabic = frozenset(fold_arabic_word(w) for w in words if is_arabic(w))
        return cls(words, arabic, frozenset(w.lower() for w in leadwords))

    def is_stopword(self, surface: str, *, article: bool = False) -> bool:
        """Whether ``surface`` (or, with ``article``, the word after it) is a stop word.

        A possessive ``'s`` is ignored; a name of several words whose first word is a common
        English word ("On June") counts as a stop word too.
        """
        low = _POSSESSIVE.sub("", surface.lower())
        if is_arabic(low) and " " not in low and (
            fold_arabic_word(low) in self.arabic or arabic_clitic_stem(low) in self.arabic
        ):
            return True  # "بمدينة" is "مدينة" with a clitic
        if low in self.words or (article and strip_article(low) in self.words):
            return True
        first, _, rest = low.partition(" ")
        return bool(rest) and first in self.leads


def has_arabic_article(name: str, *, clitic: bool = False) -> bool:
    """Whether an Arabic name begins with the article (after a one-letter clitic if allowed)."""
    word = name.strip()
    if word.startswith("ال"):
        return True
    if not clitic:
        return False
    # "بالحسكة", "وبالحسكة", "للحسكة": one or two clitic letters, then the article
    return any(all(c in "وبفكل" for c in word[:n]) and word[n : n + 2] in ("ال", "لل")
               for n in (0, 1, 2))


def strip_article(surface: str) -> str:
    """``surface`` without a leading Latin article ("al-Bab" -> "Bab")."""
    for sep in _ARTICLE_SEPARATORS:
        head, found, tail = surface.partition(sep)
        if found and len(head) <= 3:
            return tail.lstrip(" -")
    return surface


def capitalised(surface: str, *, article: bool) -> bool:
    """Whether a Latin-script match looks like a proper name (its first name word capitalised)."""
    if is_arabic(surface):
        return True
    rest = surface
    if article:
        for sep in _ARTICLE_SEPARATORS:
            head, found, tail = rest.partition(sep)
            if found and len(head) <= 3:
                rest = tail.lstrip(" -")
                break
    first = next((c for c in rest if c.isalnum()), "")
    if first.isupper() or first.isdigit():
        return True
    words = rest.split()
    return len(words) > 1 and words[0].lower() in LOWER_LEADS and words[-1][:1].isupper()
