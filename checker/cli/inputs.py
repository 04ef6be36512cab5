"""Commands about self-assessment files: ``validate``, ``schema`` and ``init``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from checker.cli._common import (
    WARNINGS_OPTION,
    checked_output,
    echo_problems,
    echo_warnings,
    fail,
    plural,
    shown,
)
from checker.core.errors import CheckerError, ExitCode
from checker.inputs.schemas import PUBLISHED_SCHEMAS


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@WARNINGS_OPTION
def validate(files: tuple[Path, ...], warnings_as_errors: bool) -> None:
    """Check self-assessment FILES against the schema (no rules are run)."""
    from checker.inputs.assessment import load_assessment
    from checker.inputs.metrics import catalogue
    from checker.scoring.run import framework_for

    worst = ExitCode.OK
    for path in files:
        try:
            assessment = load_assessment(path)
            framework_for(assessment, None)  # a framework the file names must exist
            echo_warnings(assessment.warnings, warnings_as_errors)
        except CheckerError as error:
            echo_problems(error.problems)
            if len(error.problems) > 1 or error.problems[0].line is not None:
                click.echo(f"{shown(path)}: invalid ({plural(len(error.problems), 'problem')})",
                           err=True)
            worst = max(worst, error.exit_code)
            continue
        click.echo(
            f"{shown(path)}: valid self-assessment for {assessment.authority.name}, as of "
            f"{assessment.authority.as_of.isoformat()} "
            f"({len(assessment.values)} of {len(catalogue())} metrics given)"
        )
    if worst:
        fail(worst)


@click.command()
@click.argument("name", type=click.Choice(PUBLISHED_SCHEMAS), default=PUBLISHED_SCHEMAS[0])
def schema(name: str) -> None:
    """Print the JSON Schema NAME."""
    from checker.core.resources import schema_path

    click.echo(schema_path(name).read_text(encoding="utf-8"), nl=False)


def _starter_format(path: Path | None, chosen: str | None) -> tuple[Path, str]:
    suffixes = {".yaml": "yaml", ".yml": "yaml", ".xlsx": "xlsx", ".json": "json"}
    wanted = chosen or (suffixes.get(path.suffix.lower(), "json") if path else "json")
    return path or Path(f"selfassessment.{wanted}"), wanted


@click.command()
@click.argument("path", type=click.Path(path_type=Path), required=False)
@click.option("--format", "chosen", type=click.Choice(["json", "yaml", "xlsx"]),
              help="json, yaml (with every field's definition as a comment) or xlsx (a "
              "workbook: a sheet per section, a row per metric with its definition and the "
              "allowed values as data validation). Default: from PATH's suffix, else json.")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def init(path: Path | None, chosen: str | None, force: bool) -> None:
    """Write a starter self-assessment to PATH (default selfassessment.json, or .yaml/.xlsx
    with --format)."""
    from checker.core.files import write_output
    from checker.inputs.starter import starter_json, starter_yaml

    path, wanted = _starter_format(path, chosen)
    if path.is_dir():
        raise click.BadParameter(f"{shown(path)} is a folder; give a file name",
                                 param_hint="PATH")
    if path.exists() and not force:
        raise click.UsageError(f"{shown(path)} already exists; use --force to overwrite it")
    target = checked_output(path)
    assert target is not None  # noqa: S101 - a path was given
    today = dt.date.today()
    if wanted == "xlsx":
        from checker.inputs.workbook import starter_workbook

        content: str | bytes = starter_workbook(today)
    else:
        content = starter_yaml(today) if wanted == "yaml" else starter_json(today)
    write_output(target, content)
    click.echo(f"wrote {shown(path)}: fill in what you know, then run: checker validate "
               f"{shown(path)}")
