from __future__ import annotations

import pytest

from marsad.extraction.lexicon import load_lexicon
from marsad.extraction.sentences import find_sections, section_at, split_sentences, unstar

REPORT = (
    "The Syrian Observatory For Human Rights\n\n"
    "Regime forces shell villages in Idlib countryside\n\n"
    "Idlib Province: Regime forces shelled Kafr Nabl. Two civilians were injured.\n"
    "• Clashes erupted near Saraqib, according to SOHR activists.\n\n"
    "Hama Province: The U.S. envoy met tribal elders in Hama city."
)


def test_headline_skips_site_chrome_and_lines_split() -> None:
    sents = split_sentences(REPORT, chrome=load_lexicon().chrome)
    texts = [s.span.text(REPORT) for s in sents]
    assert texts[0] == "Regime forces shell villages in Idlib countryside"
    assert sents[0].is_title and not sents[1].is_title
    assert "Two civilians were injured." in texts
    assert "• Clashes erupted near Saraqib, according to SOHR activists." in texts
    # "U.S." does not end a sentence
    assert any(t.startswith("Hama Province: The U.S. envoy met") for t in texts)
    assert [s.index for s in sents] == list(range(len(sents)))


def test_sections_govern_following_text() -> None:
    sections = find_sections(REPORT)
    assert [s.name for s in sections] == ["Idlib", "Hama"]
    assert section_at(sections, REPORT.index("Saraqib")).name == "Idlib"  # type: ignore[union-attr]
    assert section_at(sections, REPORT.index("envoy")).name == "Hama"  # type: ignore[union-attr]
    assert section_at(sections, 5) is None


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Two fighters were kil*led", "Two fighters were killed"),
        ("gu*nmen assa*ssinated a man", "gunmen assassinated a man"),
        ("no stars here", "no stars here"),
        ("a * b", "a * b"),
    ],
)
def test_unstar_maps_offsets_back(text: str, clean: str) -> None:
    out, offsets = unstar(text)
    assert out == clean
    if offsets is None:
        assert out == text
    else:
        for i, ch in enumerate(out):
            assert text[offsets[i]] == ch


def test_arabic_sentences_end_at_a_period_before_a_letter() -> None:
    text = "عنوان الخبر\nقصفت القوات مدينة سراقب.واندلعت اشتباكات في كفرنبل. وقتل شخصان."
    parts = [text[s.span.start : s.span.end] for s in split_sentences(text)]
    assert parts == [
        "عنوان الخبر",
        "قصفت القوات مدينة سراقب.",
        "واندلعت اشتباكات في كفرنبل.",
        "وقتل شخصان.",
    ]


def test_a_report_on_one_line_has_its_first_sentence_as_headline() -> None:
    body = "Regime forces shelled Kafr Nabl in the countryside of Idlib this morning. " * 5
    text = "Shelling on Kafr Nabl. " + body
    sentences = split_sentences(text)
    assert sentences[0].is_title and text[: sentences[0].span.end] == "Shelling on Kafr Nabl."
    assert len(sentences) == 6


@pytest.mark.parametrize(
    "caption",
    [
        "Smoke over the town after the shelling. Photo credit: local activists",
        "صورة لآثار القصف على البلدة. @ الصورة من النت",
    ],
)
def test_photo_captions_are_chrome(caption: str) -> None:
    text = f"Shelling hits a town in Idlib\n\n{caption}\nRegime forces shelled Kafr Nabl."
    texts = [s.span.text(text) for s in split_sentences(text, chrome=load_lexicon().chrome)]
    assert not any("القصف" in t or "Smoke" in t for t in texts)
    assert "Regime forces shelled Kafr Nabl." in texts
