"""Opening the gazetteer file shipped in the package (SQLite, written by
``scripts/build_gazetteer.py``)."""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad.errors import DataFileError
from marsad.model import Place
from marsad.resolve.gazetteer.index import SqliteGazetteer
from marsad.resolve.gazetteer.lexicon import load_place_lexicon


def default_gazetteer_path() -> Path:
    """The gazetteer file shipped inside the package."""
    return Path(str(resources.files("marsad") / "data" / "gazetteer.sqlite"))


def load_gazetteer(path: Path | None = None) -> SqliteGazetteer:
    """Open the gazetteer (default: the shipped one); repeated calls share one loaded copy."""
    target = (path or default_gazetteer_path()).resolve()
    return _load_cached(str(target))


@lru_cache(maxsize=4)
def _load_cached(path: str) -> SqliteGazetteer:
    if not Path(path).is_file():
        raise DataFileError(path, "gazetteer file not found; run scripts/build_gazetteer.py")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:  # pragma: no cover - depends on the file system
        raise DataFileError(path, f"cannot open: {exc}") from exc
    try:
        rows = con.execute(
            "SELECT idx, id, name, name_ar, latitude, longitude, feature, admin1, admin2, admin3,"
            " country, iso3, population, parent FROM places ORDER BY idx"
        ).fetchall()
        keys = con.execute("SELECT key, place, name, weak FROM names").fetchall()
    except sqlite3.Error as exc:
        raise DataFileError(path, f"not a Marsad gazetteer: {exc}") from exc
    finally:
        con.close()
    places: list[Place] = []
    parents: dict[str, str] = {}
    for line, row in enumerate(rows):
        if row[0] != line:
            raise DataFileError(path, f"places.idx not contiguous at row {line}", line=line)
        places.append(Place(row[1], row[2], row[4], row[5], row[6], row[7], row[8], row[9],
                            row[10], row[11], row[12], row[3]))
        if row[13]:
            parents[row[1]] = row[13]
    lexicon = load_place_lexicon()
    return SqliteGazetteer(places, ((k, i, n) for k, i, n, _ in keys), parents=parents,
                           stopkeys=lexicon.generic_keys, stopwords=lexicon.stopwords,
                           leadwords=lexicon.english,
                           weak=[(k, i) for k, i, _, w in keys if w])

