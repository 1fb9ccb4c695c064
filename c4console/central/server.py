"""Run the central: database, write service, feed follower, API site and OsmAnd site, ready file."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import os
import socket
import ssl
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import web
from sqlalchemy.engine import URL

from c4console.central import accounts, queries, share_reads
from c4console.central.agencies_demo import seed_demo_agencies, seed_demo_share
from c4console.central.agency_routes import add_agency_routes
from c4console.central.api import HEARTBEAT_S, build_api_app
from c4console.central.audio.manager import AudioConfig, AudioManager
from c4console.central.audio.routes import add_audio_routes
from c4console.central.audit_anchor import PeriodicAnchor
from c4console.central.auth import TOKEN_HOURS, Authenticator
from c4console.central.banavim.routes import add_banavim_routes
from c4console.central.bootstrap import Account, demo_accounts, ensure_accounts
from c4console.central.calls.places_route import add_places_route, served_places
from c4console.central.calls.routes import add_call_routes
from c4console.central.cases.demo_seed import seed_demo_cases
from c4console.central.cases.routes import add_case_routes
from c4console.central.cases.steps import c4_date
from c4console.central.client_address import Network, parse_networks
from c4console.central.coordination.demo import seed_demo_meetings
from c4console.central.coordination.overdue import OverdueSweep
from c4console.central.coordination.routes import add_meeting_routes
from c4console.central.crypto.keys import open_for_central
from c4console.central.db import open_database
from c4console.central.demo_zones import seed_demo_zones
from c4console.central.desk_demo import seed_demo_desk
from c4console.central.device_health import SilenceWatch
from c4console.central.device_import import add_device_import_route
from c4console.central.device_lifecycle_demo import seed_demo_stock
from c4console.central.feed import POLL_S, FeedFollower
from c4console.central.follow_up_demo import seed_demo_follow_up
from c4console.central.follow_up_routes import add_follow_up_routes
from c4console.central.gateways.kannel_client import KannelSettings
from c4console.central.gateways.outbox import POLL_S as OUTBOX_POLL_S
from c4console.central.gateways.outbox import OutboxWorker
from c4console.central.gateways.sms import TrustedContactSms, add_dlr_route
from c4console.central.gateways.traccar import TraccarGateway, add_traccar_route
from c4console.central.gateways.tracker_guard import (
    ALARMS_PER_MINUTE,
    SOURCE_ALARMS_PER_MINUTE,
    TrackerGuard,
    TrackerPolicy,
)
from c4console.central.gateways.whatsapp import WhatsAppGateway, add_whatsapp_routes
from c4console.central.gateways.whatsapp_client import WhatsAppSettings
from c4console.central.gateways.whatsapp_media import MediaDownloads, MediaStore, add_media_route
from c4console.central.hub import Hub
from c4console.central.ingest import RateLimiter
from c4console.central.jurisdiction_routes import add_jurisdiction_route, served_jurisdiction
from c4console.central.need_to_know import FeedGate
from c4console.central.notify import PgListener, supports_notify
from c4console.central.osmand import build_osmand_app
from c4console.central.queries import Reader
from c4console.central.referrals.routes import add_referral_routes
from c4console.central.reports.observatory_routes import add_observatory_routes
from c4console.central.reports.open_data_routes import add_open_data_routes
from c4console.central.reports.routes import add_report_routes
from c4console.central.seed import seed_demo_shift, seed_folder
from c4console.central.service import DEFAULT_TIMEZONE, Service
from c4console.central.share_expiry import ShareExpiry
from c4console.central.socket_guard import CHECK_S as TOKEN_RECHECK_S
from c4console.central.specialists import reads as desk_reads
from c4console.central.specialists.routes import add_desk_routes
from c4console.core.catalogue import Catalogue
from c4console.core.domain_events import (
    ChatReplied,
    LoginUnlocked,
    MediaReceived,
    PanicActivated,
    ProximityAlarm,
)
from c4console.core.geo import Jurisdiction
from c4console.resources import load_agenda_settings, load_feed_policy

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT_S = 3.0
LISTEN_WAIT_S = 10.0


def parse_listen(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:PORT`` for IPv6) → (host, port); port 0 means ephemeral."""
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit() or int(port) > 65535:
        raise ValueError(f"{value!r} is not HOST:PORT")
    host = host.strip("[]") or "0.0.0.0"
    return host, int(port)


