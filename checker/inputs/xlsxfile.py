"""Opening an Excel workbook safely, for the Annex A reader and the self-assessment workbook.

The file is read like every other input (a regular file, at most a size limit), then checked
before openpyxl sees it: an encrypted (password-protected) workbook and an Excel 97-2003
``.xls`` file are both OLE compound files and are named as such; anything that is not a zip
holding a workbook is refused; and the unpacked size is capped, so a small file cannot unpack
into gigabytes. openpyxl then reads it in read-only (streaming) mode with cached formula values,
its warnings silenced. Whatever else goes wrong inside openpyxl is reported as a damaged
workbook, never as a traceback.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from typing import TYPE_CHECKING

from checker.core.errors import CheckerError, Problem
from checker.inputs.safeload import read_bytes

if TYPE_CHECKING:
    from pathlib import Path

    from openpyxl import Workbook

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
ZIP_MAGIC = b"PK\x03\x04"
#: Unpacked size at most this many times the file, and at most MAX_UNPACKED bytes.
MAX_RATIO = 200
MAX_UNPACKED = 2 * 1024 * 1024 * 1024
PROTECTED_HINT = ("open it in Excel, remove the password (File > Info > Protect Workbook > "
                  "Encrypt with Password, then clear it) or save it as an Excel Workbook "
                  "(.xlsx), and run again")


def _refuse(error: type[CheckerError], name: str, message: str, hint: str | None = None
            ) -> CheckerError:
    return error([Problem(file=name, message=message, hint=hint, expected="an Excel workbook "
                          "(.xlsx)")])


def _check_zip(data: bytes, error: type[CheckerError], name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _refuse(error, name, f"the workbook is damaged: {exc}",
                      "save it again from Excel, or export a fresh copy") from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise _refuse(error, name, "not an Excel workbook (a zip file without a workbook "
                      "in it)")
    unpacked = sum(member.file_size for member in members)
    if unpacked > min(MAX_UNPACKED, MAX_RATIO * max(len(data), 1)):
        raise _refuse(error, name, f"the workbook unpacks to {unpacked:,} bytes, far more "
                      "than a real workbook of its size (refused as a zip bomb)")


def check_workbook_bytes(data: bytes, error: type[CheckerError], name: str) -> None:
    """Refuse what is not a readable .xlsx workbook, naming what it is instead."""
    if not data.strip():
        raise _refuse(error, name, "the file is empty")
    if data.startswith(OLE_MAGIC):
        raise _refuse(error, name, "the workbook is password-protected (encrypted), or is an "
                      "Excel 97-2003 .xls file; neither can be read", PROTECTED_HINT)
    if not data.startswith(ZIP_MAGIC):
        raise _refuse(error, name, "not an Excel workbook (.xlsx)",
                      "save it from Excel as an Excel Workbook (.xlsx); CSV files are not "
                      "read")
    _check_zip(data, error, name)


def open_workbook(path: Path, *, name: str, error: type[CheckerError], max_bytes: int
                  ) -> Workbook:
    """The workbook at ``path`` opened read-only, or ``error`` saying why it cannot be."""
    data = read_bytes(path, max_bytes=max_bytes, error=error, name=name)
    check_workbook_bytes(data, error, name)
    from openpyxl import load_workbook  # noqa: PLC0415 - openpyxl costs ~150 ms to import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                                 keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise _refuse(error, name, f"the workbook is damaged and cannot be read "
                      f"({type(exc).__name__}: {exc})", "save it again from Excel") from None


def damaged(error: type[CheckerError], name: str, exc: Exception, sheet: str | None = None
            ) -> CheckerError:
    """The error for a workbook that fails part-way through reading a sheet."""
    where = f" (sheet {sheet!r})" if sheet else ""
    return error([Problem(file=name, sheet=sheet, message=f"the workbook is damaged{where} "
                          f"and cannot be read ({type(exc).__name__}: {exc})",
                          hint="save it again from Excel")])
