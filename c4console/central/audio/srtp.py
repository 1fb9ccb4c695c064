"""SRTP for gateways that support it (issue 16 point 1): one master key per session.

``POST /audio-sessions`` with ``"srtp": true`` makes a fresh AES_CM_128_HMAC_SHA1_80
master key and salt (30 random bytes) for that session only, returns it once, base64, in
the answer to the account that created the session, and keeps it nowhere else: not in
the database, the manifest, the logs, or any other answer. The session's receiver
(:class:`SrtpReceiver`, on the audio worker thread) unprotects each datagram with
libsrtp (pylibsrtp) before it is parsed: a packet that fails authentication — plain RTP,
another key, a changed byte — is dropped undecoded and counted; a replayed packet too.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

from pylibsrtp import Error, Policy, Session

SUITE = "AES_CM_128_HMAC_SHA1_80"
MASTER_BYTES = 30  # 16-byte master key + 14-byte master salt (RFC 3711, RFC 4568)
AUTH = "srtp_auth"  # failed authentication: not from the holder of the key (a security event)
REPLAY = "srtp_replay"  # a packet index seen before (a duplicate, or a replay)


class SrtpRefused(Exception):
    """A datagram that did not unprotect; ``kind`` is :data:`AUTH` or :data:`REPLAY`."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class SrtpOffer:
    """What the gateway is given for one session (its ``srtp`` field)."""

    master: bytes

    def answer(self) -> dict[str, str]:
        """The ``srtp`` object of the create answer: suite and base64 master key+salt (the
        form of ffmpeg's ``-srtp_out_params`` and SDES's inline key)."""
        return {"suite": SUITE, "key": base64.b64encode(self.master).decode("ascii")}

    def __repr__(self) -> str:  # never the key, even in a traceback
        return f"SrtpOffer({SUITE}, key hidden)"


def new_offer() -> SrtpOffer:
    """A fresh master key and salt for one session."""
    return SrtpOffer(secrets.token_bytes(MASTER_BYTES))


class SrtpReceiver:
    """Unprotects one session's inbound SRTP (any SSRC of the pinned source)."""

    def __init__(self, offer: SrtpOffer) -> None:
        self._session = Session(policy=Policy(key=offer.master, ssrc_type=Policy.SSRC_ANY_INBOUND,
                                              srtp_profile=Policy.SRTP_PROFILE_AES128_CM_SHA1_80))

    def unprotect(self, data: bytes) -> bytes:
        """The RTP packet inside ``data``; SrtpRefused if it does not authenticate."""
        try:
            return self._session.unprotect(data)
        except Error as e:
            text = str(e)
            if "replay" in text:
                raise SrtpRefused(REPLAY, f"SRTP packet index seen before ({text})") from None
            raise SrtpRefused(AUTH, f"not SRTP with this session's key ({text})") from None
