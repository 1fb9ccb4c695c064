"""Process set-up that must happen before the QApplication exists."""

from __future__ import annotations

import os
import sys


def prepare_qt_environment(headless: bool) -> None:
    """Environment for Qt and QtWebEngine; then import QtWebEngine (it must precede the app)."""
    if headless or not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    wanted = ["--disable-gpu"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium's sandbox refuses to run as root.
        wanted.append("--no-sandbox")
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    for f in wanted:
        if f not in flags:
            flags = f"{flags} {f}".strip()
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = flags
    import PySide6.QtWebEngineWidgets  # noqa: F401  (before QApplication)


def qt_argv() -> list[str]:
    """argv for the QApplication: a real program name (QtWebEngine needs one)."""
    return [sys.argv[0] or "c4console"]
