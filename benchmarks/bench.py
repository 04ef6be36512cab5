"""Performance figures, printed (not asserted): run `python benchmarks/bench.py`.

P1  median wall time of `checker check <example>` as a subprocess over N runs, beside
    `python -c pass` (interpreter start-up) for scale. Target: <= 200 ms.
P2  assessments per second checking 10,000 generated assessments in one process (engine,
    evaluator, cross-check and risk model), and resident memory before and after.
    Target: >= 1,200 per second with flat memory.
P3  `checker rules lint` plus `checker rules test` of the shipped catalogue, in one process.
    Target: <= 1.5 s.
P4  `checker prefill` of one authority, cold: a new process each run with an empty cache
    folder (the published statistics read from the shipped file), beside `python -c pass`
    timed in the same run. Target: <= 300 ms.
P5  `checker backtest --published` over ../shared/data/inspections.csv as a subprocess: wall
    time and time per inspection. Target: <= 30 s for ~400 inspections on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def _median_ms(command: list[str], runs: int) -> float:
    # As installed for users: bytecode is cached (pip compiles it; a source checkout writes it
    # on first run), so drop PYTHONDONTWRITEBYTECODE and warm up once before timing.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=True, cwd=REPO, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=REPO, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _random_values(rng: random.Random, metrics: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for path, metric in metrics.items():
        if rng.random() < 0.4:
            continue
        if metric.kind == "percent":
            values[path] = round(rng.uniform(0, 100), 1)
        elif metric.kind == "count":
            values[path] = rng.randint(0, 60)
        elif metric.kind == "number":
            values[path] = round(rng.uniform(0, min(metric.maximum or 60, 60)), 1)
        elif metric.kind == "boolean":
            values[path] = rng.random() < 0.5
        elif metric.values:
            values[path] = rng.choice(metric.values)
    return values


def p1(runs: int, example: Path) -> None:
    baseline = _median_ms([sys.executable, "-c", "pass"], runs)
    check = _median_ms([sys.executable, "-m", "checker", "check", str(example)], runs)
    print(f"P1 checker check {example.name}: median {check:.0f} ms over {runs} runs "
          f"(python -c pass: {baseline:.0f} ms; target <= 200 ms)")


def p2(count: int) -> None:
    import datetime as dt

    from checker.core.errors import InvalidAssessment
    from checker.inputs.assessment import Assessment, Authority
    from checker.inputs.metrics import catalogue, policies
    from checker.inputs.safeload import parse_text
    from checker.rules.frameworks import DEFAULT_FRAMEWORK, frameworks
    from checker.rules.loader import load_rulebook
    from checker.scoring.run import Checker

    rng = random.Random(42)
    metrics = catalogue()
    book = load_rulebook()
    framework = frameworks()[DEFAULT_FRAMEWORK]
    authority = Authority(name="Bench", as_of=dt.date(2024, 3, 31))
    document = parse_text("{}", kind="json", name="bench", error=InvalidAssessment)
    policy = {name: float(p.default or 0) for name, p in policies().items()}
    inputs = [_random_values(rng, metrics) for _ in range(count)]
    checker = Checker(book)
    checker.check(Assessment("bench", authority, inputs[0], policy, frozenset(), document),
                  framework)
    before = _rss_mb()
    start = time.perf_counter()
    fired = 0
    for values in inputs:
        result = checker.check(Assessment("bench", authority, values, policy, frozenset(),
                                          document), framework)
        fired += len(result.fired)
    elapsed = time.perf_counter() - start
    after = _rss_mb()
    print(f"P2 {count:,} generated assessments x {len(book.rules)} rules in one process: "
          f"{count / elapsed:,.0f} per second ({elapsed * 1000 / count:.2f} ms each; "
          f"{fired / count:.1f} rules fired on average); max RSS {before:.0f} MB before, "
          f"{after:.0f} MB after (target >= 1,200 per second, flat memory)")


def p3() -> None:
    start = time.perf_counter()
    lint = subprocess.run([sys.executable, "-c",
                           "import time,sys\n"
                           "t=time.perf_counter()\n"
                           "from checker.cli.app import cli\n"
                           "for args in (['rules','lint'],['rules','test']):\n"
                           "    try: cli.main(args, standalone_mode=False)\n"
                           "    except SystemExit: pass\n"
                           "print(f'{time.perf_counter()-t:.3f}', file=sys.stderr)"],
                          capture_output=True, text=True, cwd=REPO, check=False)
    total = time.perf_counter() - start
    inner = lint.stderr.strip().splitlines()[-1] if lint.stderr.strip() else "?"
    print(f"P3 rules lint + rules test of the shipped catalogue: {total:.2f} s wall "
          f"({inner} s inside the process; target <= 1.5 s); output: "
          f"{' / '.join(line for line in lint.stdout.splitlines() if line)}")


def _cold_ms(command: list[str], runs: int) -> float:
    """Median wall time of ``command`` in a new process with a new, empty cache folder."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=True, cwd=REPO, env=env)  # bytecode
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, cwd=REPO,
                           env={**env, "CHECKER_CACHE_DIR": cache})
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def p4(runs: int, authority: str, as_of: str) -> None:
    baseline = _cold_ms([sys.executable, "-c", "pass"], runs)
    prefill = _cold_ms([sys.executable, "-m", "checker", "prefill", authority, "--as-of", as_of],
                       runs)
    print(f"P4 checker prefill {authority!r} --as-of {as_of}, cold (new process, empty cache): "
          f"median {prefill:.0f} ms over {runs} runs (python -c pass: {baseline:.0f} ms; "
          "target <= 300 ms)")


def p5(inspections: Path) -> None:
    if not inspections.is_file():
        print(f"P5 skipped: {inspections} is absent")
        return
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "checker", "backtest", "--published", "--inspections",
               str(inspections), "--format", "json"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO,
                          env=env)
    elapsed = time.perf_counter() - start
    count = json.loads(done.stdout)["inspections"]
    print(f"P5 checker backtest --published: {elapsed:.1f} s wall for {count} inspections "
          f"({elapsed * 1000 / max(count, 1):.1f} ms each, start-up included; "
          f"{os.cpu_count()} cores; target <= 30 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--example", type=Path, default=REPO / "examples" / "cornwall-2009.json")
    parser.add_argument("--inspections", type=Path,
                        default=REPO.parent / "shared" / "data" / "inspections.csv")
    parser.add_argument("--only", choices=["P1", "P2", "P3", "P4", "P5"], action="append",
                        help="run only these (repeatable); default: all")
    args = parser.parse_args()
    wanted = set(args.only or ["P1", "P2", "P3", "P4", "P5"])
    print(f"python {sys.version.split()[0]} on {sys.platform}")
    steps: dict[str, Callable[[], None]] = {
        "P1": lambda: p1(args.runs, args.example), "P2": lambda: p2(args.count), "P3": p3,
        "P4": lambda: p4(args.runs, "Barnsley", "2024-06-01"),
        "P5": lambda: p5(args.inspections)}
    for name, step in steps.items():
        if name in wanted:
            step()


if __name__ == "__main__":
    main()
