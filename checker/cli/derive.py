"""``checker derive``: a self-assessment from an Annex A workbook."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from checker.cli._common import (
    checked_output,
    emit,
    exit_codes_help,
    output_option,
    plural,
    shown,
)
from checker.core.errors import InvalidWorkbook, Problem
from checker.core.files import OutputTarget, write_output

#: Warnings printed before the rest are counted.
MAX_WARNINGS = 50


@contextmanager
def _progress() -> Iterator[Any]:
    """A progress bar over the workbook's sheets, on a terminal only."""
    if not sys.stderr.isatty():
        yield None
        return
    bar: list[Any] = []

    def tick(done: int, total: int, _title: str) -> None:
        if not bar:
            bar.append(click.progressbar(length=total, label="reading the lists",
                                         file=sys.stderr))
            bar[0].__enter__()
        bar[0].update(1)

    try:
        yield tick
    finally:
        if bar:
            bar[0].__exit__(None, None, None)


def _warn(problems: list[Problem], as_errors: bool) -> None:
    for problem in problems[:MAX_WARNINGS]:
        click.echo(f"warning: {problem.render()}", err=True)
    if len(problems) > MAX_WARNINGS:
        click.echo(f"warning: ... and {plural(len(problems) - MAX_WARNINGS, 'more warning')}",
                   err=True)
    if problems and as_errors:
        raise InvalidWorkbook([Problem(file="checker", message=(
            f"{plural(len(problems), 'warning')} treated as errors (--warnings-as-errors)"))])


def _children_target(output: Path | None, children_file: Path | None, no_children: bool,
                     inputs: list[Path]) -> OutputTarget | None:
    from checker.inputs.annexa import sidecar_path

    if no_children:
        return None
    path = children_file or (sidecar_path(output) if output is not None else None)
    if path is None:
        return None
    target = checked_output(path, inputs)
    if output is not None and target is not None and target.path == Path(output).resolve():
        raise click.BadParameter("the children file cannot be the output file",
                                 param_hint="--children-file")
    return target


@click.command(epilog=exit_codes_help())
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The date the lists were extracted (YYYY-MM-DD). Default: the latest date "
              "in the lists that is not after today.")
@click.option("--months", type=click.IntRange(1, 36), default=6, show_default=True,
              help="How many months before the as-of date the event lists cover. Figures "
              "defined over twelve months are derived only with 12 or more.")
@click.option("--authority", help="The authority's name (default: the --merge file's, else "
              "a placeholder to replace).")
@click.option("--policy", type=click.Path(path_type=Path, dir_okay=False),
              help="The authority's policy parameters (a YAML or JSON mapping, or a "
              "self-assessment whose policy is used), written into the self-assessment.")
@click.option("--merge", type=click.Path(path_type=Path, dir_okay=False),
              help="The authority's own self-assessment (YAML, JSON or xlsx): its values are "
              "kept and the derived figures fill in the rest.")
@output_option("Write the self-assessment to FILE (atomically): JSON if it ends .json, else "
               "YAML with comments. Default: YAML on standard output.")
@click.option("--children-file", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the children behind each figure (default: NAME.children.json "
              "beside -o NAME.yaml; never to standard output). It holds child identifiers.")
@click.option("--no-children", is_flag=True, help="Do not write the children file.")
@click.option("--skip-bad-rows", is_flag=True,
              help="Leave rows with impossible or unreadable cells out of every figure (each "
              "reported) instead of stopping.")
@click.option("--warnings-as-errors", is_flag=True,
              help="Treat warnings about the workbook (lists or columns not found, headers or "
              "values not recognised, rows left out) as errors: exit 3 and write nothing.")
def derive(workbook: Path, as_of: dt.datetime | None, months: int, authority: str | None,
           policy: Path | None, merge: Path | None, output: Path | None,
           children_file: Path | None, no_children: bool, skip_bad_rows: bool,
           warnings_as_errors: bool) -> None:
    """Derive a self-assessment from the Annex A WORKBOOK (.xlsx) sent to Ofsted.

    Reads the child-level lists (List 1 to List 11; sheets found by name or headers, headers
    matched tolerantly) and computes every self-assessment figure whose definition they meet
    exactly, each with its provenance. Working days use the England and Wales bank holidays
    shipped with the tool (2013-2027). Child identifiers never reach the terminal: they go
    only to the children file, which `checker check` reads to name the children behind each
    finding. Nothing is written if the workbook cannot be read or holds impossible data
    (exit 3), each problem named by sheet and cell.
    """
    from checker.inputs.annexa.run import derive_workbook

    inputs = [p for p in (workbook, policy, merge) if p is not None]
    target = checked_output(output, inputs)
    children = _children_target(output, children_file, no_children, inputs)
    with _progress() as tick:
        result = derive_workbook(
            workbook, name=shown(workbook), as_of=as_of.date() if as_of else None,
            months=months, authority=authority, policy=policy, merge=merge,
            json_output=output is not None and output.suffix.lower() == ".json",
            skip_bad_rows=skip_bad_rows, progress=tick)
    _warn(result.warnings, warnings_as_errors)
    _summary(result)
    emit(result.text, target)
    if children is not None:
        write_output(children, result.children)
        behind = sum(1 for f in result.derived.figures.values() if f.breach)
        click.echo(f"wrote {shown(children.path)}: the children behind {behind} figures "
                   "(child identifiers: personal data)", err=True)
    elif not no_children:
        click.echo("note: the children behind each figure were not written (they never go to "
                   "standard output): give -o FILE or --children-file FILE", err=True)


def _summary(result: Any) -> None:
    annex = result.derivation.annex
    click.echo(f"read {annex.name}: {plural(len(annex.lists), 'list')}, "
               f"{annex.rows:,} rows; as of {annex.as_of.isoformat()} ({annex.as_of_basis})",
               err=True)
    later = sum(1 for n in result.derivation.not_derived if "twelve months of" in n.reason)
    click.echo(f"derived {plural(len(result.derived.figures), 'figure')}; "
               f"{len(result.derivation.not_derived)} others not derived (the file's notes "
               "list them)" + (f"; --months 12 would add up to {later}" if later else ""),
               err=True)
    for path, (kept, derived) in result.derived.kept.items():
        click.echo(f"note: {path}: kept {kept!r} from {result.derived.merged_name} "
                   f"(derived {derived!r})", err=True)
