"""The terminal report, via rich: colour on a terminal, plain text when piped or written."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.text import Text

from checker.render import Options
from checker.render.common import citation, coverage, headline, observation

STYLE = {"low": "green", "medium": "yellow", "high": "bold red", "unknown": "dim"}
SEVERITY_STYLE = {"critical": "bold red", "major": "red", "moderate": "yellow", "minor": "cyan"}


def render(report: dict[str, Any], options: Options) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        width=options.width,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    for index, assessment in enumerate(report["assessments"]):
        if index:
            console.rule()
        _assessment(console, assessment)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _say(console: Console, markup: str, indent: int = 0) -> None:
    """Print one paragraph; wrapped lines keep the paragraph's indent."""
    console.print(Padding(Text.from_markup(markup), (0, 0, 0, indent), expand=False))


def _assessment(console: Console, assessment: dict[str, Any]) -> None:
    authority = assessment["authority"]
    summary = assessment["summary"]
    _say(
        console,
        f"[bold]{escape(authority['name'])}[/bold]: predicted inspection risk, figures as of "
        f"{authority['as_of']}"
    )
    _say(console, f"Framework: {escape(assessment['framework']['title'])}")
    _say(
        console,
        f"Source: {escape(assessment['source'])}; {summary['metrics_given']} of "
        f"{summary['metrics_total']} metrics given; {summary['rules_evaluable']} of "
        f"{summary['rules_total']} rules evaluable; {summary['rules_fired']} fired"
    )
    if summary["policy_defaults_used"]:
        _say(
            console,
            "Policy defaults used (state your own in 'policy'): "
            + ", ".join(summary["policy_defaults_used"])
        )
    console.print()
    for overall in assessment["overall"]:
        style = STYLE[overall["band"]]
        _say(
            console,
            f"[bold]{escape(overall['title'])}[/bold]: "
            f"[{style}]{escape(headline(overall))}[/{style}]",
        )
        _say(console, f"{escape(overall['explanation'])}", 2)
        console.print()
    for area in assessment["areas"]:
        _area(console, area)


def _area(console: Console, area: dict[str, Any]) -> None:
    style = STYLE[area["band"]]
    limiting = " (limiting judgement)" if area["limiting"] else ""
    _say(console, f"[bold]{escape(area['title'])}[/bold]{limiting}")
    _say(console, f"Risk: [{style}]{escape(headline(area))}[/{style}]", 2)
    _say(console, f"Coverage: {coverage(area)}; score {area['score']}", 2)
    if not area["findings"]:
        _say(console, "No rule fired.", 2)
    for finding in area["findings"]:
        severity = finding["severity"]
        sev_style = SEVERITY_STYLE[severity]
        _say(
            console,
            f"[{sev_style}]{severity.upper()}[/{sev_style}] {finding['rule']} "
            f"{escape(finding['title'])}",
            2,
        )
        for step in finding["observations"]:
            _say(console, f"observed: {escape(observation(step))}", 6)
        for evidence in finding["evidence"]:
            _say(console, f"evidence: {escape(citation(evidence))}", 6)
            _say(console, f"\"{escape(evidence['quote'])}\"", 8)
        basis = finding["basis"]
        _say(
            console,
            f"basis ({basis['kind']}): {escape(basis['text'].strip())} "
            f"({escape(basis['citation'])})",
            6,
        )
        _say(console, f"what to do: {escape(finding['recommendation'])}", 6)
    if area["gaps"]:
        _say(console, "Data gaps (rules that could not be evaluated):", 2)
        for gap in area["gaps"]:
            _say(
                console,
                f"- {gap['metric']}: {escape(gap['label'])} ({', '.join(gap['rules'])})",
                4,
            )
    console.print()
