"""The tools a console shows each role are exactly what the central lets that role do.

Both ask one table (c4console/core/access.py); this checks the two ends against each
other over real HTTP: a console logged in as each demo account, and the central's own
answer to that account for each tool's read or command.
"""

from __future__ import annotations

from PySide6.QtGui import QAction

from c4console.core import access
from tests.central.helpers import client, key, post_commands
from tests.gui.console_harness import DEMO_PASSWORD, start_session, stop_session

ACCOUNTS = {"operadora1": "operator", "supervisora1": "supervisor", "jefe1": "shift_lead",
            "admin1": "admin"}


def shown_tools(window) -> dict[str, bool]:
    """Which role-dependent tools the window offers."""
    def action(name: str) -> bool:
        found = window.findChild(QAction, name)
        return found is not None and found.isVisible()

    units = window.units
    return {
        "audit": action("auditAction"),
        "recordings": action("recordingsLibraryAction"),
        "registry": action("registryAction"),
        "device_import": action("registryImportAction"),
        "roster_edit": not window.roster.editor.isHidden(),
        "out_of_service": units.status_box.findData("out_of_service") >= 0,
        "sector_targets": not units.sector_targets.isHidden(),
        "handover": action("handoverPdf"),
        "observatory": action("observatoryAction"),
    }


async def central_allows(api: str, user: str) -> dict[str, bool]:
    """What the central answers ``user`` for the read or command behind each tool.

    Commands name records that do not exist: an allowed role is refused for that
    (not_found, invalid…), a disallowed one with ``forbidden`` before anything is read.
    """
    allowed: dict[str, bool] = {}
    async with client(api, user, DEMO_PASSWORD) as s:
        for tool, path in (("audit", "audit"), ("recordings", "recordings"),
                           ("users", "users"), ("observatory", "observatory")):
            async with s.get(f"{api}/api/v1/{path}") as r:
                assert r.status in (200, 403), (tool, r.status)
                allowed[tool] = r.status == 200
        async with s.post(f"{api}/api/v1/devices/import", data=b"not,a,device,file\n",
                          headers={"Content-Type": "text/csv"}) as r:
            assert r.status in (400, 403), r.status  # 400: allowed, but the file is unreadable
            allowed["device_import"] = r.status == 400
        commands = {
            "registry": {"type": "update_beneficiary", "beneficiary_id": "nadie"},
            "roster_edit": {"type": "set_shift", "shift_id": ""},
            "out_of_service": {"type": "unit_status", "unit_id": "NADIE",
                               "status": "out_of_service", "reason": "prueba"},
            "sector_targets": {"type": "reassign_unit", "unit_id": "NADIE", "sector": "S9"},
        }
        results = await post_commands(s, api, *({"key": key(), **c} for c in commands.values()))
        for tool, result in zip(commands, results, strict=True):
            assert result["outcome"] == "rejected", (tool, result)
            allowed[tool] = result["reason"] != "forbidden"
    return allowed


def test_each_role_is_shown_exactly_the_tools_the_central_allows(qapp, qloop, demo_central,
                                                                 tmp_path):
    async def scenario():
        seen = []
        for user, role in ACCOUNTS.items():
            session = await start_session(qapp, demo_central.api, tmp_path / user,
                                          "--operator", user)
            try:
                assert session.role == role
                shown = shown_tools(session.window)
            finally:
                await stop_session(session)
            allowed = await central_allows(demo_central.api, user)
            # The recordings tools list and replay: both reads.
            expected = {
                "audit": allowed["audit"], "recordings": allowed["recordings"],
                "registry": allowed["registry"], "device_import": allowed["device_import"],
                "roster_edit": allowed["roster_edit"], "out_of_service": allowed["out_of_service"],
                "sector_targets": allowed["sector_targets"],
                "observatory": allowed["observatory"],
                # The handover is made at the console (no central read): the core table.
                "handover": access.may_read(role, "handover_report"),
            }
            assert shown == expected, (role, shown, expected)
            seen.append(shown)
        # The roles really differ (a table giving everyone the same would prove nothing).
        assert len({tuple(s.items()) for s in seen}) == len(ACCOUNTS)

    qloop.run_until_complete(scenario())


def test_everyone_may_read_the_open_reads_and_work_incidents():
    """Reads not in the table are open; the incident commands are every role's."""
    for role in ACCOUNTS.values():
        assert access.may_read(role, "units")
        assert access.may_send(role, "dispatch")
        assert access.may_send(role, "unit_status", status="available")
    assert not access.may_send("operator", "unit_status", status="out_of_service")
    assert access.may_send("shift_lead", "unit_status", status="out_of_service")

