"""The shift handover report from the Turno menu: made from the console's state and its
own pending or refused actions, saved as PDF or printed (the window only lays out the
menu entries)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from c4console.core.catalogue import Catalogue
from c4console.core.shifts import shift_of
from c4console.gui.shell.tasks import Run
from c4console.gui.shift.handover_report import PendingAction, build_html, collect
from c4console.sync.state import ConsoleState


class HandoverActions(QObject):
    """Given the state, the outbox reads, who is at the console, where to say things and how
    to run work; ``save`` and ``print`` are the menu's slots."""

    def __init__(self, parent: QWidget, state: ConsoleState, catalogue: Catalogue, *,
                 outbox: Callable[[], Awaitable[list[Any]]], user: Callable[[], str],
                 say: Callable[[str], None], run: Run) -> None:
        super().__init__(parent)
        self._window = parent
        self.state = state
        self.catalogue = catalogue
        self._outbox = outbox
        self._user = user
        self._say = say
        self._run = run

    def current_shift(self, now: float | None = None):
        """The shift for the handover: hers, else the one covering now (latest start)."""
        now = time.time() if now is None else now
        mine = shift_of(self.state.shifts.values(), self._user(), now)
        if mine is not None:
            return mine
        covering = [s for s in self.state.shifts.values() if s.covers(now)]
        return max(covering, key=lambda s: (s.starts_at, s.id), default=None)

    async def html(self, now: float | None = None, shift_id: str | None = None) -> str:
        """The report at ``now`` (default: now) for shift ``shift_id`` (default: the current
        shift, see :meth:`current_shift`; none: a snapshot of now): incidents opened, closed
        and carried over, units, breached timers and this console's pending or refused
        actions."""
        actions = [PendingAction(e.created_at, str(e.body.get("type", "")), e.body, e.state,
                                 e.reason) for e in await self._outbox()]
        now = time.time() if now is None else now
        shift = self.state.shifts.get(shift_id) if shift_id else self.current_shift(now)
        held = self.state.device_health  # the heartbeat check, if this role holds health
        data = collect(self.state.all_incidents(), self.state.all_units(), actions, now,
                       self._user() or self.state.actor, shift=shift,
                       health=held.values() if held else None,
                       names={b.id: b.name for b in self.state.beneficiaries.values()})
        return build_html(data, self.catalogue, self._follow_up_sections(shift, now))

    def _follow_up_sections(self, shift, now: float) -> list[str]:
        """The follow-up's section, for a role that receives the follow-up plans (none else):
        overdue at the shift's end (or now), done in the shift (or since the day began)."""
        from c4console.gui.follow_up.visit_rows import day_bounds
        from c4console.gui.shift.handover_follow_up import collect_follow_up, follow_up_section

        state = self.state
        if not state.follow_plans:
            return []
        at = now if shift is None else min(now, shift.ends_at)
        start = day_bounds(now)[0] if shift is None else shift.starts_at
        data = collect_follow_up(state.follow_plans.values(), state.patrol_visits.values(),
                                 state.interviews.values(), state.follow_calls.values(), start, at)
        return [follow_up_section(data, {u.id: u.callsign for u in state.all_units()})]

    def title(self) -> str:
        """The report's title."""
        return self.tr("Reporte de entrega de turno")

    async def write_pdf(self, path: Path, now: float | None = None,
                        shift_id: str | None = None) -> Path:
        """Write the report (of ``shift_id``, default the current shift) as PDF."""
        from c4console.gui.shift.handover_pdf import write_pdf

        out = write_pdf(await self.html(now, shift_id), path, self.title())
        self._say(self.tr("Reporte de entrega guardado en {0}").format(out))
        return out

    def save(self) -> None:
        """Menu Turno: ask where, then write the PDF."""
        from c4console.gui.shift.handover_pdf import ask_pdf_path

        name = time.strftime("entrega-turno-%Y%m%d-%H%M.pdf")
        ask_pdf_path(self._window, Path.home() / name,
                     lambda path: self._run(self.write_pdf(path),
                                            self.tr("guardar el reporte de entrega")))

    def print(self) -> None:
        """Menu Turno: the print dialog for the report."""
        self._run(self._print(), self.tr("imprimir el reporte de entrega"))

    async def _print(self) -> None:
        from c4console.gui.shift.handover_pdf import print_html

        print_html(self._window, await self.html(), self.title())
