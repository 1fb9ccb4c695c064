"""One console session: embedded central, cache, sync engine, window — and their teardown."""

from __future__ import annotations

import argparse
import asyncio
import logging
import socket
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from c4console.gui.controller import ConsoleController
from c4console.gui.main_window import MainWindow
from c4console.gui.settings import load_settings
from c4console.gui.state_bridge import StateBridge
from c4console.gui.translations import install_language
from c4console.resources import load_catalogue, load_jurisdiction_geojson
from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from c4console.sync.processes import DemoSimulator, EmbeddedCentral
from c4console.sync.state import ConsoleState

log = logging.getLogger(__name__)


class ConsoleSession:
    """Owns everything a running console needs; ``run()`` returns when the window closes."""

    def __init__(self, app: QApplication, args: argparse.Namespace, data_dir: Path) -> None:
        self.app = app
        self.args = args
        self.data_dir = data_dir
        self.central: EmbeddedCentral | None = None
        self.simulator: DemoSimulator | None = None
        self.engine: SyncEngine | None = None
        self.window: MainWindow | None = None
        self.alerts = None
        self.cache: LocalCache | None = None
        self._done: asyncio.Future | None = None

    async def start(self) -> MainWindow:
        """Bring everything up and show the window."""
        args = self.args
        self.data_dir.mkdir(parents=True, exist_ok=True)
        settings = load_settings(self.data_dir / "c4console.ini", language=args.lang)
        if settings.warning:
            log.warning("settings: %s", settings.warning)
        if args.operator:
            settings.operator = args.operator
        install_language(self.app, settings.language)
        catalogue = load_catalogue()
        server = args.server
        if server is None:
            self.central = EmbeddedCentral(self.data_dir, demo=args.demo)
            endpoints = await self.central.start_and_wait()
            server = endpoints.api
            log.info("embedded central at %s (OsmAnd %s)", endpoints.api, endpoints.osmand)
            if args.demo:
                extra = ["--alarm-every", str(args.alarm_every)] if args.alarm_every else []
                self.simulator = DemoSimulator(self.data_dir, endpoints, extra)
                self.simulator.start()
        self.cache = LocalCache(self.data_dir / "cache.sqlite")
        state = ConsoleState(catalogue, settings.operator)
        bridge = StateBridge(state)
        self.engine = SyncEngine(self.cache, server, bridge, actor=settings.operator,
                                 workstation=socket.gethostname())
        records = {e: await self.engine.db(self.cache.load, e)
                   for e in ("incident", "unit", "event", "beneficiary", "device")}
        pending = [e.body for e in await self.engine.db(self.cache.pending)]
        state.load(records, await self.engine.db(self.cache.cursor), pending)
        controller = ConsoleController(self.engine, bridge, settings.speed_kmh)
        map_view = self._make_map(settings)
        self.alerts = self._make_alerts(settings)
        self.window = MainWindow(bridge, controller, catalogue, settings, map_view, self.alerts)
        if self.alerts is not None:
            self.alerts.statusChanged.connect(self.window.status.set_sound)
            self.alerts.publish_status()
        self.window.show()
        await self.window.refresh_rejections()
        self.engine.start()
        return self.window

    def _make_map(self, settings):
        from c4console.gui.map.map_view import MapView

        return MapView(self.data_dir / "map", load_jurisdiction_geojson(), settings.tiles)

    def _make_alerts(self, settings):
        from c4console.gui.alerts import AlertAnnouncer

        return AlertAnnouncer(muted=settings.muted)

    async def run(self) -> int:
        """Start, wait until the window closes (or --exit-after), tear down."""
        done = self._done = asyncio.get_running_loop().create_future()
        self.app.lastWindowClosed.connect(self.request_quit)
        try:
            window = await self.start()
            if self.args.exit_after is not None:
                QTimer.singleShot(int(self.args.exit_after * 1000), self._finish)
            await done
            return 0 if window is not None else 1
        finally:
            await self.stop()

    def request_quit(self) -> None:
        """End the session (window closed, --exit-after, SIGINT/SIGTERM)."""
        if self._done is not None and not self._done.done():
            self._done.set_result(None)

    def _finish(self) -> None:
        if self.args.screenshot is not None and self.window is not None:
            self.args.screenshot.parent.mkdir(parents=True, exist_ok=True)
            ok = self.window.grab().save(str(self.args.screenshot), "PNG")
            log.info("screenshot %s: %s", self.args.screenshot, "saved" if ok else "FAILED")
        if self.window is not None:
            self.window.close()
        self.request_quit()

    async def stop(self) -> None:
        """Stop the engine, the simulator and the embedded central; close the cache."""
        if self.window is not None:
            self.window.save_layout()
        if self.engine is not None:
            await self.engine.close()
        if self.alerts is not None:
            self.alerts.close()
        if self.simulator is not None:
            self.simulator.stop()
        if self.central is not None:
            self.central.stop()
        if self.cache is not None:
            self.cache.close()
