"""A content-addressed cache of parsed and checked data files, to keep start-up fast.

Parsing and schema-checking the rule catalogue, frameworks and sources on every run costs
more than the whole check. Each result is stored as JSON under a key that is the SHA-256 of
everything it depends on: the tool version, the schemas and the exact bytes of the files. Any
edit changes the key, so a stale entry is never used. Only results without problems are
stored, and entries are plain JSON (nothing in the cache can execute code).

A cache must never change a result, whoever wrote to it: every entry carries an HMAC-SHA256
of its key and content under a per-user secret, kept outside the cache folder (created 0600
in ``$XDG_CONFIG_HOME/lacs-readiness-checker/``, else ``~/.config/...``). An entry that was
edited, forged, copied from another machine or CI job, truncated, or is not a regular file
is a miss, whatever it holds; so is any entry when the secret cannot be had.

Location: ``$CHECKER_CACHE_DIR``, else ``$XDG_CACHE_HOME/lacs-readiness-checker``, else
``~/.cache/lacs-readiness-checker``. ``CHECKER_CACHE=off`` disables it. Nothing is created
when the home folder does not exist; a folder that cannot be written is skipped silently
(the tool is then only slower). Entries are not fsynced: losing one costs only time.

**Shipped entries.** The entries for the shipped rules, frameworks, sources and model (each
data file parsed and checked against its schema, the shipped catalogue's lint) are built
before release into ``data/catalogue.json`` (``scripts/build_catalogue.py``; a test fails
while it is stale) and installed with the package, as trusted as the rules themselves: a
first run with an empty cache is as fast as the next. They are found under the same keys, so
a shipped file that was edited since has another key and is read and checked as usual.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker import __version__

FORMAT = "2"
APP = "lacs-readiness-checker"
MAX_ENTRY_BYTES = 8 * 1024 * 1024


def _base(variable: str, fallback: str) -> Path | None:
    explicit = os.environ.get(variable)
    if explicit:
        return Path(explicit)
    home = Path.home()
    return home / fallback if home.is_dir() else None


def directory() -> Path | None:
    if os.environ.get("CHECKER_CACHE", "").lower() in {"off", "0", "no", "false"}:
        return None
    explicit = os.environ.get("CHECKER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = _base("XDG_CACHE_HOME", ".cache")
    return None if base is None else base / APP


def _secret_path() -> Path | None:
    base = _base("XDG_CONFIG_HOME", ".config")
    return None if base is None else base / APP / "cache-secret"


@functools.cache
def _secret(path: Path) -> bytes | None:
    """The per-user secret, created on first use (0600, in a 0700 folder)."""
    try:
        if not path.exists():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as stream:
                stream.write(os.urandom(32).hex())
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077 or info.st_uid != os.getuid():
            return None  # readable or writable by others: not a secret
        text = path.read_text(encoding="ascii").strip()
        return bytes.fromhex(text) if len(text) == 64 else None
    except (OSError, ValueError):
        return None


def _mac(name: str, body: bytes) -> str | None:
    path = _secret_path()
    secret = _secret(path) if path is not None else None
    if secret is None:
        return None
    return hmac.new(secret, name.encode() + b"\0" + body, hashlib.sha256).hexdigest()


def key(namespace: str, parts: Iterable[bytes | str]) -> str:
    digest = hashlib.sha256(f"{namespace}\0{FORMAT}\0{__version__}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return f"{namespace}-{digest.hexdigest()[:40]}"


def _read(path: Path) -> bytes | None:
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return None  # a FIFO or device planted in the cache
        data = stream.read(MAX_ENTRY_BYTES + 1)
    return data if len(data) <= MAX_ENTRY_BYTES else None


SHIPPED_FILE = "catalogue.json"


@functools.cache
def shipped() -> dict[str, Any]:
    """The entries shipped with the package (none if the file is absent or not this
    format)."""
    from checker.core.resources import data_dir  # noqa: PLC0415 - only when an entry is wanted

    try:
        raw = json.loads((data_dir() / SHIPPED_FILE).read_bytes())
    except (OSError, ValueError):
        return {}
    entries = raw.get("entries") if isinstance(raw, dict) else None
    if raw.get("format") != FORMAT or not isinstance(entries, dict):
        return {}
    return entries


def load(name: str) -> Any | None:
    """The entry's value, or None for a miss (absent, unreadable, or not ours)."""
    found = shipped().get(name)
    if found is not None:
        return found
    folder = directory()
    if folder is None:
        return None
    raw = _read(folder / f"{name}.json")
    if raw is None or b"\n" not in raw:
        return None
    mac, _newline, body = raw.partition(b"\n")
    expected = _mac(name, body)
    if expected is None or not hmac.compare_digest(mac.decode("ascii", "replace"), expected):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def store(name: str, value: Any) -> None:
    folder = directory()
    if folder is None:
        return
    body = json.dumps(value, separators=(",", ":")).encode()
    mac = _mac(name, body)
    if mac is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{name}.{os.urandom(4).hex()}.tmp"
        temporary.write_bytes(mac.encode() + b"\n" + body)
        temporary.replace(folder / f"{name}.json")
    except OSError:
        return
