"""Gazetteer benchmark: load time, resident memory, scanning speed (one core).

Run ``python benchmarks/bench_gazetteer.py``; ``run()`` returns the figures as a dict.
The text is invented here (monitor-report sentences with varied names and numbers), repeated
to a few megabytes.  Scanning speeds are wall-clock; the ``_cpu_`` figures count the process's
own CPU time instead, which other work on a shared machine disturbs far less.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "sohr_reports.jsonl"

SENTENCES = [
    "Regime forces shelled the villages of Kafr Nabl and al-Bara in the southern countryside of "
    "Idlib on {d} {m}, killing {n} civilians, according to local sources.",
    "A drone targeted a car on the road between al-Mayadin and Albukamal in the eastern "
    "countryside of Deir Ezzor, and {n} members of the militias were wounded.",
    "Asayish forces tightened the siege on the security square in al-Hasakeh and on the "
    "neighbourhoods of al-Qamishli for the {n}th consecutive day.",
    "Clashes erupted between SDF fighters and gunmen in Thiban and al-Shuhail, while "
    "reinforcements arrived from Raqqa on {d} {m}.",
    "Turkish forces and their proxies shelled Tal Rifaat, Ain Daqna and the Sheikh Maqsoud "
    "neighbourhood in Aleppo city with {n} artillery shells.",
    "Dozens of people protested in al-Suwaidaa, Shahba and Salkhad against the living "
    "conditions and demanded the release of {n} detainees.",
    "Russian warplanes carried out {n} airstrikes on Jabal al-Zawiya and the outskirts of "
    "Saraqib, and the Observatory documented the death of a woman and her child.",
    "وقصفت قوات النظام بلدات ريف حماة الشمالي وقرى في جبل الزاوية بـ {n} قذيفة صاروخية.",
    "An explosive device went off in Doma in Rif Dimashq, and {n} people were injured in "
    "the blast near a market on {d} {m}.",
    "The Syrian Observatory learned that regime security services arrested {n} young men in "
    "Daraa al-Balad and the town of Jasim in the countryside of Daraa.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]


def corpus(megabytes: float = 4.0, *, seed: int = 7) -> str:
    """Invented report text of about ``megabytes`` MB (UTF-8)."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    while size < target:
        s = rng.choice(SENTENCES).format(n=rng.randint(2, 400), d=rng.randint(1, 28),
                                         m=rng.choice(MONTHS))
        parts.append(s)
        size += len(s.encode("utf-8")) + 1
    return "\n".join(parts)


_LOAD_PROBE = (
    "import resource, time\n"
    "t = time.perf_counter()\n"
    "from marsad.resolve.gazetteer import load_gazetteer\n"
    "g = load_gazetteer()\n"
    "t = time.perf_counter() - t\n"
    "g.scan('warm up: Aleppo and Idlib')\n"
    "print(t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
)


def _best_seconds(
    work: Callable[[], object], *, repeat: int = 3, clock: Callable[[], float] = time.perf_counter
) -> float:
    """The shortest of ``repeat`` timings of ``work`` (as :mod:`timeit` advises: the others
    measure other processes on the machine as much as this one)."""
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        work()
        best = min(best, clock() - start)
    return best


def find_places_figures(*, repeat: int = 5) -> dict[str, float]:
    """Geocoding speed, one core, CPU time (best of ``repeat`` passes after a warm-up pass):
    :func:`~marsad.resolve.geocode.find_places` per report on the sample reports (read at
    run time, when ``../shared`` is there) and on ``bench_extract``'s invented ~2 KB reports,
    and the gazetteer scan alone on the same texts (the rest is the geocoder's own work)."""
    from bench_extract import invented_reports

    from marsad.resolve.gazetteer import load_gazetteer
    from marsad.resolve.geocode import find_places

    gaz = load_gazetteer()
    sets = {"bench_extract": [r.text for r in invented_reports(60)]}
    if SAMPLES.is_file():
        sets["sample_reports"] = [json.loads(line)["text"]
                                  for line in SAMPLES.read_text("utf-8").splitlines()]
    figures: dict[str, float] = {}
    for name, texts in sets.items():
        for t in texts:
            find_places(t, gaz)  # fill the lookup caches as a long-running process would
        seconds = _best_seconds(lambda texts=texts: [find_places(t, gaz) for t in texts],
                                repeat=repeat, clock=time.process_time)
        scan = _best_seconds(lambda texts=texts: [gaz.scan(t) for t in texts],
                             repeat=repeat, clock=time.process_time)
        figures[f"find_places_{name}_cpu_reports_per_s"] = round(len(texts) / seconds, 1)
        figures[f"find_places_{name}_cpu_us_per_report"] = round(1e6 * seconds / len(texts), 1)
        figures[f"find_places_{name}_scan_share"] = round(scan / seconds, 3)
    return figures


