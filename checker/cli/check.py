"""``checker check``: the predicted-risk report."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from checker.cli._common import (
    WARNINGS_OPTION,
    LazyChoice,
    checked_output,
    color_wanted,
    echo_warnings,
    exit_codes_help,
    fail,
    output_option,
    shown,
)
from checker.core.errors import ExitCode
from checker.core.files import OutputTarget
from checker.core.vocab import BANDS, PREDICTED_BANDS

if TYPE_CHECKING:
    from checker.report.model import ChildrenInfo
    from checker.report.pipeline import Batch, Tripped
    from checker.report.render import Options, Write


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
    from checker.report.pipeline import Batch
    from checker.report.render import Options
    from checker.rules.loader import load_rulebook

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
    batch = Batch(files, load_rulebook(packs, shipped_rules=not no_shipped_rules),
                  framework=framework, what_if=what_if, previous=previous)
    echo_warnings(batch.warnings, warnings_as_errors)
    if batch.rulebook.overridden:
        click.echo("note: local rule packs replace shipped rules "
                   f"{', '.join(sorted(batch.rulebook.overridden))}", err=True)
    colour = color_wanted(target)
    options = Options(color=colour, width=_terminal_width() if colour else 100,
                      detail=detail, appendix=appendix or detail == "full")
    run = _Run(batch, output_format, show_children or (
        target is not None and output_format == "json"), children_target is not None, fail_on)
    if target is None:
        run.write(options, _stdout)
    else:
        with _output(target) as write:
            run.write(options, write)
        click.echo(f"wrote {shown(target.path)}", err=True)
    if children_target is not None:
        _workbook(children_target, run.children or [])
    if fail_on is not None:
        _gate(run, fail_on)


def _children_target(path: Path | None, files: tuple[Path, ...], packs: tuple[Path, ...]
                     ) -> OutputTarget | None:
    if path is None:
        return None
    if path.suffix.lower() != ".xlsx":
        raise click.BadParameter("give a workbook name ending .xlsx", param_hint="--children")
    return checked_output(path, files, packs)


def _workbook(target: OutputTarget, children: list[tuple[str, ChildrenInfo]]) -> None:
    from checker.core.files import write_output
    from checker.report.children import children_workbook

    write_output(target, children_workbook(children))
    click.echo(f"wrote {target.path} (child identifiers: personal data)", err=True)


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def _stdout(text: str) -> None:
    click.echo(text, nl=False)


@contextlib.contextmanager
def _output(target: OutputTarget) -> Iterator[Write]:
    from checker.core.files import OutputRefused, writing

    try:
        with writing(target) as write:
            yield write
    except OutputRefused as error:
        raise click.UsageError(str(error)) from None


class _Run:
    """The reports of a batch rendered and written one at a time; what ``--fail-on``,
    ``--children`` and the text format's children block need is kept as they pass."""

    def __init__(self, batch: Batch, output_format: str, identifiers: bool,
                 workbook: bool, fail_on: str | None) -> None:
        self.batch, self.format, self.identifiers = batch, output_format, identifiers
        #: (source, children) of each assessment with a children file, for ``--children``.
        self.children: list[tuple[str, ChildrenInfo]] | None = [] if workbook else None
        self.fail_on = fail_on
        self.tripped: list[Tripped] = []
        self.unknown: list[Tripped] = []

    def write(self, options: Options, write: Write) -> None:
        from checker.report.children import attach_children, children_text, without_identifiers
        from checker.report.pipeline import at_or_above, not_predicted
        from checker.report.render import writer

        out = writer(self.format)(self.batch.head(), options, write)
        block: list[str] = []
        for result, report in self.batch.reports():
            for note in attach_children(report, result):
                click.echo(f"note: {note}", err=True)
            if self.children is not None and "children" in report:
                self.children.append((report["source"], report["children"]))
            shown = report if self.identifiers else without_identifiers(report)
            out.add(shown)
            if self.format == "text" and (text := children_text(
                    shown, identifiers=self.identifiers)):
                block.append(text)
            if self.fail_on is not None:
                self.tripped += at_or_above(report, self.fail_on)
                self.unknown += not_predicted(report)
        out.close()
        if block:
            write("\n".join(block) + "\n")


def _gate(run: _Run, fail_on: str) -> None:
    """``--fail-on``: exit 1 naming every area at or above the band, and every area the tool
    could not predict (an assessment with no evidence must not pass a gate)."""
    for item in run.tripped:
        click.echo(f"--fail-on {fail_on}: {item.source}: {item.area} is "
                   f"{BANDS[item.band].label}", err=True)
    for item in run.unknown:
        click.echo(f"--fail-on {fail_on}: {item.source}: {item.area} could not be predicted "
                   "(not enough evidence)", err=True)
    if run.tripped or run.unknown:
        fail(ExitCode.FINDINGS)
