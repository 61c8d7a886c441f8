"""The public surface: what `import marsad` promises, and the house rules every module keeps."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date

import pytest

import marsad

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(marsad.__path__, "marsad.") if ".migrations" not in m.name
)


def test_extract_is_the_documented_function_even_after_stage_imports() -> None:
    for name in MODULES:
        importlib.import_module(name)
    from marsad import extract

    assert callable(extract)
    events = extract(
        "Regime forces shelled the town of Kafr Nabl in the southern countryside of Idlib today.",
        published=date(2020, 2, 3),
    )
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]
    assert events[0].event_date == date(2020, 2, 3)


def _isort_key(name: str) -> tuple[int, str]:
    """Constants, then classes, then functions, each alphabetical (ruff's RUF022 order)."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name


@pytest.mark.parametrize("name", ["marsad", *MODULES])
def test_dunder_all_is_sorted_and_resolves(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    if exported is None:
        return
    assert list(exported) == sorted(exported, key=_isort_key), f"{name}.__all__ is not sorted"
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"
