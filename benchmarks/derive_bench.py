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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: ``checker`` run so that it reports its own peak memory (VmHWM: see benchmarks.memory; the
#: children's ru_maxrss would include this process's, which holds the generated workbook).
_MEASURED = ("import sys\n"
             "from benchmarks.memory import peak_rss_kb\n"
             "from checker.cli.app import main\n"
             "try:\n"
             "    main()\n"
             "finally:\n"
             "    print(f'peak-kb {peak_rss_kb()}', file=sys.stderr)\n")


def derive_once(workbook: Path, folder: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak memory (MB) and the summary line of one derive."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, "derive", str(workbook), "--as-of",
         AS_OF.isoformat(), "--months", "12", "--skip-bad-rows", "-o",
         str(folder / "derived.yaml")],
        capture_output=True, text=True, cwd=REPO, check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    wall = time.perf_counter() - start
    lines = result.stderr.splitlines()
    peak = next(int(line.split()[1]) for line in lines if line.startswith("peak-kb "))
    summary = next(line for line in lines if line.startswith("derived "))
    return wall, _children_cpu() - cpu_before, peak / 1024, summary


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
        peak = max(r[2] for r in runs)
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"D2  checker derive: {wall:.1f} s wall (median of {options.runs}), {cpu:.1f} s "
              f"CPU, peak memory {peak:.0f} MB (targets: <= {TARGET_SECONDS:.0f} s, "
              f"<= {TARGET_MB:.0f} MB)")
        print(f"    {runs[0][3]}")


if __name__ == "__main__":
    main()
