"""The event lexicon: ``data/event_lexicon.yaml`` loaded into compiled, typed rules.

Every domain word the extractor knows (triggers, cue phrases, number words, month names) lives in
that YAML file; this module only checks and compiles it.  Errors name the file and line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from marsad.datafile import SafeLoader
from marsad.errors import DataFileError
from marsad.extraction.wordscan import WordScanner, word_scanner
from marsad.vocab import EVENT_TYPES

__all__ = [
    "ACLED_EVENT_TYPES",
    "Lexicon",
    "TriggerRule",
    "default_lexicon_path",
    "fold_pattern",
    "load_lexicon",
    "lowered",
    "words_regex",
]

ACLED_EVENT_TYPES = EVENT_TYPES  # the taxonomy's six, in codebook order
_SITUATION_KINDS = frozenset({"siege", "blockade", "curfew"})


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One trigger entry of the lexicon (see the YAML file's header for each field)."""

    id: str
    event_type: str
    sub_event_type: str
    strength: int = 2
    instrument: bool = False
    situation: str | None = None
    state_sub_event_type: str | None = None
    civilian_target: tuple[str, str] | None = None
    armed_target: tuple[str, str] | None = None
    default_actor1: str | None = None
    default_actor2: str | None = None
    actor2: bool = True
    actor1_inter: frozenset[int] = frozenset()
    implied_deaths: int = 0
    agent_only: bool = False
    movement: bool = False
    line: int = 0


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Compiled lexicon; ``trigger_regex`` has a named group ``t<i>`` per rule ``triggers[i]``.

    Its patterns are case-folded: match them against :func:`lowered` text.
    """

    path: str
    triggers: tuple[TriggerRule, ...]
    trigger_regex: re.Pattern[str]
    trigger_scanner: WordScanner  # ``trigger_regex``'s matches, found faster
    instruments: tuple[tuple[str, re.Pattern[str]], ...]
    air_forces: frozenset[str]
    civilian_victims: re.Pattern[str]
    background: re.Pattern[str]
    background_lead: re.Pattern[str]  # matched at a sentence's first word only
    statistics: re.Pattern[str]
    not_events: re.Pattern[str]
    negation_before: re.Pattern[str]
    negation_after: re.Pattern[str]
    negation_window: int
    hypothetical_before: re.Pattern[str]
    hypothetical_window: int
    ongoing_despite: re.Pattern[str]
    attribution: tuple[str, ...]
    attribution_regex: re.Pattern[str]  # group a<i> matches label attribution[i]
    two_sides: re.Pattern[str]
    last_actor: re.Pattern[str]
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    relative_days: Mapping[str, int]
    durations: re.Pattern[str]  # one group n<i> per duration pattern: the day count
    # "imposed a curfew for two days": a bare "for N days" after these is a planned length ...
    planned_length: re.Pattern[str]
    # ... unless the state is said to go on ("has been", "continue")
    still_going: re.Pattern[str]
    ordinals: Mapping[str, int]
    numbers: Mapping[str, int]
    people: str
    killed: str
    injured: str
    killed_ar: tuple[str, str]  # Arabic toll words: before a figure, after a figure
    injured_ar: tuple[str, str]
    update: re.Pattern[str]
    summary: Mapping[str, Any]
    chrome: re.Pattern[str]

    def rule_for(self, match: re.Match[str]) -> TriggerRule:
        """The rule whose pattern produced ``match`` (a match of :attr:`trigger_regex`)."""
        group = match.lastgroup
        assert group is not None
        return self.triggers[int(group[1:])]


def default_lexicon_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "event_lexicon.yaml"


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Load and compile the lexicon (the shipped one by default; cached per path)."""
    return _load(str(path or default_lexicon_path()))


@functools.lru_cache(maxsize=8)
def _load(path: str) -> Lexicon:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        root = yaml.compose(text, Loader=SafeLoader)
        data = yaml.load(text, Loader=SafeLoader)
    except OSError as exc:
        raise DataFileError(path, f"cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(
            path, f"invalid YAML: {exc}", line=mark.line + 1 if mark else None
        ) from exc
    if not isinstance(data, dict) or root is None:
        raise DataFileError(path, "expected a mapping at the top level", line=1)
    lines = _line_index(root)
    return _build(path, data, lines)


def _line_index(root: yaml.Node) -> dict[str, int]:
    """Line (1-based) of each top-level key and of each trigger entry (``triggers.<i>``)."""
    out: dict[str, int] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            out[str(key.value)] = key.start_mark.line + 1
            if key.value == "triggers" and isinstance(value, yaml.SequenceNode):
                for i, item in enumerate(value.value):
                    out[f"triggers.{i}"] = item.start_mark.line + 1
    return out


