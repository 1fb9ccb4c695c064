"""Which tests need what only the Linux test machines have: the ``linux_only`` marker.

The Windows workflow (.github/workflows/windows.yml, docs/windows.md) runs
``pytest -m "not linux_only"``. A test is ``linux_only`` when it needs PostgreSQL (the
``postgres`` fixture, the ``postgresql`` case of ``db_url``), PulseAudio, Kannel, espeak-ng,
Debian's packaging tools, or POSIX signals sent to a process (``os.kill``, SIGTERM,
SIGKILL: on Windows those terminate the process at once). Modules listed here are marked
whole; a test elsewhere can carry ``@pytest.mark.linux_only`` itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent

LINUX_ONLY = (
    "audio/",  # RTP peers, PulseAudio sinks, espeak-ng speech
    "packaging/",  # fresh virtual environments, Debian packages, lintian
    "sound/test_alert_tones.py", "sound/test_spoken_alerts.py", "sound/test_speech_engine.py",
    "sound/test_voices.py",  # PulseAudio and espeak-ng voices
    "central/test_sms_kannel.py", "central/test_gateway_outbox.py",
    "central/test_registry_to_channels_end_to_end.py",  # Kannel
    "central/test_trail_test_activation.py", "central/test_whatsapp_posters.py",
    "central/test_cli.py", "central/test_nodes.py",  # SIGTERM to a central, PostgreSQL nodes
    "demo/test_end_to_end.py",  # SIGTERM to the simulator
    "gui/test_console_stop_signal.py", "gui/test_handover_report.py",
)


def is_linux_only(item: pytest.Item) -> bool:
    """True if ``item`` needs the Linux test machines (see the module docstring)."""
    path = Path(str(item.fspath)).resolve()
    try:
        relative = path.relative_to(TESTS).as_posix()
    except ValueError:
        return False
    if any(relative.startswith(prefix) for prefix in LINUX_ONLY):
        return True
    if "postgres" in getattr(item, "fixturenames", ()):
        return True
    callspec = getattr(item, "callspec", None)
    return callspec is not None and callspec.params.get("db_url") == "postgresql"


def mark_linux_only(items: list[pytest.Item]) -> None:
    """Add the ``linux_only`` marker to the items that need Linux."""
    for item in items:
        if is_linux_only(item):
            item.add_marker(pytest.mark.linux_only)
