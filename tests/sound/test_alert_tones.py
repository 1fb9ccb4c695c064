"""AlertTones on a real PulseAudio null sink, and without any audio device."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from c4console.sound.output import AudioOutput, Playback
from c4console.sound.status import SoundStatus, StatusCode
from c4console.sound.tones import AlertTones
from tests.pulseaudio import PulseServer
from tests.sound.signal_checks import loud_seconds, relative_level

ROOT = Path(__file__).resolve().parents[2]


def test_alarm_new_reaches_the_sink_with_its_two_tones(pulse_null_sink: PulseServer) -> None:
    statuses: list[SoundStatus] = []
    tones = AlertTones(on_status=statuses.append)
    try:
        assert tones.wait_ready(30).available
        with pulse_null_sink.record() as rec:
            started = time.monotonic()
            playback = tones.play("alarm_new")
            # The caller (the GUI thread) never waits: play() is back before the 1.28 s tone is
            # done (the bound is loose: a loaded machine may pause any thread for a while).
            assert not playback.done and time.monotonic() - started < 1.0
            assert playback.wait(30) and playback.outcome == Playback.PLAYED
            # PLAYED means handed to the device; the monitor receives it a little later (on a
            # loaded machine 0.4 s of the 1.28 s tone was still missing when recording stopped).
            assert rec.wait_for_audio(1.2)
        assert loud_seconds(rec.samples, rec.rate) >= 1.0
        for hz in (988, 784):  # the hi-lo pair from tones.toml
            assert relative_level(rec.samples, rec.rate, hz) > 0.3, f"{hz} Hz missing from the recording"
        assert relative_level(rec.samples, rec.rate, 659) < 0.05  # alarm_medium's pitch is not there
        assert statuses and statuses[-1].available
    finally:
        tones.close()


def test_muted_tones_play_nothing(pulse_null_sink: PulseServer) -> None:
    tones = AlertTones(muted=True)
    try:
        tones.wait_ready()
        with pulse_null_sink.record() as rec:
            assert tones.play("alarm_new") is None
            assert rec.wait_for_audio(0.5)  # the sink has run on for half a second
        assert loud_seconds(rec.samples, rec.rate) == 0
    finally:
        tones.close()


def test_a_new_tone_replaces_the_one_playing(pulse_null_sink: PulseServer) -> None:
    output = AudioOutput()
    tones = AlertTones(output=output)
    try:
        first = tones.play("alarm_new")
        second = tones.play("notify")
        assert second.wait(30) and second.outcome == Playback.PLAYED
        assert first.outcome == Playback.STOPPED
        assert tones.play("no_such_tone") is None
    finally:
        tones.close()
        assert output.status.available  # a shared output stays open for its owner
        output.close()


def test_unknown_device_name_is_unavailable_and_play_is_a_no_op(pulse_null_sink: PulseServer) -> None:
    tones = AlertTones(device="no such sound card")
    try:
        status = tones.wait_ready()
        assert status.code is StatusCode.DEVICE_NOT_FOUND and "no such sound card" in status.reason
        playback = tones.play("alarm_new")
        assert playback.wait(30) and playback.outcome == Playback.UNAVAILABLE
    finally:
        tones.close()


def test_empty_tone_folder_is_reported(tmp_path: Path, pulse_null_sink: PulseServer) -> None:
    tones = AlertTones(tmp_path)
    try:
        status = tones.wait_ready()
        assert status.code is StatusCode.NO_TONES and str(tmp_path) in status.reason
        assert tones.play("alarm_new") is None
    finally:
        tones.close()


NO_SERVER_SCRIPT = """
import json
from c4console.sound.tones import AlertTones
tones = AlertTones()
status = tones.wait_ready()
playback = tones.play("alarm_new")
playback.wait(30)
tones.close()
print(json.dumps({"available": status.available, "code": status.code, "reason": status.reason,
                  "outcome": playback.outcome}))
"""


def _no_server_env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "client.conf").write_text("autospawn = no\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE_")}
    env.update(PULSE_SERVER=f"unix:{tmp_path}/nobody-listens",
               PULSE_CLIENTCONFIG=str(tmp_path / "client.conf"), XDG_RUNTIME_DIR=str(tmp_path))
    return env


def test_no_audio_server_at_all(tmp_path: Path) -> None:
    """A fresh process (PortAudio scans devices once) with no reachable PulseAudio and no sound card."""
    result = subprocess.run([sys.executable, "-c", NO_SERVER_SCRIPT], env=_no_server_env(tmp_path), cwd=ROOT,
                            capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"available": False, "code": "no_device", "outcome": "unavailable",
                      "reason": "no default audio output device (no sound card or audio server)"}


RECOVERY_SCRIPT = """
import json, os, sys
import numpy as np
from c4console.sound.output import AudioOutput
out = AudioOutput(retry_after=0.0)
before = out.wait_ready()
os.environ.update(json.loads(sys.argv[1]))  # the audio server "starts"
playback = out.play(np.zeros(1600, dtype=np.float32), 16000)
playback.wait(30)
after = out.status
out.close()
print(json.dumps({"before": before.code, "after": after.available, "outcome": playback.outcome}))
"""


def test_output_recovers_when_the_audio_server_appears(tmp_path: Path, pulse_null_sink: PulseServer) -> None:
    result = subprocess.run(
        [sys.executable, "-c", RECOVERY_SCRIPT, json.dumps(pulse_null_sink.client_vars())],
        env=_no_server_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "before": "no_device", "after": True, "outcome": "played"}


@pytest.mark.parametrize("bad", [0, -5])
def test_play_of_nothing_or_bad_rate_returns_at_once(bad: int) -> None:
    output = AudioOutput()
    try:
        assert output.play([0.0] * 10, bad).done
    finally:
        output.close()
