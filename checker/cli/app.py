"""The ``checker`` command line.

Commands are thin: they parse options, call the modules that do the work and map errors to
the documented exit codes (see :mod:`checker.core.errors`). No command prints a traceback; set
``CHECKER_DEBUG=1`` to see one when reporting a bug.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from checker import __version__
from checker.core.errors import CheckerError, ExitCode, Problem

EXIT_CODES_HELP = """\b
Exit codes:
  0  ran; for check, nothing at or above --fail-on
  1  check: an area at or above --fail-on; rules test: a case failed
  2  usage error (unknown option, missing argument)
  3  invalid self-assessment (syntax, type, range, unknown field, size, missing file)
  4  invalid rule, framework or sources file
  5  internal or engine error (no report is printed rather than a wrong one)
"""


def echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(problem.render(), err=True)


def _fail(exit_code: int) -> NoReturn:
    raise click.exceptions.Exit(exit_code)


class CheckerGroup(click.Group):
    """Turns every error into a message and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CheckerError as error:
            echo_problems(error.problems)
            _fail(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (for example `checker check ... | head`): not an error.
            sys.stderr.close()
            _fail(ExitCode.OK)
        except RecursionError:
            click.echo("checker: internal error: input nested too deeply", err=True)
            _fail(ExitCode.INTERNAL)
        except Exception as error:
            if os.environ.get("CHECKER_DEBUG"):
                raise
            click.echo(
                f"checker: internal error ({type(error).__name__}: {error}); "
                "no report was written. Set CHECKER_DEBUG=1 for details and report it.",
                err=True,
            )
            _fail(ExitCode.INTERNAL)


@click.group(cls=CheckerGroup, epilog=EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="checker")
def cli() -> None:
    """Inspection-readiness checker for English local-authority children's services.

    Runs a self-assessment (JSON or YAML) through rules that encode what Ofsted inspectors
    found in real inspections and reports predicted risk per judgement area, with the
    evidence behind every finding.
    """


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check self-assessment FILES against the schema (no rules are run)."""
    from checker.inputs.assessment import load_assessment

    worst = ExitCode.OK
    for path in files:
        try:
            assessment = load_assessment(path)
        except CheckerError as error:
            echo_problems(error.problems)
            count = len(error.problems)
            click.echo(f"{path}: invalid ({count} problem{'s' if count != 1 else ''})", err=True)
            worst = max(worst, error.exit_code)
            continue
        given = len(assessment.values)
        from checker.inputs.metrics import catalogue

        click.echo(
            f"{path}: valid self-assessment for {assessment.authority.name}, as of "
            f"{assessment.authority.as_of.isoformat()} "
            f"({given} of {len(catalogue())} metrics given)"
        )
    if worst:
        _fail(worst)


@cli.command()
@click.argument(
    "name",
    type=click.Choice(["selfassessment", "rule", "report"]),
    default="selfassessment",
)
def schema(name: str) -> None:
    """Print the JSON Schema NAME (selfassessment, rule or report)."""
    from checker.core.resources import schema_path

    click.echo(schema_path(name).read_text(encoding="utf-8"), nl=False)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("selfassessment.json"))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def init(path: Path, force: bool) -> None:
    """Write a starter self-assessment to PATH (JSON, or YAML with comments for .yaml)."""
    from checker.core.files import write_atomic
    from checker.inputs.starter import starter_json, starter_yaml

    if path.exists() and not force:
        raise click.UsageError(f"{path} already exists; use --force to overwrite it")
    if path.is_dir():
        raise click.UsageError(f"{path} is a directory")
    today = dt.date.today()
    yaml_wanted = path.suffix.lower() in {".yaml", ".yml"}
    write_atomic(path, starter_yaml(today) if yaml_wanted else starter_json(today))
    click.echo(f"wrote {path}: fill in what you know, then run: checker validate {path}")


FORMAT_CHOICES = ["text", "json", "markdown", "html", "sarif", "junit"]


def _color_wanted(output: Path | None) -> bool:
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--framework",
    metavar="ID",
    help="Framework to report against: ilacs-2026 (current, default), ilacs-2023, sif-2013 "
    "or slac-2009. Default: the file's authority.framework, else ilacs-2026.",
)
@click.option(
    "--format", "output_format", type=click.Choice(FORMAT_CHOICES), default="text",
    show_default=True, help="Output format.",
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file (atomically) instead of standard output.",
)
@click.option(
    "--fail-on", type=click.Choice(["low", "medium", "high"]),
    help="Exit with status 1 if any judgement area is at or above this risk band.",
)
@click.option(
    "--rules", "packs", multiple=True, type=click.Path(path_type=Path),
    help="A local rule pack (directory) that adds or overrides rules; repeatable.",
)
@click.option(
    "--no-shipped-rules", is_flag=True,
    help="Use only the --rules packs, not the shipped catalogue (to try a pack on its own).",
)
def check(
    files: tuple[Path, ...],
    framework: str | None,
    output_format: str,
    output: Path | None,
    fail_on: str | None,
    packs: tuple[Path, ...],
    no_shipped_rules: bool,
) -> None:
    """Predict inspection risk for self-assessment FILES.

    Every file is checked in the same run; if any file is invalid, nothing is reported and
    the exit status is 3, so a batch never yields a partial report.
    """
    from checker.core.errors import InvalidAssessment
    from checker.core.files import write_atomic
    from checker.inputs.assessment import load_assessment
    from checker.report.build import build_report
    from checker.report.render import Options, renderer
    from checker.rules.frameworks import frameworks
    from checker.rules.loader import load_rulebook
    from checker.scoring.risk import BAND_RANK
    from checker.scoring.run import check_assessment, framework_for

    known = frameworks()
    if framework is not None and framework not in known:
        raise click.BadParameter(
            f"{framework!r} is not a known framework; choose from {', '.join(sorted(known))}",
            param_hint="--framework",
        )
    if output is not None and any(output.resolve() == path.resolve() for path in files):
        raise click.UsageError(f"--output {output} would overwrite an input file")
    if no_shipped_rules and not packs:
        raise click.UsageError("--no-shipped-rules needs at least one --rules pack")
    rulebook = load_rulebook(packs, shipped_rules=not no_shipped_rules)
    assessments = []
    problems: list[Problem] = []
    for path in files:
        try:
            assessments.append(load_assessment(path))
        except InvalidAssessment as error:
            problems.extend(error.problems)
    if problems:
        raise InvalidAssessment(problems)
    results = [
        check_assessment(item, rulebook, framework_for(item, framework)) for item in assessments
    ]
    report = build_report(results, rulebook)
    interactive = output is None and sys.stdout.isatty()
    options = Options(
        color=_color_wanted(output),
        width=shutil.get_terminal_size().columns if interactive else 100,
    )
    text = renderer(output_format)(report, options)
    if output is not None:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
    if fail_on is not None:
        threshold = BAND_RANK[fail_on]
        worst = max(
            (BAND_RANK.get(area.band, 0) for result in results for area in result.areas),
            default=0,
        )
        if worst >= threshold:
            _fail(ExitCode.FINDINGS)


@cli.group()
def rules() -> None:
    """Validate, test, list and document rule files (for rule maintainers and CI)."""


def _nearest_sources(path: Path) -> Path | None:
    """The folder of the nearest sources.yaml above a rule file, up to the working directory."""
    here = Path.cwd().resolve()
    for folder in path.resolve().parents:
        if (folder / "sources.yaml").is_file():
            return folder
        if folder == here:
            break
    return None


def _gather(paths: tuple[Path, ...]) -> tuple[list[Any], dict[str, Any], list[Problem]]:
    """Rules, sources and parse problems from rule files and packs (default: shipped)."""
    from checker.core.errors import InvalidRules
    from checker.core.resources import rules_dir
    from checker.rules.loader import SHIPPED, pack_sources
    from checker.rules.model import discover, parse_files
    from checker.rules.sources import load_sources

    shipped = rules_dir()
    sources = load_sources(shipped / "sources.yaml")
    found: list[Any] = []
    problems: list[Problem] = []
    for path in paths or (shipped,):
        if path.is_dir():
            sources = pack_sources(path, sources)
            files = discover(path)
        elif path.is_file():
            files = [path]
            local_sources = _nearest_sources(path)
            if local_sources is not None:
                sources = pack_sources(local_sources, sources)
        else:
            raise InvalidRules([Problem(file=str(path), message="no such file or directory")])
        is_shipped = path.resolve() == shipped.resolve()
        origin = SHIPPED if is_shipped else str(path)
        label = "rules" if is_shipped else str(path)
        rules_found, parse_problems = parse_files(
            files, origin, directory=path if path.is_dir() else None, label=label)
        found.extend(rules_found)
        problems.extend(parse_problems)
    return found, sources, problems


@rules.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--seeds", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of source texts: also check every quote is verbatim at its paragraph.")
def rules_lint(paths: tuple[Path, ...], seeds: Path | None) -> None:
    """Check rule files or rule-pack folders PATHS (default: the shipped rules).

    Every problem is printed with a stable code (RL001-RL018), file and line; the exit
    status is 4 if any is found.
    """
    from checker.core.errors import InvalidRules
    from checker.rules.lint import check_seeds
    from checker.rules.loader import linter

    found, sources, problems = _gather(paths)
    problems.extend(linter(sources).full(found))
    if seeds is not None:
        problems.extend(check_seeds(
            found, seeds, {key: src.file for key, src in sources.items()},
            {key: src.paragraphs for key, src in sources.items()},
        ))
    files = len({rule.file for rule in found})
    if problems:
        echo_problems(sorted(problems, key=lambda p: (p.file, p.line or 0, p.code or "")))
        raise InvalidRules([Problem(file="rules lint", message=(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in "
            f"{len(found)} rules from {files} files"))])
    click.echo(f"{len(found)} rules in {files} files: no problems")


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "junit"]), default="text",
              show_default=True, help="junit writes JUnit XML for CI dashboards.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the JUnit XML here (atomically) instead of standard output.")
def rules_test(paths: tuple[Path, ...], output_format: str, output: Path | None) -> None:
    """Run every rule's embedded test cases through the real engine.

    Prints one line per failing case with the condition trace and a summary
    'N passed, N failed'; exits 1 on any failure or when no test was found, 4 if the rule
    files themselves are invalid.
    """
    from checker.core.errors import InvalidRules
    from checker.rules.testing import run_tests

    found, _sources, problems = _gather(paths)
    if problems:
        raise InvalidRules(problems)
    results = run_tests(found)
    failed = [result for result in results if not result.passed]
    if output_format == "junit":
        from checker.core.files import write_atomic
        from checker.rules.testing import junit

        xml = junit(results)
        if output is not None:
            write_atomic(output, xml)
        else:
            click.echo(xml, nl=False)
    else:
        for result in failed:
            click.echo(result.describe())
    summary = f"{len(results) - len(failed)} passed, {len(failed)} failed"
    click.echo(summary, err=output_format == "junit")
    if not results:
        click.echo("no rule tests were found", err=True)
    if failed or not results:
        _fail(ExitCode.FINDINGS)


def _filtered(found: list[Any], area: str | None, source: str | None, topic: str | None,
              severity: str | None) -> list[Any]:
    return [
        rule for rule in found
        if (area is None or area in rule.areas)
        and (source is None or any(e.source == source for e in rule.evidence))
        and (topic is None or topic in rule.topics)
        and (severity is None or rule.severity == severity)
    ]


@rules.command("list")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--area", help="Only rules bearing on this judgement area.")
@click.option("--source", help="Only rules citing this source id.")
@click.option("--topic", help="Only rules with this topic.")
@click.option("--severity", type=click.Choice(["critical", "major", "moderate", "minor"]))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules_list(paths: tuple[Path, ...], area: str | None, source: str | None,
               topic: str | None, severity: str | None, output_format: str) -> None:
    """List rules (id, severity, areas, title), optionally filtered."""
    import json

    from checker.core.errors import InvalidRules

    found, _sources, problems = _gather(paths)
    if problems:
        raise InvalidRules(problems)
    chosen = sorted(_filtered(found, area, source, topic, severity), key=lambda r: r.id)
    if output_format == "json":
        click.echo(json.dumps([
            {"id": r.id, "title": r.title, "severity": r.severity, "areas": list(r.areas),
             "topics": list(r.topics), "sources": sorted({e.source for e in r.evidence}),
             "file": r.file, "line": r.line}
            for r in chosen
        ], indent=2))
        return
    for rule in chosen:
        click.echo(f"{rule.id:<8} {rule.severity:<8} {','.join(rule.areas):<40} {rule.title}")
    click.echo(f"{len(chosen)} of {len(found)} rules", err=True)


@rules.command("explain")
@click.argument("rule_id")
@click.option("--rules", "packs", multiple=True, type=click.Path(path_type=Path),
              help="Also look in this rule pack.")
def rules_explain(rule_id: str, packs: tuple[Path, ...]) -> None:
    """Everything about rule RULE_ID: condition in words, evidence, basis, what to do, tests."""
    from checker.core.errors import InvalidRules
    from checker.core.resources import rules_dir
    from checker.engine import conditions as cond
    from checker.rules.model import SEVERITY_MEANING, paragraph_label

    found, sources, problems = _gather((rules_dir(), *packs))
    if problems:
        raise InvalidRules(problems)
    matches = [rule for rule in found if rule.id == rule_id.upper()]
    if not matches:
        known = sorted(rule.id for rule in found)
        import difflib

        close = difflib.get_close_matches(rule_id.upper(), known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise click.BadParameter(f"no rule {rule_id!r}{hint}", param_hint="RULE_ID")
    rule = matches[-1]
    say = click.echo
    say(f"{rule.id}: {rule.title}")
    say(f"Defined in {rule.file}, line {rule.line}")
    say(f"Severity: {rule.severity} ({SEVERITY_MEANING[rule.severity]})")
    say(f"Areas: {', '.join(rule.areas)}; topics: {', '.join(rule.topics)}")
    say(f"Fires when: {cond.describe(rule.when)}")
    say("Evidence:")
    for item in rule.evidence:
        source = sources.get(item.source)
        title = source.title if source else item.source
        grade = f" [{item.grade.judgement}: {item.grade.grade}]" if item.grade else ""
        say(f"  {item.source}, {paragraph_label(item.paragraph)}{grade}")
        say(f"    {title}")
        say(f"    \"{' '.join(item.quote.split())}\"")
    say(f"Basis ({rule.basis.kind}): {' '.join(rule.basis.text.split())}")
    say(f"  citation: {rule.basis.citation}")
    say(f"What to do: {' '.join(rule.recommendation.split())}")
    say("Tests:")
    for test in rule.tests:
        say(f"  {test.expect:<14} {test.name}: {test.input}")


@rules.command("docs")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the catalogue here (atomically).")
@click.option("--check", "check_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Fail (exit 1) if this committed catalogue differs from the rule files.")
def rules_docs(paths: tuple[Path, ...], output: Path | None, check_path: Path | None) -> None:
    """Generate the rule catalogue as Markdown (the committed copy is docs/rules.md)."""
    from checker.core.errors import InvalidRules
    from checker.rules.docs import render_catalogue

    found, sources, problems = _gather(paths)
    if problems:
        raise InvalidRules(problems)
    text = render_catalogue(found, sources)
    if check_path is not None:
        current = check_path.read_text(encoding="utf-8") if check_path.is_file() else ""
        if current != text:
            click.echo(f"{check_path} is out of date: run `checker rules docs -o {check_path}`",
                       err=True)
            _fail(ExitCode.FINDINGS)
        click.echo(f"{check_path} is up to date")
        return
    if output is not None:
        from checker.core.files import write_atomic

        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True,
              help="markdown prints the block the README quotes.")
@click.option("--rules", "packs", multiple=True, type=click.Path(path_type=Path),
              help="A local rule pack to include; repeatable.")
def backtest(directory: Path | None, output_format: str, packs: tuple[Path, ...]) -> None:
    """Hold predictions against published judgements.

    Runs every example in DIRECTORY (default: the shipped examples) that has a
    <name>.outcomes.yaml beside it and compares predicted with published grades, judgement by
    judgement, in the source's own framework and mapped to the current one: table, confusion
    matrix, exact and within-one-grade rates, and the always-the-commonest-grade baseline.
    """
    import json

    from checker.backtest.examples import run_backtest
    from checker.backtest.render import render_backtest
    from checker.rules.loader import load_rulebook

    folder = directory if directory is not None else _examples_dir()
    if not folder.is_dir():
        raise click.BadParameter(f"{folder} is not a directory", param_hint="DIRECTORY")
    result = run_backtest(folder, load_rulebook(packs))
    if not result.examples:
        raise click.UsageError(f"no examples with outcomes (*.outcomes.yaml) in {folder}")
    if output_format == "json":
        click.echo(json.dumps(result.as_dict(), indent=2))
    elif output_format == "markdown":
        from checker.backtest.render import render_backtest_markdown

        click.echo(render_backtest_markdown(result), nl=False)
    else:
        click.echo(render_backtest(result), nl=False)


def _examples_dir() -> Path:
    from checker.core.resources import data_root

    return data_root() / "examples"


def _terminate(signum: int, _frame: object) -> None:
    """SIGTERM becomes an orderly exit, so a temporary output file is removed."""
    raise SystemExit(128 + signum)


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="checker")
