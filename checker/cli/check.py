"""``checker check``: the predicted-risk report."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import click

from checker.cli._common import (
    WARNINGS_OPTION,
    LazyChoice,
    checked_output,
    color_wanted,
    echo_warnings,
    emit,
    exit_codes_help,
    fail,
    output_option,
)
from checker.core.errors import ExitCode
from checker.core.files import OutputTarget
from checker.core.vocab import BANDS, PREDICTED_BANDS
from checker.report.model import Report

if TYPE_CHECKING:
    from checker.report.pipeline import CheckRun


def _frameworks() -> list[str]:
    from checker.rules.frameworks import frameworks

    return sorted(frameworks())


def _formats() -> list[str]:
    from checker.report.render import formats

    return formats()


@click.command(epilog=exit_codes_help())
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--framework", type=LazyChoice(_frameworks),
    help="Framework to report against. Default: the file's authority.framework, else the "
    "current framework.",
)
@click.option("--format", "output_format", type=LazyChoice(_formats), default="text",
              show_default=True, help="Output format.")
@output_option("Write the report to this file (atomically) instead of standard output.")
@click.option("--fail-on", type=click.Choice(PREDICTED_BANDS),
              help="Exit with status 1 if any judgement area is at or above this risk band.")
@click.option("--rules", "packs", multiple=True, type=click.Path(path_type=Path),
              help="A local rule pack (directory) that adds or overrides rules; repeatable.")
@WARNINGS_OPTION
@click.option("--no-shipped-rules", is_flag=True,
              help="Use only the --rules packs, not the shipped catalogue (to try a pack on "
              "its own).")
@click.option("--detail", type=click.Choice(["summary", "full"]), default="summary",
              show_default=True,
              help="text and markdown: the one-page summary, or every finding with its "
              "evidence, every data gap, comparators and provenance (html: adds the appendix).")
@click.option("--appendix", is_flag=True,
              help="html: add the full evidence to the board paper as an appendix.")
@click.option("--what-if", "what_if", multiple=True, metavar="METRIC=VALUE",
              help="Rerun with a figure changed (repeatable; VALUE null makes it not known) "
              "and show what moved.")
@click.option("--previous", type=click.Path(path_type=Path), metavar="FILE",
              help="An earlier self-assessment of the same authority: show what moved since, "
              "better or worse, and what has deteriorated.")
@click.option("--children", "children_file", type=click.Path(dir_okay=False, path_type=Path),
              help="For self-assessments from `checker derive`: write the children behind each "
              "fired rule to this workbook (.xlsx), one sheet per rule. It holds child "
              "identifiers (personal data).")
@click.option("--show-children", is_flag=True,
              help="Also show the children's identifiers (personal data) when the report goes "
              "to the terminal; without it the terminal gets counts only, and a JSON report "
              "written with -o lists them.")
def check(files: tuple[Path, ...], framework: str | None, output_format: str,
          output: Path | None, fail_on: str | None, packs: tuple[Path, ...],
          warnings_as_errors: bool, no_shipped_rules: bool, detail: str, appendix: bool,
          what_if: tuple[str, ...], previous: Path | None, children_file: Path | None,
          show_children: bool) -> None:
    """Predict inspection risk for self-assessment FILES.

    Every file is checked in the same run; if any file is invalid, nothing is reported and
    the exit status is 3, so a batch never yields a partial report.
    """
    from checker.report.pipeline import check_files
    from checker.report.render import Options, renderer

    target = checked_output(output, (*files, *([previous] if previous else [])), packs)
    children_target = _children_target(children_file, files, packs)
    if target is not None and children_target is not None and (
            target.path == children_target.path):
        raise click.BadParameter("the children workbook cannot be the report file",
                                 param_hint="--children")
    if no_shipped_rules and not packs:
        raise click.UsageError("--no-shipped-rules needs at least one --rules pack")
    if previous is not None and len(files) != 1:
        raise click.UsageError("--previous compares one self-assessment with an earlier one: "
                               f"give one FILE, not {len(files)}")
    run = check_files(files, framework=framework, packs=packs,
                      shipped_rules=not no_shipped_rules, what_if=what_if, previous=previous)
    echo_warnings((w for r in run.results for w in r.assessment.warnings), warnings_as_errors)
    if run.rulebook.overridden:
        click.echo("note: local rule packs replace shipped rules "
                   f"{', '.join(sorted(run.rulebook.overridden))}", err=True)
    colour = color_wanted(target)
    options = Options(color=colour, width=shutil.get_terminal_size().columns if colour else 100,
                      detail=detail, appendix=appendix or detail == "full")
    report, children = _children(run, show_children or (
        target is not None and output_format == "json"), output_format)
    emit(renderer(output_format)(report, options) + children, target)
    if children_target is not None:
        from checker.core.files import write_output
        from checker.report.children import children_workbook

        write_output(children_target, children_workbook(run.report))
        click.echo(f"wrote {children_target.path} (child identifiers: personal data)", err=True)
    if fail_on is not None:
        _gate(run.report, fail_on)


def _children_target(path: Path | None, files: tuple[Path, ...], packs: tuple[Path, ...]
                     ) -> OutputTarget | None:
    if path is None:
        return None
    if path.suffix.lower() != ".xlsx":
        raise click.BadParameter("give a workbook name ending .xlsx", param_hint="--children")
    return checked_output(path, files, packs)


def _children(run: CheckRun, identifiers: bool, output_format: str) -> tuple[Report, str]:
    """The report to render (child identifiers only when wanted) and, for the text format,
    the block naming the children behind the findings (counts unless asked)."""
    from checker.report.children import attach_children, children_text, without_identifiers

    for note in attach_children(run.report, run.results):
        click.echo(f"note: {note}", err=True)
    report = run.report if identifiers else without_identifiers(run.report)
    text = children_text(report, identifiers=identifiers) if output_format == "text" else ""
    return report, text


def _gate(report: Report, fail_on: str) -> None:
    """``--fail-on``: exit 1 naming every area at or above the band, and every area the tool
    could not predict (an assessment with no evidence must not pass a gate)."""
    from checker.report.pipeline import at_or_above, not_predicted

    tripped = at_or_above(report, fail_on)
    unknown = not_predicted(report)
    for item in tripped:
        click.echo(f"--fail-on {fail_on}: {item.source}: {item.area} is "
                   f"{BANDS[item.band].label}", err=True)
    for item in unknown:
        click.echo(f"--fail-on {fail_on}: {item.source}: {item.area} could not be predicted "
                   "(not enough evidence)", err=True)
    if tripped or unknown:
        fail(ExitCode.FINDINGS)
