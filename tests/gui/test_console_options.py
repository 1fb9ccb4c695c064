"""The console's platform-dependent defaults and its --jurisdiction option."""

from __future__ import annotations

from pathlib import Path

import pytest

from c4console.gui.app import default_data_dir
from c4console.gui.shell.cli_args import parse_args
from c4console.platform_support import user_data_dir


def test_qt_and_the_platform_module_name_the_same_data_folder(qapp):
    # The console asks Qt (QStandardPaths); the platform module answers without Qt (and
    # is the fallback): both must name one folder, or a console would lose its cache.
    assert default_data_dir() == user_data_dir()


def test_jurisdiction_is_for_the_embedded_central_only(capsys):
    assert parse_args(["--jurisdiction", "c4.geojson"]).jurisdiction == Path("c4.geojson")
    assert parse_args([]).jurisdiction is None
    with pytest.raises(SystemExit):
        parse_args(["--server", "https://central.c4:8443", "--jurisdiction", "c4.geojson"])
    assert "--jurisdiction is for the embedded central" in capsys.readouterr().err
