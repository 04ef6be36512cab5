"""What the commands share: printing problems, exiting with a documented code, choices read
from the registries they name, and writing output files."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from checker.core.errors import EXIT_CODES, Problem


def exit_codes_help() -> str:
    """The exit-code table for ``--help`` epilogs (``\\b`` keeps click from rewrapping it)."""
    lines = ["\b", "Exit codes:"]
    lines += [f"  {int(code)}  {meaning}" for code, meaning in EXIT_CODES.items()]
    return "\n".join(lines)


def echo_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        click.echo(problem.render(), err=True)


def fail(exit_code: int) -> NoReturn:
    raise click.exceptions.Exit(exit_code)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A choice whose options come from a registry, read each time the option is used or
    shown in help (so a command's module loads without loading the registry, and a registry
    that changes is never stale)."""

    def __init__(self, options: Callable[[], Sequence[str]]) -> None:
        self._options = options
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[Any, ...]:
        return tuple(self._options())

    @choices.setter
    def choices(self, value: tuple[Any, ...]) -> None:
        raise AttributeError("the choices come from the registry")


def color_wanted(output: Path | None) -> bool:
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output`` and say so on stderr."""
    if output is None:
        click.echo(text, nl=False)
        return
    from checker.core.files import write_atomic

    write_atomic(output, text)
    click.echo(f"wrote {output}", err=True)


def output_option(help_text: str) -> Callable[[Any], Any]:
    return click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
                        help=help_text)
