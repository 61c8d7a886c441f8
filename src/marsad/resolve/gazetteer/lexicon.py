"""The words read around place names: ``data/places_lexicon.yaml``, loaded and checked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from marsad.datafile import SafeLoader
from marsad.errors import DataFileError
from marsad.resolve.names import name_keys


@dataclass(frozen=True, slots=True)
class PlaceLexicon:
    """The words read around place names (``data/places_lexicon.yaml``).

    ``stopkeys``: keys of all stop words;
    ``stopwords``: the words themselves, never matched as written; ``generic_keys``: keys of
    generic geographic words ("Deir", "Tal"), never indexed on their own; ``english``: common
    English words (a name of several words may not begin with one: "On June"); ``person_keys``
    and ``organisation_keys``: folded words that make a following (preceding) name a person's
    (a faction's); ``cues``: lower-case phrases by role (``near_before``, ``city_after`` ...),
    and, derived from them, ``cue_ending``/``cue_end_roles`` and
    ``cue_starting``/``cue_start_roles``, to find every role a window's end or start plays
    with one regex match.
    """

    stopkeys: frozenset[str]
    stopwords: frozenset[str]
    generic_keys: frozenset[str]
    english: frozenset[str]
    person_keys: frozenset[str]
    organisation_keys: frozenset[str]
    cues: Mapping[str, tuple[str, ...]]
    cue_ending: re.Pattern[str] = field(init=False, repr=False, compare=False)
    """Matches a window spelled backwards where the longest cue phrase that ends the window as
    whole words does (its match: that phrase spelled backwards)."""
    cue_end_roles: Mapping[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    """Each phrase spelled backwards -> the roles of every phrase that ends it as whole words
    (itself included): the roles of every phrase ending a window that it ends."""
    cue_starting: re.Pattern[str] = field(init=False, repr=False, compare=False)
    """Matches a window where the longest cue phrase that starts it as whole words does."""
    cue_start_roles: Mapping[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    """Each phrase -> the roles of every phrase that starts it as whole words."""

    def __post_init__(self) -> None:
        roles: dict[str, set[str]] = {}
        for role, phrases in self.cues.items():
            for phrase in phrases:
                roles.setdefault(phrase, set()).add(role)
        longest = sorted(roles, key=lambda p: (-len(p), p))
        # a phrase inside another ends (starts) it as whole words where no letter or digit
        # stands right before (after) it there
        ends = {p[::-1]: frozenset(r for q in longest if p.endswith(q) and (
            len(q) == len(p) or not p[-len(q) - 1].isalnum()) for r in roles[q])
            for p in longest}
        starts = {p: frozenset(r for q in longest if p.startswith(q) and (
            len(q) == len(p) or not p[len(q)].isalnum()) for r in roles[q]) for p in longest}
        object.__setattr__(self, "cue_ending", _longest_first([p[::-1] for p in longest]))
        object.__setattr__(self, "cue_end_roles", ends)
        object.__setattr__(self, "cue_starting", _longest_first(longest))
        object.__setattr__(self, "cue_start_roles", starts)


def _longest_first(phrases: list[str]) -> re.Pattern[str]:
    """The first of ``phrases`` (longest first) that starts a string, followed by no letter or
    digit."""
    if not phrases:
        return re.compile(r"(?!)")
    return re.compile("(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![^\W_])")


_CUE_ROLES = (
    "near_before", "near_after", "governorate_before", "governorate_after", "direction_before",
    "city_before", "city_after", "neighbourhood_before", "neighbourhood_after", "within_after",
    "countryside_before", "countryside_after", "feature_before", "facility_before",
)


def default_lexicon_path() -> Path:
    """The place lexicon shipped inside the package."""
    return Path(str(resources.files("marsad") / "data" / "places_lexicon.yaml"))


@lru_cache(maxsize=4)
def load_place_lexicon(path: Path | None = None) -> PlaceLexicon:
    """Read and check the place lexicon (default: the shipped one)."""
    target = path or default_lexicon_path()
    where = str(target)
    try:
        raw = yaml.load(target.read_text(encoding="utf-8"), Loader=SafeLoader)
    except OSError as exc:
        raise DataFileError(where, f"cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(where, f"invalid YAML: {exc}", line=line) from exc
    if not isinstance(raw, dict):
        raise DataFileError(where, "expected a mapping at the top level")

    def words(value: object, what: str) -> list[str]:
        if not isinstance(value, list):
            raise DataFileError(where, f"{what}: expected a list of words")
        for w in value:
            if isinstance(w, bool):
                raise DataFileError(where, f"{what}: {w!r} read as a boolean; quote it ('on')")
            if not isinstance(w, str | int):
                raise DataFileError(where, f"{what}: expected a list of words, got {w!r}")
        return [str(w) for w in value]

    stop_groups = raw.get("stopwords")
    if not isinstance(stop_groups, dict):
        raise DataFileError(where, "stopwords: expected a mapping of lists")
    stopkeys: set[str] = set()
    stopwords: set[str] = set()
    for group, values in stop_groups.items():
        for word in words(values, f"stopwords.{group}"):
            stopwords.add(word.lower())
            stopkeys.update(name_keys(word))
    cues_raw = raw.get("cues")
    if not isinstance(cues_raw, dict):
        raise DataFileError(where, "cues: expected a mapping of lists")
    unknown = set(cues_raw) - set(_CUE_ROLES)
    if unknown:
        raise DataFileError(where, f"cues: unknown role(s) {sorted(unknown)}; known: {_CUE_ROLES}")
    cues = {
        role: tuple(sorted({w.lower() for w in words(cues_raw.get(role, []), f"cues.{role}")},
                           key=lambda w: (-len(w), w)))
        for role in _CUE_ROLES
    }

    def keyset(field: str) -> frozenset[str]:
        return frozenset(k for w in words(raw.get(field, []), field) for k in name_keys(w))

    generic = frozenset(k for w in words(stop_groups.get("generic_geo", []), "generic_geo")
                        for k in name_keys(w))
    english = frozenset(w.lower() for w in words(stop_groups.get("english", []), "english"))
    return PlaceLexicon(frozenset(stopkeys), frozenset(stopwords), generic, english,
                        keyset("person_words"),
                        keyset("organisation_words"), cues)
