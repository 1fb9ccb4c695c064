"""``python -m c4console.demo --api URL --osmand URL``: run the demo simulator until SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import aiohttp

from c4console.demo.accounts import DEMO_AUDIO_GATEWAY, DEMO_PASSWORD, read_password_file
from c4console.demo.aggressor import load_aggressors
from c4console.demo.ambient import AmbientAudio, GatewayLogin
from c4console.demo.data import DEMO_FOLDER, load_beneficiaries, load_units, load_words
from c4console.demo.rounds import MISS_SHARE
from c4console.demo.simulator import Settings, Simulator
from c4console.demo.simulator_client import REQUEST_TIMEOUT_S, SimulatorClient
from c4console.platform_support import (
    STDIN_EOF_HELP,
    STDIN_EOF_OPTION,
    install_stop_handlers,
    stop_when_stdin_closes,
)
from c4console.platform_support import run as run_loop
from c4console.resources import DEFAULT_JURISDICTION, load_jurisdiction

log = logging.getLogger("c4console.demo")


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def _non_negative(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text} is not zero or a positive number")
    return value


def _share(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not within 0–1")
    return value


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line (see ``--help``)."""
    p = argparse.ArgumentParser(
        prog="python -m c4console.demo",
        description="Demo simulator: drives the demo patrols and sends panic alarms and 911/WhatsApp "
                    "incidents to a central, through its public protocol only.")
    p.add_argument("--api", required=True, help="central API base URL, e.g. http://127.0.0.1:8080")
    p.add_argument("--osmand", required=True, help="central OsmAnd gateway URL, e.g. http://127.0.0.1:5055")
    p.add_argument("--alarm-every", type=_positive, default=20.0, metavar="SECONDS",
                   help="mean seconds between emergencies, randomised ±50%% (default 20)")
    p.add_argument("--seed", type=int, help="random seed, for a repeatable run")
    p.add_argument("--speedup", type=_positive, default=1.0, metavar="F",
                   help="simulated time runs F times faster: driving and time on scene (default 1)")
    p.add_argument("--tick", type=_positive, default=2.0, metavar="SECONDS",
                   help="seconds between position reports (default 2)")
    p.add_argument("--miss-share", type=_share, default=MISS_SHARE, metavar="F",
                   help="share of the Fuerza Rosa units' planned visits the crews miss (drive "
                        "past or never go), so the overdue list has some (default 0.15)")
    p.add_argument("--data", type=Path, default=DEMO_FOLDER,
                   help="folder with units.csv, beneficiaries.csv and the word lists "
                        "(default resources/demo)")
    p.add_argument("--jurisdiction", type=Path, default=DEFAULT_JURISDICTION,
                   help="cuadrantes GeoJSON (default maps/mexicali/cuadrantes.geojson)")
    p.add_argument("--user", default="simulador",
                   help="account to log in with (default simulador, an operator seeded by --demo)")
    p.add_argument("--audio-user", default=DEMO_AUDIO_GATEWAY,
                   help="account that opens the ambient audio sessions (default pasarela, the "
                        "audio_gateway service account seeded by --demo; same password)")
    p.add_argument("--password-file", type=Path, default=None,
                   help="file whose first line is the password (default: the demo password)")
    p.add_argument("--ambient-seconds", type=_non_negative, default=45.0, metavar="SECONDS",
                   help="after each panic activation the device streams ambient audio (Spanish "
                        "speech by espeak-ng) to the central for SECONDS, at most 4 devices at once; "
                        "0: no audio (default 45)")
    p.add_argument(STDIN_EOF_OPTION, dest="stop_on_stdin_eof", action="store_true", help=STDIN_EOF_HELP)
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    return p.parse_args(argv)


def _password(path: Path | None) -> str:
    return DEMO_PASSWORD if path is None else read_password_file(path)


async def _run(args: argparse.Namespace) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    install_stop_handlers(loop, lambda name: _on_stop(name, stop))
    if args.stop_on_stdin_eof:
        stop_when_stdin_closes(loop, lambda name: _on_stop(name, stop))
    rng = random.Random(args.seed)
    # Every request of the simulator is short (the stream's frames are not bounded by it).
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)) as session:
        client = SimulatorClient(session, args.api, args.osmand, username=args.user,
                               password=_password(args.password_file))
        # The audio sessions are opened as the gateway's service account, not the simulator's.
        gateway = GatewayLogin(session, client.api_url, args.audio_user, _password(args.password_file))
        ambient = (AmbientAudio(session, client.api_url, gateway.headers, seconds=args.ambient_seconds)
                   if args.ambient_seconds > 0 else None)
        beneficiaries = load_beneficiaries(args.data / "beneficiaries.csv")
        sim = Simulator(
            client,
            Settings(alarm_every=args.alarm_every, speedup=args.speedup, tick_s=args.tick,
                     miss_share=args.miss_share),
            jurisdiction=load_jurisdiction(args.jurisdiction.resolve()),
            units=load_units(args.data / "units.csv"),
            beneficiaries=beneficiaries, words=load_words(args.data), rng=rng, ambient=ambient,
            aggressors=load_aggressors(args.data / "aggressors.csv", beneficiaries))
        await sim.run(stop)
    return 1 if sim.failed else 0


def _on_stop(signal_name: str, stop: asyncio.Event) -> None:
    log.info("%s received: stopping", signal_name)
    stop.set()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    try:
        return run_loop(_run(args))
    except KeyboardInterrupt:
        return 130
    except (OSError, ValueError) as e:
        # Missing or malformed demo files: one clear line, not a traceback.
        log.error("simulator cannot start: %s: %s", type(e).__name__, e)
        return 2


if __name__ == "__main__":
    sys.exit(main())
