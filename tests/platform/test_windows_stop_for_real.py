"""The way the console stops its children on Windows — closing their standard input —
run for real here: a ``c4central serve --stop-on-stdin-eof`` with a pipe as its input,
stopped by ``ask_child_to_stop(platform="win32")``, ends as gracefully as on SIGTERM.
(Only CREATE_NEW_PROCESS_GROUP, which POSIX Popen refuses, is left out.)"""

from __future__ import annotations

import os
import subprocess

from c4console.platform_support import STDIN_EOF_OPTION, ask_child_to_stop
from c4console.resources import DEFAULT_JURISDICTION
from tests.central.nodes import c4central, wait_ready


def test_closing_its_input_stops_the_central_gracefully(tmp_path):
    folder = tmp_path / "node"
    folder.mkdir()
    with (folder / "central.log").open("wb") as log:
        proc = subprocess.Popen(
            c4central("serve", "--db", f"sqlite:///{tmp_path / 'c.sqlite'}", "--listen", "127.0.0.1:0",
                      "--osmand-listen", "127.0.0.1:0", "--ready-file", str(folder / "ready.json"),
                      "--jurisdiction", str(DEFAULT_JURISDICTION), STDIN_EOF_OPTION),
            stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ))
    node = wait_ready(folder, proc)
    try:
        assert ask_child_to_stop(proc, platform="win32") == "stdin closed"
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = node.log.read_text()
    assert "end of input received" in text and "stopped" in text, text[-3000:]
    assert not (folder / "ready.json").exists()
