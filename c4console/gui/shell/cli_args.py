"""Command-line options of the console."""

from __future__ import annotations

import argparse
from pathlib import Path

from c4console import __version__


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse ``c4console`` options."""
    p = argparse.ArgumentParser(
        prog="c4console",
        description="Consola de despacho C4 para emergencias de violencia de género.",
    )
    p.add_argument("--version", action="version", version=f"c4console {__version__}")
    p.add_argument("--demo", action="store_true",
                   help="seed the demo jurisdiction and run the simulator (embedded central only)")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="where the cache, settings and logs live (default: per-user data folder)")
    p.add_argument("--server", default=None,
                   help="URL of a central elsewhere (default: start the embedded central)")
    p.add_argument("--jurisdiction", type=Path, default=None, metavar="FILE",
                   help="the C4's cuadrantes GeoJSON for the embedded central (default: the sample "
                        "shipped with the console, maps/mexicali, which is not official)")
    p.add_argument("--screenshot", type=Path, default=None,
                   help="render the window offscreen, save it as PNG after --exit-after seconds, exit")
    p.add_argument("--exit-after", type=float, default=None,
                   help="quit after this many seconds (with --screenshot: take it then)")
    p.add_argument("--lang", choices=("es", "en"), default=None, help="interface language")
    p.add_argument("--operator", default=None, help="operator name recorded on actions")
    p.add_argument("--ca-file", type=Path, default=None,
                   help="PEM certificate(s) to trust for an https:// central (e.g. the C4's own CA)")
    p.add_argument("--user", default=None,
                   help="log in as this user without the login dialog (needs --password-file)")
    p.add_argument("--password-file", type=Path, default=None,
                   help="file whose first line is --user's password (keep it mode 600)")
    p.add_argument("--alarm-every", type=float, default=None,
                   help="demo: mean seconds between simulated activations")
    args = p.parse_args(argv)
    if args.demo and args.server:
        p.error("--demo runs on the embedded central; it cannot be combined with --server")
    if args.jurisdiction is not None and args.server:
        p.error("--jurisdiction is for the embedded central; a central elsewhere has its own")
    if (args.user is None) != (args.password_file is None):
        p.error("--user and --password-file go together")
    if args.screenshot is not None and args.exit_after is None:
        args.exit_after = 10.0
    return args
