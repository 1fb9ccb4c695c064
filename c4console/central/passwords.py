"""Password hashing (Argon2id), the password policy and user-name rules.

Parameters follow the OWASP Password Storage Cheat Sheet's Argon2id setting
(19 MiB, 2 passes, 1 lane): about 50 ms per check on the 2-core reference
machine, so a login costs little while a stolen hash costs an attacker dearly.
A hash made with other parameters still verifies and is replaced at the next
successful login (:func:`needs_rehash`).
"""

from __future__ import annotations

import re
import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16,
                        type=Type.ID)

MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # Argon2 takes any length; this only bounds the work per request
MAX_NAME = 64
_NAME = re.compile(r"[\w.@-]+")

# Checked when the user does not exist, so an unknown name takes as long as a wrong
# password and the answer time does not tell which names exist.
_DUMMY_HASH = HASHER.hash("c4central: no such user")


class BadName(ValueError):
    """A user name that is not acceptable; the message says why."""


class WeakPassword(ValueError):
    """A password the policy refuses; the message says why."""


def normalize_name(name: str) -> str:
    """The stored form of a user name: trimmed, NFC, lower case (logins ignore case).

    Raises :class:`BadName` for an empty name, one too long, or characters other
    than letters, digits and ``. _ @ -``.
    """
    if not isinstance(name, str):
        raise BadName("the user name must be text")
    value = unicodedata.normalize("NFC", name.strip()).lower()
    if not value:
        raise BadName("the user name is empty")
    if len(value) > MAX_NAME:
        raise BadName(f"the user name is longer than {MAX_NAME} characters")
    if not _NAME.fullmatch(value):
        raise BadName(f"user name {name!r} may only hold letters, digits and . _ @ -")
    return value


def check_policy(password: str) -> None:
    """Raise :class:`WeakPassword` unless the password is acceptable for a real account."""
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(f"the password has {len(password)} characters; at least {MIN_PASSWORD} "
                           "are required")
    if len(password) > MAX_PASSWORD:
        raise WeakPassword(f"the password is longer than {MAX_PASSWORD} characters")
    if password.strip() != password:
        raise WeakPassword("the password starts or ends with blanks (a copy-paste slip?)")


def hash_password(password: str) -> str:
    """An Argon2id hash in PHC string form (``$argon2id$v=19$m=…``)."""
    return HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True if ``password`` matches; with ``stored_hash`` None it checks a dummy hash
    (same cost) and returns False."""
    try:
        HASHER.verify(stored_hash or _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return stored_hash is not None


def needs_rehash(stored_hash: str) -> bool:
    """True if the hash was made with other parameters than today's."""
    try:
        return HASHER.check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True
