"""Marsad's exceptions: one tree, each message naming the input and what to do next.

::

    MarsadError
    ├── InputError            a report could not be read (names the file and the reason)
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── DecodeError
    │   └── MalformedInputError
    ├── DataFileError         a shipped data file is invalid (names the file and line)
    ├── StoreError            the database could not be opened, migrated or written
    └── ConfigError           a setting has an invalid value
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "ConfigError",
    "DataFileError",
    "DecodeError",
    "EmptyInputError",
    "InputError",
    "MalformedInputError",
    "MarsadError",
    "StoreError",
]


class MarsadError(Exception):
    """Base of every error Marsad raises on purpose."""


class InputError(MarsadError):
    """A report could not be read.  ``source`` names the file (or ``-`` for standard input)."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class DecodeError(InputError):
    pass


class MalformedInputError(InputError):
    pass


class DataFileError(MarsadError):
    """A data file (gazetteer, actors, lexicon) is invalid."""

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class StoreError(MarsadError):
    pass


class ConfigError(MarsadError):
    pass
