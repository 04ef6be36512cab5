"""``checker evidence``: the evidence statistics that ship with the rules, built from the report
corpus (for rule maintainers and CI)."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli._common import checked_output, corpus_folder, emit, fail, output_option, shown
from checker.core.errors import ExitCode


@click.group()
def evidence() -> None:
    """Evidence statistics from the corpus of published inspection reports."""


@evidence.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--corpus", required=True, type=click.Path(path_type=Path, file_okay=False),
              callback=corpus_folder,
              help="The report corpus: a folder with index.csv and reports/.")
@output_option("Write the file here (atomically). Default: the shipped rules/evidence.json, or "
               "standard output for rule files PATHS.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if the file (default: the shipped one) differs from "
              "what the corpus and the rules give.")
def evidence_build(paths: tuple[Path, ...], corpus: Path, output: Path | None,
                   check: bool) -> None:
    """Count, for every rule with finding patterns in PATHS (default: the shipped rules), in
    how many published reports of each grade inspectors made the finding, by framework, with
    recent sentences as examples.

    The file is deterministic (sorted keys), so CI can rebuild it and compare (--check).
    """
    from checker.core.resources import rules_dir
    from checker.rules.maintenance import evidence_file
    from checker.rules.statistics import EVIDENCE_FILE

    path = output if output is not None or paths else rules_dir() / EVIDENCE_FILE
    if not check:
        target = None if path is None else checked_output(path, paths)
        emit(evidence_file(corpus, paths), target)
        return
    if path is None:
        raise click.UsageError("--check needs the file to compare: give --output FILE")
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if current != evidence_file(corpus, paths):
        click.echo(f"{shown(path)} is out of date: run `checker evidence build --corpus "
                   f"{shown(corpus)}" + (f" -o {shown(path)}`" if output else "`"), err=True)
        fail(ExitCode.FINDINGS)
    click.echo(f"{shown(path)} is up to date")
