"""Run every ``benchmarks/bench_*.py`` module's ``run() -> dict[str, float]`` and print a table.

Usage: ``python benchmarks/run.py [NAME ...]`` (``make bench``); names select modules by substring,
e.g. ``python benchmarks/run.py pipeline``.  ``MARSAD_BENCH_N`` sets how many reports the
pipeline benchmark scales the demo set to (default 10,000).
"""

from __future__ import annotations

import importlib.util
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent


def discover(names: list[str]) -> list[Path]:
    """The benchmark modules, sorted, filtered by the given substrings (all when none)."""
    found = sorted(HERE.glob("bench_*.py"))
    if names:
        found = [p for p in found if any(n in p.stem for n in names)]
    return found


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}" if abs(value) >= 1 else f"{value:.4f}"


def main(argv: list[str]) -> int:
    console = Console()
    table = Table(title="Marsad benchmarks")
    table.add_column("benchmark")
    table.add_column("metric")
    table.add_column("value", justify="right")
    failed = 0
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    for path in discover(argv):
        name = path.stem.removeprefix("bench_")
        console.print(f"running {name} ...")
        started = time.perf_counter()
        try:
            run: Callable[[], dict[str, float]] = _load(path).run
            results = run()
        except Exception:  # a broken benchmark is reported, the others still run
            failed += 1
            console.print(f"[red]{path.name} failed:[/red]\n{traceback.format_exc()}")
            table.add_row(name, "FAILED", "-")
            continue
        for metric, value in results.items():
            table.add_row(name, metric, _fmt(value))
        table.add_row(name, "wall time s", _fmt(round(time.perf_counter() - started, 2)))
        table.add_section()
    console.print(table)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
