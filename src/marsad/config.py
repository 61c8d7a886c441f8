"""Settings, resolved once by the caller and passed in: never read from a global.

>>> resolve_settings("sqlite:///other.db").db_url
'sqlite:///other.db'
>>> resolve_settings(environ={"MARSAD_DB": "sqlite:///env.db"}).db_url
'sqlite:///env.db'
>>> resolve_settings(environ={}).db_url
'sqlite:///marsad.db'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from marsad.errors import ConfigError

__all__ = ["DEFAULT_DB_URL", "ENV_DB", "Settings", "resolve_db_url", "resolve_settings"]

DEFAULT_DB_URL = "sqlite:///marsad.db"
ENV_DB = "MARSAD_DB"


@dataclass(frozen=True)
class Settings:
    """What a run needs to know about its surroundings."""

    db_url: str = DEFAULT_DB_URL


def resolve_db_url(url: str | None = None, *, environ: Mapping[str, str] | None = None) -> str:
    """The database URL: ``url`` when given, else ``$MARSAD_DB``, else ``sqlite:///marsad.db``."""
    env = os.environ if environ is None else environ
    for candidate, where in ((url, "--db"), (env.get(ENV_DB), ENV_DB)):
        if candidate is None:
            continue
        value = candidate.strip()
        if not value:
            continue
        if "://" not in value and not value.startswith("sqlite:"):
            raise ConfigError(
                f"{where}: {value!r} is not a database URL "
                f"(try sqlite:///{value} or postgresql://user@host/db)"
            )
        return value
    return DEFAULT_DB_URL


def resolve_settings(
    db_url: str | None = None, *, environ: Mapping[str, str] | None = None
) -> Settings:
    """Settings from explicit arguments first, then the environment, then defaults."""
    return Settings(db_url=resolve_db_url(db_url, environ=environ))