def is_loopback(host: str) -> bool:
    """True if ``host`` (an address or ``localhost``) is reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name (or "" / 0.0.0.0: every interface) may be reachable


def url_for(host: str, port: int, tls: bool = False) -> str:
    """The URL a local client uses to reach a site bound to ``host:port``."""
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    scheme = "https" if tls else "http"
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"


def server_tls(cert: Path, key: Path) -> ssl.SSLContext:
    """A server TLS context from PEM files; ValueError saying which file is wrong."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except FileNotFoundError as e:
        raise ValueError(f"TLS: {e.filename} does not exist") from None
    except (ssl.SSLError, OSError) as e:
        raise ValueError(f"TLS: cannot use certificate {cert} with key {key}: {e}") from None
    return context


def write_ready_file(path: Path, info: dict) -> None:
    """Write ``info`` as JSON atomically: a reader sees the whole file or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(info, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def media_folder(given: str, db_url: URL) -> Path | None:
    """Where WhatsApp media is kept: the setting, else ``media`` beside a SQLite database
    (with PostgreSQL the nodes must share a folder someone chose: None)."""
    if given:
        return Path(given).expanduser().resolve()
    if db_url.get_backend_name() == "sqlite" and db_url.database:
        return Path(db_url.database).expanduser().resolve().parent / "media"
    return None


@dataclass
class CentralConfig:
    """What ``c4central serve`` needs."""

    db_url: str
    catalogue: Catalogue
    jurisdiction: Jurisdiction | None = None
    # The jurisdiction file's GeoJSON as loaded: served to the consoles (GET /jurisdiction).
    jurisdiction_geojson: dict | None = None
    # The jurisdiction's streets, colonias and landmarks (CSV texts by file key, read from
    # beside its file): served to the consoles for the location search (GET /places).
    places: dict[str, str] | None = None
    listen: tuple[str, int] = ("127.0.0.1", 8080)
    osmand_listen: tuple[str, int] = ("127.0.0.1", 5055)
    server_id: str = ""
    demo_folder: Path | None = None
    demo_history: bool = True  # with demo_folder: the women's cases, risk and prior incidents
    timezone: str = DEFAULT_TIMEZONE
    heartbeat: float = HEARTBEAT_S
    # Open sockets' tokens, roles and account states are checked again this often (a change
    # made by ``c4central users`` in another process; logout and expiry close them at once).
    token_recheck_s: float = TOKEN_RECHECK_S
    stream_queue_limit: int = 1000
    tls_cert: Path | None = None
    tls_key: Path | None = None
    osmand_tls: bool = False  # the gateway also on HTTPS, with tls_cert/tls_key
    # The gateway's own certificate (trackers often trust only public CAs).
    osmand_tls_cert: Path | None = None
    osmand_tls_key: Path | None = None
    # The gateway on plain HTTP off loopback (most trackers speak nothing else): refused
    # unless this (or ``insecure``) is set.
    osmand_plain_http: bool = False
    # Who may send device reports (CIDRs; empty: anyone) and the alarms' caps a minute.
    tracker_allow: tuple[Network, ...] | tuple[str, ...] = ()
    alarm_rate: float = ALARMS_PER_MINUTE
    alarm_source_rate: float = SOURCE_ALARMS_PER_MINUTE
    # The TLS proxies whose X-Forwarded-For is believed (client_address.py).
    trusted_proxies: tuple[Network, ...] | tuple[str, ...] = ()
    # Roles whose login needs a second factor; without one, a token for the enrolment only.
    # (The command line's default is supervisor and admin: config.py.)
    mfa_required_roles: tuple[str, ...] = ()
    token_hours: float = TOKEN_HOURS
    accounts: list[Account] = field(default_factory=list)  # created at start if missing
    poll_s: float = POLL_S
    audio: AudioConfig | None = None  # live audio sessions and their recordings (None: off)
    sms: KannelSettings | None = None  # SMS to trusted contacts (None or incomplete: off)
    whatsapp: WhatsAppSettings | None = None  # WhatsApp channel (unset parts answer 503)
    traccar_secret: str | None = None  # Traccar event forwarding (None: the gateway answers 503)
    device_rate: float = 10.0  # reports/s per device at the gateways (0: no limit); alarms always pass
    device_burst: float = 20.0
    outbox_poll_s: float = OUTBOX_POLL_S  # how often the outbox worker looks for due messages
    audit_anchor_file: Path | None = None  # the audit chain's head appended here periodically
    audit_anchor_minutes: float = 60.0
    device_test_minutes: float = 30.0  # a device's test mode ends this long after it is armed
    health_watch_s: float = 60.0  # how often silent devices are looked for (call tasks)
    # The API on plain HTTP off loopback: refused unless this is set (``--insecure``).
    insecure: bool = False
    # The key file sealing recordings and WhatsApp media at rest (None: media.key beside a
    # SQLite database, else beside the recordings folder; created at the first start).
    media_key_file: Path | None = None

    def __post_init__(self) -> None:
        self.server_id = self.server_id or f"central-{socket.gethostname()}"
        self.tracker_allow = parse_networks(map(str, self.tracker_allow), "tracker_allow")
        self.trusted_proxies = parse_networks(map(str, self.trusted_proxies), "trusted_proxies")
        if (self.osmand_tls_cert is None) != (self.osmand_tls_key is None):
            raise ValueError("the gateway's TLS needs both a certificate and a key "
                             "(--osmand-tls-cert and --osmand-tls-key)")
        if self.osmand_tls and self.tls_cert is None:
            raise ValueError("--osmand-tls serves the gateway with --tls-cert/--tls-key: give "
                             "them, or the gateway's own --osmand-tls-cert/--osmand-tls-key")
        gateway_tls = self.osmand_tls or self.osmand_tls_cert is not None
        if (not gateway_tls and not (self.insecure or self.osmand_plain_http)
                and not is_loopback(self.osmand_listen[0])):
            raise ValueError(
                f"refusing to serve the OsmAnd gateway on {self.osmand_listen[0]}:"
                f"{self.osmand_listen[1]} over plain HTTP: off loopback, device ids, positions "
                "and alarms would cross the network readable and fakeable. Give it TLS "
                "(--osmand-tls-cert and --osmand-tls-key, or --osmand-tls with --tls-cert), "
                "or, for trackers that speak only plain HTTP, --osmand-plain-http "
                "(C4_OSMAND_PLAIN_HTTP) together with --tracker-allow")
        if self.jurisdiction is None and self.jurisdiction_geojson is not None:
            self.jurisdiction = Jurisdiction.from_geojson(self.jurisdiction_geojson)
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ValueError("TLS needs both a certificate and a key (--tls-cert and --tls-key)")
        if self.tls_cert is None and not self.insecure and not is_loopback(self.listen[0]):
            raise ValueError(
                f"refusing to serve the API on {self.listen[0]}:{self.listen[1]} over plain HTTP: "
                "off loopback, passwords, tokens and victims' data would cross the network "
                "readable. Give --tls-cert and --tls-key (C4_TLS_CERT, C4_TLS_KEY), listen on "
                "127.0.0.1 behind a TLS proxy, or, knowingly, --insecure (C4_INSECURE)")


class Central:
    """A running central; ``async with Central(cfg) as c:`` serves until the block ends."""

    def __init__(self, config: CentralConfig) -> None:
        self.config = config
        self.service: Service | None = None
        self.reader: Reader | None = None
        self.hub: Hub | None = None
        self.follower: FeedFollower | None = None
        self.listener: PgListener | None = None
        self.authenticator: Authenticator | None = None
        self.audio: AudioManager | None = None
        self.sms: TrustedContactSms | None = None
        self.whatsapp: WhatsAppGateway | None = None
        self.media: MediaDownloads | None = None
        self.outbox: OutboxWorker | None = None
        self.anchors: PeriodicAnchor | None = None
        self.silence: SilenceWatch | None = None
        self.share_expiry: ShareExpiry | None = None
        self.overdue_tasks: OverdueSweep | None = None
        # --demo: the Fuerza Rosa plans and visits, seeded once the sites listen (below).
        self.demo_follow_up: asyncio.Task[dict[str, int]] | None = None
        self.api_url = ""
        self.osmand_url = ""
        self._runners: list[web.AppRunner] = []

    async def start(self) -> None:
        """Migrate, start the writer, readers and feed follower, create accounts, optionally
        seed the demo, then listen."""
        cfg = self.config
        tls = server_tls(cfg.tls_cert, cfg.tls_key) if cfg.tls_cert and cfg.tls_key else None
        if tls is None and not is_loopback(cfg.listen[0]):
            log.warning("INSECURE: the API listens on %s:%d over plain HTTP (--insecure): logins, "
                        "tokens and victims' data cross the network readable; give --tls-cert and "
                        "--tls-key", *cfg.listen)
        gateway_tls = (server_tls(cfg.osmand_tls_cert, cfg.osmand_tls_key)
                       if cfg.osmand_tls_cert and cfg.osmand_tls_key
                       else tls if cfg.osmand_tls else None)
        if gateway_tls is None and not is_loopback(cfg.osmand_listen[0]):
            log.warning("INSECURE: the OsmAnd gateway listens on %s:%d over plain HTTP "
                        "(--osmand-plain-http): device reports can be read and faked on the "
                        "way; %s", *cfg.osmand_listen,
                        f"only {len(cfg.tracker_allow)} network(s) of --tracker-allow may send"
                        if cfg.tracker_allow else "and ANY address may send them: set "
                                                  "--tracker-allow")
        loop = asyncio.get_running_loop()
        engine = await loop.run_in_executor(None, open_database, cfg.db_url)
        # Recordings and WhatsApp media are sealed at rest with the media key file's keys
        # (created at the first start; a damaged or world-readable key file stops the start).
        media_dir = media_folder((cfg.whatsapp or WhatsAppSettings()).media_dir, engine.url)
        keys = cfg.audio.keys if cfg.audio is not None else None
        if keys is None:
            keys = await loop.run_in_executor(
                None, open_for_central, cfg.media_key_file, cfg.db_url,
                cfg.audio.recordings if cfg.audio is not None else None, media_dir)
        self.service = Service(engine, cfg.catalogue, cfg.jurisdiction, timezone=cfg.timezone,
                               device_test_minutes=cfg.device_test_minutes)
        self.reader = Reader(engine)
        gate = FeedGate(load_feed_policy(),
                        today=lambda: c4_date(time.time(), ZoneInfo(cfg.timezone)),
                        cases=self.service.case_catalogues.access)
        self.hub = Hub(self.reader.changes_since, gate, server_id=cfg.server_id,
                       queue_limit=cfg.stream_queue_limit)
        head = await self.reader.head()
        # Open incidents read after the head: the follower's changes after it are seen again,
        # which changes nothing (OpenCases takes snapshots).
        open_incidents = await self.reader.run(queries.incidents, "open")
        gate.seed(open_incidents, head)
        # Their cases: an intervention reaches an operator on her case's open ground.
        gate.seed_cases(await self.reader.run(desk_reads.cases_of_open_incidents, open_incidents))
        # Every case share: a liaison's feed follows them (issue 15).
        gate.seed_shares(await self.reader.run(share_reads.all_shares))
        self.hub.bind(head)
        self.follower = FeedFollower(self.hub, self.reader.changes_since, head, poll_s=cfg.poll_s)
        self.service.add_listener(self.follower.offer_threadsafe)
        self.service.add_announcer(self.follower.expect)
        self.follower.start()
        if supports_notify(engine):
            # Other nodes on this database: their commits reach our stream clients too.
            self.listener = PgListener(engine, self.follower.poke)
            self.listener.start()
            # Ready means hearing the other nodes; if LISTEN cannot connect now,
            # serve anyway: the follower's poll delivers their changes meanwhile.
            try:
                await asyncio.wait_for(self.listener.listening.wait(), LISTEN_WAIT_S)
            except TimeoutError:
                log.warning("not listening for other nodes' commits after %.0f s; their changes "
                            "arrive by polling until it connects", LISTEN_WAIT_S)
        # The gateways queue what they send in the deciding transaction (subscribers of
        # its domain events); one worker per node drains the queue, also what a previous
        # run left.
        self.outbox = OutboxWorker(self.service, engine, cfg.server_id, poll_s=cfg.outbox_poll_s)
        self.sms = TrustedContactSms(self.service, self.reader, cfg.sms, ZoneInfo(cfg.timezone),
                                     self.outbox)
        self.service.on(PanicActivated, self.sms.on_activation)
        self.service.on(ProximityAlarm, self.sms.on_proximity)
        wa_settings = cfg.whatsapp or WhatsAppSettings()
        self.whatsapp = WhatsAppGateway(self.service, self.reader, wa_settings, self.outbox)
        self.service.on(ChatReplied, self.whatsapp.on_reply)
        self.whatsapp.start()
        if media_dir is None:
            log.warning("WhatsApp media is not downloaded: give C4_MEDIA_DIR (a folder all nodes "
                        "share) to keep the photos and voice notes citizens send")
        self.media = MediaDownloads(wa_settings, self.outbox,
                                    MediaStore(media_dir, keys) if media_dir is not None else None)
        self.service.on(MediaReceived, self.media.on_media)
        self.service.add_listener(self.outbox.listener)
        # A shift lead's ``unlock_login``: the locks go in the deciding transaction.
        self.service.on(LoginUnlocked, lambda tx, e: accounts.unlock(tx, e.user))
        self.authenticator = Authenticator(self.service, self.reader, token_hours=cfg.token_hours,
                                           socket_check_s=cfg.token_recheck_s,
                                           mfa_required_roles=cfg.mfa_required_roles)
        wanted = [*(demo_accounts() if cfg.demo_folder is not None else []), *cfg.accounts]
        if cfg.demo_folder is not None:
            await seed_demo_agencies(self.service)  # before the liaisons' accounts
        if wanted:
            await ensure_accounts(self.service, self.reader, wanted)
        if cfg.demo_folder is not None:
            # Before listening: the demo simulator starts on the ready file and
            # expects the demo devices to be registered.
            await seed_folder(self.service, cfg.demo_folder)
            # Her case beyond the registry: risk, aggressor, prior incidents (histories).
            if cfg.demo_history:
                await seed_demo_cases(self.service, cfg.demo_folder)
                # An aggressor's tracker under her order (the simulator walks him to her home).
                await seed_demo_zones(self.service, cfg.demo_folder)
                # Devices requested and approved (needs her case's risk level).
                await seed_demo_stock(self.service)
                # One high-risk case shared with the DIF at resumen (issue 15).
                await seed_demo_share(self.service)
                # A past signed mesa with the DIF and the next one (issue 15).
                await seed_demo_meetings(self.service)
            await seed_demo_shift(self.service)  # the roster shows a current shift
        api = build_api_app(self.service, self.reader, self.hub, self.authenticator,
                            server_id=cfg.server_id, heartbeat=cfg.heartbeat,
                            trusted_proxies=cfg.trusted_proxies)
        if cfg.audio is not None:
            audio = cfg.audio if cfg.audio.keys is not None else replace(cfg.audio, keys=keys)
            self.audio = AudioManager(self.service, self.reader, audio, cfg.server_id)
            await self.audio.start()
            add_audio_routes(api, self.audio)
        add_device_import_route(api, self.service)  # the registry's CSV import (logged in)
        add_case_routes(api, self.service, self.reader, self.hub.gate)  # cases, histories
        add_call_routes(api, self.service, self.reader, self.hub.gate)  # screen pops, referrals
        add_desk_routes(api, self.reader, self.hub.gate)  # the specialist desk's interventions
        add_banavim_routes(api, self.service, self.reader)  # the BANAVIM export (issue 12)
        add_referral_routes(api, self.service, self.reader, self.hub.gate)  # canalización
        add_follow_up_routes(api, self.reader)  # overdue list, month counts (issue 13)
        add_report_routes(api, self.service, self.reader)  # the period report (issue 14)
        add_open_data_routes(api, self.service, self.reader)  # open data, small cells hidden
        add_observatory_routes(api, self.service, self.reader)  # where and when (issue 14)
        add_agency_routes(api, self.service, self.reader, self.hub.gate.today)  # issue 15
        # Coordination meetings: the agenda and the minutes (issue 15).
        add_meeting_routes(api, self.service, self.reader, load_agenda_settings())
        add_places_route(api, served_places(cfg.places))  # the location search's data (logged in)
        # What the consoles draw: the jurisdiction this central locates with (logged in).
        add_jurisdiction_route(api, served_jurisdiction(cfg.jurisdiction_geojson, cfg.jurisdiction))
        add_whatsapp_routes(api, self.whatsapp)  # signed by Meta: no login (api_auth.py)
        add_media_route(api, self.media)  # behind the login like the rest of the API
        # One guard for both device gateways (allow-list, secrets, flood limits); Traccar's
        # shared secret: no login either.
        guard = TrackerGuard(self.service, self.reader,
                             RateLimiter(cfg.device_rate, cfg.device_burst),
                             TrackerPolicy(cfg.tracker_allow, cfg.alarm_rate, cfg.alarm_source_rate))
        add_traccar_route(api, TraccarGateway(self.service, cfg.traccar_secret, guard))
        self.api_url = await self._listen(api, cfg.listen, "API", tls)
        gateway = build_osmand_app(self.service, guard, cfg.trusted_proxies)
        add_dlr_route(gateway, self.sms)  # Kannel's delivery reports: signed msg, no login
        self.osmand_url = await self._listen(gateway, cfg.osmand_listen, "OsmAnd gateway",
                                             gateway_tls)
        self.sms.start(self.osmand_url)
        self.outbox.start()  # after the dlr-url base is known: SMS carry it
        if cfg.audit_anchor_file is not None:
            self.anchors = PeriodicAnchor(engine, cfg.audit_anchor_file, cfg.audit_anchor_minutes)
            self.anchors.start()
        # Devices in use that stopped reporting: a call task each (device health).
        self.silence = SilenceWatch(self.service.write, cfg.health_watch_s)
        self.silence.start()
        # Case shares past their end date: marked, her case re-published (issue 15).
        self.share_expiry = ShareExpiry(self.service.write, ZoneInfo(cfg.timezone))
        self.share_expiry.start()
        # Coordination tasks past their due date: flagged overdue for the C4 (issue 15).
        self.overdue_tasks = OverdueSweep(self.service.write, ZoneInfo(cfg.timezone))
        self.overdue_tasks.start()
        if cfg.demo_folder is not None and cfg.demo_history:
            # Fuerza Rosa: her follow-up plan and the shift's visits on the units (issue 13),
            # through the commands while the central already serves: the console's start
            # does not wait for ~500 commands, and the simulator learns the visits from the
            # feed whenever they come.
            # Then the specialist desk's referrals and a follow-up due today (issue 12).
            self.demo_follow_up = asyncio.create_task(
                _demo_work(self.service, cfg.demo_folder), name="demo-follow-up")
            self.demo_follow_up.add_done_callback(_log_failure)

    async def _listen(self, app: web.Application, where: tuple[str, int], what: str,
                      tls: ssl.SSLContext | None = None) -> str:
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT_S)
        await runner.setup()
        self._runners.append(runner)
        site = web.TCPSite(runner, where[0], where[1], ssl_context=tls)
        try:
            await site.start()
        except OSError as e:
            raise OSError(e.errno, f"cannot listen on {where[0]}:{where[1]} for the {what}: "
                                   f"{e.strerror}") from e
        port = runner.addresses[0][1]
        url = url_for(where[0], port, tls is not None)
        log.info("%s listening on %s:%d (%s)", what, where[0], port, url)
        return url

    async def stop(self) -> None:
        """Close streams and sites, finish queued writes, release the database."""
        if self.demo_follow_up is not None:  # its commands are on the writer: let them end
            with contextlib.suppress(Exception):
                await self.demo_follow_up
            self.demo_follow_up = None
        for runner in reversed(self._runners):
            await runner.cleanup()
        self._runners.clear()
        if self.silence is not None:
            await self.silence.stop()
            self.silence = None
        if self.share_expiry is not None:
            await self.share_expiry.stop()
            self.share_expiry = None
        if self.overdue_tasks is not None:
            await self.overdue_tasks.stop()
            self.overdue_tasks = None
        if self.anchors is not None:  # after the API's cleanup flushed the audit log
            await self.anchors.stop()
            self.anchors = None
        if self.outbox is not None:  # sends record events: before the writer stops
            await self.outbox.stop()
            self.outbox = None
        for gateway in (self.whatsapp, self.sms, self.media):
            if gateway is not None:
                await gateway.stop()
        self.whatsapp = self.sms = self.media = None
        if self.audio is not None:  # ends live sessions: needs the writer, so before it stops
            await self.audio.stop()
            self.audio = None
        if self.listener is not None:
            await self.listener.stop()
        if self.follower is not None:
            await self.follower.stop()
        loop = asyncio.get_running_loop()
        if self.authenticator is not None:
            await self.authenticator.sockets.stop()
            await loop.run_in_executor(None, self.authenticator.close)
        if self.service is not None:
            await loop.run_in_executor(None, self.service.close)
        if self.reader is not None:
            self.reader.close()
            self.reader.engine.dispose()
        self.service = self.reader = self.follower = self.listener = self.authenticator = None

    async def __aenter__(self) -> Central:
        try:
            await self.start()
        except BaseException:
            await self.stop()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


async def _demo_work(service: Service, folder: Path) -> dict[str, int]:
    """The demo's follow-up of orders, then its specialist desk; the follow-up's counts."""
    counts = await seed_demo_follow_up(service)
    await seed_demo_desk(service, folder)
    return counts


def _log_failure(task: asyncio.Task) -> None:
    """A background task of the central that failed says so in the log."""
    if not task.cancelled() and task.exception() is not None:
        log.error("%s failed: %r", task.get_name(), task.exception())


async def serve(config: CentralConfig, stop: asyncio.Event, ready_file: Path | None = None) -> None:
    """Serve until ``stop`` is set; write ``ready_file`` once both sites listen."""
    async with Central(config) as central:
        if ready_file is not None:
            write_ready_file(ready_file, {"api": central.api_url, "osmand": central.osmand_url,
                                          "pid": os.getpid()})
            log.info("ready file written: %s", ready_file)
        log.info("central %s serving (api %s, osmand %s)", config.server_id, central.api_url,
                 central.osmand_url)
        try:
            await stop.wait()
        finally:
            log.info("shutting down")
            if ready_file is not None:
                ready_file.unlink(missing_ok=True)
    log.info("stopped")
