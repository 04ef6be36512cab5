"""The ``checker`` command line: each command parses its options, calls one function of the
packages below and prints. Errors become messages and documented exit codes.

May import: every other package.
"""

from checker.cli.app import cli, main

__all__ = ["cli", "main"]
