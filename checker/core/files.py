"""Writing output files without ever losing one.

An output path is checked before any work is done (:func:`output_target`): an empty path, a
folder, a missing or read-only folder, or a path that is one of the run's inputs is refused
with a usage error. Then :func:`write_output` writes:

* a regular file (or a new one) atomically: a temporary file in the same folder is renamed
  over the target, so readers see the old file or the complete new one, never a prefix, and a
  failed or interrupted run leaves the old file as it was. A symbolic link is written through
  (its target is replaced), never replaced by a file;
* anything else (``/dev/null``, ``/dev/stdout``, a terminal, a FIFO with a reader) by opening
  it and writing, since renaming over a device or a pipe would destroy it.

Text is encoded as UTF-8; characters that stand for undecodable bytes of a file name
(surrogate escapes) are written back as those bytes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


class OutputRefused(ValueError):
    """An output path that must not be written; the message says why (a usage error)."""


@dataclass(frozen=True)
class OutputTarget:
    path: Path
    #: Write in place (a device or pipe) rather than by rename.
    special: bool


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)
    except OSError:
        return False


def output_target(path: Path, inputs: Iterable[Path] = ()) -> OutputTarget:
    """Check ``path`` before any work: where the output will go, or :class:`OutputRefused`."""
    if not str(path):
        raise OutputRefused("the output path is empty")
    try:
        mode: int | None = path.stat().st_mode  # follows links: what would be written to
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise OutputRefused(f"cannot use {path} as output: {error.strerror}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputRefused(f"{path} is a folder; give a file name")
    for given in inputs:
        if mode is not None and _same_file(path, given):
            raise OutputRefused(f"{path} is one of the inputs; writing it would overwrite it")
    if mode is not None and not stat.S_ISREG(mode):
        return OutputTarget(path, special=True)
    folder = path.resolve().parent
    if not folder.is_dir():
        raise OutputRefused(f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputRefused(f"the folder {folder} cannot be written to")
    if mode is not None and not os.access(path, os.W_OK):
        raise OutputRefused(f"{path} cannot be written to")
    return OutputTarget(path.resolve(), special=False)


def encode(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8", "surrogateescape")


def _open_special(path: Path) -> BinaryIO:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a FIFO nobody is reading
            raise OutputRefused(f"{path} is a pipe with no reader") from None
        raise
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "wb")


def _temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new file beside the target, hidden, readable only by us until it is renamed."""
    while True:
        path = folder / f".{name}.{os.urandom(4).hex()}.tmp"
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), path
        except FileExistsError:
            continue


def _writer(stream: BinaryIO) -> Callable[[str | bytes], None]:
    def write(content: str | bytes) -> None:
        stream.write(encode(content))
    return write


@contextlib.contextmanager
def writing(target: OutputTarget) -> Iterator[Callable[[str | bytes], None]]:
    """Write to a checked target piece by piece: a regular file through a temporary file
    renamed over it when the block ends without an error (removed otherwise, the target left
    as it was), a device or pipe in place."""
    if target.special:
        with _open_special(target.path) as stream:
            yield _writer(stream)
        return
    path = target.path
    folder = path.parent if str(path.parent) else Path()
    handle, temporary = _temporary(folder, path.name)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield _writer(stream)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(0o666 & ~_umask())
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to the regular file ``path`` via a temporary file and a rename.

    The temporary file is removed if anything fails before the rename.
    """
    with writing(OutputTarget(path, special=False)) as write:
        write(content)


def write_output(target: OutputTarget, content: str | bytes) -> None:
    """Write to a checked target: atomically for files, in place for devices and pipes."""
    with writing(target) as write:
        write(content)
