"""The c4central package's unit and settings agree with what the central reads
(packaging/debian/c4central/). The package itself: test_debs.py."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

from c4console.central.cli import _parser
from c4console.central.config import read_file, resolve

FILES = Path(__file__).resolve().parents[2] / "packaging" / "debian" / "c4central"
CONFFILE = "/etc/c4central/c4central.toml"
STATE = "/var/lib/c4central"


def _unit() -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read_string((FILES / "c4central.service").read_text())
    return unit


def _exec_start() -> list[str]:
    return shlex.split(_unit()["Service"]["ExecStart"])


def test_the_unit_serves_with_the_shipped_settings_file_and_keeps_recordings_private():
    service = _unit()["Service"]
    command = _exec_start()
    assert command[0] == "/usr/bin/c4central"
    args = _parser().parse_args(command[1:])
    assert args.command == "serve"
    assert str(args.config) == CONFFILE
    assert str(args.recordings).startswith(STATE + "/")
    assert f"/var/lib/{service['StateDirectory']}" == STATE
    assert service["StateDirectoryMode"] == "0700"
    assert service["WorkingDirectory"] == STATE


def test_the_unit_runs_as_the_user_postinst_creates():
    service = _unit()["Service"]
    postinst = (FILES / "postinst").read_text()
    assert service["User"] == service["Group"] == "c4central"
    assert re.search(r"adduser --system --group --home /var/lib/c4central .*\\\n.* c4central\n",
                     postinst), postinst
    assert "install -d -o c4central -g c4central -m 0700 /var/lib/c4central" in postinst


def test_the_shipped_settings_are_what_the_central_reads():
    shipped = FILES / "c4central.toml"
    assert read_file(shipped)  # no unknown key
    args = _parser().parse_args(_exec_start()[1:])
    settings = resolve(vars(args), shipped, environ={})  # the file at /etc/c4central
    assert settings["db"] == f"sqlite:///{STATE}/central.sqlite"
    assert settings.sources["db"] == f"{shipped} key db"
    assert settings["listen"] == "127.0.0.1:8080"  # loopback until it has a certificate


def test_the_jurisdiction_line_to_uncomment_is_a_setting_the_central_knows(tmp_path):
    text = (FILES / "c4central.toml").read_text()
    (line,) = [x for x in text.splitlines() if x.startswith("#jurisdiction")]
    assert "THE C4'S OWN JURISDICTION" in text
    uncommented = tmp_path / "c4central.toml"
    uncommented.write_text(text.replace(line, line[1:]))
    assert read_file(uncommented)["jurisdiction"] == "/etc/c4central/cuadrantes.geojson"
