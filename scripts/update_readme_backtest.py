"""Rewrite the backtest blocks of README.md from the tool's own output.

    python scripts/update_readme_backtest.py

Each block sits between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` and holds the
Markdown of one command; tests fail when a block differs from what the command prints.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
BLOCKS = {
    "backtest": ["backtest", "--format", "markdown"],
    "published-backtest": ["backtest", "--published", "--format", "markdown"],
    "corpus-backtest": ["backtest", "--corpus", str(SHARED / "corpus"), "--format", "markdown"],
}


def replace_block(text: str, name: str, body: str) -> str:
    start = text.index(f"<!-- {name}:start -->\n") + len(f"<!-- {name}:start -->\n")
    end = text.index(f"<!-- {name}:end -->")
    return text[:start] + body + text[end:]


def main() -> None:
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    for name, args in BLOCKS.items():
        body = subprocess.run([sys.executable, "-m", "checker", *args], cwd=REPO,
                              capture_output=True, text=True, check=True).stdout
        text = replace_block(text, name, body)
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
