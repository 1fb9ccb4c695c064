"""A console that dies on a fatal signal leaves the Python stack of its threads in
crash.log in its data folder (appended run after run)."""

from __future__ import annotations

import subprocess
import sys

CRASH = """
import sys, faulthandler
from pathlib import Path
from c4console.gui.shell.crash_log import enable_crash_log
enable_crash_log(Path(sys.argv[1]))

def deep_in_the_audio_library():
    faulthandler._sigsegv()

deep_in_the_audio_library()
"""


def test_a_segfault_leaves_every_threads_stack_in_crash_log(tmp_path):
    for run in (1, 2):
        done = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path)], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode != 0
        report = (tmp_path / "crash.log").read_text()
        assert report.count("--- c4console pid") == run
        assert report.count("Fatal Python error: Segmentation fault") == run, report
        assert "deep_in_the_audio_library" in report, report
