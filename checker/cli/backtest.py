"""``checker backtest``: predictions held against published judgements."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from checker.cli._common import LazyChoice

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _formats() -> list[str]:
    from checker.backtest.corpus_render import FORMATS as CORPUS
    from checker.backtest.published_render import FORMATS as PUBLISHED
    from checker.backtest.render import FORMATS

    return list(dict.fromkeys([*FORMATS, *PUBLISHED, *CORPUS]))


def _corpus(directory: Path, output_format: str, packs: tuple[Path, ...]) -> str:
    from checker.backtest import corpus
    from checker.backtest.corpus_render import FORMATS
    from checker.rules.evidence import CorpusSentences
    from checker.rules.loader import load_rulebook
    from checker.scoring.params import model_params
    from checker.scoring.risk import is_context

    if output_format not in FORMATS:
        raise click.UsageError(f"--format {output_format} does not go with --corpus "
                               f"(use one of: {', '.join(FORMATS)})")
    if not (directory / "index.csv").is_file():
        raise click.BadParameter(f"{directory} has no index.csv: give the report corpus "
                                 "folder (../shared/corpus)", param_hint="--corpus")
    checks = set(model_params().published_checks)
    rules = [rule for rule in load_rulebook(packs).rules if rule.id not in checks
             and rule.scoring_area in corpus.AREAS and not is_context(rule)]
    reports = corpus.match_reports(rules, CorpusSentences.load(directory))
    return FORMATS[output_format](corpus.cross_validate(rules, reports))


def _progress(items: Sequence[Any]) -> Iterator[Any]:
    with click.progressbar(items, label="prefill and check", file=sys.stderr) as bar:
        yield from bar


def _published(inspections: Path | None, since: dt.datetime | None, until: dt.datetime | None,
               authority: str | None, output_format: str, packs: tuple[Path, ...],
               as_published: bool) -> str:
    from checker.backtest.published import default_inspections, run_published_backtest
    from checker.backtest.published_render import FORMATS
    from checker.rules.loader import load_rulebook

    path = inspections or default_inspections()
    if path is None:
        raise click.UsageError("no inspections file: give --inspections PATH (the default, "
                               "../shared/data/inspections.csv beside the repository, is absent)")
    if not path.is_file():
        raise click.BadParameter(f"{path} is not a file", param_hint="--inspections")
    result = run_published_backtest(
        path, load_rulebook(packs), since=since.date() if since else None,
        until=until.date() if until else None, authority=authority,
        progress=_progress if sys.stderr.isatty() else None, as_published=as_published)
    if not result.inspections:
        raise click.UsageError(f"no SIF or ILACS inspection in {path} matches the filters")
    return FORMATS[output_format](result)


@click.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "output_format", type=LazyChoice(_formats), default="text",
              show_default=True, help="markdown prints the block the README quotes; csv (with "
              "--published) one row per inspection and area.")
@click.option("--rules", "packs", multiple=True, type=click.Path(path_type=Path),
              help="A local rule pack to include; repeatable.")
@click.option("--published", is_flag=True, help="Backtest every SIF and ILACS inspection in "
              "the published inspection outcomes, prefilled from the published statistics.")
@click.option("--inspections", type=click.Path(path_type=Path, dir_okay=False),
              help="With --published: the inspections file (default: "
              "../shared/data/inspections.csv beside the repository).")
@click.option("--since", type=DATE, help="With --published: inspections starting on or after "
              "this date (YYYY-MM-DD).")
@click.option("--until", type=DATE, help="With --published: inspections starting on or before "
              "this date.")
@click.option("--authority", help="With --published: one authority's inspections (name or LA "
              "number; a reorganised name covers every code it had).")
@click.option("--as-published/--look-ahead", default=None, help="With --published: use only "
              "the figures DfE had published by each fieldwork start (the default: a year's "
              "March figures count from the next 1 January, the workforce census from the next "
              "1 March), or the latest years ending before it, published or not.")
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Backtest the local evidence on the inspection-report corpus in this folder "
              "(../shared/corpus), out of fold.")
def backtest(directory: Path | None, output_format: str, packs: tuple[Path, ...],
             published: bool, inspections: Path | None, since: dt.datetime | None,
             until: dt.datetime | None, authority: str | None, as_published: bool | None,
             corpus_dir: Path | None) -> None:
    """Hold predictions against published judgements.

    Runs every example in DIRECTORY (default: the shipped examples) that has a
    <name>.outcomes.yaml beside it and compares predicted with published grades, judgement by
    judgement, in the source's own framework and mapped to the current one: table, confusion
    matrix, exact and within-one-grade rates, and the always-the-commonest-grade baseline.

    With --published, every SIF and ILACS inspection in Ofsted's published outcomes is
    prefilled from the published statistics as of its fieldwork start, checked in the
    current framework and compared area by area: exact and within-one rates, inadequate
    recall and precision, ROC AUC of the published-figures score, confusion matrices and the
    majority-grade baseline, by framework, area and year. Every figure is out of fold: the
    cut-offs banding an inspection are fitted on other authorities' inspections.

    With --corpus DIR, the local evidence is tested on the inspection-report corpus: each
    report scored from the findings its inspectors made, rule weights and cut-offs fitted
    without the report's authority.
    """
    if corpus_dir is not None:
        if published or directory is not None:
            raise click.UsageError("--corpus reads the report corpus, not DIR or --published")
        click.echo(_corpus(corpus_dir, output_format, packs), nl=False)
        return
    if published:
        if directory is not None:
            raise click.UsageError("--published reads the inspections file, not DIRECTORY")
        click.echo(_published(inspections, since, until, authority, output_format, packs,
                              as_published is not False), nl=False)
        return
    if any(item is not None for item in (inspections, since, until, authority, as_published)):
        raise click.UsageError("--inspections, --since, --until, --authority and "
                               "--as-published/--look-ahead go with --published")
    from checker.backtest.examples import run_backtest
    from checker.backtest.render import FORMATS
    from checker.core.resources import data_root
    from checker.rules.loader import load_rulebook

    if output_format not in FORMATS:
        raise click.UsageError(f"--format {output_format} goes with --published")
    folder = directory if directory is not None else data_root() / "examples"
    if not folder.is_dir():
        raise click.BadParameter(f"{folder} is not a directory", param_hint="DIRECTORY")
    result = run_backtest(folder, load_rulebook(packs))
    if not result.examples:
        raise click.UsageError(f"no examples with outcomes (*.outcomes.yaml) in {folder}")
    click.echo(FORMATS[output_format](result), nl=False)
