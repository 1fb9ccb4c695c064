"""Build hook: compile the Qt Designer forms (ui/*.ui) into c4console/gui/forms before
the package's modules are collected. The metadata is in pyproject.toml.

Runs for ``pip wheel .``, ``pip install .`` and editable installs (setuptools runs
build_py for those too); pyside6-uic comes from PySide6-Essentials, a build requirement.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _forms_build():
    """c4console/gui/forms_build.py, loaded by path: importing the package would need
    its dependencies, which are not in the build environment."""
    spec = importlib.util.spec_from_file_location(
        "c4console_forms_build", HERE / "c4console" / "gui" / "forms_build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithForms(build_py):
    """build_py that writes the compiled forms into the source tree first."""

    def run(self) -> None:
        forms = _forms_build()
        for written in forms.build():
            print(f"compiled form {written.relative_to(HERE)}")
        super().run()


setup(cmdclass={"build_py": BuildPyWithForms})
