"""The account command a shift lead sends from the console: unlock a user's login (pure).

A user locked out after 5 failed logins (from one address, c4console/central/auth.py)
may be unlocked by the shift's leads without waiting the 10 minutes. The command
goes through the normal command path (idempotency key, role table, audit log); the
central clears the locks when the transaction decides it (domain event
:class:`~c4console.core.domain_events.LoginUnlocked`).
"""

from __future__ import annotations

from c4console.core.command_kit import Decision, Handler, Refused, text_field
from c4console.core.domain_events import LoginUnlocked


def _unlock_login(cmd, incidents, units, ctx) -> Decision:
    """Clear every login lock of account ``user`` (all addresses).

    Refused ``bad_command`` (no user name) and ``not_found`` (no such account, when the
    decider knows the accounts: the central does, the console's overlay does not).
    """
    user = text_field(cmd, "user", limit=64).strip().lower()
    if ctx.account_exists(user) is False:
        raise Refused("not_found", f"there is no account {user}")
    return Decision(True, domain_events=[LoginUnlocked(user=user, by=ctx.actor, at=ctx.now)])


HANDLERS: dict[str, Handler] = {"unlock_login": _unlock_login}