def run() -> dict[str, float]:
    """Measure and return the gazetteer's figures."""
    out = subprocess.run([sys.executable, "-c", _LOAD_PROBE], check=True, capture_output=True,
                         text=True).stdout.split()
    load_s, rss_mb = float(out[0]), float(out[1])

    from marsad.resolve.gazetteer import load_gazetteer
    from marsad.resolve.geocode import find_places

    gaz = load_gazetteer()
    text = corpus(4.0)
    mb = len(text.encode("utf-8")) / 1e6
    gaz.scan(text[:20_000])  # fill the fold cache as a long-running process would
    matches = gaz.scan(text)
    scan_s = _best_seconds(lambda: gaz.scan(text))

    figures: dict[str, float] = {}
    if SAMPLES.is_file():  # real reports (read at run time, never stored): real name density
        texts = [json.loads(line)["text"] for line in SAMPLES.read_text("utf-8").splitlines()]
        real = "\n".join(texts * max(1, int(4e6 // sum(len(t.encode()) for t in texts))))
        real_mb = len(real.encode("utf-8")) / 1e6
        gaz.scan(real[:50_000])
        start, cpu = time.perf_counter(), time.process_time()
        real_matches = gaz.scan(real)
        figures["scan_real_reports_mb_per_s"] = round(real_mb / (time.perf_counter() - start), 2)
        figures["scan_real_reports_cpu_mb_per_s"] = round(
            real_mb / (time.process_time() - cpu), 2)
        figures["scan_real_reports_warm_mb_per_s"] = round(
            real_mb / _best_seconds(lambda: gaz.scan(real)), 2)
        figures["scan_real_reports_warm_cpu_mb_per_s"] = round(
            real_mb / _best_seconds(lambda: gaz.scan(real), clock=time.process_time), 2)
        figures["scan_real_reports_matches_per_kb"] = round(len(real_matches) / real_mb / 1e3, 2)
        del real_matches
        # the way ingest scans: one report at a time, results dropped after each (first pass
        # with the word cache as the 4 MB text left it, then the best of three passes)
        stream = texts * max(1, int(4e6 // sum(len(t.encode()) for t in texts)))
        stream_mb = sum(len(t.encode("utf-8")) for t in stream) / 1e6

        def scan_stream() -> None:
            for report_text in stream:
                gaz.scan(report_text)

        cpu = time.process_time()
        scan_stream()
        figures["scan_report_stream_cpu_mb_per_s"] = round(
            stream_mb / (time.process_time() - cpu), 2)
        figures["scan_report_stream_warm_cpu_mb_per_s"] = round(
            stream_mb / _best_seconds(scan_stream, clock=time.process_time), 2)

    reports = text.split("\n")
    batch = ["\n".join(reports[i : i + 12]) for i in range(0, len(reports), 12)][:2000]
    batch_mb = sum(len(r.encode("utf-8")) for r in batch) / 1e6
    start = time.perf_counter()
    mentions = sum(len(find_places(r, gaz)) for r in batch)
    find_s = time.perf_counter() - start
    figures |= find_places_figures()
    return figures | {
        "load_s": round(load_s, 3),
        "rss_mb": round(rss_mb, 1),
        "scan_mb_per_s": round(mb / scan_s, 2),
        "scan_matches_per_kb": round(len(matches) / mb / 1e3, 2),
        "find_places_mb_per_s": round(batch_mb / find_s, 2),
        "find_places_reports_per_s": round(len(batch) / find_s, 1),
        "find_places_mentions": float(mentions),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:28} {value}")
