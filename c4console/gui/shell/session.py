"""One console session: embedded central, cache, sync engine, window — and their teardown."""

from __future__ import annotations

import argparse
import asyncio
import logging
import socket
import ssl
import sys
from pathlib import Path

import aiohttp
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from c4console.core import access
from c4console.demo.accounts import DEMO_OPERATOR, DEMO_PASSWORD, read_password_file
from c4console.gui.audio.audio_controller import AudioController
from c4console.gui.shell.cache_notice import cache_rebuilt_text
from c4console.gui.shell.controller import ConsoleController
from c4console.gui.shell.idle_lock import hash_for_unlock
from c4console.gui.shell.login_dialog import ask_code, ask_credentials, refusal_text
from c4console.gui.shell.main_window import MainWindow
from c4console.gui.shell.mfa_dialog import enrol_at_login
from c4console.gui.shell.settings import load_settings
from c4console.gui.shell.state_bridge import StateBridge
from c4console.gui.shell.tasks import run_async
from c4console.gui.shell.translations import install_language
from c4console.platform_support import private_dir
from c4console.resources import load_catalogue
from c4console.store.cache import LocalCache
from c4console.store.cache_opening import CacheKeyRefused, open_local_cache
from c4console.sync.central_api import CentralApi
from c4console.sync.client import CentralClient, CentralError, LoginRefused, TokenInfo
from c4console.sync.engine import WORKSTATION_HEADER, SyncEngine
from c4console.sync.jurisdiction import jurisdiction_at_start
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
        self.audio: AudioController | None = None
        self.cache: LocalCache | None = None
        self._done: asyncio.Future | None = None
        self.role = ""  # the logged-in account's role, as the central said ("" until it has)
        self._role_confirmed = False  # said by the central (not guessed from the cache)
        self._login: TokenInfo | None = None  # the login at start (None: offline start)
        self._second_factor = False  # her login needed a code: a new login will too

    async def start(self) -> MainWindow | None:
        """Log in, bring everything up and show the window (None: the operator quit)."""
        args = self.args
        private_dir(self.data_dir)
        settings = load_settings(self.data_dir / "c4console.ini", language=args.lang)
        if settings.warning:
            log.warning("settings: %s", settings.warning)
        if args.operator:
            settings.operator = args.operator
        install_language(self.app, settings.language)
        catalogue = load_catalogue()
        server = args.server
        credentials, interactive = self._given_credentials()
        if server is None:
            first_run = not (self.data_dir / "central.sqlite").exists()
            if credentials is None:
                credentials = await ask_credentials(settings.operator, first_account=first_run)
                if credentials is None:
                    return None
            endpoints = await self._start_embedded(credentials, bootstrap=first_run and not args.demo)
            server = endpoints.api
            log.info("embedded central at %s (OsmAnd %s)", endpoints.api, endpoints.osmand)
            if args.demo:
                extra = ["--alarm-every", str(args.alarm_every)] if args.alarm_every else []
                self.simulator = DemoSimulator(self.data_dir, endpoints, extra)
                self.simulator.start()
        tls = ssl.create_default_context(cafile=str(args.ca_file)) if args.ca_file else None
        credentials = await self._log_in(server, credentials, interactive, settings.operator, tls)
        if credentials is None:
            return None
        opened = None
        while opened is None:
            user, password = credentials
            # The cache's key comes from the OS secret store, or is unwrapped with the
            # password (Argon2id: off the loop). From here on it lives only in the open
            # engine: logging in again mid-session (token renewed, password after a lock)
            # does not reopen the cache.
            try:
                opened = await asyncio.to_thread(open_local_cache, self.data_dir / "cache.sqlite",
                                                 user, password, verified=self._login is not None)
            except CacheKeyRefused:
                # Offline start: nobody checked this password, and it does not open the cache.
                text = QCoreApplication.translate(
                    "ConsoleSession", "La central no responde y esa contraseña no abre la copia "
                                      "local de esta estación: revise usuario y contraseña")
                if not interactive:
                    print(f"c4console: the central is unreachable and the password of {user!r} "
                          f"does not open this workstation's cache; nothing was changed",
                          file=sys.stderr)
                    return None
                credentials = await ask_credentials(user, text)
                if credentials is not None:
                    credentials = await self._log_in(server, credentials, interactive, user, tls)
                if credentials is None:
                    return None
        self.cache = opened.cache
        log.info("local cache opened, encrypted (key kept by %s)", opened.kept_in)
        state = ConsoleState(catalogue, settings.operator)
        bridge = StateBridge(state)
        # The engine goes on with the token of the login just made and renews it; it gets
        # the password only for an offline start (its first login), and forgets it then.
        self.engine = SyncEngine(self.cache, server, bridge, actor=settings.operator,
                                 workstation=socket.gethostname(), username=user,
                                 password=None if self._login else password,
                                 token_info=self._login, keep_password=False, ssl_context=tls)
        records = {e: await self.engine.db(self.cache.load, e)
                   for e in ("incident", "unit", "event", "beneficiary", "device", "shift",
                             "case", "history", "device_health", "health_task", "call",
                             "referral", "device_lifecycle", "intervention", "desk_follow_up",
                             "banavim_registration", "institution_referral", "case_timeline",
                             "meeting", "coordination_task", "case_share")}
        held = await self.engine.db(self.cache.holder)
        if not self.role and held is not None and held[0] == user:
            # An offline start: the window of the role her records were sent for (a liaison
            # gets hers, not a dispatch window that would ask for what she is refused);
            # the engine's first login confirms or changes it (_confirm_role).
            self.role = held[1]
        pending = [e.body for e in await self.engine.db(self.cache.pending)]
        state.load(records, await self.engine.db(self.cache.cursor), pending)
        # Before the map page is built: it draws the central's outlines from the first login on.
        # Only a role that may read it asks (core/access.start_reads: not a liaison's).
        reads = access.start_reads(self.role)
        token = self._login.token if self._login and "jurisdiction" in reads else None
        state.jurisdiction = await jurisdiction_at_start(server, token, self.cache,
                                                         self.engine.db, ssl_context=tls)
        controller = ConsoleController(self.engine, bridge, settings.speed_kmh)
        # A liaison's console (issue 15) has no map of patrols, no alarm voice and no audio.
        liaison = self.role in access.LIAISONS
        map_view = None if liaison else self._make_map(settings, state)
        self.alerts = None if liaison else self._make_alerts(settings)
        self.audio = None if liaison else AudioController(self.engine.api)
        self.window = MainWindow(bridge, controller, catalogue, settings, map_view, self.alerts,
                                 audio=self.audio)
        if self.alerts is not None:
            self.alerts.statusChanged.connect(self.window.status.set_sound)
            self.alerts.publish_status()
        self.window.apply_role(user, self.role, self._login.agency_name if self._login else "")
        notices = []
        if opened.rebuilt is not None:
            notices.append(cache_rebuilt_text(opened.rebuilt))
        if state.jurisdiction.source == "default" and not liaison:
            notices.append(QCoreApplication.translate(
                "ConsoleSession", "Sin jurisdicción de la central (ni copia guardada): "
                                  "el mapa muestra la jurisdicción de ejemplo de la consola"))
        if notices:
            self.window.status.showMessage(" · ".join(notices))
        bridge.connectionChanged.connect(self._confirm_role)
        self.window.show()
        # The unlock check runs against a hash kept in memory only, so it works offline.
        self.window.enable_idle_lock(user, hash_for_unlock(password), settings.lock_minutes)
        del password, credentials  # from here on only the hash and the token remain
        self._watch_login(user, bridge)
        await self.window.refresh_rejections()
        self.engine.start()
        return self.window

    def _watch_login(self, user: str, bridge: StateBridge) -> None:
        """When the central stops accepting the token (revoked, expired, central reset),
        cover the window and ask for the password; the unlock hands it to the engine."""
        cover = self.window.lock_cover if self.window is not None else None
        if cover is None or self.engine is None:
            return
        engine = self.engine

        def lost(connected: bool, _detail: str) -> None:
            if not connected and engine.auth_error and not cover.locked:
                cover.lock(QCoreApplication.translate(
                    "ConsoleSession", "La sesión con la central terminó: escriba su contraseña "
                                      "para seguir"))

        def typed(password: str) -> None:
            if not engine.auth_error:
                return
            if self._second_factor or engine.auth_reason in ("mfa_required", "mfa_failed"):
                run_async(self._relogin_with_code(user, password, engine, cover),
                          what="second factor")
                return
            engine.set_credentials(user, password)

        bridge.connectionChanged.connect(lost)
        cover.password_confirmed.connect(typed)

    async def _relogin_with_code(self, user: str, password: str, engine, cover) -> None:
        """After the cover's password, an account with a second factor also gives a code
        (the login dialog's second step); without one the window locks again."""
        self._second_factor = True
        wrong = engine.auth_reason == "mfa_failed"
        code = await ask_code(user, refusal_text("mfa_failed", None) if wrong else "")
        if code is None:
            cover.lock(QCoreApplication.translate(
                "ConsoleSession", "La sesión con la central terminó: escriba su contraseña "
                                  "para seguir"))
            return
        engine.set_credentials(user, password, code)

    def _confirm_role(self, connected: bool, _detail: str) -> None:
        """After an offline start, the role arrives with the engine's first login (applied
        again even if the cache guessed it right: the agency's name comes with it)."""
        info = self.engine.client.info if self.engine and self.engine.client else None
        if not connected or info is None or self.window is None:
            return
        if info.role != self.role or not self._role_confirmed:
            self.role, self._role_confirmed = info.role, True
            self.window.apply_role(info.user, info.role, info.agency_name)

    def _given_credentials(self) -> tuple[tuple[str, str] | None, bool]:
        """(credentials from the command line or the demo, whether to ask when refused)."""
        args = self.args
        if args.user:
            return (args.user, read_password_file(args.password_file)), False
        if args.demo:
            return (DEMO_OPERATOR, DEMO_PASSWORD), False
        return None, True

    async def _start_embedded(self, credentials: tuple[str, str], *, bootstrap: bool):
        """Start the embedded central; on a workstation's first run (not the demo) the
        account typed in the login dialog becomes its administrator."""
        if not bootstrap:
            self.central = EmbeddedCentral(self.data_dir, demo=self.args.demo,
                                           jurisdiction=self.args.jurisdiction)
            return await self.central.start_and_wait()
        secret = self.data_dir / "bootstrap.password"
        secret.touch(mode=0o600)
        secret.write_text(credentials[1] + "\n", encoding="utf-8")
        try:
            self.central = EmbeddedCentral(self.data_dir, bootstrap_user=credentials[0],
                                           bootstrap_role="admin", bootstrap_password_file=secret,
                                           jurisdiction=self.args.jurisdiction)
            return await self.central.start_and_wait()
        finally:
            secret.unlink(missing_ok=True)

    async def _log_in(self, server: str, credentials: tuple[str, str] | None, interactive: bool,
                      default_user: str, tls: ssl.SSLContext | None) -> tuple[str, str] | None:
        """Check the credentials at the central, asking again while it refuses them.

        An unreachable central is not a refusal: the console starts offline from its
        cache and the sync engine logs in when the central answers.
        """
        message = ""
        code: str | None = None  # the second factor, once the central has asked for it
        while True:
            if credentials is None:
                credentials = await ask_credentials(default_user, message)
                if credentials is None:
                    return None
            try:
                connector = aiohttp.TCPConnector(ssl=tls) if tls is not None else None
                # The workstation header as the engine sends it: the audit log names the desk.
                async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10),
                                                 connector=connector,
                                                 headers={WORKSTATION_HEADER: socket.gethostname()}
                                                 ) as http:
                    client = CentralClient(server, http)
                    self._login = await client.login(*credentials, code=code)
                    self.role, self._role_confirmed = self._login.role, True
                    self._second_factor = code is not None
                    if self._login.mfa_enrolment_required:
                        # Her role needs a second factor: enrol it now, then log in with it.
                        if not interactive or not await self._enrol_at_login(client,
                                                                             credentials[1]):
                            return await self._no_enrolment(credentials[0], interactive, client)
                        self._login, code = None, await ask_code(
                            credentials[0], QCoreApplication.translate(
                                "ConsoleSession", "Verificación en dos pasos activada: escriba el "
                                                  "código que muestra su aplicación."))
                        if code is None:
                            return None
                        continue
                return credentials
            except LoginRefused as e:
                log.warning("login refused for %s: %s (%s)", credentials[0], e, e.reason)
                if not interactive:
                    print(f"c4console: the central refused the login of {credentials[0]!r}: {e} "
                          f"({e.reason}); nothing was changed", file=sys.stderr)
                    return None
                if e.reason in ("mfa_required", "mfa_failed"):
                    # The password was right: the second step asks for the code only.
                    code = await ask_code(credentials[0], "" if e.reason == "mfa_required"
                                          else refusal_text(e.reason, None))
                    if code is None:
                        return None
                    continue
                message = refusal_text(e.reason, e.locked_until)
                default_user, credentials, code = credentials[0], None, None
            except (aiohttp.ClientError, OSError, TimeoutError, CentralError) as e:
                log.warning("central %s unreachable at login (%s): starting offline", server, e)
                return credentials

    @staticmethod
    async def _enrol_at_login(client: CentralClient, password: str) -> bool:
        """The enrolment dialog on the enrol-only token of this login; True once done."""
        api = CentralApi(client)
        return await enrol_at_login(api.mfa_enrol, api.mfa_confirm, password)

    async def _no_enrolment(self, user: str, interactive: bool, client: CentralClient) -> None:
        """She did not enrol (cancelled, or no one to ask): the console does not open; the
        enrol-only token is dropped at the central."""
        await client.logout()  # best effort
        self._login = None
        if not interactive:
            print(f"c4console: the role of {user!r} needs a second factor; enrol it first "
                  "(c4central users mfa-enrol, or log in interactively); nothing was changed",
                  file=sys.stderr)
        return None

    def _make_map(self, settings, state: ConsoleState):
        from c4console.gui.map.map_view import MapView

        return MapView(self.data_dir / "map", state.jurisdiction.geojson, settings.tiles)

    def _make_alerts(self, settings):
        from c4console.gui.shell.alerts import AlertAnnouncer

        return AlertAnnouncer(muted=settings.muted)

    async def run(self) -> int:
        """Start, wait until the window closes (or --exit-after), tear down."""
        done = self._done = asyncio.get_running_loop().create_future()
        self.app.lastWindowClosed.connect(self.request_quit)
        try:
            window = await self.start()
            if window is None:  # the operator quit at the login dialog
                return 1
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
        if self.audio is not None:  # before the engine: it listens through the engine's client
            await self.audio.close()
        if self.engine is not None:
            await self.engine.close(logout=True)  # the token ends with the session
        if self.alerts is not None:
            self.alerts.close()
        if self.simulator is not None:
            self.simulator.stop()
        if self.central is not None:
            self.central.stop()
        if self.cache is not None:
            self.cache.close()
