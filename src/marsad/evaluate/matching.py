"""How a predicted event is paired with a gold event: same type, same place, greedy in text order.

* :func:`place_matches`: within :data:`MAX_KM` km where the gold event has coordinates (and the
  prediction has a location); otherwise the predicted place's name (or Arabic name), or the words
  the report uses for it (the ``location`` evidence), equals the gold ``place`` or one of its
  ``place_alt`` after name normalisation. The report's words count only where the predicted
  place lies in the gold ``admin1`` (so a homonym resolved in another governorate stays wrong).
* :func:`pair_events`: each gold event (in list order) takes the first still-unpaired predicted
  non-background event (in text order) of the same ``event_type`` whose place matches.
* :func:`actor_matches`: a predicted actor is right when its lowercased name, its id or one of its
  registry aliases is among the gold names; gold null is right only for no predicted actor.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from marsad.evaluate.gold import GoldEvent
from marsad.geo import haversine_km
from marsad.model import Actor, Event, Place

__all__ = [
    "MAX_KM",
    "ActorNames",
    "NameKey",
    "PlaceNames",
    "actor_matches",
    "default_actor_names",
    "default_name_key",
    "default_place_names",
    "fallback_name_key",
    "haversine_km",
    "no_other_names",
    "pair_events",
    "place_matches",
    "place_surface",
    "predicted_in_text_order",
]

MAX_KM = 10.0
"""Greatest distance (km) between a predicted place and gold coordinates that still matches."""

NameKey = Callable[[str], str]
ActorNames = Callable[[Actor], Iterable[str]]
PlaceNames = Callable[[Place], Iterable[str]]

_ARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|at|az|an|ash)[\s\-‐‑]+", re.IGNORECASE)
_NOT_LETTER = re.compile(r"[^a-z0-9\u0600-\u06ff]+")
_DOUBLED = re.compile(r"(.)\1+")


def fallback_name_key(name: str) -> str:
    """A crude transliteration key, used only when :mod:`marsad.resolve.names` is absent.

    Lowercase, accents and apostrophes dropped, ``al-``/``el-`` articles removed, spaces and
    hyphens removed, doubled letters collapsed: ``"al- Hasakeh" -> "hasakeh"``.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[’'`ʿʾ]", "", text)
    text = _ARTICLE.sub("", text)
    text = _NOT_LETTER.sub("", text)
    return _DOUBLED.sub(r"\1", text)


@functools.lru_cache(maxsize=1)
def _shared_normalizer() -> NameKey | None:
    try:
        from marsad.resolve.names import normalize_name
    except ImportError:
        return None
    return normalize_name


def default_name_key(name: str) -> str:
    """``marsad.resolve.names.normalize_name`` when present, else :func:`fallback_name_key`."""
    normalizer = _shared_normalizer()
    return normalizer(name) if normalizer is not None else fallback_name_key(name)


def default_actor_names(actor: Actor) -> tuple[str, ...]:
    """Lowercased name, id and (when the actor registry knows the id) every alias of ``actor``."""
    names = [actor.name.lower(), actor.id.lower()]
    try:
        from marsad.resolve.actors import load_actors

        record = load_actors().record(actor.id)
    except Exception:  # registry absent, invalid, or the id unknown: score on name and id
        return tuple(names)
    names.extend(alias.lower() for alias in record.aliases)
    return tuple(names)


def default_place_names(place: Place) -> tuple[str, ...]:
    """Every spelling the shipped gazetteer files ``place`` under (none if it is not there)."""
    try:
        from marsad.resolve.gazetteer import load_gazetteer

        return load_gazetteer().names_of(place.id)
    except Exception:  # gazetteer absent or unreadable: score on the place's own names
        return ()


def no_other_names(place: Place) -> tuple[str, ...]:
    """No names beyond ``place.name`` and ``place.name_ar`` (for tests and fakes)."""
    return ()


def actor_matches(
    gold: tuple[str, ...] | None, predicted: Actor | None, *, actor_names: ActorNames
) -> bool:
    """Whether ``predicted`` is acceptable for the gold list (None matches only None)."""
    if gold is None or not gold:
        return predicted is None
    if predicted is None:
        return False
    accepted = set(gold)
    return any(name.strip().lower() in accepted for name in actor_names(predicted))


def _place_keys(place: Place, name_key: NameKey) -> set[str]:
    keys = {name_key(place.name)}
    if place.name_ar:
        keys.add(name_key(place.name_ar))
    keys.discard("")
    return keys


def _same_admin1(gold: GoldEvent, place: Place, name_key: NameKey) -> bool:
    if gold.admin1 is None or place.admin1 is None:
        return True
    return name_key(gold.admin1) == name_key(place.admin1)


def place_matches(
    gold: GoldEvent,
    place: Place | None,
    *,
    name_key: NameKey,
    surface: str | None = None,
    place_names: PlaceNames = no_other_names,
) -> bool:
    """Whether ``place`` (named ``surface`` in the report) is the gold event's place.

    See the module docstring for the rules.
    """
    if place is None:
        return False
    if gold.lat is not None and gold.lon is not None:
        return haversine_km(gold.lat, gold.lon, place.latitude, place.longitude) <= MAX_KM
    wanted = {name_key(name) for name in gold.place_names}
    wanted.discard("")
    if _place_keys(place, name_key) & wanted:
        return True
    others = [*place_names(place), *([surface] if surface is not None else [])]
    return any(name_key(name) in wanted for name in others) and _same_admin1(
        gold, place, name_key
    )


def place_surface(event: Event, text: str) -> str | None:
    """The words of ``text`` the event's ``location`` evidence covers, if it has one."""
    span = event.evidence.get("location")
    return span.text(text) if span is not None else None


def predicted_in_text_order(events: Iterable[Event]) -> list[Event]:
    """Non-background events sorted by where their ``event`` evidence starts (stable)."""
    kept = [event for event in events if not event.background]
    return sorted(kept, key=lambda event: event.evidence["event"].start)


def _place_of(event: Event) -> Place | None:
    return event.location.place if event.location is not None else None


def pair_events(
    gold: Sequence[GoldEvent],
    predicted: Sequence[Event],
    *,
    name_key: NameKey,
    text: str | None = None,
    place_names: PlaceNames = no_other_names,
) -> list[tuple[int, int]]:
    """Greedy pairs ``(gold index, predicted index)``; ``predicted`` must be in text order.

    ``text`` is the report's text, for the words each predicted location's evidence covers.
    """
    taken: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for g_index, g_event in enumerate(gold):
        for p_index, p_event in enumerate(predicted):
            if p_index in taken or p_event.event_type != g_event.event_type:
                continue
            surface = place_surface(p_event, text) if text is not None else None
            if place_matches(g_event, _place_of(p_event), name_key=name_key, surface=surface,
                             place_names=place_names):
                taken.add(p_index)
                pairs.append((g_index, p_index))
                break
    return pairs
