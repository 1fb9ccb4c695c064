"""c4central settings from the command line, the environment and a TOML file.

Precedence, highest first: command-line option > environment variable > TOML
file (``--config FILE`` or ``C4_CONFIG``) > built-in default. The TOML file is
flat, with the names below as keys::

    db = "postgresql://c4:secret@db.c4.local/c4central"
    listen = "0.0.0.0:8443"
    jurisdiction = "/etc/c4central/cuadrantes.geojson"
    tls_cert = "/etc/c4central/cert.pem"
    tls_key = "/etc/c4central/key.pem"

    [audit]                      # the keys audit_anchor_file, audit_anchor_minutes
    anchor_file = "/mnt/worm/c4-audit-anchors.jsonl"
    anchor_minutes = 60

An unknown key in the file is an error (a typo must not silently leave a default).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from c4console.central.auth import TOKEN_HOURS
from c4console.central.client_address import parse_networks
from c4console.central.mfa import MFA_ROLES
from c4console.central.osmand import DEFAULT_PORT as OSMAND_PORT
from c4console.central.service import DEFAULT_TIMEZONE

CONFIG_ENV = "C4_CONFIG"


class ConfigError(ValueError):
    """A setting that cannot be used; the message names it and where it came from."""


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {type(value).__name__}")
    return value


def _path(value: Any) -> Path:
    return Path(_text(value)).expanduser()


def _http_url(value: Any) -> str:
    text = _text(value).strip()
    if not text.startswith(("http://", "https://")) or len(text) < 10:
        raise ValueError("must be an http:// or https:// URL")
    return text


def _positive(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("must be a number")
    number = float(value)
    if not number > 0:
        raise ValueError("must be a positive number")
    return number


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("must be true or false")


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its TOML key (also the option's dest), environment variable, default."""

    name: str
    env: str
    default: Any
    convert: Callable[[Any], Any]
    help: str

    @property
    def is_flag(self) -> bool:
        """True for on/off settings (a bare option on the command line)."""
        return self.convert is _flag

    @property
    def option(self) -> str:
        """The command-line option."""
        return "--" + self.name.replace("_", "-")


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "C4_DB", None, _text, "database URL: sqlite:///PATH or postgresql://USER:PW@HOST/DB"),
    Setting("listen", "C4_LISTEN", "127.0.0.1:8080", _text, "API HOST:PORT (0 = ephemeral)"),
    Setting("osmand_listen", "C4_OSMAND_LISTEN", f"127.0.0.1:{OSMAND_PORT}", _text,
            "OsmAnd gateway HOST:PORT (0 = ephemeral); off loopback it needs TLS "
            "(--osmand-tls or --osmand-tls-cert/--osmand-tls-key) or --osmand-plain-http"),
    Setting("tls_cert", "C4_TLS_CERT", None, _path, "PEM certificate (chain): serve the API over HTTPS"),
    Setting("tls_key", "C4_TLS_KEY", None, _path, "PEM private key of --tls-cert"),
    Setting("osmand_tls", "C4_OSMAND_TLS", False, _flag,
            "also serve the OsmAnd gateway over HTTPS with --tls-cert/--tls-key"),
    Setting("insecure", "C4_INSECURE", False, _flag,
            "allow the API on plain HTTP off loopback (without --tls-cert/--tls-key): logins, "
            "tokens and victims' data then cross the network readable; a warning is logged"),
    Setting("server_id", "C4_SERVER_ID", "", _text, "node name sent in hello and health"),
    Setting("token_hours", "C4_TOKEN_HOURS", TOKEN_HOURS, _positive,
            f"lifetime of login tokens in hours (default {TOKEN_HOURS:g})"),
    Setting("poll_seconds", "C4_POLL_SECONDS", 2.0, _positive,
            "how often a node re-reads the change feed for changes nobody told it about "
            "(another node's missed notification, a CLI import on the same SQLite file); default 2"),
    Setting("jurisdiction", "C4_JURISDICTION", None, _path,
            "the C4's cuadrantes GeoJSON (required; only --demo falls back to the sample "
            "maps/mexicali/cuadrantes.geojson, which is not official)"),
    Setting("timezone", "C4_TIMEZONE", DEFAULT_TIMEZONE, _text,
            f"local time zone of the folio dates (default {DEFAULT_TIMEZONE})"),
    Setting("kannel_sendsms_url", "C4_KANNEL_SENDSMS_URL", None, _http_url,
            "Kannel smsbox sendsms URL (http://HOST:13013/cgi-bin/sendsms): SMS to a "
            "beneficiary's trusted contacts on a panic activation (unset: no SMS)"),
    Setting("kannel_user", "C4_KANNEL_USER", None, _text, "Kannel sendsms-user username"),
    Setting("kannel_password", "C4_KANNEL_PASSWORD", None, _text,
            "Kannel sendsms-user password (prefer the environment or the file to the option)"),
    Setting("kannel_dlr_base", "C4_KANNEL_DLR_BASE", None, _http_url,
            "base URL at which Kannel reaches this central's gateway port for delivery "
            "reports (default: the gateway's own address, right when Kannel runs on this host)"),
    Setting("whatsapp_verify_token", "C4_WHATSAPP_VERIFY_TOKEN", None, _text,
            "WhatsApp Cloud API webhook verify token (the GET handshake's hub.verify_token)"),
    Setting("whatsapp_app_secret", "C4_WHATSAPP_APP_SECRET", None, _text,
            "Meta app secret: checks each webhook POST's X-Hub-Signature-256 (unset: the "
            "webhook answers 503)"),
    Setting("whatsapp_token", "C4_WHATSAPP_TOKEN", None, _text,
            "WhatsApp Cloud API access token for the replies (Authorization: Bearer)"),
    Setting("whatsapp_api_base", "C4_WHATSAPP_API_BASE", None, _http_url,
            "WhatsApp Cloud API base URL with the version (default https://graph.facebook.com/v23.0)"),
    Setting("whatsapp_phone_number_id", "C4_WHATSAPP_PHONE_NUMBER_ID", None, _text,
            "WhatsApp business phone number id: replies go to API_BASE/ID/messages"),
    Setting("media_dir", "C4_MEDIA_DIR", None, _path,
            "folder for the photos, voice notes and documents citizens send by WhatsApp "
            "(default: 'media' beside a SQLite database; with PostgreSQL give a folder all "
            "nodes share, or media is not downloaded)"),
    Setting("whatsapp_media_max_mb", "C4_WHATSAPP_MEDIA_MAX_MB", 16.0, _positive,
            "largest WhatsApp media file downloaded, in MB (default 16)"),
    Setting("media_key_file", "C4_MEDIA_KEY_FILE", None, _path,
            "the key file that seals recordings and WhatsApp media at rest (AES-256-GCM), kept "
            "outside their folders, mode 600; made by 'c4central keys init' or at the first "
            "start (default: media.key beside a SQLite database, else beside the recordings "
            "folder). BACK IT UP: without it the recordings cannot be read"),
)