@functools.lru_cache(maxsize=32)
def lowered(text: str) -> str:
    """``text`` in lower case with the same length, for the lexicon's case-folded patterns.

    Matching lower-cased text with lower-cased patterns is several times faster than
    ``re.IGNORECASE``; offsets stay valid because the length is kept.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def fold_pattern(pattern: str) -> str:
    """Lower-case a pattern's literal letters, leaving escapes (``\\W``) and group names alone."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
        elif pattern.startswith("(?P<", i):
            j = pattern.index(">", i)
            out.append(pattern[i : j + 1])
            i = j + 1
        else:
            out.append(ch.lower())
            i += 1
    return "".join(out)


def words_regex(body: str) -> re.Pattern[str]:
    """Compile ``body`` (an alternation) for lower-cased text, on word boundaries.

    The leading look-ahead lets the regex engine skip non-word positions quickly.
    """
    return re.compile(r"(?=\w)\b(?:" + fold_pattern(body) + r")\b")


def _compile(path: str, patterns: Any, *, line: int | None, what: str) -> re.Pattern[str]:
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list) or not patterns:
        raise DataFileError(path, f"{what}: expected a non-empty list of patterns", line=line)
    try:
        return words_regex("|".join(f"(?:{p})" for p in patterns))
    except re.error as exc:
        raise DataFileError(path, f"{what}: bad pattern: {exc}", line=line) from exc


def _alternation(items: Any) -> str:
    return "|".join(f"(?:{p})" for p in items)


