"""Build ``data/catalogue.json``: the shipped data files, parsed and checked, for a fast start.

Every shipped rule file, framework, the topics, sources, model and published-judgements files
is parsed and checked against its schema, and the shipped catalogue linted (the lint a check
runs and ``rules lint``'s full lint), with an empty cache folder; the cache entries that
produces (:mod:`checker.core.cache`) are written to one file the package ships, under the same
keys, so ``checker check`` and ``checker rules lint`` find them without parsing, validating or
linting anything, on their first run as on any other. Positions (line and column of every
value, for messages) are kept as JSON text, read only when a message needs one.

Deterministic (sorted keys, no timestamps, one entry a line so a changed file shows as one
changed line): ``tests/test_catalogue_build.py`` rebuilds it and fails if the committed file
differs. Run after any change to ``rules/``, ``schemas/``, the linter's code or the tool's
version (all part of the keys)::

    python scripts/build_catalogue.py [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from checker import __version__
from checker.core import cache
from checker.core.errors import InvalidRules
from checker.core.resources import rules_dir
from checker.inputs.schemas import checked_document
from checker.rules.loader import load_rulebook
from checker.rules.maintenance import lint

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "data" / "catalogue.json"


def _schema_of(relative: Path) -> str:
    if relative.parts[0] == "frameworks":
        return {"topics.yaml": "topics", "published-judgements.yaml": "published-judgements"
                }.get(relative.name, "framework")
    return {"sources.yaml": "sources", "model.yaml": "model"}.get(str(relative), "rule")


def _entries(folder: Path) -> dict[str, Any]:
    """Every shipped file parsed and checked, and the catalogue linted, into ``folder``."""
    cache.shipped = lambda: {}  # type: ignore[assignment]  # from the files, not a previous build
    root = rules_dir()
    for path in sorted(root.rglob("*.yaml")):
        checked_document(path, _schema_of(path.relative_to(root)), InvalidRules,
                         max_bytes=1024 * 1024)
    load_rulebook()
    lint(())
    entries: dict[str, Any] = {}
    for entry in sorted(folder.glob("*.json")):
        _mac, _newline, body = entry.read_bytes().partition(b"\n")
        value = json.loads(body)
        if isinstance(value, dict) and isinstance(value.get("positions"), list):
            value["positions"] = json.dumps(value["positions"], separators=(",", ":"))
        entries[entry.stem] = value
    return entries


def build() -> str:
    """The file's text (run in a fresh process: loaded data is kept for the process's life)."""
    with tempfile.TemporaryDirectory() as folder:
        os.environ["CHECKER_CACHE_DIR"] = folder
        os.environ["XDG_CONFIG_HOME"] = folder  # a secret of our own for the build's entries
        os.environ.pop("CHECKER_CACHE", None)
        entries = _entries(Path(folder))
    lines = [f"{json.dumps(key)}:{json.dumps(value, sort_keys=True, separators=(',', ':'))}"
             for key, value in sorted(entries.items())]
    head = json.dumps({"format": cache.FORMAT, "version": __version__})[:-1]
    return head + ',"entries":{\n' + ",\n".join(lines) + "\n}}\n"  # an entry a line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    options = parser.parse_args()
    text = build()
    options.out.write_text(text, encoding="utf-8")
    count = len(json.loads(text)["entries"])
    print(f"wrote {options.out} ({len(text.encode()) / 1024:,.0f} KB, {count} entries)")


if __name__ == "__main__":
    main()
