"""The audio options of ``c4central serve`` and the :class:`AudioConfig` they make."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from c4console.central.audio.evidence_cli import default_recordings
from c4console.central.audio.manager import AudioConfig

log = logging.getLogger("c4central")


def add_serve_options(serve: argparse.ArgumentParser) -> None:
    """Add --recordings, --audio-host, --audio-ports, --audio-silence-timeout, --segment-seconds."""
    serve.add_argument("--recordings", type=Path, metavar="DIR",
                       help="where audio sessions are recorded (default: 'recordings' beside a "
                            "SQLite database; with PostgreSQL audio is off unless given)")
    serve.add_argument("--audio-host", metavar="HOST",
                       help="address the audio sessions' UDP ports bind to (default: the API's host)")
    serve.add_argument("--audio-advertise", metavar="HOST",
                       help="address given to RTP senders in the session (default: --audio-host)")
    serve.add_argument("--audio-ports", metavar="LO-HI",
                       help="UDP port range for audio sessions (default: ephemeral ports)")
    serve.add_argument("--audio-silence-timeout", type=float, default=20.0, metavar="S",
                       help="end a session after S seconds without RTP (default 20)")
    serve.add_argument("--segment-seconds", type=float, default=0.5, metavar="S",
                       help="length of the recording's closed segments, at most 1 s (default 0.5)")


def audio_config(args: argparse.Namespace, db_url: str, api_host: str, *,
                 alarm_wait_s: float = 20.0) -> AudioConfig | None:
    """The audio settings of ``serve`` (None: audio off); ValueError says which option is wrong.

    ``alarm_wait_s`` is the setting ``audio_alarm_wait_s`` (config.py)."""
    recordings = args.recordings or default_recordings(db_url)
    if recordings is None:
        # Where evidence is kept must be chosen, not guessed: no default beside a server database.
        log.warning("audio sessions are OFF: give --recordings DIR (the folder for the recordings) "
                    "to record live audio with this database")
        return None
    ports = None
    if args.audio_ports:
        lo, sep, hi = args.audio_ports.partition("-")
        if not sep or not lo.isdigit() or not hi.isdigit() or not 0 < int(lo) <= int(hi) <= 65535:
            raise ValueError(f"--audio-ports {args.audio_ports!r} is not a range LO-HI of UDP ports")
        ports = (int(lo), int(hi))
    if not 0.02 <= args.segment_seconds <= 1.0:
        raise ValueError(f"--segment-seconds {args.segment_seconds} must be between 0.02 and 1 "
                         "(at most 1 s of audio may be at risk in a crash)")
    if args.audio_silence_timeout <= 0:
        raise ValueError("--audio-silence-timeout must be positive")
    return AudioConfig(recordings=Path(recordings).expanduser().resolve(),
                       host=args.audio_host or api_host, advertise_host=args.audio_advertise or "",
                       ports=ports, segment_s=args.segment_seconds,
                       silence_timeout_s=args.audio_silence_timeout, alarm_wait_s=alarm_wait_s)
