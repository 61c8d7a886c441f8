"""Fatality and injury counts in figures and words, with ranges as low/best/high.

"two members were killed", "killing five civilians", "the death toll rose to 7", "at least 3",
"between 5 and 7 killed" (low 5, best 5: ACLED's conservative figure, high 7).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.extract.lexicon import Lexicon
from marsad.model import Span

__all__ = ["CountMention", "find_counts"]


@dataclass(frozen=True, slots=True)
class CountMention:
    """A number of people killed (``kind="killed"``) or injured (``kind="injured"``)."""

    span: Span
    kind: str
    low: int
    best: int
    high: int
    update: bool = False  # "the death toll rose to": supersedes earlier figures


@functools.lru_cache(maxsize=8)
def _patterns(lexicon: Lexicon) -> tuple[tuple[str, re.Pattern[str]], ...]:
    words = "|".join(sorted((re.escape(k) for k in lexicon.numbers), key=len, reverse=True))
    num = rf"(?:\d{{1,4}}|{words})"
    qual = (
        r"(?:(?:at least|more than|over|about|around|nearly|almost|approximately|some|up to)\s+)?"
    )
    rng = rf"(?:between\s+)?{qual}(?P<n>{num})(?:\s*(?:-|–|to|and|or)\s*(?P<n2>{num}))?"
    adj = r"(?:[\w’'-]+\s+){0,3}?"
    people = rf"(?:{lexicon.people})"
    incl = r"(?:,?\s*(?:including|among them|most of them|of whom)[^,.;]{0,60},?)?"
    aux = r"(?:\s+(?:were|was|have been|has been|had been|are|is|got))?"
    out: list[tuple[str, re.Pattern[str]]] = []
    acts = {"killed": r"killing|killed|kil\*?led", "injured": r"wounding|injuring|injured|wounded"}
    for kind, verb in (("killed", lexicon.killed), ("injured", lexicon.injured)):
        out.append(
            (
                kind,
                re.compile(rf"\b{rng}\s+{adj}{people}{incl}{aux}\s+(?:\w+\s+)?(?:{verb})\b", re.I),
            )
        )
        out.append(
            (
                kind,
                re.compile(
                    rf"\b(?:{verb}|{acts[kind]})\s+{rng}\s+{adj}{people}\b",
                    re.I,
                ),
            )
        )
        out.append((kind, re.compile(rf"\b{rng}\s+(?:{verb})\b", re.I)))
    out.append(
        (
            "killed",
            re.compile(
                rf"\b(?:death toll|number of (?:people |those )?(?:killed|dead|fatalities|victims))"
                rf"[^.;]{{0,40}}?\b(?:to|reached|hit|at)\s+{rng}\b",
                re.I,
            ),
        )
    )
    return tuple(out)


def find_counts(
    text: str, lexicon: Lexicon, *, start: int = 0, end: int | None = None
) -> list[CountMention]:
    """Killed/injured counts in ``text[start:end]``, non-overlapping, in text order."""
    end = len(text) if end is None else end
    found: list[CountMention] = []
    for kind, rx in _patterns(lexicon):
        for m in rx.finditer(text, start, end):
            if any(c.span.start < m.end() and m.start() < c.span.end for c in found):
                continue
            low = _value(m.group("n"), lexicon)
            if low is None or _is_article_noise(m):
                continue
            high = _value(m.group("n2"), lexicon) if m.group("n2") else low
            high = max(low, high or low)
            update = bool(lexicon.update.search(m.group(0)))
            found.append(CountMention(Span(m.start(), m.end()), kind, low, low, high, update))
    found.sort(key=lambda c: c.span.start)
    return found


def _value(token: str | None, lexicon: Lexicon) -> int | None:
    if token is None:
        return None
    token = token.lower()
    return int(token) if token.isdigit() else lexicon.numbers.get(token)


def _is_article_noise(m: re.Match[str]) -> bool:
    """ "a number of people", "an hour": the article is not a count of one."""
    follow = m.string[m.end("n") : m.end("n") + 12].lower()
    return m.group("n").lower() in {"a", "an"} and follow.lstrip().startswith(
        ("number", "few", "group")
    )
