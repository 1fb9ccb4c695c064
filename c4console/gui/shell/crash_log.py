"""A crash report for IT: if the console dies on a fatal signal (a segfault in a Qt or
audio library, an abort), the Python stack of every thread goes to ``crash.log`` in the
data folder, so the next session's staff can see where it happened.

Python's own :mod:`faulthandler` writes the report from the signal handler itself (no
allocation, no locks), so it works when nothing else does.
"""

from __future__ import annotations

import faulthandler
import os
import time
from pathlib import Path
from typing import IO

from c4console.platform_support import create_private_file, private_dir

CRASH_LOG = "crash.log"

_file: IO[str] | None = None  # kept open for the process's life: the handler writes to its fd


def enable_crash_log(data_dir: Path) -> Path:
    """Send fatal-signal reports (all threads) to ``data_dir/crash.log``; returns its path.

    Each run appends a header line first, so a report names the run it belongs to.
    """
    global _file
    private_dir(data_dir)
    path = create_private_file(data_dir / CRASH_LOG)
    if _file is not None:
        _file.close()
    _file = path.open("a", encoding="utf-8")
    _file.write(f"--- c4console pid {os.getpid()} started {time.strftime('%Y-%m-%dT%H:%M:%S%z')}\n")
    _file.flush()
    faulthandler.enable(_file, all_threads=True)
    return path
