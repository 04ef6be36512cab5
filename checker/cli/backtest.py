"""``checker backtest``: predictions held against published judgements."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli._common import LazyChoice


def _formats() -> list[str]:
    from checker.backtest.render import FORMATS

    return list(FORMATS)


@click.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "output_format", type=LazyChoice(_formats), default="text",
              show_default=True, help="markdown prints the block the README quotes.")
@click.option("--rules", "packs", multiple=True, type=click.Path(path_type=Path),
              help="A local rule pack to include; repeatable.")
def backtest(directory: Path | None, output_format: str, packs: tuple[Path, ...]) -> None:
    """Hold predictions against published judgements.

    Runs every example in DIRECTORY (default: the shipped examples) that has a
    <name>.outcomes.yaml beside it and compares predicted with published grades, judgement by
    judgement, in the source's own framework and mapped to the current one: table, confusion
    matrix, exact and within-one-grade rates, and the always-the-commonest-grade baseline.
    """
    from checker.backtest.examples import run_backtest
    from checker.backtest.render import FORMATS
    from checker.core.resources import data_root
    from checker.rules.loader import load_rulebook

    folder = directory if directory is not None else data_root() / "examples"
    if not folder.is_dir():
        raise click.BadParameter(f"{folder} is not a directory", param_hint="DIRECTORY")
    result = run_backtest(folder, load_rulebook(packs))
    if not result.examples:
        raise click.UsageError(f"no examples with outcomes (*.outcomes.yaml) in {folder}")
    click.echo(FORMATS[output_format](result), nl=False)
