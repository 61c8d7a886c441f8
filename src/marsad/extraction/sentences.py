"""Sentences, the headline and section headers of a report, with exact offsets.

SOHR reports start with a headline line, often carry "Aleppo Province:" section headers that set
the governorate for what follows, use bullet lists and hard line breaks, and obfuscate some words
("kil*led").  :func:`unstar` removes those asterisks so that rules see plain words, keeping a map
back to the original offsets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.model import Span

__all__ = ["Section", "Sentence", "find_sections", "split_sentences", "unstar"]

# A sentence ends at . ! ? followed by space(s) and an upper-case letter, digit or quote.
# Arabic text: a sentence ends at . ! ? ؟ before an Arabic letter, with or without a space
# ("...سوريا.وأضاف").
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|(?<=[.!?؟])[\"”’)»]*\s*(?=[«\"“]?[\u0621-\u064a])"
)
# A first line this long with several sentences is a whole report on one line: its first
# sentence is the headline.
_ONE_LINE_REPORT = 300
# Words whose trailing period does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]|Mr|Mrs|Dr|St|No|Gen|Col|Lt|Maj|Brig|U\.S|U\.N|approx|vs|etc"
    r"|Jan|Feb|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec))\.$"
)
_LINE = re.compile(r"[^\n]+")
_HEADER = re.compile(
    r"^[\s\W]*(?P<name>[A-Z][\w’' -]{1,30}?)\s+(?:[Pp]rovince|[Gg]overnorate)\s*(?::|–|-|,)",
    re.M,
)
_STAR = re.compile(r"(?<=\w)\*+(?=\w)")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence; ``index`` counts from 0 in text order, the headline is index 0."""

    span: Span
    index: int
    is_title: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A "<Governorate> Province:" header and the text it governs (up to the next header)."""

    name: str
    header: Span
    extent: Span


def unstar(text: str) -> tuple[str, list[int] | None]:
    """Remove SOHR's in-word asterisks; return the text and a map (clean offset -> original).

    The map is ``None`` when the text has none (the common case), meaning offsets are unchanged.
    """
    if "*" not in text or not _STAR.search(text):
        return text, None
    keep: list[int] = []
    out: list[str] = []
    last = 0
    for m in _STAR.finditer(text):
        out.append(text[last : m.start()])
        keep.extend(range(last, m.start()))
        last = m.end()
    out.append(text[last:])
    keep.extend(range(last, len(text)))
    keep.append(len(text))
    return "".join(out), keep


def split_sentences(text: str, *, chrome: re.Pattern[str] | None = None) -> list[Sentence]:
    """Split ``text`` into sentences: the first non-empty line is the headline.

    Lines that ``chrome`` matches in full (site name, "Latest News") are skipped.
    """
    sentences: list[Sentence] = []
    first = True
    for line in _LINE.finditer(text):
        start, end = _strip(text, line.start(), line.end())
        if start >= end or (chrome is not None and chrome.fullmatch(text, start, end)):
            continue
        if first:
            first = False
            parts = _split_line(text, start, end) if end - start > _ONE_LINE_REPORT else []
            if len(parts) > 1:
                sentences.append(Sentence(Span(*parts[0]), 0, is_title=True))
                sentences.extend(Sentence(Span(s, e), i) for i, (s, e) in enumerate(parts[1:], 1))
                continue
            sentences.append(Sentence(Span(start, end), 0, is_title=True))
            continue
        for s, e in _split_line(text, start, end):
            sentences.append(Sentence(Span(s, e), len(sentences)))
    return sentences


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _ABBREV.search(text, max(cur, m.start() - 6), m.start()):
            continue
        s, e = _strip(text, cur, m.start())
        if s < e:
            parts.append((s, e))
        cur = m.end()
    s, e = _strip(text, cur, end)
    if s < e:
        parts.append((s, e))
    return parts


def find_sections(text: str) -> list[Section]:
    """ "Aleppo Province:"-style headers, each governing the text up to the next header."""
    heads = [
        (m.group("name").strip(), Span(m.start("name"), m.end())) for m in _HEADER.finditer(text)
    ]
    sections: list[Section] = []
    for i, (name, span) in enumerate(heads):
        end = heads[i + 1][1].start if i + 1 < len(heads) else len(text)
        sections.append(Section(name, span, Span(span.start, end)))
    return sections


def section_at(sections: Sequence[Section], offset: int) -> Section | None:
    """The section governing ``offset``, if any."""
    for section in reversed(sections):
        if section.extent.start <= offset:
            return section if offset < section.extent.end else None
    return None
