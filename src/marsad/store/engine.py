"""Opening a database: the engine (SQLite tuned for WAL and foreign keys) and its migration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.pool import StaticPool

__all__ = [
    "MIGRATIONS",
    "alembic_config",
    "create_store_engine",
    "current_revision",
    "downgrade",
    "migrate",
]

MIGRATIONS = Path(__file__).parent / "migrations"
CACHE_KIB = 128 * 1024  # SQLite page cache per connection (the default is 2 MiB)


def _is_memory(url: str) -> bool:
    database = make_url(url).database
    return database in (None, "", ":memory:")


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and one shared in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    memory = _is_memory(url)
    options: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if memory:
        options["poolclass"] = StaticPool
    else:
        Path(parsed.database or "").expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")  # the link indexes stay in memory
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    return engine


def alembic_config() -> Config:
    """An Alembic configuration pointing inside the package; no ``alembic.ini`` needed."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    return config


def migrate(engine: Engine, *, revision: str = "head") -> None:
    """Bring the database to ``revision`` (creating it from nothing if need be)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if revision == "head" and current_revision(engine, connection=connection) == _head(config):
            return
        command.upgrade(config, revision)


def downgrade(engine: Engine, *, revision: str = "base") -> None:
    """Take the database back to ``revision`` (``base``: no tables)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _head(config: Config) -> str | None:
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(engine: Engine, *, connection: Any = None) -> str | None:
    """The revision the database is at, ``None`` when it has never been migrated."""
    if connection is not None:
        return MigrationContext.configure(connection).get_current_revision()
    with engine.connect() as own:
        return MigrationContext.configure(own).get_current_revision()
