"""The linking rules (distances, windows, situation kind families, lifting cues), from a data file.

>>> rules = load_link_rules()
>>> rules.radius(1, 2)
10.0
>>> rules.family("blockade") == rules.family("siege")
True
>>> rules.lifts("Asayish forces lifted the siege on the security zone.")
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.datafile import parse_yaml, read_text
from marsad.errors import DataFileError

__all__ = ["DEFAULT_PATH", "LinkRules", "load_link_rules", "registry_related"]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "link_cues.yaml"

_KEYS = frozenset({
    "radius_km", "max_span_days", "background_window_days", "situation_gap_days",
    "unknown_after_days", "start_tolerance_days", "kind_families", "lifting_cues",
    "lifting_blockers",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class LinkRules:
    """Thresholds and cue words for deduplication and situation linking."""

    radius_km: Mapping[int, float]
    max_span_days: int = 31
    background_window_days: int = 14
    situation_gap_days: int = 60
    unknown_after_days: int = 30
    start_tolerance_days: int = 1
    kind_families: tuple[frozenset[str], ...] = ()
    lifting_cues: tuple[str, ...] = ()
    lifting_blockers: tuple[str, ...] = ()

    def radius(self, precision_a: int | None, precision_b: int | None) -> float:
        """Kilometres within which two places with these geo-precisions are one place."""
        default = max(self.radius_km.values(), default=0.0)
        return max(
            self.radius_km.get(p, default) if p is not None else default
            for p in (precision_a, precision_b)
        )

    def family(self, kind: str) -> str:
        """The family a situation kind belongs to (its first member; the kind itself if none)."""
        kind = kind.strip().lower()
        for members in self.kind_families:
            if kind in members:
                return min(members)
        return kind

    def kind_named(self, sentence: str, *, default: str = "siege") -> str:
        """The first situation kind a sentence names ("... ending the blockade" -> blockade)."""
        kinds = sorted({k for members in self.kind_families for k in members})
        lowered = sentence.lower()
        found = [(lowered.find(k), k) for k in kinds if re.search(rf"\b{re.escape(k)}", lowered)]
        return min(found)[1] if found else default

    def lifts(self, sentence: str) -> bool:
        """Whether ``sentence`` says a situation ended (one of :attr:`lifting_cues`)."""
        lowered = sentence.lower()
        blockers = _cue_pattern(self.lifting_blockers, prefix=True)
        return any(
            blockers.search(lowered[max(0, m.start() - 40) : m.start()]) is None
            for m in _cue_pattern(self.lifting_cues).finditer(lowered)
        )


@functools.lru_cache(maxsize=8)
def _cue_pattern(cues: tuple[str, ...], *, prefix: bool = False) -> re.Pattern[str]:
    """Any of ``cues`` as whole words (``prefix``: a cue may start a longer word)."""
    if not cues:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    end = "" if prefix else r"(?!\w)"
    return re.compile(rf"(?<!\w)(?:{alternatives}){end}")


def _line(doc: Mapping[str, Any], key: str, text: str) -> int | None:
    for n, raw in enumerate(text.splitlines(), 1):
        if raw.startswith(f"{key}:"):
            return n
    return doc.get("__line__")


def _int(doc: Mapping[str, Any], key: str, path: str, text: str, default: int) -> int:
    value = doc.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DataFileError(path, f"'{key}' must be a non-negative integer",
                            line=_line(doc, key, text))
    return value


def _parse(doc: Any, path: str, text: str) -> LinkRules:
    if not isinstance(doc, Mapping):
        raise DataFileError(path, "expected a mapping of linking rules", line=1)
    unknown = set(doc) - _KEYS - {"__line__"}
    if unknown:
        raise DataFileError(path, f"unknown key(s): {', '.join(sorted(map(str, unknown)))}",
                            line=_line(doc, str(sorted(map(str, unknown))[0]), text))
    radius = doc.get("radius_km")
    if not isinstance(radius, Mapping) or not radius:
        raise DataFileError(path, "'radius_km' must map geo-precisions to kilometres",
                            line=_line(doc, "radius_km", text))
    radii: dict[int, float] = {}
    for key, value in radius.items():
        if key == "__line__":
            continue
        if not isinstance(key, int) or not isinstance(value, int | float) or value < 0:
            raise DataFileError(path, f"radius_km: {key!r}: {value!r} is not a distance",
                                line=_line(doc, "radius_km", text))
        radii[key] = float(value)
    families = doc.get("kind_families") or []
    if not isinstance(families, list) or not all(
        isinstance(f, list) and f and all(isinstance(k, str) and k.strip() for k in f)
        for f in families
    ):
        raise DataFileError(path, "'kind_families' must be a list of lists of kinds",
                            line=_line(doc, "kind_families", text))
    cues, blockers = (_words(doc, key, path, text) for key in ("lifting_cues", "lifting_blockers"))
    return LinkRules(
        radius_km=radii,
        max_span_days=_int(doc, "max_span_days", path, text, 31),
        background_window_days=_int(doc, "background_window_days", path, text, 14),
        situation_gap_days=_int(doc, "situation_gap_days", path, text, 60),
        unknown_after_days=_int(doc, "unknown_after_days", path, text, 30),
        start_tolerance_days=_int(doc, "start_tolerance_days", path, text, 1),
        kind_families=tuple(frozenset(k.strip().lower() for k in f) for f in families),
        lifting_cues=cues,
        lifting_blockers=blockers,
    )


def _words(doc: Mapping[str, Any], key: str, path: str, text: str) -> tuple[str, ...]:
    cues = doc.get(key) or []
    if not isinstance(cues, list) or not all(isinstance(c, str) and c.strip() for c in cues):
        raise DataFileError(path, f"'{key}' must be a list of non-empty strings",
                            line=_line(doc, key, text))
    return tuple(dict.fromkeys(" ".join(c.lower().split()) for c in cues))


@functools.lru_cache(maxsize=4)
def _load_cached(path: Path) -> LinkRules:
    text = read_text(path)
    return _parse(parse_yaml(text, path), str(path), text)


def load_link_rules(path: Path | None = None) -> LinkRules:
    """Read and check ``data/link_cues.yaml`` (or ``path``); cached per path.

    Raises :class:`marsad.errors.DataFileError` naming the file and line when it is invalid.
    """
    return _load_cached(Path(path) if path is not None else DEFAULT_PATH)


def registry_related() -> Callable[[str, str], bool]:
    """Actor relatedness from the shipped registry; ids it does not know relate to themselves."""
    from marsad.resolve.actors import UnknownActorError, load_actors

    registry = load_actors()

    @functools.lru_cache(maxsize=4096)
    def related(a: str, b: str) -> bool:
        if a == b:
            return True
        try:
            return registry.related(a, b)
        except UnknownActorError:
            return False

    return related
