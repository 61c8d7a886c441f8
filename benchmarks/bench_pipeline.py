"""Reports per second for ``extract`` and ``ingest`` on the demo set scaled to >= 10,000 reports.

The demo reports (``demo/reports/``; invented texts generated here when that folder is empty) are
repeated with a varied id, publication date and closing line, so that deduplication by content
hash skips none of them.  ``extract`` runs the real extractor over the reports in memory;
``ingest`` reads them from one JSON Lines file, extracts and stores them in a fresh SQLite file.
Set ``MARSAD_BENCH_N`` for another size.  Run through ``benchmarks/run.py`` or directly.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from marsad.model import Extraction, Report

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "reports"
DEFAULT_N = 10_000

_PLACES = ("Saraqib", "Deir ez-Zor", "Jisr al-Shughur", "Manbij", "Daraa al-Balad", "Tadmur")
_TEMPLATES = (
    "Clashes in {place} countryside\n"
    "Violent clashes broke out on {day} between regime forces and opposition factions near "
    "{place}, leaving {n} fighters dead on both sides, according to local sources.",
    "Drone strike hits vehicle near {place}\n"
    "A drone struck a car on the outskirts of {place} on {day}, killing {n} people, "
    "SOHR activists said.",
    "Shelling on {place}\n"
    "Regime forces fired dozens of artillery shells at {place} on {day}; no casualties were "
    "reported.",
    "Protest in {place}\n"
    "Dozens of residents of {place} took to the streets on {day} demanding the release of "
    "detainees.",
)


def invented_reports(count: int = 24) -> list[Report]:
    """Short reports in a monitor's voice, generated from templates (no real text)."""
    out = []
    for i in range(count):
        published = date(2026, 1, 1) + timedelta(days=i)
        text = _TEMPLATES[i % len(_TEMPLATES)].format(
            place=_PLACES[i % len(_PLACES)], day=published.strftime("%d %B"), n=2 + i % 5
        )
        out.append(
            Report(report_id=f"inv{i}", text=text, title=text.split("\n", 1)[0],
                   source="Bench", published=published)
        )  # fmt: skip
    return out


def base_reports() -> list[Report]:
    """The demo reports, or invented ones when the demo folder has none."""
    from marsad.ingest import InputFailure, read_inputs

    if DEMO.is_dir() and any(DEMO.iterdir()):
        found = [r for r in read_inputs([DEMO]) if not isinstance(r, InputFailure)]
        if found:
            return found
    return invented_reports()


CYCLE_DAYS = 91  # longer than linking's 60-day situation gap


def scaled(base: list[Report], n: int) -> Iterator[Report]:
    """``n`` distinct reports cycling through ``base``: new id, date shifted, closing line.

    Each pass over ``base`` is moved ``CYCLE_DAYS`` later, so every pass tells new happenings
    and new sieges (as an archive of many quarters would), instead of one siege re-told 500
    times: the cost of very long situations is measured apart (docs/benchmarks.md).
    """
    for i in range(n):
        r = base[i % len(base)]
        shift = timedelta(days=CYCLE_DAYS * (i // len(base)))
        published = (r.published or date(2026, 1, 1)) + shift
        yield replace(
            r,
            report_id=f"{r.report_id}-b{i}",
            text=f"{r.text}\n(Bulletin {i}.)",
            published=published,
        )


def _write_jsonl(reports: Iterator[Report], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in reports:
            record = {
                "id": r.report_id,
                "title": r.title,
                "text": r.text,
                "published": r.published.isoformat() if r.published else None,
                "source": r.source,
                "url": r.url,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def _extractor() -> tuple[Callable[[Report], Extraction], float]:
    from marsad.cli.core import load_extractor

    started = time.perf_counter()
    extractor = load_extractor()
    return extractor, time.perf_counter() - started


def run() -> dict[str, float]:
    """Measure and return the figures (reports/s, events, load time)."""
    from marsad.pipeline import extract_all
    from marsad.pipeline import ingest as run_ingest
    from marsad.store.repository import open_store

    n = int(os.environ.get("MARSAD_BENCH_N", DEFAULT_N))
    base = base_reports()
    extractor, load_s = _extractor()

    started = time.perf_counter()
    events = failures = 0
    for item in extract_all(scaled(base, n), extractor=extractor):
        if isinstance(item, Extraction):
            events += len(item.events)
        else:
            failures += 1
    extract_s = time.perf_counter() - started

    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        source = Path(tmp) / "reports.jsonl"
        _write_jsonl(scaled(base, n), source)
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        try:
            started = time.perf_counter()
            summary = run_ingest([source], store=store, extractor=extractor)
            ingest_s = time.perf_counter() - started
        finally:
            store.close()

    return {
        "base reports": float(len(base)),
        "reports": float(n),
        "events extracted": float(events),
        "extract failures": float(failures),
        "resources load s": round(load_s, 3),
        "extract s": round(extract_s, 2),
        "extract reports/s": round(n / extract_s, 1),
        "ingest added": float(summary.added),
        "ingest failures": float(len(summary.failures)),
        "ingest s": round(ingest_s, 2),
        "ingest reports/s": round(n / ingest_s, 1),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
