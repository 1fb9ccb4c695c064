"""Kannel's smsbox ``sendsms`` HTTP interface: settings, one request, and its answer.

A request is ``GET <sendsms_url>?username=&password=&to=&text=&charset=UTF-8&dlr-mask=31
&dlr-url=<url-encoded callback>``. smsbox answers ``202 0: Accepted for delivery`` (or
``3: Queued for later delivery``); anything else is a refusal whose body says why
(``403 Authorization failed``, ``400 Sender missing and no global set, rejected``…).
"""

from __future__ import annotations

import asyncio
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp

# Kannel's dlr-mask bits (Kannel user guide, "Delivery reports").
DLR_DELIVERED = 1
DLR_UNDELIVERED = 2
DLR_QUEUED = 4
DLR_SMSC_ACCEPTED = 8
DLR_SMSC_REJECTED = 16
DLR_ALL = 31
DLR_FAILURES = frozenset({DLR_UNDELIVERED, DLR_SMSC_REJECTED})
DLR_MEANING = {
    DLR_DELIVERED: "entregado al teléfono",
    DLR_UNDELIVERED: "no entregado al teléfono",
    DLR_QUEUED: "en cola del SMSC",
    DLR_SMSC_ACCEPTED: "aceptado por el SMSC",
    DLR_SMSC_REJECTED: "rechazado por el SMSC",
}

REQUEST_TIMEOUT_S = 10.0
MAX_ANSWER = 300  # characters of a refusal kept in the timeline

# The settings, by the name of config.py and of the environment.
SETTING_ENV = {"kannel_sendsms_url": "C4_KANNEL_SENDSMS_URL", "kannel_user": "C4_KANNEL_USER",
               "kannel_password": "C4_KANNEL_PASSWORD"}


@dataclass(frozen=True)
class KannelSettings:
    """Where and as whom the central sends SMS, and how hard it tries.

    ``dlr_base`` is the base URL (scheme://host:port) at which Kannel reaches the
    central's gateway port for delivery reports; empty means the gateway's own
    address, filled in by the server once it listens.
    """

    sendsms_url: str = ""
    user: str = ""
    password: str = ""
    dlr_base: str = ""
    attempts: int = 4  # per contact: the first send and up to three retries
    backoff_s: float = 5.0  # before the first retry; doubles each time
    timeout_s: float = REQUEST_TIMEOUT_S

    def missing(self) -> list[str]:
        """The settings that are not given, as ``C4_… (TOML key …)`` phrases; [] if usable."""
        given = {"kannel_sendsms_url": self.sendsms_url, "kannel_user": self.user,
                 "kannel_password": self.password}
        return [f"{env} (TOML key {key})" for key, env in SETTING_ENV.items() if not given[key]]

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> KannelSettings:
        """From resolved config.py values (missing keys are empty)."""
        return cls(sendsms_url=values.get("kannel_sendsms_url") or "",
                   user=values.get("kannel_user") or "",
                   password=values.get("kannel_password") or "",
                   dlr_base=(values.get("kannel_dlr_base") or "").rstrip("/"))


@dataclass(frozen=True, slots=True)
class SendAnswer:
    """What smsbox said to one sendsms request (``status`` None: no HTTP answer at all)."""

    accepted: bool
    status: int | None
    detail: str


_PHONE_JUNK = re.compile(r"[\s\-.()/]")
_PHONE = re.compile(r"^\+?\d{7,15}$")


def normalise_phone(raw: str) -> str:
    """``+52 686 699 3671`` → ``+526866993671``; ValueError if it is not a phone number."""
    phone = _PHONE_JUNK.sub("", raw or "")
    if not _PHONE.match(phone):
        raise ValueError(f"{raw!r} is not a phone number (7 to 15 digits, optionally after +)")
    return phone


# GSM 03.38 default alphabet (without the escape table): what a 7-bit SMS can carry.
GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")


def gsm7(text: str) -> str:
    """``text`` in the 7-bit SMS alphabet: accents it lacks are dropped (á → a), other
    characters become ``?``.

    Kannel itself turns every character outside the alphabet into ``?`` (``María`` →
    ``Mar?a``), and UCS-2 would cut the message into 67-character parts.
    """
    out = []
    for ch in text:
        if ch in GSM7:
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if base and all(c in GSM7 for c in base) else "?")
    return "".join(out)


class KannelClient:
    """Sends one SMS per call through smsbox; never raises for network or HTTP failures."""

    def __init__(self, settings: KannelSettings) -> None:
        self.settings = settings
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    def query(self, to: str, text: str, dlr_url: str) -> dict[str, str]:
        """The sendsms query parameters (aiohttp URL-encodes them)."""
        return {"username": self.settings.user, "password": self.settings.password, "to": to,
                "text": text, "charset": "UTF-8", "dlr-mask": str(DLR_ALL), "dlr-url": dlr_url}

    async def send(self, to: str, text: str, dlr_url: str) -> SendAnswer:
        """One sendsms request; accepted only on smsbox's ``0:``/``3:`` answers."""
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.settings.timeout_s))
        try:
            async with self._session.get(self.settings.sendsms_url,
                                         params=self.query(to, text, dlr_url)) as answer:
                body = (await answer.text(errors="replace")).strip()
                status = answer.status
        except asyncio.CancelledError:
            raise
        except (aiohttp.ClientError, TimeoutError, OSError, ValueError) as e:
            return SendAnswer(False, None, f"Kannel no responde ({type(e).__name__}: {e})"[:MAX_ANSWER])
        accepted = status in (200, 202) and body[:2] in ("0:", "3:")
        return SendAnswer(accepted, status, f"HTTP {status} {body}"[:MAX_ANSWER])
