"""What a user waits for, printed (never asserted): run `python -m benchmarks.bench`.

Timings on a shared machine are noisy, so every figure that has a target is printed as a
ratio against a bare interpreter measured in the same run, with commands interleaved round by
round and the median taken. Bytecode is cached as it is for an installed package (pip
compiles it; PYTHONDONTWRITEBYTECODE is dropped and every command runs once before timing).

P1  `checker check examples/cornwall-2009.json` as a subprocess, warm (its cache folder
    filled) and cold (a new, empty CHECKER_CACHE_DIR each run), beside the virtualenv's
    `python -c pass` and `python -c "import durable.lang"`. Targets: warm <= 8x
    `python -c pass`; cold <= 1.5x warm.
P2  end to end in one process over generated self-assessments of every framework
    (benchmarks/generate.py): read, parse, validate, check, what would move it, report and
    render, once with JSON output and once with text; resident memory sampled every 1,000.
    Targets: JSON >= 600 per second, text >= 250 per second, memory flat (--p2-count
    100000 for the full run).
P3  `checker rules lint` then `checker rules test` of the shipped catalogue as two
    processes, warm and cold. Targets: <= 1.0 s warm, <= 1.5 s cold.
P3s `checker rules test` of generated packs (copies of the shipped rules under new ids) of
    500, 1,000 and 2,000 rules: time per test case should not grow. Target: 2,000 rules
    <= 10 s.
P4  `checker prefill` of one authority, cold, beside `python -c pass`. Target: <= 300 ms.
P5  `checker backtest --published` over ../shared/data/inspections.csv. Target: <= 30 s.
P6  `checker backtest --corpus ../shared/corpus` (the corpus backtest).
P7  `checker derive` of a generated Annex A workbook (benchmarks/derive_bench.py; 5,000
    children here, 50,000 there).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
PYTHON = sys.executable


def _checker() -> list[str]:
    """The console script a user runs, else ``python -m checker``."""
    script = Path(PYTHON).parent / "checker"
    return [str(script)] if script.is_file() else [PYTHON, "-m", "checker"]


def _run(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Wall seconds of one run (output captured; a failure is reported, not raised)."""
    start = time.perf_counter()
    subprocess.run(list(command), capture_output=True, cwd=REPO, env=env or ENV, check=False)
    return time.perf_counter() - start


