"""The actor registry: canonical actors of the Syrian conflict and the words reports use for them.

The registry lives in ``data/actors.yaml`` (one entry per actor: id, ACLED-style name, inter
code, parent, English and Arabic aliases).  :func:`load_actors` reads and checks it and returns
an :class:`ActorRegistry`, whose :meth:`~ActorRegistry.find` locates every mention in a text
with Aho-Corasick automata (one case-insensitive, one case-sensitive for forms such as "IS"):

>>> reg = load_actors()
>>> [(m.surface, m.actor.id) for m in reg.find("Regime forces shelled SDF positions.")]
[('Regime forces', 'regime'), ('SDF', 'sdf')]
>>> reg.find("this is it")
[]
>>> reg.resolve("Turkish-backed factions").id
'sna'
>>> reg.related("fourth-division", "regime")
True

Matching rules: whole words only (letters and digits on either side block a match); the
longest match wins and mentions never overlap; offsets index the text exactly as given.  Text
is compared after a length-preserving normalisation (curly quotes, Unicode hyphens, Arabic alef,
yaa and taa-marbuta variants).  An Arabic alias may carry a one- or two-letter clitic (wa-, fa-,
bi-, li-, ka-) and "al-" may be written "lil-" after li-.  A mention followed by "-made" or
preceded by "anti-" is not a mention of that actor; one followed by "-held", "-backed",
"-controlled" and the like is kept and marked ``attributive``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from marsad.datafile import read_yaml
from marsad.errors import DataFileError, MarsadError
from marsad.model import Actor, Span
from marsad.resolve.actor_text import (
    al_variants,
    ar_variants,
    fold_text,
    is_word_char,
    normalize,
)

__all__ = [
    "KINDS",
    "ActorMention",
    "ActorRecord",
    "ActorRegistry",
    "UnknownActorError",
    "load_actors",
    "normalize",
]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "actors.yaml"

#: The coarse families an actor's ``kind`` may name.
KINDS: frozenset[str] = frozenset(
    {
        "state", "state-branch", "pro-government-militia", "insurgent", "foreign-state",
        "foreign-backed-militia", "international", "kurdish-led", "rebel", "jihadist",
        "political", "tribal", "notables", "local", "criminal", "unidentified", "civilian",
        "protester", "rioter",
    }
)  # fmt: skip

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEYS = frozenset(
    {"id", "name", "inter", "kind", "parent", "aliases", "aliases_ar", "case_sensitive"}
)

_AR_CLITICS = frozenset("وفبلك")
_BLOCKING_AFTER = ("-made", "-manufactured", "-built", "-produced", "-speaking")
_BLOCKING_BEFORE = ("anti-", "non-")
# "the Turkish border", "Iraqi territory", "Turkish lira": a country's land or money, no actor
# ("Turkish border guards" stay one)
_LAND_AFTER = re.compile(
    r" (?:borders?(?! guards?| police| forces| troops| units)|territor(?:y|ies)|lira|pounds?|"
    r"dinars?|language)\b"
)
_ATTRIBUTIVE_AFTER = (
    "-held", "-controlled", "-run", "-dominated", "-affiliated", "-linked", "-allied",
    "-aligned", "-led", "-backed", "-sponsored", "-supported", "-loyal", "-occupied",
)  # fmt: skip


class UnknownActorError(MarsadError, KeyError):
    """An actor id the registry does not define."""

    def __init__(self, actor_id: str) -> None:
        self.actor_id = actor_id
        self.message = f"unknown actor id {actor_id!r}; see src/marsad/data/actors.yaml"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """A registry entry: the canonical :class:`~marsad.model.Actor` and its surface forms."""

    actor: Actor
    aliases: tuple[str, ...]  # English, case-insensitive and case-sensitive ones
    aliases_ar: tuple[str, ...]
    kind: str
    case_sensitive: tuple[str, ...] = ()
    line: int | None = None  # where the entry starts in its file

    def names(self) -> frozenset[str]:
        """Every lower-cased name that denotes this actor: id, ACLED name and aliases."""
        out = {self.actor.id, self.actor.name.lower()}
        out.update(a.lower() for a in self.aliases)
        out.update(self.aliases_ar)
        return frozenset(out)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor in a text: where, the words used, and which actor."""

    span: Span
    surface: str
    actor: Actor
    attributive: bool = False  # "regime-held", "SDF-controlled": names the actor, not an agent


