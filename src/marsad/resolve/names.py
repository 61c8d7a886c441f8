"""Transliteration keys: one spelling-independent key for the many ways a place name is written.

SOHR and the gazetteers spell one place many ways: ``al-Hasakeh``, ``Al-Hasakah``, ``al- Hasaka``,
``Hasakah``; ``Deir ez-Zor``, ``Deir Ezzor``, ``Dayr az Zawr``; ``الحسكة``, ``حسكة``.  This module
folds such spellings to one key, by rules a reader can follow:

Latin script (:func:`fold_piece` on one word, :func:`normalize_latin` on a name):

1. lower case, accents stripped (``Ḩ`` -> ``h``), apostrophes and ayn/hamza marks dropped;
2. ``q`` -> ``k``, ``ph`` -> ``f``; doubled letters written once (``Raqqa`` = ``Raqa``);
3. every vowel -> ``a`` (``ou``/``u``/``o``, ``ee``/``i``/``e`` all agree), a lone ``y`` between
   consonants or at the end is a vowel; diphthongs before a consonant drop their glide
   (``Dayr`` = ``Deir`` = ``Der``, ``Zawr`` = ``Zor``), a final ``h`` after a vowel goes
   (``-ah``/``-eh``/``-a``);
4. articles ``al-``/``el-``/``ad-``/``ar-``/``as-``/``ash-``/``at-``/``az-``/``an-`` ...
   fold to ``al``.

Arabic script (:func:`normalize_arabic`): diacritics and tatweel removed, hamza/madda forms of
alef -> ``ا``, ``ة`` -> ``ه``, ``ى`` -> ``ي``, ``ؤ`` -> ``و``, ``ئ`` -> ``ي``, the article
``ال`` (and
``وال``/``بال``/``لل`` ...) dropped.

The keys are lossy on purpose: different villages may share a key, and the gazetteer's
disambiguation decides between them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ARTICLES",
    "arabic_clitic_stem",
    "chunk_pieces",
    "fold_arabic_word",
    "fold_chunk",
    "fold_piece",
    "is_arabic",
    "name_keys",
    "name_tokens",
    "normalize_arabic",
    "normalize_latin",
    "normalize_name",
    "romanize_arabic",
]

ARTICLES = frozenset(
    {"al", "el", "il", "ul", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "at", "et",
     "az", "ez", "an", "en", "ath", "adh", "dh"}
)
"""Spellings of the Arabic article in Latin script (folded to ``al``)."""

_ALWAYS_ARTICLE = frozenset({"al", "el"})
_APOSTROPHES = "'`´‘’ʼʻʿʾ′ʹ"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_VOWELS = "aeiou"
_ARABIC_RANGE = re.compile("[\u0600-\u06ff]")
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_ARABIC_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي",
                               "ؤ": "و", "ئ": "ي", "ک": "ك", "ی": "ي"})
_ARABIC_ARTICLE_PREFIXES = ("وال", "بال", "فال", "كال", "ال")
_ARABIC_CLITICS = "وبفلك"
_BOUNDARY_CHARS = frozenset(".,;:!?()[]{}\"“”«»،؛؟|•·…")
_LETTER = "(?:[^\\W_]|[\u0640\u064b-\u065f\u0670])"  # Arabic marks and tatweel count as letters
_PIECE_RE = re.compile(f"{_LETTER}+(?:[{_APOSTROPHES}]{_LETTER}+)*", re.UNICODE)

_DOUBLE_RE = re.compile(r"(.)\1+")
_IEH_RE = re.compile(r"(?<=[^aeiouy])i[ea]h$")  # "Ashrafieh" = "Ashrafiyeh"
_Y_VOWEL_RE = re.compile(r"(?<=[^aeiouy])y(?=[^aeiouy]|$)")
_VOWEL_RUN_RE = re.compile(r"[aeiou]+")
_DIPHTHONG_RE = re.compile(r"a[yw](?=[^aeiouyw]|$)")
_INITIAL_CAW_RE = re.compile(r"^([^aeiouyw])aw(?=a)")
_FINAL_H_RE = re.compile(r"(?<=a)h$")
_KAFR = {"kafar": "kafr", "kfar": "kafr", "kfr": "kafr"}  # "Kafar Sousa" = "Kafr Sousa"


def is_arabic(text: str) -> bool:
    """Whether ``text`` holds any Arabic letter."""
    return _ARABIC_RANGE.search(text) is not None


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)


def _first_group_w(match: re.Match[str]) -> str:
    return match.group(1) + "w"


@lru_cache(maxsize=65536)
def fold_piece(piece: str) -> str:
    """Fold one Latin word (no spaces or hyphens) to its key form: ``"Hasakeh"`` -> ``"hasaka"``."""
    # (replacements are functions, not "\1" templates, which re parses in Python on each call)
    word = piece.lower() if piece.isascii() else _strip_accents(piece).lower()
    if not (word.isascii() and word.isalnum()):  # ASCII letters and digits: nothing to drop
        word = _APOSTROPHE_RE.sub("", word)
        word = "".join(c for c in word if c.isalnum())
    if not word:
        return ""
    if word.isdigit():
        return word
    word = word.replace("ph", "f").replace("q", "k").replace("ck", "k")
    word = _IEH_RE.sub("iya", word)
    word = _DOUBLE_RE.sub(_first_group, word)
    word = _Y_VOWEL_RE.sub("a", word)
    word = _VOWEL_RUN_RE.sub("a", word)
    word = _DIPHTHONG_RE.sub("a", word)
    word = _INITIAL_CAW_RE.sub(_first_group_w, word)
    if len(word) > 3:
        word = _FINAL_H_RE.sub("", word)
    word = _DOUBLE_RE.sub(_first_group, word)
    return _KAFR.get(word, word)


@lru_cache(maxsize=65536)
def fold_arabic_word(word: str) -> str:
    """Fold one Arabic word: diacritics, alef/hamza forms, taa marbuta, the article."""
    word = _ARABIC_DIACRITICS.sub("", word).translate(_ARABIC_TABLE)
    word = "".join(c for c in word if c.isalnum())
    for prefix in _ARABIC_ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    if word.startswith("لل") and len(word) >= 4:
        return word[2:]
    return word


def arabic_clitic_stem(word: str) -> str | None:
    """The word without a one-letter clitic (``و``, ``ب``, ``ف``, ``ل``, ``ك``), if it has one."""
    if len(word) >= 4 and word[0] in _ARABIC_CLITICS:
        return fold_arabic_word(word[1:])
    return None


def chunk_pieces(
    chunk: str, *, arabic_tokens: frozenset[str] | None = None
) -> list[tuple[int, int, str]]:
    """Split one whitespace-free chunk of text into folded pieces with their offsets.

    Each item is ``(start, end, folded)`` relative to the chunk.  A Latin piece followed by a
    hyphen (or apostrophe) that spells an article, or a bare ``al``/``el``, folds to ``al``.
    Sentence punctuation yields a ``"|"`` piece, which no gazetteer key contains, so that no
    name is matched across a comma or a full stop.  With ``arabic_tokens`` (the first words of the
    gazetteer's Arabic keys), an Arabic word not among them loses a one-letter clitic
    (``وحلب`` -> ``حلب``) when that yields one of them.
    """
    out: list[tuple[int, int, str]] = []
    pos = 0
    n = len(chunk)
    for m in _PIECE_RE.finditer(chunk):
        start, end = m.span()
        if start > pos and not _BOUNDARY_CHARS.isdisjoint(chunk[pos:start]):
            out.append((pos, start, "|"))
        raw = m.group()
        if not raw.isascii() and is_arabic(raw):
            folded = fold_arabic_word(raw)
            if arabic_tokens is not None and folded not in arabic_tokens:
                stem = arabic_clitic_stem(raw)
                if stem is not None and stem in arabic_tokens:
                    folded = stem
        else:
            low = raw.lower()
            nxt = chunk[end] if end < n else ""
            if low in _ALWAYS_ARTICLE or (low in ARTICLES and nxt in "-‐‑_" + _APOSTROPHES and nxt):
                folded = "al"
            else:
                folded = fold_piece(raw)
        if folded:
            out.append((start, end, folded))
        pos = end
    if pos < n and not _BOUNDARY_CHARS.isdisjoint(chunk[pos:]):
        out.append((pos, n, "|"))
    return out


def fold_chunk(chunk: str) -> str:
    """The key form of one whitespace-free chunk: its folded pieces joined by spaces."""
    return " ".join(p[2] for p in chunk_pieces(chunk))


def name_tokens(name: str) -> list[tuple[str, str]]:
    """A gazetteer name as ``(raw, folded)`` tokens; article tokens fold to ``"al"``.

    In a name (unlike running text) a short article spelling followed by another word counts
    as an article even without a hyphen (GeoNames writes ``"Ar Raqqah"``, ``"Dayr az Zawr"``).
    """
    raws = [m.group() for m in _PIECE_RE.finditer(_APOSTROPHE_RE.sub("", name))]
    tokens: list[tuple[str, str]] = []
    for i, raw in enumerate(raws):
        if is_arabic(raw):
            folded = fold_arabic_word(raw)
        elif raw.lower() in ARTICLES and i + 1 < len(raws):
            folded = "al"
        else:
            folded = fold_piece(raw)
        if folded:
            tokens.append((raw, folded))
    return tokens


def name_keys(name: str) -> set[str]:
    """Every key under which a gazetteer name should be found in folded running text.

    The full form; without a leading article; each article glued to its next word
    (``"ez-Zor"`` -> ``"Ezzor"``, ``"Al Bab"`` -> ``"Albab"``); and, for names of two or three
    words, all words glued together (``"Kafr Nabl"`` -> ``"Kafrnabl"``).
    """
    tokens = name_tokens(name)
    if not tokens:
        return set()
    if is_arabic(name):
        return {" ".join(f for _, f in tokens)}
    folded = [f for _, f in tokens]
    keys = {" ".join(folded)}
    if folded[0] == "al" and len(folded) > 1:
        keys.add(" ".join(folded[1:]))
    glued: list[str] = []
    i = 0
    while i < len(tokens):
        raw, f = tokens[i]
        if f == "al" and i + 1 < len(tokens):
            glued.append(fold_piece(raw + tokens[i + 1][0]))
            i += 2
            continue
        glued.append(f)
        i += 1
    keys.add(" ".join(glued))
    if len(glued) > 1 and tokens[0][1] == "al":
        keys.add(" ".join(glued[1:]) if len(glued) > 1 else glued[0])
    if 2 <= len(tokens) <= 3:
        keys.add(fold_piece("".join(raw for raw, _ in tokens)))
    # OCHA glues the article to later words ("Khan Elsobol", "Orm Eljoz"): split it off
    split = [f"al {fold_piece(raw[2:])}" if i and raw[:2].lower() in ("el", "al")
             and len(raw) > 4 and f != "al" else f for i, (raw, f) in enumerate(tokens)]
    if split != folded:
        keys.add(" ".join(split))
    keys.discard("")
    return keys


def normalize_latin(name: str) -> str:
    """A comparison key for a Latin-script place name.

    >>> normalize_latin("Al-Hasakeh") == normalize_latin("al- Hasaka") == normalize_latin("Hasakah")
    True
    >>> normalize_latin("Deir ez-Zor") == normalize_latin("Dayr az Zawr")
    True
    """
    tokens = name_tokens(name)
    parts: list[str] = []
    for i, (raw, folded) in enumerate(tokens):
        if folded == "al":
            continue
        if i > 0:
            low = _strip_accents(raw).lower()
            m = re.match(r"^[ae]?([dnrstz]|sh|th|dh)\1", low)
            if m and len(low) > len(m.group()) + 1 and low[:2] not in {"sh", "th", "dh"}:
                folded = fold_piece(low[m.end() - len(m.group(1)) :])
            elif low.startswith("al") and len(low) > 5:
                folded = fold_piece(low[2:])
        parts.append(folded)
    return "".join(parts)


def normalize_arabic(name: str) -> str:
    """A comparison key for an Arabic-script place name.

    >>> normalize_arabic("الحسكة") == normalize_arabic("حسكه")
    True
    """
    words = [fold_arabic_word(w) for w in _PIECE_RE.findall(name)]
    return " ".join(w for w in words if w)


_ROMAN = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
    "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "ه": "h", "ة": "a", "ى": "a", "ء": "", "ئ": "", "ؤ": "", "پ": "p",
    "چ": "ch", "ڤ": "v", "گ": "g", "ک": "k", "ی": "y",
}


def romanize_arabic(name: str) -> str:
    """A rough Latin spelling of an Arabic name, as the key :func:`normalize_latin` would give.

    Letters map to their usual English transliteration; ``و`` and ``ي`` are vowels between
    consonants (``محيميدة`` -> ``Mhimida``), the article is dropped.  For loose matching of
    English spellings that no gazetteer name spells (``Mohaimada``), never for exact keys.

    >>> romanize_arabic("محيميدة"), normalize_latin("Mhimida")
    ('mhamada', 'mhamada')
    """
    words: list[str] = []
    for raw in _PIECE_RE.findall(name):
        word = fold_arabic_word(raw)
        out: list[str] = []
        for i, ch in enumerate(word):
            if ch in "وي":
                prev = word[i - 1] if i else ""
                vowel_after = i + 1 < len(word) and word[i + 1] in "اوي"
                consonant = not prev or prev in "اوي" or vowel_after
                glide, vowel = ("w", "u") if ch == "و" else ("y", "i")
                out.append(glide if consonant else vowel)
            else:
                out.append(_ROMAN.get(ch, ch if ch.isascii() else ""))
        latin = "".join(out)
        if latin.endswith("h") and word.endswith("ه"):
            latin = latin[:-1] + "a"  # taa marbuta (folded to "ه")
        if latin:
            words.append(fold_piece(latin))
    return "".join(w for w in words if w)


def normalize_name(name: str) -> str:
    """The comparison key of a place name in either script (picked by its script)."""
    return normalize_arabic(name) if is_arabic(name) else normalize_latin(name)
