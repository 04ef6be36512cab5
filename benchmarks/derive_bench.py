"""`checker derive` at scale, printed (not asserted): run `python -m benchmarks.derive_bench`.

D1  a synthetic Annex A workbook for an authority of N children (default 50,000; seeded,
    messy headers and values, twelve months of lists, 0.2% data-entry slips): time to write
    it, its size and rows.
D2  `checker derive` on it as a subprocess (--months 12 --skip-bad-rows, so every row is read,
    checked and the slips reported): median wall time over R runs, CPU time (user + system),
    and peak resident memory. Targets: <= 15 s and <= 500 MB for 50,000 children.

Wall time depends on what else the machine is doing; CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.annexa_synth import generate

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2024, 1, 31)
TARGET_SECONDS, TARGET_MB = 15.0, 500.0


def _children_usage() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def derive_once(workbook: Path, folder: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds and the summary line of one derive."""
    cpu_before, _peak = _children_usage()
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "checker", "derive", str(workbook), "--as-of", AS_OF.isoformat(),
         "--months", "12", "--skip-bad-rows", "-o", str(folder / "derived.yaml")],
        capture_output=True, text=True, cwd=REPO, check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    wall = time.perf_counter() - start
    cpu_after, _peak = _children_usage()
    summary = next(line for line in result.stderr.splitlines() if line.startswith("derived "))
    return wall, cpu_after - cpu_before, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        workbook = folder / "annex-a.xlsx"
        start = time.perf_counter()
        generate(workbook, children=options.children, seed=options.seed, as_of=AS_OF,
                 months=12)
        made = time.perf_counter() - start
        print(f"D1  {options.children:,} children: workbook written in {made:.1f} s, "
              f"{workbook.stat().st_size / 1024:,.0f} KB")
        runs = [derive_once(workbook, folder) for _ in range(options.runs)]
        _cpu, peak = _children_usage()
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"D2  checker derive: {wall:.1f} s wall (median of {options.runs}), {cpu:.1f} s "
              f"CPU, peak memory {peak:.0f} MB (targets: <= {TARGET_SECONDS:.0f} s, "
              f"<= {TARGET_MB:.0f} MB)")
        print(f"    {runs[0][2]}")


if __name__ == "__main__":
    main()
