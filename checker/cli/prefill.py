"""``checker prefill``: a self-assessment holding an authority's published figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from checker.cli._common import checked_output, emit, output_option


@click.command()
@click.argument("authority")
@click.option("--as-of", "as_of", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Date the self-assessment describes (YYYY-MM-DD): each figure is for the "
              "latest reference year ending before it.")
@output_option("Write to FILE (atomically): JSON if it ends .json, else YAML with comments. "
               "Default: YAML on standard output.")
def prefill(authority: str, as_of: dt.datetime, output: Path | None) -> None:
    """Write a self-assessment for AUTHORITY prefilled from published statistics.

    AUTHORITY is a name as DfE lists it (case, '&', punctuation and 'City of' do not matter)
    or a 3-digit LA number. Every metric DfE publishes gets the authority's figure for the
    latest reference year ending before --as-of (31 March years; 30 September for the
    workforce), its provenance and its comparators for the same year (England, region,
    statistical neighbours, quartiles). Suppressed figures are left out, with a comment.
    An unknown authority, a date outside the shipped statistics, or an authority that did
    not exist on that date exits 3. Contains public sector information licensed under the
    Open Government Licence v3.0.
    """
    from checker.stats.prefill import build_prefill, render_json, render_yaml

    target = checked_output(output)
    result = build_prefill(authority, as_of.date())
    wants_json = output is not None and output.suffix.lower() == ".json"
    emit(render_json(result) if wants_json else render_yaml(result), target)
