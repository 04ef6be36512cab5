"""The ``checker`` command group: commands load lazily, errors become exit codes.

Each command lives in its own module of this package and is imported only when it runs (or
when ``--help`` lists it), so ``checker check`` does not pay for the rule maintainers' tools.
No command prints a traceback; ``CHECKER_DEBUG=1`` shows one when reporting a bug.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import Any

import click

from checker import __version__
from checker.cli._common import echo_problems, exit_codes_help, fail
from checker.core.errors import CheckerError, ExitCode

#: Command name -> "module:attribute" in this package.
COMMANDS: dict[str, str] = {
    "backtest": "backtest:backtest",
    "check": "check:check",
    "derive": "derive:derive",
    "evidence": "evidence:evidence",
    "init": "inputs:init",
    "prefill": "prefill:prefill",
    "rules": "rules:rules",
    "schema": "inputs:schema",
    "validate": "inputs:validate",
}


class CheckerGroup(click.Group):
    """Loads commands on demand and turns every error into a message and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, _colon, attribute = target.partition(":")
        command: click.Command = getattr(
            importlib.import_module(f"checker.cli.{module}"), attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CheckerError as error:
            echo_problems(error.problems)
            fail(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (for example `checker check ... | head`): not an error.
            sys.stderr.close()
            fail(ExitCode.OK)
        except RecursionError:
            click.echo("checker: internal error: input nested too deeply", err=True)
            fail(ExitCode.INTERNAL)
        except Exception as error:
            if os.environ.get("CHECKER_DEBUG"):
                raise
            click.echo(
                f"checker: internal error ({type(error).__name__}: {error}); "
                "no report was written. Set CHECKER_DEBUG=1 for details and report it.",
                err=True,
            )
            fail(ExitCode.INTERNAL)


@click.group(cls=CheckerGroup, epilog=exit_codes_help())
@click.version_option(__version__, prog_name="checker")
def cli() -> None:
    """Inspection-readiness checker for English local-authority children's services.

    Runs a self-assessment (JSON or YAML) through rules that encode what Ofsted inspectors
    found in real inspections and reports predicted risk per judgement area, with the
    evidence behind every finding.
    """


def _terminate(signum: int, _frame: object) -> None:
    """SIGTERM, SIGINT and SIGHUP become an orderly exit with status 128 + the signal number
    (130 for Ctrl-C), so a temporary output file is removed and the status cannot be mistaken
    for ``--fail-on``'s 1."""
    raise SystemExit(128 + signum)


def _tolerant_streams() -> None:
    """Text the terminal's encoding cannot show (PYTHONIOENCODING=latin-1, a file name with
    undecodable bytes) is replaced or escaped rather than crashing the run."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=errors)


def main() -> None:
    import signal

    # Set explicitly: a process started in the background inherits an ignored SIGINT.
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, _terminate)
    _tolerant_streams()
    try:
        cli(prog_name="checker")
    except OSError as error:  # output failed outside a command (--help, --version)
        with contextlib.suppress(OSError):
            sys.stderr.write(f"checker: cannot write the output: {error.strerror or error}\n")
        raise SystemExit(ExitCode.INTERNAL) from None
