"""The gazetteer: loading the shipped file, lookups, scanning text with exact offsets."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from marsad.errors import DataFileError
from marsad.model import Place, Span
from marsad.resolve.gazetteer import (
    Gazetteer,
    InMemoryGazetteer,
    NameMatch,
    default_gazetteer_path,
    load_gazetteer,
    load_place_lexicon,
)

HASAKAH = Place("t:hasakah", "Al-Hasakah", 36.5116, 40.7573, "city", admin1="Al-Hasakah",
                name_ar="الحسكة")
DEIR = Place("t:deir", "Deir ez-Zor", 35.3378, 40.1398, "city", admin1="Deir ez-Zor")
ARMY = Place("t:army", "Army", 40.0, 30.0, "village", country="Elsewhere", iso3="ELS")


@pytest.fixture()
def small() -> InMemoryGazetteer:
    return InMemoryGazetteer([HASAKAH, DEIR, ARMY], names={"t:hasakah": ["Hasakeh"]},
                             stopwords=["army"])


def test_in_memory_gazetteer_is_a_gazetteer(small: InMemoryGazetteer) -> None:
    gaz: Gazetteer = small
    assert gaz.get("t:deir") == DEIR
    assert gaz.get("nope") is None
    assert gaz.parent("t:deir") is None


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("Clashes in al-Hasakeh and Hasaka.", ["al-Hasakeh", "Hasaka"]),
        ("Shelling on Deir Ezzor, then Der-Ezzor.", ["Deir Ezzor", "Der-Ezzor"]),
        ("وقصف في الحسكة وبالحسكة", ["الحسكة", "وبالحسكة"]),
        ("The Army moved; the army left.", []),
        ("the hasakah road", []),  # lower-case words are not names
    ],
)
def test_scan_finds_names_at_exact_offsets(
    small: InMemoryGazetteer, text: str, surfaces: list[str]
) -> None:
    longest = [m for m in small.scan(text) if not any(
        o is not m and o.span.start <= m.span.start and m.span.end <= o.span.end
        and (o.span.end - o.span.start) > (m.span.end - m.span.start) for o in small.scan(text))]
    assert [m.surface for m in longest] == surfaces
    for m in small.scan(text):
        assert text[m.span.start : m.span.end] == m.surface


def test_scan_maps_offsets_across_odd_whitespace(small: InMemoryGazetteer) -> None:
    text = "Line one\n\n\tHasakeh\u00a0and  al- Hasakah\r\nend"
    found = {m.surface for m in small.scan(text)}
    assert {"Hasakeh", "al- Hasakah"} <= found
    for m in small.scan(text):
        assert text[m.span.start : m.span.end] == m.surface


def test_lookup_ranks_exact_then_close(small: InMemoryGazetteer) -> None:
    assert small.lookup("Hasakah")[0].place == HASAKAH
    assert small.lookup("Hasakiya")[0].place == HASAKAH  # close spelling, lower score
    assert small.lookup("Hasakiya")[0].score < small.lookup("Hasakah")[0].score
    assert small.lookup("Nowhere at all") == []


def test_load_shipped_gazetteer_fast_and_complete() -> None:
    start = time.perf_counter()
    gaz = load_gazetteer()
    assert time.perf_counter() - start < 5.0  # < 1 s on a normal machine; see the benchmark
    assert len(gaz) > 10_000
    assert load_gazetteer() is gaz  # loaded once
    assert default_gazetteer_path().stat().st_size < 25_000_000


@pytest.mark.parametrize(
    ("name", "place_id", "feature"),
    [
        ("Aleppo", "ocha:C1007", "city"),
        ("Halab", "ocha:C1007", "city"),
        ("Rif Dimashq", "adm1:SY03", "governorate"),
        ("Rural Damascus", "adm1:SY03", "governorate"),
        ("al-Qamishli", "ocha:C4564", "town"),
        ("Albukamal", "ocha:C5167", "town"),
        ("Doma", "ocha:C2338", "town"),
        ("Rukban camp", "cur:rukban-camp", "camp"),
        ("Hmeimim airbase", "cur:khmeimim-airbase", "airbase"),
        ("الحسكة", "ocha:C4360", "city"),
        ("Al-Lataminah", "ocha:C3458", "village"),  # same consonants as OCHA's "Latmana"
        ("Sheikh Joban", "ocha:C1960", "village"),  # half of OCHA's "Joban - Sheikh Joban"
        ("المزة", "ocha:C10011071", "neighbourhood"),  # Arabic name added by a curated row
    ],
)
def test_lookup_shipped(name: str, place_id: str, feature: str) -> None:
    best = load_gazetteer().lookup(name, limit=3)[0]
    assert (best.place.id, best.place.feature) == (place_id, feature)


def test_shipped_places_are_well_formed() -> None:
    gaz = load_gazetteer()
    for place in gaz.places():
        assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180
        if place.iso3 == "SYR":
            assert 32.0 < place.latitude < 37.6 and 35.5 < place.longitude < 42.5, place
            assert place.admin1, place
    assert gaz.parent("ocha:N0123") == gaz.get("ocha:C1007")  # Aleppo neighbourhood


def test_governorates_have_the_acled_names() -> None:
    gaz = load_gazetteer()
    names = {p.name for p in gaz.places() if p.feature == "governorate"}
    assert names == {"Aleppo", "Idlib", "Hama", "Homs", "Latakia", "Tartus", "Damascus",
                     "Rural Damascus", "Daraa", "As-Suwayda", "Quneitra", "Deir ez-Zor",
                     "Ar-Raqqa", "Al-Hasakah"}


def test_missing_or_broken_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not found"):
        load_gazetteer(tmp_path / "none.sqlite")
    broken = tmp_path / "broken.sqlite"
    sqlite3.connect(broken).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(DataFileError, match="not a Marsad gazetteer"):
        load_gazetteer(broken)


def test_lexicon_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "lex.yaml"
    bad.write_text("stopwords:\n  english: [a, b\ncues: {}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_place_lexicon(bad)
    assert info.value.line is not None
    bad.write_text("stopwords: {english: [a]}\ncues: {sideways: [x]}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown role"):
        load_place_lexicon(bad)
    bad.write_text("stopwords: {english: [on, b]}\ncues: {}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="quote it"):
        load_place_lexicon(bad)


def test_shipped_lexicon_loads() -> None:
    lex = load_place_lexicon()
    assert "army" in lex.stopwords and "regime" in lex.stopwords and "on" in lex.english
    assert "countryside of" in lex.cues["near_before"]


def test_fuzzy_matches_consonants_within_governorates() -> None:
    villages = [Place("t:lat", "Latmana", 35.32, 36.62, "village", admin1="Hama",
                      name_ar="اللطامنة"),
                Place("t:lat2", "Latmana", 35.33, 36.36, "village", admin1="Hama",
                      name_ar="اللطمة"),
                Place("t:far", "Latmana", 36.0, 38.0, "village", admin1="Aleppo")]
    gaz = InMemoryGazetteer(villages)
    found = gaz.fuzzy("Al-Lataminah", admin1s={"Hama"})
    # both Hama villages spell the consonants; the one also spelled so in Arabic ranks first
    assert [c.place.id for c in found] == ["t:lat", "t:lat2"]
    assert found[0].score > found[1].score >= 0.75
    assert gaz.fuzzy("Sandaf", admin1s={"Hama"}) == []  # other consonants
    assert gaz.fuzzy("Al-Lataminah", admin1s={"Idlib"}) == []  # other governorate


def test_arabic_name_with_article_needs_it_in_text() -> None:
    gaz = InMemoryGazetteer([Place("t:q", "Al Qadam", 33.48, 36.29, "neighbourhood",
                                   admin1="Damascus", name_ar="القدم")])
    assert [m.surface for m in gaz.scan("قدم المرصد تقريرا")] == []
    assert [m.surface for m in gaz.scan("قصف على القدم وبالقدم")] == ["القدم", "وبالقدم"]


TWO_WORDS = InMemoryGazetteer(
    [Place("t:deir", "Deir ez-Zor", 35.3378, 40.1398, "city", admin1="Deir ez-Zor"),
     Place("t:zor", "Zor", 35.0, 40.0, "village", admin1="Deir ez-Zor"),
     Place("t:bab", "Al-Bab", 36.37, 37.51, "city", admin1="Aleppo"),
     Place("t:maq", "Sheikh Maqsoud", 36.23, 37.16, "neighbourhood", admin1="Aleppo")])


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # a name of several words across chunks; its tail ("Zor") is left out
        ("In Deir ez-Zor today", [("Deir ez-Zor", "t:deir")]),
        ("In Deir al Zor today", [("Deir al Zor", "t:deir")]),
        ("In Deir Ezzor today", [("Deir Ezzor", "t:deir")]),
        # the article glued to the next word, or standing apart
        ("Shelling on Al-Bab and on Al Bab.", [("Al-Bab", "t:bab"), ("Al Bab", "t:bab")]),
        ("In al-Sheikh Maqsoud and Sheikh Maqsoud",
         [("al-Sheikh Maqsoud", "t:maq"), ("Sheikh Maqsoud", "t:maq")]),
        # a name inside one chunk and one across chunks, in text order
        ("Al-Zor, Deir ez-Zor (Zor)",
         [("Al-Zor", "t:zor"), ("Deir ez-Zor", "t:deir"), ("Zor", "t:zor")]),
        ("deir ez-zor", []),  # lower case: no name
    ],
)
def test_scan_across_chunks(text: str, spans: list[tuple[str, str]]) -> None:
    found = [(m.surface, m.places[0].id) for m in TWO_WORDS.scan(text)
             if not any(o.span.start <= m.span.start and m.span.end <= o.span.end
                        and o.span != m.span for o in TWO_WORDS.scan(text))]
    assert found == spans
    for m in TWO_WORDS.scan(text):
        assert text[m.span.start : m.span.end] == m.surface


def test_scan_is_the_same_on_a_second_call_and_sorted() -> None:
    text = "Al-Zor and Deir ez-Zor; Deir ez Zor, al-Bab.\nSheikh Maqsoud " * 3
    first = TWO_WORDS.scan(text)
    assert TWO_WORDS.scan(text) == first  # the per-chunk caches change nothing
    assert [m.span.start for m in first] == sorted(m.span.start for m in first)


def test_shipped_scan_offsets_on_invented_text() -> None:
    gaz = load_gazetteer()
    text = ("Regime forces shelled Kafr Nabl and al-Bara in the countryside of Idlib, while a "
            "drone struck a car between al-Mayadin and Albukamal in Deir Ezzor; وقصف في حلب")
    found = {m.surface for m in gaz.scan(text)}
    assert {"Kafr Nabl", "al-Bara", "Idlib", "al-Mayadin", "Albukamal", "Deir Ezzor",
            "حلب"} <= found
    for m in gaz.scan(text):
        assert text[m.span.start : m.span.end] == m.surface


def _spans(matches: list[NameMatch], shift: int = 0) -> list[tuple[int, int, str, str, bool]]:
    return [(m.span.start + shift, m.span.end + shift, m.surface, m.key, m.article)
            for m in matches]


# invented sentences; a long text of them is scanned in several blocks
_SENTENCES = [
    "Shelling hit Al-Bab and the outskirts of Deir ez-Zor.",
    "Clashes in al-Sheikh Maqsoud,\u00a0then in Deir\nal Zor (Zor).",
    "A drone struck near Al Bab; no one was hurt in Deir Ezzor!",
    "the people of deir ez-zor and al-bab protested.",
    "Sheikh\tMaqsoud and Zor were calm.",
]


def _long_text(sentences: int, seps: tuple[str, ...] = (" ", "\n", "  ", "\n\n")) -> str:
    parts = []
    for i in range(sentences):
        parts.append(_SENTENCES[i % len(_SENTENCES)])
        parts.append(seps[(i * 7) % len(seps)])
    return "".join(parts)


@pytest.mark.parametrize("sentences", [3, 2_000, 9_000])
def test_scan_of_a_long_text_is_the_scans_of_its_sentences(sentences: int) -> None:
    text = _long_text(sentences)
    expected = []
    at = 0
    for i in range(sentences):
        sentence = _SENTENCES[i % len(_SENTENCES)]
        at = text.index(sentence, at)
        expected += _spans(TWO_WORDS.scan(sentence), at)
        at += len(sentence)
    found = TWO_WORDS.scan(text)
    assert sorted(_spans(found)) == sorted(expected)
    assert [m.span.start for m in found] == sorted(m.span.start for m in found)
    assert all(text[m.span.start : m.span.end] == m.surface for m in found)


def test_scan_finds_names_across_lines_far_from_any_full_stop() -> None:
    # a long text without ". ": names across a line break or a double space are still whole
    filler = "people gathered and waited " * 5_000
    text = f"{filler}in Deir\nez-Zor, {filler}and al-Sheikh  Maqsoud {filler}"
    found = [(m.surface, m.places[0].id) for m in TWO_WORDS.scan(text)]
    assert ("Deir\nez-Zor", "t:deir") in found
    assert ("al-Sheikh", "t:maq") not in found  # two spaces part the words
    assert all(text[m.span.start : m.span.end] == m.surface for m in TWO_WORDS.scan(text))


def test_scan_of_a_long_text_is_the_same_cold_and_warm() -> None:
    text = _long_text(3_000, seps=(" ", "\r\n", "\u2009"))
    fresh = InMemoryGazetteer(list(TWO_WORDS.places()))
    cold = fresh.scan(text)
    assert fresh.scan(text) == cold == TWO_WORDS.scan(text)


SAMPLE_REPORTS = Path(__file__).resolve().parents[2] / "shared" / "samples"


@pytest.mark.parametrize("name", ["sohr_reports.jsonl", "arabic_reports.jsonl"])
def test_scan_of_real_reports_run_together_is_the_scans_of_each(name: str) -> None:
    # read at run time, never stored; a blank line between reports is a break no name crosses
    path = SAMPLE_REPORTS / name
    if not path.is_file():
        pytest.skip("../shared/samples not present")
    texts = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    gaz = load_gazetteer()
    expected = []
    at = 0
    for text in texts:
        expected += _spans(gaz.scan(text), at)
        at += len(text) + 2
    together = "\n\n".join(texts)
    found = gaz.scan(together)
    assert sorted(_spans(found)) == sorted(expected)
    assert all(together[m.span.start : m.span.end] == m.surface for m in found)


def test_scan_builds_whole_name_matches() -> None:
    # the scanner fills NameMatch and Span slot by slot: each must equal one built as usual
    text = "Shelling on Al-Bab, near Deir\nez-Zor and al-Sheikh Maqsoud."
    found = TWO_WORDS.scan(text)
    assert len(found) >= 3
    for m in found:
        rebuilt = NameMatch(Span(m.span.start, m.span.end), m.surface, m.key, m.places,
                            m.article, m.weak_ids)
        assert m == rebuilt
        assert hash(m) == hash(rebuilt)
        assert repr(m) == repr(rebuilt)
