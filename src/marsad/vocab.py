"""ACLED's event types and sub-event types, with their PLOVER and CAMEO crosswalk.

The vocabulary lives in ``data/acled_taxonomy.yaml``; :func:`load_taxonomy` reads and checks
it (errors name the file and line) and returns a :class:`Taxonomy`:

>>> tax = load_taxonomy()
>>> tax.event_types()[0]
'Battles'
>>> tax.sub_event("Air/drone strike").event_type
'Explosions/Remote violence'
>>> tax.situation("siege").sub_event_type
'Other'
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.datafile import read_yaml
from marsad.errors import DataFileError, MarsadError
from marsad.model import Plover

__all__ = [
    "EVENT_TYPES",
    "SituationKind",
    "SubEventType",
    "Taxonomy",
    "UnknownTermError",
    "load_taxonomy",
]

DEFAULT_PATH = Path(__file__).parent / "data" / "acled_taxonomy.yaml"

#: ACLED's six event types, in codebook order.  The data file must list exactly these.
EVENT_TYPES: tuple[str, ...] = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)

_SUB_EVENT_COUNT = 25


class UnknownTermError(MarsadError, KeyError):
    """An event type, sub-event type or situation kind that the taxonomy does not define."""

    def __init__(self, what: str, name: str, known: tuple[str, ...]) -> None:
        self.what = what
        self.name = name
        self.message = f"unknown {what} {name!r}; expected one of: {', '.join(known)}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class SubEventType:
    """One of ACLED's 25 sub-event types and its crosswalk."""

    event_type: str
    name: str
    plover: Plover
    cameo: str  # CAMEO root code, two digits ("19")
    description: str
    cameo_code: str = ""  # the closest detailed CAMEO code ("195")


@dataclass(frozen=True, slots=True)
class SituationKind:
    """An ongoing state (siege, blockade, curfew) and the sub-event it is coded under."""

    kind: str
    event_type: str
    sub_event_type: str
    plover: Plover
    cameo: str
    cameo_code: str
    description: str


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The checked vocabulary.  Build it with :func:`load_taxonomy`."""

    types: tuple[str, ...]
    subs: tuple[SubEventType, ...]
    situations: tuple[SituationKind, ...] = ()
    type_descriptions: Mapping[str, str] | None = field(default=None, hash=False, compare=False)

    def event_types(self) -> tuple[str, ...]:
        """ACLED's six event types, exact names, in codebook order."""
        return self.types

    def sub_event(self, name: str) -> SubEventType:
        """The sub-event type called ``name`` (exact ACLED name), else :class:`UnknownTermError`."""
        for sub in self.subs:
            if sub.name == name:
                return sub
        raise UnknownTermError("sub-event type", name, tuple(s.name for s in self.subs))

    def sub_events(self, event_type: str | None = None) -> tuple[SubEventType, ...]:
        """The sub-event types of ``event_type`` (all 25 when it is None)."""
        if event_type is None:
            return self.subs
        if event_type not in self.types:
            raise UnknownTermError("event type", event_type, self.types)
        return tuple(s for s in self.subs if s.event_type == event_type)

    def is_valid(self, event_type: str, sub_event_type: str) -> bool:
        """Whether ``sub_event_type`` is one of ``event_type``'s sub-event types."""
        return any(s.event_type == event_type and s.name == sub_event_type for s in self.subs)

    def event_type_of(self, sub_event_type: str) -> str:
        """The event type a sub-event type belongs to (sub-event names are unique)."""
        return self.sub_event(sub_event_type).event_type

    def situation_kinds(self) -> tuple[str, ...]:
        return tuple(s.kind for s in self.situations)

    def situation(self, kind: str) -> SituationKind:
        """How an ongoing state of ``kind`` (siege, blockade, curfew) is coded."""
        for sit in self.situations:
            if sit.kind == kind:
                return sit
        raise UnknownTermError("situation kind", kind, self.situation_kinds())

    def describe(self, event_type: str) -> str:
        """The event type's definition, in our words."""
        if event_type not in self.types:
            raise UnknownTermError("event type", event_type, self.types)
        return (self.type_descriptions or {}).get(event_type, "")


def _str(entry: Mapping[str, Any], key: str, where: tuple[str, int], *, empty: bool = False) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise DataFileError(where[0], f"'{key}' must be a non-empty string", line=where[1])
    return value.strip()