def interleaved(commands: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    """Median seconds of each timed callable, run round by round in turn (so a busy moment
    of the machine slows every command alike), after one untimed run of each."""
    for run in commands.values():
        run()
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, run in commands.items():
            times[name].append(run())
    return {name: statistics.median(found) for name, found in times.items()}


def _cold(command: Sequence[str]) -> Callable[[], float]:
    def run() -> float:
        with tempfile.TemporaryDirectory() as cache:
            return _run(command, {**ENV, "CHECKER_CACHE_DIR": cache})
    return run


def p1(rounds: int, example: Path) -> None:
    check = [*_checker(), "check", str(example)]
    with tempfile.TemporaryDirectory() as cache:
        warm_env = {**ENV, "CHECKER_CACHE_DIR": cache}
        found = interleaved({
            "pass": lambda: _run([PYTHON, "-c", "pass"]),
            "durable": lambda: _run([PYTHON, "-c", "import durable.lang"]),
            "warm": lambda: _run(check, warm_env),
            "cold": _cold(check),
        }, rounds)
    bare, warm, cold = found["pass"], found["warm"], found["cold"]
    print(f"P1  checker check {example.name} (median of {rounds}, interleaved): warm "
          f"{warm * 1000:.0f} ms = {warm / bare:.1f}x python -c pass ({bare * 1000:.0f} ms; "
          f"target <= 8x); cold {cold * 1000:.0f} ms = {cold / warm:.2f}x warm (target "
          f"<= 1.5x); python -c 'import durable.lang' {found['durable'] * 1000:.0f} ms")


def _rss_mb() -> float:
    """Resident memory now (not the peak), in MB."""
    pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


class _Sink:
    """Where P2's reports go: counted, not kept."""

    def __init__(self) -> None:
        self.written = 0

    def __call__(self, text: str) -> None:
        self.written += len(text)


def _chunk(folder: Path, seed: int, start: int, size: int) -> list[Path]:
    from benchmarks.generate import assessment_text

    paths = []
    for offset in range(size):
        path = folder / f"a{offset:04d}.json"
        path.write_text(assessment_text(seed, start + offset), encoding="utf-8")
        paths.append(path)
    return paths


def p2(count: int, output_format: str, seed: int) -> None:
    """``checker check``'s own path (:class:`checker.report.pipeline.Batch` and the format's
    writer) over batches of 1,000 generated files, one rulebook and engine for the run: every
    file of a batch read and validated, then each read again, checked, analysed, reported and
    rendered. Only the generation of the files is left out of the time. Every file is new to
    the cache (``seed`` differs by format), as a new batch would be."""
    from benchmarks.generate import framework_ids
    from checker.report.pipeline import Batch
    from checker.report.render import Options, writer
    from checker.rules.loader import load_rulebook
    from checker.scoring.run import Checker

    rulebook = load_rulebook()
    checker = Checker(rulebook)
    factory, options, sink = writer(output_format), Options(), _Sink()
    seconds: dict[str, float] = dict.fromkeys(framework_ids(), 0.0)
    done: dict[str, int] = dict.fromkeys(framework_ids(), 0)
    validating = total = 0.0
    memory: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        # A first, untimed warm-up of 200 other files; then the batches of 1,000.
        for start, size in [(-1, 200), *((s, min(1000, count - s)) for s in range(0, count,
                                                                                  1000))]:
            files = _chunk(Path(folder), seed, start if start >= 0 else 10**6, size)
            began = time.perf_counter()
            batch = Batch(files, rulebook, checker=checker)
            out = factory(batch.head(), options, sink)
            previous = validated = time.perf_counter()
            for _result, report in batch.reports():
                out.add(report)
                now = time.perf_counter()
                seconds[report["framework"]["id"]] += now - previous
                done[report["framework"]["id"]] += 1
                previous = now
            out.close()
            if start < 0:
                seconds, done = dict.fromkeys(seconds, 0.0), dict.fromkeys(done, 0)
                sink.written = 0
                continue
            validating += validated - began
            total += time.perf_counter() - began
            memory.append(_rss_mb())
    _p2_print(output_format, count, (total, validating), seconds, done, sink.written, memory)


def _p2_print(output_format: str, count: int, times: tuple[float, float],
              seconds: dict[str, float], done: dict[str, int], written: int,
              memory: list[float]) -> None:
    total, validating = times
    target = {"json": 600, "text": 250}[output_format]
    per = ", ".join(f"{name} {done[name] / max(seconds[name], 1e-9):,.0f}" for name in seconds)
    print(f"P2  {output_format:<4} {count:,} generated self-assessments end to end: "
          f"{count / total:,.0f} per second (target >= {target}); the check, report and "
          f"{output_format} by framework, per second: {per}; validating first "
          f"{validating * 1000 / count:.2f} ms each; {written / count / 1024:,.0f} KB of "
          f"{output_format} each")
    steady = memory[1:] or memory  # from the first 1,000 on
    print(f"    memory (RSS every 1,000): {' '.join(f'{m:.0f}' for m in memory[:12])}"
          f"{' ...' if len(memory) > 12 else ''} MB; from the first 1,000 to the end "
          f"{(steady[-1] - steady[0]) * 1024 / max(count - 1000, 1) * 1000:+.0f} kB per "
          "1,000 (target: flat)")


def p2_both(count: int) -> None:
    p2(count, "json", 7)
    p2(count, "text", 8)


def p3(rounds: int) -> None:
    lint = [*_checker(), "rules", "lint"]
    test = [*_checker(), "rules", "test"]
    with tempfile.TemporaryDirectory() as cache:
        warm_env = {**ENV, "CHECKER_CACHE_DIR": cache}

        def cold() -> float:
            with tempfile.TemporaryDirectory() as empty:
                env = {**ENV, "CHECKER_CACHE_DIR": empty}
                return _run(lint, env) + _run(test, env)

        found = interleaved({
            "pass": lambda: _run([PYTHON, "-c", "pass"]),
            "warm": lambda: _run(lint, warm_env) + _run(test, warm_env),
            "cold": cold,
        }, rounds)
    print(f"P3  rules lint then rules test, two processes (median of {rounds}): warm "
          f"{found['warm']:.2f} s (target <= 1.0 s), cold {found['cold']:.2f} s (target "
          f"<= 1.5 s); python -c pass {found['pass'] * 1000:.0f} ms")


def generated_pack(folder: Path, count: int) -> int:
    """``count`` rules copied from the shipped catalogue under new ids (GAA-001...), without
    their finding patterns; returns the number of test cases."""
    import yaml

    from checker.core.resources import rules_dir
    from checker.rules.loader import discover

    shipped: list[dict[str, Any]] = []
    for path in discover(rules_dir()):
        shipped += yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
    rules, cases = [], 0
    for index in range(count):
        rule = dict(shipped[index % len(shipped)])
        rule.pop("finding_patterns", None)
        block, number = divmod(index, 999)
        rule["id"] = f"G{chr(65 + block // 26)}{chr(65 + block % 26)}-{number + 1:03d}"
        rules.append(rule)
        cases += len(rule["tests"])
    for start in range(0, count, 100):
        chunk = {"rules": rules[start:start + 100]}
        (folder / f"pack-{start // 100:03d}.yaml").write_text(
            yaml.safe_dump(chunk, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return cases


def p3s(sizes: Sequence[int]) -> None:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            pack = Path(folder) / "pack"
            pack.mkdir()
            cases = generated_pack(pack, size)
            with tempfile.TemporaryDirectory() as cache:
                seconds = _run([*_checker(), "rules", "test", str(pack)],
                               {**ENV, "CHECKER_CACHE_DIR": cache})
        rows.append(f"{size:,} rules ({cases:,} cases) {seconds:.1f} s = "
                    f"{seconds / cases * 1000:.2f} ms per case")
    print("P3s rules test of generated packs, cold: " + "; ".join(rows)
          + " (target: 2,000 rules <= 10 s, time per case flat)")


def p4(rounds: int, authority: str, as_of: str) -> None:
    prefill = [*_checker(), "prefill", authority, "--as-of", as_of]
    found = interleaved({"pass": lambda: _run([PYTHON, "-c", "pass"]),
                         "prefill": _cold(prefill)}, rounds)
    print(f"P4  checker prefill {authority!r} --as-of {as_of}, cold: {found['prefill'] * 1000:.0f}"
          f" ms (target <= 300 ms; python -c pass {found['pass'] * 1000:.0f} ms)")


def p5(inspections: Path) -> None:
    if not inspections.is_file():
        print(f"P5  skipped: {inspections} is absent")
        return
    seconds = _run([*_checker(), "backtest", "--published", "--inspections", str(inspections),
                    "--format", "json"])
    print(f"P5  checker backtest --published: {seconds:.1f} s (target <= 30 s; "
          f"{os.cpu_count()} cores)")


def p6(corpus: Path) -> None:
    if not (corpus / "index.csv").is_file():
        print(f"P6  skipped: {corpus} is absent")
        return
    seconds = _run([*_checker(), "backtest", "--corpus", str(corpus), "--format", "json"])
    print(f"P6  checker backtest --corpus: {seconds:.1f} s")


def p7(children: int) -> None:
    from benchmarks.annexa_synth import generate
    from benchmarks.derive_bench import AS_OF, derive_once

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        workbook = folder / "annex-a.xlsx"
        generate(workbook, children=children, seed=1, as_of=AS_OF, months=12)
        wall, cpu, peak, _summary = derive_once(workbook, folder)
    print(f"P7  checker derive of {children:,} children: {wall:.1f} s wall, {cpu:.1f} s CPU, "
          f"peak memory {peak:.0f} MB")


STEPS = ("P1", "P2", "P3", "P3s", "P4", "P5", "P6", "P7")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=11, help="timed runs per command")
    parser.add_argument("--p2-count", type=int, default=5_000,
                        help="generated self-assessments per P2 format (100000 for the full run)")
    parser.add_argument("--pack-sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--children", type=int, default=5_000, help="P7 authority size")
    parser.add_argument("--example", type=Path, default=REPO / "examples" / "cornwall-2009.json")
    parser.add_argument("--only", choices=STEPS, action="append",
                        help="run only these (repeatable); default: all")
    args = parser.parse_args()
    random.seed(0)
    wanted = set(args.only or STEPS)
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}")
    steps: dict[str, Callable[[], None]] = {
        "P1": lambda: p1(args.rounds, args.example),
        "P2": lambda: p2_both(args.p2_count),
        "P3": lambda: p3(max(3, args.rounds // 2)),
        "P3s": lambda: p3s(args.pack_sizes),
        "P4": lambda: p4(args.rounds, "Barnsley", "2024-06-01"),
        "P5": lambda: p5(SHARED / "data" / "inspections.csv"),
        "P6": lambda: p6(SHARED / "corpus"),
        "P7": lambda: p7(args.children)}
    for name, step in steps.items():
        if name in wanted:
            step()


if __name__ == "__main__":
    main()
