"""Second factor for logins (issue 16 point 8): TOTP codes (RFC 6238, pyotp) and
single-use recovery codes. The rules, without the database:

- A secret is 32 base32 characters (160 bits); the authenticator app learns it from an
  ``otpauth://`` URI, shown as a QR code (:func:`qr_code`).
- A code is accepted in the current 30 s step or the one before or after (clock drift),
  and only in a step *later* than the last one accepted: a code seen over a shoulder or
  on the wire cannot be replayed within its window (the step is stored, see
  c4console/central/mfa_store.py).
- 10 recovery codes (``xxxxx-xxxxx``, 50 bits each) are shown once at enrolment and
  kept as Argon2id hashes like passwords; each works once.
"""

from __future__ import annotations

import hmac
import secrets
import time
from pathlib import Path

import pyotp

from c4console.central import passwords
from c4console.core.access import EVERYONE, SPECIALISTS
from c4console.platform_support import create_private_file

ISSUER = "C4 c4console"
STEP_S = 30
DRIFT_STEPS = 1  # a code of the step before or after is still good
DIGITS = 6
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
MAX_CODE = 64
MFA_ROLES = EVERYONE | SPECIALISTS  # people; the service accounts have no second factor


def new_secret() -> str:
    """A new random TOTP secret (base32)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, user: str) -> str:
    """The ``otpauth://totp/…`` URI an authenticator app reads (from its QR code)."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_S).provisioning_uri(name=user,
                                                                               issuer_name=ISSUER)


def qr_code(uri: str, path: Path) -> Path:
    """Write the QR code of ``uri`` to ``path``: PNG, PDF or SVG by its suffix. The file
    holds the secret: it is written 0600 (hand it over and delete it)."""
    import segno

    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ("png", "pdf", "svg"):
        raise ValueError(f"{path}: the QR code is written as .png, .pdf or .svg")
    create_private_file(path)
    segno.make(uri, error="m").save(str(path), kind=suffix, scale=10, border=4)
    return path


def qr_png(uri: str) -> bytes:
    """The QR code of ``uri`` as PNG bytes (the console shows it)."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="png", scale=8, border=4)
    return out.getvalue()


def is_totp_code(code: str) -> bool:
    """True if ``code`` looks like a TOTP code (6 digits), False for a recovery code."""
    return len(code) == DIGITS and code.isascii() and code.isdigit()


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step (``now // 30`` ± 1) whose code is ``code``, or None."""
    code = code.strip().replace(" ", "")
    if not is_totp_code(code):
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_S)
    current = int((time.time() if now is None else now) // STEP_S)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.at(step * STEP_S), code):
            return step
    return None


def code_at(secret: str, at: float) -> str:
    """The TOTP code of ``secret`` at time ``at`` (what her app shows then)."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_S).at(at)


def new_recovery_codes(n: int = RECOVERY_CODES) -> list[str]:
    """``n`` fresh recovery codes, ``xxxxx-xxxxx``."""
    def one() -> str:
        chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        return f"{chars[:5]}-{chars[5:]}"

    return [one() for _ in range(n)]


def normalize_recovery_code(code: str) -> str:
    """A recovery code as hashed: lower case, without blanks or dashes."""
    return "".join(ch for ch in code.lower() if ch not in " -")


def hash_recovery_code(code: str) -> str:
    """An Argon2id hash of a recovery code (like a password's)."""
    return passwords.hash_password(normalize_recovery_code(code))


def matching_recovery_code(hashes: list[tuple[int, str]], code: str) -> int | None:
    """The id of the unused recovery code ``code`` among ``(id, hash)``, or None. Every hash
    is checked (no early exit), so the time does not tell how many are left before it."""
    typed = normalize_recovery_code(code)
    found = None
    for code_id, hashed in hashes:
        if passwords.verify_password(hashed, typed) and found is None:
            found = code_id
    return found
