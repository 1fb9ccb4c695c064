"""Tests that need a system program `make test` installs (packaging/debian-packages.txt).

On a developer machine without it the test is skipped with the apt package to
install; under CI (CI=true, where `make test` installed everything) a missing
program is a failure, never a silent skip.
"""

from __future__ import annotations

import os
import shutil

import pytest


def missing_tools(*tools: str) -> list[str]:
    """The programs among ``tools`` that are not on PATH."""
    return [t for t in tools if shutil.which(t) is None]


def require_tools(*tools: str, package: str) -> None:
    """Skip (or fail under CI=true) unless every program in ``tools`` is on PATH."""
    report_missing(missing_tools(*tools), package=package)


def report_missing(lack: list[str], *, package: str) -> None:
    """Skip (or fail under CI=true) if ``lack`` names anything (programs found elsewhere
    than PATH, e.g. PostgreSQL's initdb or Kannel's fakesmsc, are looked up by the caller)."""
    if not lack:
        return
    message = f"{', '.join(lack)} not installed: apt-get install {package} (make test does)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)
