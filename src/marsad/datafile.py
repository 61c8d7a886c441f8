"""Reading Marsad's YAML data files so that every error names the file and the line.

>>> from pathlib import Path
>>> doc = read_yaml(Path("src/marsad/data/acled_taxonomy.yaml"))   # doctest: +SKIP
>>> doc["event_types"][0]["__line__"]                                # doctest: +SKIP
3
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from marsad.errors import DataFileError

__all__ = ["SafeLoader", "parse_yaml", "read_text", "read_yaml"]

if TYPE_CHECKING:
    SafeLoader = yaml.SafeLoader
else:  # libyaml's parser when PyYAML was built with it: the data files load ~5x faster
    SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(SafeLoader):
    """A safe YAML loader that records each mapping's 1-based line under ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def read_yaml(path: Path) -> Any:
    """Parse ``path`` safely; each mapping gains ``__line__``; errors are :class:`DataFileError`."""
    return parse_yaml(read_text(path), path)


def read_text(path: Path) -> str:
    """The file's UTF-8 text; an unreadable file is a :class:`DataFileError` naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def parse_yaml(text: str, path: Path) -> Any:
    """Parse ``text`` (read from ``path``) as :func:`read_yaml` does."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # a safe loader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise DataFileError(str(path), f"invalid YAML: {exc.problem}", line=line) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), f"invalid YAML: {exc}") from exc
