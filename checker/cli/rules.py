"""``checker rules``: lint, test, list, explain and document rule files (for maintainers and
CI)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from checker.cli._common import (
    checked_output,
    corpus_folder,
    echo_problems,
    emit,
    fail,
    output_option,
    plural,
)
from checker.core.errors import ExitCode, InvalidRules, Problem
from checker.core.vocab import SEVERITIES, lint_codes_text

PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


@click.group()
def rules() -> None:
    """Validate, test, list and document rule files (for rule maintainers and CI)."""


@rules.command("lint", epilog="\b\nLint codes: " + lint_codes_text())
@PATHS
@click.option("--seeds", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of source texts: also check every quote is verbatim at its paragraph.")
@click.option("--corpus", type=click.Path(path_type=Path, file_okay=False),
              callback=corpus_folder,
              help="The report corpus (a folder with index.csv): also check each finding "
              "pattern matches a sentence, and every corpus quote and grade against its report.")
def rules_lint(paths: tuple[Path, ...], seeds: Path | None, corpus: Path | None) -> None:
    """Check rule files or rule-pack folders PATHS (default: the shipped rules).

    Every problem is printed with a stable code, file and line; the exit status is 4 if any
    is found.
    """
    from checker.rules.maintenance import lint

    result = lint(paths, seeds, corpus)
    found = result.files
    if result.problems:
        echo_problems(result.problems)
        raise InvalidRules([Problem(file="rules lint", message=(
            f"{plural(len(result.problems), 'problem')} in {plural(found.files, 'file')} "
            f"({plural(len(found.rules), 'rule')} could be read)"))])
    click.echo(f"{plural(len(found.rules), 'rule')} in {plural(found.files, 'file')}: "
               "no problems")


@rules.command("test")
@PATHS
@click.option("--format", "output_format", type=click.Choice(["text", "junit"]), default="text",
              show_default=True, help="junit writes JUnit XML for CI dashboards.")
@output_option("Write the JUnit XML here (atomically) instead of standard output.")
def rules_test(paths: tuple[Path, ...], output_format: str, output: Path | None) -> None:
    """Run every rule's embedded test cases through the real engine.

    Prints one line per failing case with the condition trace and a summary
    'N passed, N failed'; exits 1 on any failure or when no test was found, 4 if the rule
    files themselves are invalid.
    """
    from checker.rules.maintenance import test
    from checker.rules.testing import junit_xml

    target = checked_output(output, paths, [p for p in paths if p.is_dir()])
    results = test(paths)
    failed = [result for result in results if not result.passed]
    if output_format == "junit":
        emit(junit_xml(results), target)
    else:
        for result in failed:
            click.echo(result.describe())
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed",
               err=output_format == "junit")
    if not results:
        click.echo("no rule tests were found", err=True)
    if failed or not results:
        fail(ExitCode.FINDINGS)


@rules.command("list")
@PATHS
@click.option("--area", help="Only rules bearing on this judgement area.")
@click.option("--source", help="Only rules citing this source id.")
@click.option("--topic", help="Only rules with this topic.")
@click.option("--severity", type=click.Choice(list(SEVERITIES)))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules_list(paths: tuple[Path, ...], area: str | None, source: str | None,
               topic: str | None, severity: str | None, output_format: str) -> None:
    """List rules (id, severity, areas, title), optionally filtered."""
    from checker.rules.maintenance import Filters, UnknownFilter, select

    try:
        chosen, total = select(paths, Filters(area, source, topic, severity))
    except UnknownFilter as error:
        raise click.BadParameter(error.message, param_hint=f"--{error.option}") from None
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
    click.echo(f"{len(chosen)} of {total} rules", err=True)


@rules.command("explain")
@click.argument("rule_id")
@click.option("--rules", "packs", multiple=True, type=click.Path(path_type=Path),
              help="Also look in this rule pack.")
def rules_explain(rule_id: str, packs: tuple[Path, ...]) -> None:
    """Everything about rule RULE_ID: condition in words, evidence, basis, what to do, tests."""
    from checker.rules.maintenance import explain

    try:
        click.echo(explain(rule_id, packs), nl=False)
    except LookupError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="RULE_ID") from None


@rules.command("docs")
@PATHS
@output_option("Write the catalogue here (atomically).")
@click.option("--check", "check_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Fail (exit 1) if this committed catalogue differs from the rule files.")
def rules_docs(paths: tuple[Path, ...], output: Path | None, check_path: Path | None) -> None:
    """Generate the rule catalogue as Markdown (the committed copy is docs/rules.md)."""
    from checker.rules.maintenance import catalogue

    target = checked_output(output, paths, [p for p in paths if p.is_dir()])
    text = catalogue(paths)
    if check_path is None:
        emit(text, target)
        return
    current = check_path.read_text(encoding="utf-8") if check_path.is_file() else ""
    if current != text:
        click.echo(f"{check_path} is out of date: run `checker rules docs -o {check_path}`",
                   err=True)
        fail(ExitCode.FINDINGS)
    click.echo(f"{check_path} is up to date")
