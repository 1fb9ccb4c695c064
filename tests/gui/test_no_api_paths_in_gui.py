"""The GUI reaches the central only through the sync layer's typed API
(c4console/sync/central_api.py): no widget builds a URL or calls the transport."""

from __future__ import annotations

from pathlib import Path

import c4console.gui

GUI = Path(c4console.gui.__file__).parent
FORBIDDEN = ("/api/", "_request(")


def test_no_file_under_gui_names_an_api_path_or_calls_the_transport():
    found = [f"{path.relative_to(GUI)}: {word!r}"
             for path in sorted(GUI.rglob("*.py"))
             for word in FORBIDDEN if word in path.read_text(encoding="utf-8")]
    assert not found, "use c4console.sync.central_api.CentralApi instead: " + ", ".join(found)
    assert len(list(GUI.rglob("*.py"))) > 20  # the walk really saw the GUI
