"""The simulator's command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from c4console.demo.__main__ import main, parse_args
from c4console.demo.data import DEMO_FOLDER


def test_defaults():
    args = parse_args(["--api", "http://127.0.0.1:1", "--osmand", "http://127.0.0.1:2"])
    assert (args.alarm_every, args.speedup, args.tick, args.seed) == (20.0, 1.0, 2.0, None)
    assert args.data == DEMO_FOLDER


@pytest.mark.parametrize("option", ["--alarm-every", "--speedup", "--tick"])
@pytest.mark.parametrize("value", ["0", "-3", "fast"])
def test_times_must_be_positive_numbers(option, value, capsys):
    with pytest.raises(SystemExit) as e:
        parse_args(["--api", "http://a", "--osmand", "http://b", option, value])
    assert e.value.code == 2
    assert option in capsys.readouterr().err


def test_api_and_osmand_are_required(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--api", "http://127.0.0.1:1"])
    assert "--osmand" in capsys.readouterr().err


def test_missing_demo_files_are_one_clear_line(tmp_path, caplog):
    code = main(["--api", "http://127.0.0.1:9", "--osmand", "http://127.0.0.1:9", "--data", str(tmp_path)])
    assert code == 2
    # One line naming the first file it lacks (the aggressor's scenario reads her
    # beneficiaries before the units).
    assert "simulator cannot start" in caplog.text
    assert any(f"{tmp_path / name}" in caplog.text for name in ("units.csv", "beneficiaries.csv"))


def test_runs_as_a_module():
    out = subprocess.run([sys.executable, "-m", "c4console.demo", "--help"], capture_output=True, text=True,
                         timeout=30, check=True)
    assert "--alarm-every" in out.stdout and "--speedup" in out.stdout