def _plover(entry: Mapping[str, Any], where: tuple[str, int]) -> Plover:
    raw = entry.get("plover")
    if not isinstance(raw, Mapping) or not isinstance(raw.get("event_type"), str):
        raise DataFileError(where[0], "'plover' needs an event_type", line=where[1])
    mode = raw.get("mode")
    if mode is not None and not isinstance(mode, str):
        raise DataFileError(where[0], "'plover.mode' must be a string or null", line=where[1])
    return Plover(event_type=raw["event_type"], mode=mode)


def _cameo(entry: Mapping[str, Any], where: tuple[str, int]) -> tuple[str, str]:
    root = _str(entry, "cameo", where)
    code = _str(entry, "cameo_code", where)
    if not (root.isdigit() and len(root) == 2 and code.isdigit() and code.startswith(root)):
        raise DataFileError(
            where[0], f"CAMEO root {root!r} must be 2 digits that begin {code!r}", line=where[1]
        )
    return root, code


def _parse(doc: Any, path: str) -> Taxonomy:
    if not isinstance(doc, Mapping) or not isinstance(doc.get("event_types"), list):
        raise DataFileError(path, "expected a mapping with an 'event_types' list", line=1)
    types: list[str] = []
    descriptions: dict[str, str] = {}
    subs: list[SubEventType] = []
    for entry in doc["event_types"]:
        if not isinstance(entry, Mapping):
            raise DataFileError(path, "each event type must be a mapping")
        where = (path, int(entry.get("__line__", 0)))
        name = _str(entry, "name", where)
        if name in types:
            raise DataFileError(path, f"event type {name!r} listed twice", line=where[1])
        types.append(name)
        descriptions[name] = _str(entry, "description", where)
        raw_subs = entry.get("sub_events")
        if not isinstance(raw_subs, list) or not raw_subs:
            raise DataFileError(path, f"{name!r} needs a 'sub_events' list", line=where[1])
        for sub in raw_subs:
            if not isinstance(sub, Mapping):
                raise DataFileError(path, "each sub-event must be a mapping", line=where[1])
            swhere = (path, int(sub.get("__line__", 0)))
            sname = _str(sub, "name", swhere)
            if any(s.name == sname for s in subs):
                raise DataFileError(path, f"sub-event type {sname!r} listed twice", line=swhere[1])
            root, code = _cameo(sub, swhere)
            subs.append(
                SubEventType(
                    event_type=name,
                    name=sname,
                    plover=_plover(sub, swhere),
                    cameo=root,
                    description=_str(sub, "description", swhere),
                    cameo_code=code,
                )
            )
    if tuple(types) != EVENT_TYPES:
        raise DataFileError(path, f"event types must be ACLED's six, in order: {EVENT_TYPES}")
    if len(subs) != _SUB_EVENT_COUNT:
        raise DataFileError(path, f"expected {_SUB_EVENT_COUNT} sub-event types, found {len(subs)}")
    situations: list[SituationKind] = []
    for sit in doc.get("situations") or []:
        if not isinstance(sit, Mapping):
            raise DataFileError(path, "each situation must be a mapping")
        where = (path, int(sit.get("__line__", 0)))
        sub_name = _str(sit, "sub_event", where)
        found = [s for s in subs if s.name == sub_name]
        if not found:
            raise DataFileError(path, f"unknown sub-event {sub_name!r}", line=where[1])
        root, code = _cameo(sit, where)
        situations.append(
            SituationKind(
                kind=_str(sit, "kind", where),
                event_type=found[0].event_type,
                sub_event_type=sub_name,
                plover=_plover(sit, where),
                cameo=root,
                cameo_code=code,
                description=_str(sit, "description", where),
            )
        )
    return Taxonomy(
        types=tuple(types),
        subs=tuple(subs),
        situations=tuple(situations),
        type_descriptions=descriptions,
    )


@functools.lru_cache(maxsize=4)
def _load_cached(path: Path) -> Taxonomy:
    return _parse(read_yaml(path), str(path))


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Read and check the taxonomy file (``data/acled_taxonomy.yaml`` by default; cached).

    Raises :class:`marsad.errors.DataFileError` naming the file and line when it is invalid.
    """
    return _load_cached(Path(path) if path is not None else DEFAULT_PATH)