def _retype(path: str, value: Any, line: int) -> tuple[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("event_type") not in ACLED_EVENT_TYPES:
        raise DataFileError(
            path, "expected {event_type, sub_event_type} with an ACLED type", line=line
        )
    return str(value["event_type"]), str(value["sub_event_type"])


def _build_trigger(path: str, i: int, entry: Any, line: int) -> tuple[TriggerRule, str]:
    if not isinstance(entry, dict):
        raise DataFileError(path, "trigger entry must be a mapping", line=line)
    for key in ("id", "event_type", "sub_event_type", "patterns"):
        if key not in entry:
            raise DataFileError(path, f"trigger is missing '{key}'", line=line)
    if entry["event_type"] not in ACLED_EVENT_TYPES:
        raise DataFileError(path, f"unknown event_type {entry['event_type']!r}", line=line)
    situation = entry.get("situation")
    if situation is not None and situation not in _SITUATION_KINDS:
        raise DataFileError(path, f"unknown situation {situation!r}", line=line)
    civilian_target = _retype(path, entry.get("civilian_target"), line)
    armed_target = _retype(path, entry.get("armed_target"), line)
    patterns = entry["patterns"]
    _compile(path, patterns, line=line, what=f"trigger {entry['id']}")
    rule = TriggerRule(
        id=str(entry["id"]),
        event_type=str(entry["event_type"]),
        sub_event_type=str(entry["sub_event_type"]),
        strength=int(entry.get("strength", 2)),
        instrument=bool(entry.get("instrument", False)),
        situation=situation,
        state_sub_event_type=entry.get("state_sub_event_type"),
        civilian_target=civilian_target,
        armed_target=armed_target,
        default_actor1=entry.get("default_actor1"),
        default_actor2=entry.get("default_actor2"),
        actor2=bool(entry.get("actor2", True)),
        actor1_inter=frozenset(int(i) for i in entry.get("actor1_inter", ())),
        implied_deaths=int(entry.get("implied_deaths", 0)),
        agent_only=bool(entry.get("agent_only", False)),
        movement=bool(entry.get("movement", False)),
        line=line,
    )
    return rule, f"(?P<t{i}>{_alternation(patterns)})"


_NEVER = re.compile(r"(?!)")


def _arabic_tolls(fat: dict[str, Any], kind: str) -> tuple[str, str]:
    """(words before a figure, words after it) for Arabic tolls ("مقتل 15", "15 قتيلا")."""
    section = fat.get("arabic", {}).get(kind, {})
    before, after = section.get("before", []), section.get("after", [])
    return (_alternation(before) if before else "(?!)", _alternation(after) if after else "(?!)")


def _optional(
    comp: Callable[[str, Any], re.Pattern[str]], key: str, data: dict[str, Any]
) -> re.Pattern[str]:
    """An optional section's patterns, or a regex that never matches when it is absent."""
    return comp(key, data[key]) if data.get(key) else _NEVER


_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


def _by_script(groups: list[str]) -> re.Pattern[str]:
    """One regex for all trigger groups, split by script: at a word's first letter only the
    rules of its script (Latin or Arabic) are tried, in file order."""
    arabic = [g for g in groups if _ARABIC_LETTER.search(g)]
    latin = [g for g in groups if not _ARABIC_LETTER.search(g)]
    parts = []
    if latin:
        parts.append(r"(?=[^\u0600-\u06ff])(?:" + "|".join(latin) + ")")
    if arabic:
        parts.append(r"(?=[\u0600-\u06ff])(?:" + "|".join(arabic) + ")")
    return words_regex("|".join(parts))


def _scanner(whole: re.Pattern[str], rules: list[tuple[str, list[str]]]) -> WordScanner:
    """``whole`` (:func:`_by_script`'s regex over ``rules``' groups) as a
    :class:`WordScanner`."""
    folded = [(name, [fold_pattern(p) for p in patterns]) for name, patterns in rules]
    arabic = [any(_ARABIC_LETTER.search(p) for p in patterns) for _, patterns in folded]
    ordered = [r for r, a in zip(folded, arabic, strict=True) if not a]
    ordered += [r for r, a in zip(folded, arabic, strict=True) if a]
    allow = [_not_arabic] * arabic.count(False) + [_is_arabic] * arabic.count(True)
    return word_scanner(whole, ordered, suffix=r"\b", allow=allow)


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def _not_arabic(ch: str) -> bool:
    return not _is_arabic(ch)


def _build(path: str, data: dict[str, Any], lines: dict[str, int]) -> Lexicon:
    def need(key: str) -> Any:
        if key not in data:
            raise DataFileError(path, f"missing top-level key '{key}'", line=1)
        return data[key]

    rules: list[TriggerRule] = []
    groups: list[str] = []
    alternatives: list[tuple[str, list[str]]] = []  # each group's name and patterns
    for i, entry in enumerate(need("triggers")):
        rule, group = _build_trigger(path, i, entry, lines.get(f"triggers.{i}", 0))
        if any(r.id == rule.id for r in rules):
            raise DataFileError(path, f"duplicate trigger id {rule.id!r}", line=rule.line)
        rules.append(rule)
        groups.append(group)
        alternatives.append((f"t{i}", [str(p) for p in entry["patterns"]]))
    trigger_regex = _by_script(groups)

    def comp(key: str, value: Any) -> re.Pattern[str]:
        return _compile(path, value, line=lines.get(key.split(".")[0]), what=key)

    neg, hyp, cor, dates, fat = (
        need("negation"),
        need("hypothetical"),
        need("coreference"),
        need("dates"),
        need("fatalities"),
    )
    ordinals = {str(k).lower(): int(v) for k, v in dates["ordinals"].items()}
    numbers = {str(k).lower(): int(v) for k, v in need("numbers").items()}
    ord_alt = r"\d{1,3}(?:st|nd|rd|th)|" + "|".join(sorted(ordinals, key=len, reverse=True))
    num_alt = r"\d{1,3}|" + "|".join(sorted(numbers, key=len, reverse=True))
    durations = comp(
        "dates",
        [
            p.replace("{ord}", ord_alt).replace("{num}", num_alt).replace("?P<n>", f"?P<n{i}>")
            for i, p in enumerate(dates["durations"])
        ],
    )
    return Lexicon(
        path=path,
        triggers=tuple(rules),
        trigger_regex=trigger_regex,
        trigger_scanner=_scanner(trigger_regex, alternatives),
        instruments=tuple((str(k), comp("instruments", v)) for k, v in need("instruments").items()),
        air_forces=frozenset(str(a) for a in data.get("air_forces", [])),
        civilian_victims=comp("civilian_victims", need("civilian_victims")),
        background=comp("background", need("background")),
        background_lead=_optional(comp, "background_lead", data),
        statistics=comp("statistics", need("statistics")),
        not_events=_optional(comp, "not_events", data),
        negation_before=words_regex(_alternation(neg["before"])),
        negation_after=re.compile(
            r"\W*(?:[\w’'-]+\W+){0,5}?(?:" + fold_pattern(_alternation(neg["after"])) + r")\b"
        ),
        negation_window=int(neg.get("window", 4)),
        hypothetical_before=words_regex(_alternation(hyp["before"])),
        hypothetical_window=int(hyp.get("window", 6)),
        ongoing_despite=comp("ongoing_despite", need("ongoing_despite")),
        attribution=tuple(str(a["label"]) for a in need("attribution")),
        attribution_regex=comp(
            "attribution",
            [f"(?P<a{i}>{_alternation(a['patterns'])})" for i, a in enumerate(need("attribution"))],
        ),
        two_sides=comp("coreference", cor["two_sides"]),
        last_actor=comp("coreference", cor["last_actor"]),
        months={str(k).lower(): int(v) for k, v in dates["months"].items()},
        weekdays={str(k).lower(): int(v) for k, v in dates["weekdays"].items()},
        relative_days={str(k).lower(): int(v) for k, v in dates["relative_days"].items()},
        durations=durations,
        planned_length=comp("dates", dates["planned_length"]),
        still_going=comp("dates", dates["still_going"]),
        ordinals=ordinals,
        numbers=numbers,
        people=_alternation(fat["people"]),
        killed=_alternation(fat["killed"]),
        injured=_alternation(fat["injured"]),
        killed_ar=_arabic_tolls(fat, "killed"),
        injured_ar=_arabic_tolls(fat, "injured"),
        update=comp("fatalities", fat["update"]),
        summary=need("summary"),
        chrome=re.compile(r"\W*(?:" + _alternation(need("chrome")) + r")\W*", re.I),
    )