def _rate(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("must be a number")
    number = float(value)
    if not number >= 0 or number == float("inf"):
        raise ValueError("must be a number, 0 or more (0: no limit)")
    return number


SETTINGS += (
    Setting("traccar_secret", "C4_TRACCAR_SECRET", None, _text,
            "shared secret of Traccar's event forwarding to POST /api/v1/gateways/traccar "
            "(Traccar sends 'Authorization: Bearer SECRET' through event.forward.header; "
            "unset: the gateway answers 503)"),
    Setting("device_rate", "C4_DEVICE_RATE", 10.0, _rate,
            "reports a second one device may send to the OsmAnd and Traccar gateways before "
            "positions are refused with 429 (alarms never are); 0: no limit; default 10"),
    Setting("device_burst", "C4_DEVICE_BURST", 20.0, _positive,
            "reports one device may send at once above --device-rate; default 20"),
)
SETTINGS += (
    Setting("audit_anchor_file", "C4_AUDIT_ANCHOR_FILE", None, _path,
            "append the audit chain's head {seq, hash, at} to this file every "
            "audit_anchor_minutes (keep it outside the database: a WORM share); unset: no "
            "periodic anchors"),
    Setting("audit_anchor_minutes", "C4_AUDIT_ANCHOR_MINUTES", 60.0, _positive,
            "minutes between two audit anchors (only when the head moved); default 60"),
)
SETTINGS += (
    Setting("device_test_minutes", "C4_DEVICE_TEST_MINUTES", 30.0, _positive,
            "minutes a panic device stays in test mode once a supervisor arms it for her test "
            "call at delivery (start_device_test); after that her alarm is an emergency; "
            "default 30"),
    Setting("audio_alarm_wait_s", "C4_AUDIO_ALARM_WAIT_S", 20.0, _positive,
            "seconds an audio session of a panic device with no open incident (her call came "
            "before her data alarm) waits for that alarm; after it the central opens her "
            "activation from the audio (a test call if her device is in test mode); default 20"),
)


def _names(value: Any) -> tuple[str, ...]:
    """A TOML list of strings, or text separated by commas (the option, the environment)."""
    items = [_text(v) for v in value] if isinstance(value, list | tuple) else _text(value).split(",")
    return tuple(i.strip() for i in items if i.strip())


def _networks(value: Any) -> tuple[str, ...]:
    names = _names(value)
    parse_networks(names)  # ValueError naming the entry that is not a CIDR
    return names


def _mfa_roles(value: Any) -> tuple[str, ...]:
    roles = tuple(r.lower() for r in _names(value))
    unknown = [r for r in roles if r not in MFA_ROLES]
    if unknown:
        raise ValueError(f"names {', '.join(unknown)}: not roles of people (known: "
                         f"{', '.join(sorted(MFA_ROLES))})")
    return roles


SETTINGS += (
    Setting("osmand_tls_cert", "C4_OSMAND_TLS_CERT", None, _path,
            "PEM certificate (chain) of the OsmAnd gateway's own HTTPS (trackers often trust "
            "only public CAs: it may differ from --tls-cert)"),
    Setting("osmand_tls_key", "C4_OSMAND_TLS_KEY", None, _path,
            "PEM private key of --osmand-tls-cert"),
    Setting("osmand_plain_http", "C4_OSMAND_PLAIN_HTTP", False, _flag,
            "allow the OsmAnd gateway on plain HTTP off loopback (for trackers that cannot "
            "speak TLS; restrict it with --tracker-allow); a warning is logged"),
    Setting("tracker_allow", "C4_TRACKER_ALLOW", (), _networks,
            "addresses (CIDRs, comma-separated; a list in the file) that may send device "
            "reports to the OsmAnd and Traccar gateways: the carriers' private APN ranges, "
            "the Traccar server; others get 403 and a security event; empty: any"),
    Setting("alarm_rate", "C4_ALARM_RATE", 30.0, _rate,
            "alarms (SOS) a minute one device may send before they are refused with 429 and "
            "a security event; 0: no cap; default 30"),
    Setting("alarm_source_rate", "C4_ALARM_SOURCE_RATE", 300.0, _rate,
            "alarms (SOS) a minute from one address (a carrier's NAT hides many devices) "
            "before they are refused; 0: no cap; default 300"),
    Setting("trusted_proxies", "C4_TRUSTED_PROXIES", (), _networks,
            "addresses (CIDRs) of the TLS proxies in front of the central: only from them is "
            "the client's address taken from X-Forwarded-For; empty: the header is ignored"),
    Setting("mfa_required_roles", "C4_MFA_REQUIRED_ROLES", ("supervisor", "admin"), _mfa_roles,
            "roles whose logins need a second factor: without one enrolled, a login gets a "
            "token for the enrolment only (403 mfa_enrolment_required elsewhere); default "
            "supervisor,admin; with --demo and not set: none"),
)
BY_NAME = {s.name: s for s in SETTINGS}
TABLES = ("audit",)  # [audit] anchor_file = … in the file is the key audit_anchor_file


def _flatten(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Keys of the TOML tables in TABLES as flat names (``[audit] anchor_file`` →
    ``audit_anchor_file``); other tables stay as they are (and are refused as unknown keys)."""
    flat = {k: v for k, v in data.items() if not (k in TABLES and isinstance(v, dict))}
    for table in TABLES:
        for key, value in (data.get(table) if isinstance(data.get(table), dict) else {}).items():
            name = f"{table}_{key}"
            if name in flat:
                raise ConfigError(f"config file {path}: {name} is set twice (as {name} and as "
                                  f"[{table}] {key}); keep one")
            flat[name] = value
    return flat


@dataclass(frozen=True)
class Resolved:
    """Settings with where each value came from (for the start-up log)."""

    values: dict[str, Any]
    sources: dict[str, str]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def read_file(path: Path) -> dict[str, Any]:
    """The TOML config file as a dict; ConfigError for unreadable files and unknown keys."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"config file {path}: {e.strerror or e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config file {path} is not valid TOML: {e}") from None
    data = _flatten(data, path)
    unknown = sorted(set(data) - set(BY_NAME))
    if unknown:
        raise ConfigError(f"config file {path}: unknown key(s) {', '.join(unknown)}; known: "
                          f"{', '.join(BY_NAME)}")
    return data


def resolve(cli: Mapping[str, Any], config_file: Path | None = None,
            environ: Mapping[str, str] | None = None, names: tuple[str, ...] | None = None) -> Resolved:
    """Each setting in ``names`` (default all) from the first of: ``cli`` (None = not
    given), the environment, the file, the default."""
    environ = os.environ if environ is None else environ
    if config_file is None and environ.get(CONFIG_ENV):
        config_file = Path(environ[CONFIG_ENV]).expanduser()
    file_values = read_file(config_file) if config_file is not None else {}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for setting in SETTINGS:
        if names is not None and setting.name not in names:
            continue
        if cli.get(setting.name) is not None:
            raw, source = cli[setting.name], f"option {setting.option}"
        elif environ.get(setting.env) not in (None, ""):
            raw, source = environ[setting.env], f"environment {setting.env}"
        elif setting.name in file_values:
            raw, source = file_values[setting.name], f"{config_file} key {setting.name}"
        else:
            values[setting.name], sources[setting.name] = setting.default, "default"
            continue
        try:
            values[setting.name] = setting.convert(raw)
        except (TypeError, ValueError) as e:
            raise ConfigError(f"{setting.name} from {source}: {raw!r} {e}") from None
        sources[setting.name] = source
    return Resolved(values, sources)
