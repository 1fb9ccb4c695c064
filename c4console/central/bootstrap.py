"""Accounts a central creates at start: the demo accounts and the embedded bootstrap user.

- ``serve --demo`` creates operadora1, operadora2 (operator), supervisora1
  (supervisor), jefe1 (shift_lead), admin1 (admin), simulador (operator, for
  the demo simulator), pasarela (audio_gateway: the demo's audio sessions) and the
  specialist desk's psicologa1 (psicologa), abogada1 (abogada) and especialista1
  (especialista: both desks), and the liaisons enlace_dif1 (DIF) and enlace_fiscalia1
  (Fiscalía), role enlace (issue 15),
  all with the one password ``demo-c4``. DEMO ONLY: anyone who reads this file
  knows it.
- ``serve --bootstrap-user NAME:ROLE --bootstrap-password-file FILE`` creates one
  account if it does not exist, so the console's embedded central has someone to
  log in as. An existing account is never changed (use ``c4central users add
  --update`` for that).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from c4console.central import accounts, passwords
from c4console.central.queries import Reader
from c4console.central.service import Service
from c4console.core.access import Role

log = logging.getLogger(__name__)

DEMO_PASSWORD = "demo-c4"
DEMO_ACCOUNTS: tuple[tuple[str, Role], ...] = (
    ("operadora1", Role.OPERATOR),
    ("operadora2", Role.OPERATOR),
    ("supervisora1", Role.SUPERVISOR),
    ("jefe1", Role.SHIFT_LEAD),
    ("admin1", Role.ADMIN),
    ("simulador", Role.OPERATOR),
    ("pasarela", Role.AUDIO_GATEWAY),
    # The specialist desk (issue 12): a psychologist, a lawyer, one account holding both.
    ("psicologa1", Role.PSICOLOGA),
    ("abogada1", Role.ABOGADA),
    ("especialista1", Role.ESPECIALISTA),
    # Liaisons of other agencies (issue 15; agencies made by central/agencies_demo.py).
    ("enlace_dif1", Role.ENLACE),
    ("enlace_fiscalia1", Role.ENLACE),
)
# The demo accounts that belong to another agency than the C4 (account → agency id).
DEMO_ACCOUNT_AGENCIES = {"enlace_dif1": "dif", "enlace_fiscalia1": "fiscalia"}


@dataclass(frozen=True, slots=True)
class Account:
    """An account to create if missing."""

    name: str
    role: Role
    password: str
    agency: str = "c4"  # the C4's own staff unless given (issue 15)


def demo_accounts() -> list[Account]:
    """The demo accounts (see the module docstring)."""
    return [Account(name, role, DEMO_PASSWORD, DEMO_ACCOUNT_AGENCIES.get(name, "c4"))
            for name, role in DEMO_ACCOUNTS]


def parse_user_role(text: str) -> tuple[str, Role]:
    """``NAME:ROLE`` → (normalized name, role); ValueError saying what is wrong."""
    name, sep, role = text.rpartition(":")
    if not sep:
        raise ValueError(f"{text!r} is not NAME:ROLE (e.g. operadora1:operator)")
    user = passwords.normalize_name(name)
    try:
        parsed = Role(role.strip())
    except ValueError:
        raise ValueError(f"role {role!r} is not one of {', '.join(r.value for r in Role)}") from None
    if parsed == Role.ENLACE:  # the C4's agency is the only one these accounts can have
        raise ValueError(f"{text!r}: a liaison (enlace) belongs to another agency; create it with "
                         "c4central users add NAME --role enlace --agency ID")
    return user, parsed


def read_password_file(path: Path) -> str:
    """The password in ``path``: its first line, without the line end."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ValueError(f"cannot read password file {path}: {e.strerror or e}") from None
    lines = text.splitlines()
    return lines[0] if lines else ""


async def ensure_accounts(service: Service, reader: Reader, wanted: list[Account]) -> dict[str, str]:
    """Create the accounts that do not exist; returns name → ``created`` or ``exists``.

    Hashing (the slow part) is done only for the missing ones, in parallel threads;
    the insert re-checks existence in its transaction, so two nodes starting at
    once create each account once.
    """
    outcome: dict[str, str] = {}
    missing = []
    for account in wanted:
        if await reader.run(accounts.get_user, account.name) is None:
            missing.append(account)
        else:
            outcome[account.name] = "exists"
    hashes = await asyncio.gather(*(asyncio.to_thread(passwords.hash_password, a.password)
                                    for a in missing))
    for account, hashed in zip(missing, hashes, strict=True):
        outcome[account.name] = await service.write(
            lambda tx, a=account, h=hashed: accounts.add_user(tx, a.name, a.role.value, h,
                                                               agency=a.agency))
    for name, result in outcome.items():
        log.info("account %s: %s", name, "created" if result == "created" else "already there, kept")
    return outcome
