"""Entry point of the console: ``c4console``.

Starts the embedded central (unless ``--server``), opens the local cache, the
sync engine and the main window on one qasync loop.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from argparse import Namespace
from pathlib import Path

from c4console.gui.shell.cli_args import parse_args
from c4console.gui.shell.environment import prepare_qt_environment, qt_argv
from c4console.gui.shell.gui_thread_gc import collect_on_gui_thread
from c4console.platform_support import APP_FOLDER, install_stop_handlers, private_new_files, user_data_dir

log = logging.getLogger("c4console")


def default_data_dir() -> Path:
    """Per-user data folder (the cache, settings and logs): Qt's generic data folder
    (``~/.local/share``, ``%LOCALAPPDATA%``) + ``c4console``; the same folder from
    :mod:`c4console.platform_support` if Qt names none."""
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base) / APP_FOLDER if base else user_data_dir()


def main(argv: list[str] | None = None) -> int:
    """Run the console; returns the process exit code."""
    args = parse_args(argv)
    # Before anything is written: the cache, settings, logs and exports hold victims' data.
    with private_new_files() as protection:
        logging.basicConfig(level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        log.info("new files: %s", protection)
        return _run(args)


def _run(args: Namespace) -> int:
    prepare_qt_environment(headless=args.screenshot is not None)
    import qasync
    from PySide6.QtWidgets import QApplication

    from c4console.gui.map.mbtiles import register_schemes

    register_schemes()  # must precede the QApplication
    app = QApplication(qt_argv())
    collect_on_gui_thread(app)
    app.setOrganizationName("C4")
    app.setApplicationName("c4console")
    # The session ends the loop itself (it must stop the central and flush the
    # cache first); Qt quitting on the last window would cut that short.
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    from c4console.gui.shell.session import ConsoleSession

    # Absolute from here on: the map page is loaded by URL, which a relative path breaks
    # (``make demo`` passes var/demo).
    data_dir = (args.data_dir or default_data_dir()).expanduser().resolve()
    from c4console.gui.shell.crash_log import enable_crash_log

    log.info("crash reports (if it ever dies on a signal) go to %s", enable_crash_log(data_dir))
    session = ConsoleSession(app, args, data_dir)
    with loop:
        try:
            install_stop_handlers(loop, lambda _name: session.request_quit())
        except (NotImplementedError, RuntimeError) as e:  # a loop without signal support
            log.warning("no stop-signal handlers (%s): close the window to quit", e)
        try:
            return loop.run_until_complete(session.run())
        except Exception as e:  # a start-up failure must be readable, not a traceback wall
            log.error("c4console could not start: %s", e)
            print(f"c4console: {e}", file=sys.stderr)
            return 1
