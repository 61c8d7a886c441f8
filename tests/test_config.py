"""Settings: argument, then ``MARSAD_DB``, then the default."""

from __future__ import annotations

import pytest

from marsad.config import DEFAULT_DB_URL, resolve_db_url, resolve_settings
from marsad.errors import ConfigError


@pytest.mark.parametrize(
    ("argument", "environ", "expected"),
    [
        ("sqlite:///a.db", {"MARSAD_DB": "sqlite:///b.db"}, "sqlite:///a.db"),
        (None, {"MARSAD_DB": "postgresql://u@h/db"}, "postgresql://u@h/db"),
        (None, {"MARSAD_DB": "  "}, DEFAULT_DB_URL),
        (None, {}, DEFAULT_DB_URL),
        ("", {}, DEFAULT_DB_URL),
    ],
)
def test_db_url_resolution(argument: str | None, environ: dict[str, str], expected: str) -> None:
    assert resolve_db_url(argument, environ=environ) == expected
    assert resolve_settings(argument, environ=environ).db_url == expected


@pytest.mark.parametrize(("argument", "environ"), [("marsad.db", {}), (None, {"MARSAD_DB": "x"})])
def test_a_path_is_not_a_url(argument: str | None, environ: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="not a database URL"):
        resolve_db_url(argument, environ=environ)
