"""How the frozen bundles (PyInstaller, ``packaging/pyinstaller``) start.

A bundle's executable is the program itself, not a Python interpreter. The console
starts its helper processes as ``sys.executable -m MODULE ARGS`` (the embedded
central and the demo simulator: :mod:`c4console.sync.processes`); from a source
checkout or a wheel that is Python, and in a bundle it is the console again, which
reads the ``-m MODULE`` here and runs that module as ``__main__``.
"""

from __future__ import annotations

import runpy
import sys
from collections.abc import Callable, Sequence

# What the console starts as a child process; any other -m is refused (a bundle is
# not a general Python interpreter).
CHILD_MODULES = frozenset({"c4console.central", "c4console.demo"})


class NotAChildModule(SystemExit):
    """``-m`` named a module the bundle does not run."""


def child_module(argv: Sequence[str]) -> str | None:
    """The module of ``PROGRAM -m MODULE ARGS``, or None for the program's own command
    line; NotAChildModule for a module not in CHILD_MODULES."""
    if len(argv) < 3 or argv[1] != "-m":
        return None
    if argv[2] not in CHILD_MODULES:
        raise NotAChildModule(f"{argv[0]}: -m {argv[2]}: this program runs only "
                              f"-m {' or -m '.join(sorted(CHILD_MODULES))}")
    return argv[2]


def run_program(main: Callable[[], int]) -> int:
    """Run ``main`` (the program's own entry point), or the module a ``-m`` names, with
    ``sys.argv`` as that module would see it from ``python -m``."""
    module = child_module(sys.argv)
    if module is None:
        return main()
    sys.argv = [sys.argv[0], *sys.argv[3:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    return 0
