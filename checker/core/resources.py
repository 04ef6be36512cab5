"""Where the shipped rules and schemas live: inside the wheel, or in the source tree."""

from __future__ import annotations

import functools
from pathlib import Path

from checker.core.errors import InternalError

_PACKAGE = Path(__file__).resolve().parent.parent


@functools.cache
def data_root() -> Path:
    """The folder holding ``rules/`` and ``schemas/``.

    An installed wheel carries them in ``checker/_data`` (see ``pyproject.toml``); a source
    checkout or editable install uses the repository's top-level folders.
    """
    for candidate in (_PACKAGE / "_data", _PACKAGE.parent):
        if (candidate / "rules").is_dir() and (candidate / "schemas").is_dir():
            return candidate
    raise InternalError(
        "the shipped rules and schemas are missing from this installation; reinstall the package"
    )


def data_dir() -> Path:
    """Shipped data other than rules: the published statistics."""
    return data_root() / "data"


def rules_dir() -> Path:
    return data_root() / "rules"


def schema_path(name: str) -> Path:
    return data_root() / "schemas" / f"{name}.schema.json"
