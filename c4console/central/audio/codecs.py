"""Audio payload formats of RFC 3551: G.711 µ-law (PCMU, PT 0), A-law (PCMA, PT 8)
and 16-bit linear big-endian (L16, dynamic PT) — decode to int16 and encode.

G.711 works through 256-entry (decode) and 65536-entry (encode) tables built
once with numpy, so a 20 ms packet costs one indexing operation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DEFAULT_L16_PT = 96


def _ulaw_decode_table() -> np.ndarray:
    u = ~np.arange(256, dtype=np.int32) & 0xFF
    sign, exponent, mantissa = u & 0x80, (u >> 4) & 0x07, u & 0x0F
    magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
    return np.where(sign != 0, -magnitude, magnitude).astype(np.int16)


def _alaw_decode_table() -> np.ndarray:
    a = np.arange(256, dtype=np.int32) ^ 0x55
    sign, exponent, mantissa = a & 0x80, (a >> 4) & 0x07, a & 0x0F
    magnitude = np.where(exponent == 0, (mantissa << 4) + 8, ((mantissa << 4) + 0x108) << (exponent - 1))
    return np.where(sign != 0, magnitude, -magnitude).astype(np.int16)


def _encode_table(decode: np.ndarray) -> np.ndarray:
    """For every int16 value, the code whose decoded value is nearest (exact G.711 rounding)."""
    order = np.argsort(decode, kind="stable")
    values = decode[order].astype(np.int32)
    x = np.arange(-32768, 32768, dtype=np.int32)
    i = np.clip(np.searchsorted(values, x), 1, len(values) - 1)
    nearer_left = (x - values[i - 1]) <= (values[i] - x)
    return order[np.where(nearer_left, i - 1, i)].astype(np.uint8)


ULAW_DECODE = _ulaw_decode_table()
ALAW_DECODE = _alaw_decode_table()
_ULAW_ENCODE: np.ndarray | None = None
_ALAW_ENCODE: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class Codec:
    """One payload format bound to a session: name, RTP payload type, sample rate."""

    name: str  # "PCMU" | "PCMA" | "L16"
    payload_type: int
    rate: int

    @property
    def bytes_per_sample(self) -> int:
        """2 for L16, 1 for G.711."""
        return 2 if self.name == "L16" else 1

    @property
    def label(self) -> str:
        """``PCMU/8000`` as in SDP."""
        return f"{self.name}/{self.rate}"

    def decode(self, payload: bytes) -> np.ndarray:
        """Payload → int16 samples (ValueError for an L16 payload of odd length)."""
        if self.name == "PCMU":
            return ULAW_DECODE[np.frombuffer(payload, dtype=np.uint8)]
        if self.name == "PCMA":
            return ALAW_DECODE[np.frombuffer(payload, dtype=np.uint8)]
        if len(payload) % 2:
            raise ValueError(f"L16 payload of {len(payload)} bytes is not a whole number of samples")
        return np.frombuffer(payload, dtype=">i2").astype(np.int16)

    def samples_in(self, payload_len: int) -> int:
        """How many samples a payload of this length holds."""
        return payload_len // self.bytes_per_sample

    def encode(self, samples: np.ndarray) -> bytes:
        """int16 samples → payload (senders in tests, benchmarks and the demo)."""
        global _ULAW_ENCODE, _ALAW_ENCODE
        x = np.asarray(samples, dtype=np.int16).astype(np.int32) + 32768
        if self.name == "PCMU":
            if _ULAW_ENCODE is None:
                _ULAW_ENCODE = _encode_table(ULAW_DECODE)
            return _ULAW_ENCODE[x].tobytes()
        if self.name == "PCMA":
            if _ALAW_ENCODE is None:
                _ALAW_ENCODE = _encode_table(ALAW_DECODE)
            return _ALAW_ENCODE[x].tobytes()
        return np.asarray(samples, dtype=">i2").tobytes()


def codec_for(name: str, payload_type: int | None = None, rate: int | None = None) -> Codec:
    """The codec a session asks for: ``PCMU``, ``PCMA``, ``L16`` (8000 or 16000 Hz), or ``L16/16000``.

    PCMU and PCMA have static payload types (0, 8) and 8 kHz; L16 is dynamic
    (default payload type 96, 8 kHz). ValueError says what was wrong.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError("codec must be one of PCMU, PCMA, L16, L16/8000, L16/16000")
    base, _, rate_text = name.strip().upper().partition("/")
    if rate_text:
        if not rate_text.isdigit():
            raise ValueError(f"codec {name!r}: rate {rate_text!r} is not a number")
        if rate is not None and rate != int(rate_text):
            raise ValueError(f"codec {name!r} and sample_rate {rate} disagree")
        rate = int(rate_text)
    if base in ("PCMU", "PCMA"):
        static = 0 if base == "PCMU" else 8
        if payload_type not in (None, static):
            raise ValueError(f"{base} has the static payload type {static}, not {payload_type}")
        if rate not in (None, 8000):
            raise ValueError(f"{base} is 8000 Hz, not {rate}")
        return Codec(base, static, 8000)
    if base == "L16":
        rate = 8000 if rate is None else rate
        if rate not in (8000, 16000):
            raise ValueError(f"L16 at {rate} Hz is not supported (8000 or 16000)")
        pt = DEFAULT_L16_PT if payload_type is None else payload_type
        if not isinstance(pt, int) or not 96 <= pt <= 127:
            raise ValueError(f"L16 needs a dynamic payload type 96–127, not {pt!r}")
        return Codec("L16", pt, rate)
    raise ValueError(f"codec {name!r} is not supported; use PCMU, PCMA or L16 (8000/16000 Hz)")