class ActorRegistry:
    """Canonical actors and their aliases; build it with :func:`load_actors`."""

    def __init__(self, records: tuple[ActorRecord, ...]) -> None:
        self._records: dict[str, ActorRecord] = {r.actor.id: r for r in records}
        self._by_name: dict[str, str] = {}
        self._by_exact: dict[str, str] = {}
        self._ci = ahocorasick.Automaton()
        self._cs = ahocorasick.Automaton()
        for rec in records:
            ci_forms = [a for a in rec.aliases if a not in rec.case_sensitive]
            ci_forms += [rec.actor.name]
            for alias in ci_forms:
                for form in al_variants(fold_text(normalize(alias))):
                    self._ci.add_word(form, (len(form), rec.actor.id, False))
                self._by_name.setdefault(fold_text(normalize(alias)), rec.actor.id)
            for alias in rec.aliases_ar:
                for form in ar_variants(normalize(alias)):
                    self._ci.add_word(form, (len(form), rec.actor.id, True))
                self._by_name.setdefault(normalize(alias), rec.actor.id)
            for alias in rec.case_sensitive:
                self._cs.add_word(normalize(alias), (len(alias), rec.actor.id, False))
                self._by_exact.setdefault(normalize(alias), rec.actor.id)
        for automaton in (self._ci, self._cs):
            if len(automaton):
                automaton.make_automaton()

    # -- lookup -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._records

    def __iter__(self) -> Iterator[Actor]:
        return (r.actor for r in self._records.values())

    def records(self) -> tuple[ActorRecord, ...]:
        return tuple(self._records.values())

    def record(self, actor_id: str) -> ActorRecord:
        """The registry entry of ``actor_id``; :class:`UnknownActorError` if there is none."""
        try:
            return self._records[actor_id]
        except KeyError:
            raise UnknownActorError(actor_id) from None

    def get(self, actor_id: str) -> Actor:
        """The canonical actor with id ``actor_id``; :class:`UnknownActorError` if none."""
        return self.record(actor_id).actor

    def resolve(self, name: str) -> Actor | None:
        """The actor a single name denotes ("regime forces", "قسد", "sdf"), or None.

        Exact forms first (an id, the ACLED name, an alias), then the longest mention found
        inside the name ("the regime's 4th Division" -> 4th Division).
        """
        text = " ".join(normalize(name).split())
        if not text:
            return None
        if text in self._records:
            return self._records[text].actor
        if text in self._by_exact:
            return self.get(self._by_exact[text])
        folded = fold_text(text)
        for key in (folded, folded.removeprefix("the "), folded.removesuffix("'s")):
            if key in self._by_name:
                return self.get(self._by_name[key])
        mentions = [m for m in self.find(text) if not m.attributive] or self.find(text)
        if not mentions:
            return None
        best = max(mentions, key=lambda m: (m.span.end - m.span.start, -m.span.start))
        return best.actor

    def ancestors(self, actor_id: str) -> tuple[Actor, ...]:
        """The actor's parent, its parent's parent, ... (nearest first)."""
        out: list[Actor] = []
        parent = self.get(actor_id).parent
        while parent is not None and len(out) < len(self._records):
            actor = self.get(parent)
            out.append(actor)
            parent = actor.parent
        return tuple(out)

    def root(self, actor_id: str) -> Actor:
        """The top of the actor's parent chain (itself when it has no parent)."""
        chain = self.ancestors(actor_id)
        return chain[-1] if chain else self.get(actor_id)

    def related(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are the same actor or one is the other's parent or ancestor."""
        if a == b:
            self.get(a)
            return True
        return any(x.id == b for x in self.ancestors(a)) or any(
            x.id == a for x in self.ancestors(b)
        )

    # -- matching -----------------------------------------------------------------------------

    def find(self, text: str) -> list[ActorMention]:
        """Every actor mention in ``text``: whole words, longest match, no overlaps, sorted."""
        norm = normalize(text)
        folded = fold_text(norm)
        candidates: list[tuple[int, int, str]] = []
        for haystack, automaton in ((folded, self._ci), (norm, self._cs)):
            if not len(automaton):
                continue
            for end_index, (length, actor_id, arabic) in automaton.iter(haystack):
                start, end = end_index - length + 1, end_index + 1
                start = self._start(folded, start, arabic=arabic)
                if start < 0 or (end < len(norm) and is_word_char(norm[end])):
                    continue
                if folded.startswith(_BLOCKING_AFTER, end):
                    continue
                if folded[max(0, start - 5) : start].endswith(_BLOCKING_BEFORE):
                    continue
                if _LAND_AFTER.match(folded, end):
                    continue
                candidates.append((start, end, actor_id))
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int, str]] = []
        occupied = bytearray(len(norm) + 1)  # 1 where a taken mention stands
        for cand in candidates:
            start, end = cand[0], cand[1]
            if occupied.find(1, start, end) < 0:
                occupied[start:end] = b"\x01" * (end - start)
                taken.append(cand)
        taken.sort()
        return [
            ActorMention(
                span=Span(start, end),
                surface=text[start:end],
                actor=self._records[actor_id].actor,
                attributive=folded.startswith(_ATTRIBUTIVE_AFTER, end),
            )
            for start, end, actor_id in taken
        ]

    @staticmethod
    def _start(text: str, start: int, *, arabic: bool) -> int:
        """``start`` if a word starts there (Arabic: after up to two clitics), else -1."""
        if start == 0 or not is_word_char(text[start - 1]):
            return start
        if not arabic:
            return -1
        i = start
        while i > 0 and start - i < 2 and text[i - 1] in _AR_CLITICS:
            i -= 1
            if i == 0 or not is_word_char(text[i - 1]):
                return start
        return -1


