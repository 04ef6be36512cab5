"""Peak resident memory of this process, measured so that a parent's size never leaks in.

``getrusage(RUSAGE_SELF).ru_maxrss`` is the wrong measure for a child process on Linux: the
kernel carries the high-water mark of the memory the process had before ``execve`` into it,
and a process started by fork or vfork from pytest had pytest's memory then. Under the slow
suite pytest holds over a gigabyte, so every child reported at least that (a 10,000-file check
peaking at 73 MB read as 1.2 GB), and a growth test comparing two children compared pytest
with itself and could not fail. ``VmHWM`` in ``/proc/self/status`` belongs to the memory map
made at ``execve``, so it is this program's own peak.
"""

from __future__ import annotations

import resource
from pathlib import Path


def peak_rss_kb() -> int:
    """The process's own peak resident set in kB (VmHWM; ru_maxrss where /proc is absent)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
