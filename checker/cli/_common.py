"""What the commands share: printing problems, exiting with a documented code, choices read
from the registries they name, and writing output files."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from checker.core.errors import EXIT_CODES, InvalidAssessment, Problem
from checker.core.files import OutputRefused, OutputTarget, output_target, write_output


def exit_codes_help() -> str:
    """The exit-code table for ``--help`` epilogs (``\\b`` keeps click from rewrapping it)."""
    lines = ["\b", "Exit codes:"]
    lines += [f"  {int(code)}  {meaning}" for code, meaning in EXIT_CODES.items()]
    return "\n".join(lines)


#: Problems printed per file; a file with more gets a count of the rest.
MAX_PROBLEMS_PER_FILE = 50


def echo_problems(problems: Iterable[Problem]) -> None:
    shown_per_file: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for problem in problems:
        count = shown_per_file.get(problem.file, 0)
        if count >= MAX_PROBLEMS_PER_FILE:
            hidden[problem.file] = hidden.get(problem.file, 0) + 1
            continue
        shown_per_file[problem.file] = count + 1
        click.echo(problem.render(), err=True)
    for file, more in hidden.items():
        click.echo(f"{file}: ... and {plural(more, 'more problem')} (fix these first)",
                   err=True)


def echo_warnings(problems: Iterable[Problem], as_errors: bool) -> None:
    """Warnings go to stderr; with ``as_errors`` they make the input invalid (exit 3)."""
    found = list(problems)
    for problem in found:
        click.echo(f"warning: {problem.render()}", err=True)
    if found and as_errors:
        raise InvalidAssessment([Problem(file="checker", message=(
            f"{plural(len(found), 'warning')} treated as errors (--warnings-as-errors)"))])


WARNINGS_OPTION = click.option(
    "--warnings-as-errors", is_flag=True,
    help="Treat warnings about the input (figures dated in the future, the placeholder name) as "
    "errors: exit 3 and write no report.")


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


def color_wanted(output: OutputTarget | None) -> bool:
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout is not None and sys.stdout.isatty()


def checked_output(output: Path | None, inputs: Sequence[Path] = (),
                   folders: Sequence[Path] = ()) -> OutputTarget | None:
    """The output target, checked before any work is done (a usage error if it cannot or must
    not be written: an input, a file inside a rule pack, a missing or read-only folder)."""
    if output is None:
        if sys.stdout is None:
            raise click.UsageError("standard output is closed; give --output FILE")
        return None
    try:
        target = output_target(output, inputs)
    except OutputRefused as error:
        raise click.BadParameter(str(error), param_hint="--output") from None
    for folder in folders:
        if folder.is_dir() and target.path.is_relative_to(folder.resolve()):
            raise click.BadParameter(f"{shown(output)} is inside the rule pack {shown(folder)}",
                                     param_hint="--output")
    return target


def shown(path: Path) -> str:
    """A path as a terminal can print it, whatever bytes its name holds."""
    return click.format_filename(path)


def emit(text: str, output: OutputTarget | None) -> None:
    """Print ``text``, or write it to the checked ``output`` and say so on stderr."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_output(output, text)
    except OutputRefused as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"wrote {shown(output.path)}", err=True)


def _output_path(_ctx: click.Context, _param: click.Parameter, value: str | None
                 ) -> Path | None:
    if value is None:
        return None
    if not value:  # Path("") would silently mean the current folder
        raise click.BadParameter("the output path is empty", param_hint="--output")
    return Path(value)


def output_option(help_text: str) -> Callable[[Any], Any]:
    return click.option("--output", "-o", type=click.Path(dir_okay=False),
                        callback=_output_path, help=help_text)


def corpus_folder(_ctx: click.Context, param: click.Parameter, value: Path | None
                  ) -> Path | None:
    """``--corpus DIR``: a folder holding the corpus's index.csv."""
    if value is not None and not (value / "index.csv").is_file():
        raise click.BadParameter(f"{shown(value)} is not a report corpus (no index.csv in it)",
                                 param_hint=f"--{param.name}")
    return value
