"""A content-addressed cache of parsed and checked data files, to keep start-up fast.

Parsing and schema-checking the rule catalogue, frameworks and sources on every run costs
more than the whole check. Each result is stored as JSON under a key that is the SHA-256 of
everything it depends on: the tool version, the schemas and the exact bytes of the files. Any
edit changes the key, so a stale entry is never used; an unreadable or corrupt entry is
simply a miss. Only results without problems are stored. Entries are plain JSON (nothing in
the cache can execute code).

Location: ``$CHECKER_CACHE_DIR``, else ``$XDG_CACHE_HOME/lacs-readiness-checker``, else
``~/.cache/lacs-readiness-checker``. ``CHECKER_CACHE=off`` disables it; a folder that cannot
be written is skipped silently (the tool is then only slower).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker import __version__
from checker.core.files import write_atomic

FORMAT = "1"


def directory() -> Path | None:
    if os.environ.get("CHECKER_CACHE", "").lower() in {"off", "0", "no", "false"}:
        return None
    explicit = os.environ.get("CHECKER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "lacs-readiness-checker"


def key(namespace: str, parts: Iterable[bytes | str]) -> str:
    digest = hashlib.sha256(f"{namespace}\0{FORMAT}\0{__version__}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return f"{namespace}-{digest.hexdigest()[:40]}"


def load(name: str) -> Any | None:
    folder = directory()
    if folder is None:
        return None
    try:
        return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(name: str, value: Any) -> None:
    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{name}.json", json.dumps(value, separators=(",", ":")))
    except OSError:
        return
