"""c4console.launcher: how a frozen bundle runs the console's child processes
(``c4console -m c4console.central …``). The frozen build itself: test_debs.py."""

from __future__ import annotations

import sys

import pytest

from c4console import __version__
from c4console.launcher import CHILD_MODULES, NotAChildModule, child_module, run_program


def test_the_programs_own_command_line_is_not_a_child():
    assert child_module(["c4console"]) is None
    assert child_module(["c4console", "--demo", "--data-dir", "x"]) is None
    assert child_module(["c4console", "-m"]) is None  # nothing named: the program's own argparse says so


def test_the_console_children_are_the_central_and_the_demo():
    # what c4console.sync.processes starts with sys.executable -m
    assert child_module(["c4console", "-m", "c4console.central", "serve"]) == "c4console.central"
    assert child_module(["c4console", "-m", "c4console.demo", "--api", "u"]) == "c4console.demo"
    assert {"c4console.central", "c4console.demo"} == CHILD_MODULES


def test_any_other_module_is_refused():
    with pytest.raises(NotAChildModule, match="-m os"):
        child_module(["c4console", "-m", "os", "-c", "print(1)"])


def test_a_child_runs_its_module_as_python_m_would(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["/usr/lib/c4console/c4console", "-m", "c4console.central",
                                      "--version"])
    with pytest.raises(SystemExit) as stop:
        run_program(lambda: pytest.fail("the console's main ran instead of the central"))
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"c4central {__version__}"


def test_without_m_the_program_runs_its_own_main(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["c4console", "--demo"])
    assert run_program(lambda: 7) == 7