# -- loading -----------------------------------------------------------------------------------


def _strings(entry: Mapping[str, Any], key: str, path: str, line: int) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, f"'{key}' must be a list of non-empty strings", line=line)
    return tuple(dict.fromkeys(" ".join(v.split()) for v in value))


def _record(entry: Any, path: str) -> ActorRecord:
    if not isinstance(entry, Mapping):
        raise DataFileError(path, "each actor must be a mapping (id, name, inter, kind, ...)")
    line = int(entry.get("__line__", 0))
    unknown = set(entry) - _KEYS - {"__line__"}
    if unknown:
        raise DataFileError(path, f"unknown key(s): {', '.join(sorted(unknown))}", line=line)
    actor_id, name, inter, kind = (entry.get(k) for k in ("id", "name", "inter", "kind"))
    if not isinstance(actor_id, str) or not _ID_RE.match(actor_id):
        raise DataFileError(path, f"'id' must be a lower-case slug, got {actor_id!r}", line=line)
    if not isinstance(name, str) or not name.strip():
        raise DataFileError(path, f"{actor_id}: 'name' must be a non-empty string", line=line)
    if not isinstance(inter, int) or isinstance(inter, bool) or not 1 <= inter <= 8:
        raise DataFileError(path, f"{actor_id}: 'inter' must be an integer 1-8", line=line)
    if kind not in KINDS:
        raise DataFileError(path, f"{actor_id}: unknown kind {kind!r}", line=line)
    parent = entry.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise DataFileError(path, f"{actor_id}: 'parent' must be an id or null", line=line)
    case_sensitive = _strings(entry, "case_sensitive", path, line)
    aliases = _strings(entry, "aliases", path, line)
    return ActorRecord(
        actor=Actor(id=actor_id, name=name.strip(), inter=inter, parent=parent),
        aliases=tuple(dict.fromkeys(aliases + case_sensitive)),
        aliases_ar=_strings(entry, "aliases_ar", path, line),
        kind=str(kind),
        case_sensitive=case_sensitive,
        line=line,
    )


def _check(records: list[ActorRecord], path: str) -> None:
    ids: dict[str, ActorRecord] = {}
    for rec in records:
        if rec.actor.id in ids:
            raise DataFileError(path, f"duplicate id {rec.actor.id!r}", line=rec.line)
        ids[rec.actor.id] = rec
    owners: dict[str, str] = {}
    for rec in records:
        parent = rec.actor.parent
        if parent is not None and parent not in ids:
            raise DataFileError(path, f"{rec.actor.id}: unknown parent {parent!r}", line=rec.line)
        seen = {rec.actor.id}
        while parent is not None:
            if parent in seen:
                raise DataFileError(path, f"{rec.actor.id}: parent cycle", line=rec.line)
            seen.add(parent)
            parent = ids[parent].actor.parent
        keys = [fold_text(normalize(a)) for a in rec.aliases if a not in rec.case_sensitive]
        keys.append(fold_text(normalize(rec.actor.name)))
        keys += ["cs:" + normalize(a) for a in rec.case_sensitive]
        keys += [normalize(a) for a in rec.aliases_ar]
        for key in dict.fromkeys(keys):
            other = owners.setdefault(key, rec.actor.id)
            if other != rec.actor.id:
                raise DataFileError(
                    path,
                    f"{rec.actor.id}: alias {key.removeprefix('cs:')!r} already belongs to {other}",
                    line=rec.line,
                )


def _parse(doc: Any, path: str) -> tuple[ActorRecord, ...]:
    if not isinstance(doc, Mapping) or not isinstance(doc.get("actors"), list):
        raise DataFileError(path, "expected a mapping with an 'actors' list", line=1)
    records = [_record(entry, path) for entry in doc["actors"]]
    _check(records, path)
    return tuple(records)


@functools.lru_cache(maxsize=4)
def _load_cached(path: Path) -> ActorRegistry:
    return ActorRegistry(_parse(read_yaml(path), str(path)))


def load_actors(path: Path | None = None) -> ActorRegistry:
    """Read and check the actor registry (``data/actors.yaml`` by default; cached).

    Raises :class:`marsad.errors.DataFileError` naming the file and line when it is invalid.
    """
    return _load_cached(Path(path) if path is not None else DEFAULT_PATH)
