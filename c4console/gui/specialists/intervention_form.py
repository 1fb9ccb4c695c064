"""Registrar intervención: the form a specialist fills beside her case (the Qt Designer form
ui/intervention.ui).

It only collects and shows: the kinds the role may record, the channel, the timing category
proposed by ``propose`` (shown as proposed, correctable), start (when she opened it), end
(when she saves, unless she sets it), the duration, the episode, notes, next steps, outcome,
the video link (video calls only) and the next contact. Saving (Ctrl+S, Ctrl+Enter, the
Save button) checks what the central would refuse about the times first, then emits
``submitted`` with ``record_intervention``'s fields and, if a next contact is set,
``schedule_follow_up``'s. The caller (gui/specialists/desk_actions.py) sends them and
answers with :meth:`show_refusal` (everything stays filled) or closes the form."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from c4console.core.specialists.commands import MAX_DURATION_S
from c4console.core.specialists.records import CHANNELS, TIMINGS
from c4console.gui.forms.ui_intervention import Ui_InterventionForm
from c4console.gui.shell.labels import format_elapsed
from c4console.gui.shell.plain_text import plain_labels
from c4console.gui.specialists.desk_labels import channel_label, kind_label, timing_label

Propose = Callable[[str | None, float | None, float], str]  # episode id, its time, start → timing


@dataclass(frozen=True, slots=True)
class Episode:
    """An episode she can refer to: its incident, what to show, when it happened."""

    incident_id: str
    label: str
    at: float | None


def _qdt(at: float) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(at))


class InterventionForm(QDialog):
    """One intervention with her, and her next contact."""

    submitted = Signal(dict, object)  # record_intervention fields, schedule_follow_up's or None

    def __init__(self, case_id: str, who: str, kinds: Sequence[str], episodes: Sequence[Episode],
                 propose: Propose, *, channel: str = "llamada_911", referral_id: str | None = None,
                 follow_up_id: str | None = None, now: Callable[[], float] = time.time,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_InterventionForm()
        ui.setupUi(self)
        self.case_id, self.referral_id, self.follow_up_id = case_id, referral_id, follow_up_id
        self.propose, self.now = propose, now
        self.intervention_id = f"int-{uuid.uuid4().hex[:20]}"  # the same on a retry
        self.next_id = f"fu-{uuid.uuid4().hex[:20]}"
        self.next_scheduled = False  # the central accepted the next contact already
        self.opened_at = now()
        self.kind, self.channel = ui.interventionKind, ui.interventionChannel
        self.timing, self.episode = ui.interventionTiming, ui.interventionEpisode
        self.start, self.end = ui.interventionStart, ui.interventionEnd
        self.duration, self.proposed = ui.interventionDuration, ui.interventionTimingProposed
        self.notes, self.next_steps = ui.interventionNotes, ui.interventionNextSteps
        self.outcome, self.video_link = ui.interventionOutcome, ui.interventionVideoLink
        self.next, self.next_at = ui.interventionNext, ui.interventionNextAt
        self.next_channel = ui.interventionNextChannel
        self.problem = ui.interventionProblem
        ui.interventionWho.setText(self.tr("Expediente {0} · {1}").format(case_id, who))
        for k in kinds:
            self.kind.addItem(kind_label(k), k)
        for c in CHANNELS:
            self.channel.addItem(channel_label(c), c)
            self.next_channel.addItem(channel_label(c), c)
        self.channel.setCurrentIndex(max(0, self.channel.findData(channel)))
        self.next_channel.setCurrentIndex(max(0, self.next_channel.findData("whatsapp")))
        for t in TIMINGS:
            self.timing.addItem(timing_label(t), t)
        self.episode.addItem(self.tr("Sin episodio"), None)
        for e in episodes:
            self.episode.addItem(e.label, e.incident_id)
        self._episode_at = {e.incident_id: e.at for e in episodes}
        if episodes:
            self.episode.setCurrentIndex(1)
        self.start.setDateTime(_qdt(self.opened_at))
        self.end.setDateTime(_qdt(self.opened_at))
        self.end_set = False  # until she sets the end, it is when she saves
        self.next_at.setDateTime(_qdt(self.opened_at + 86400))
        self.timing_corrected = False
        self.proposal = ""
        self.timing.activated.connect(lambda _i: setattr(self, "timing_corrected", True))
        self.episode.currentIndexChanged.connect(lambda _i: self._propose())
        self.start.dateTimeChanged.connect(lambda _d: (self._propose(), self._duration()))
        self.end.dateTimeChanged.connect(lambda _d: self._end_edited())
        self.channel.currentIndexChanged.connect(lambda _i: self._channel_chosen())
        ui.box.accepted.connect(self.save)
        ui.box.rejected.connect(self.reject)
        ui.box.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Guardar (Ctrl+S)"))
        for key in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.save)
        self._propose()
        self._duration()
        self._channel_chosen()
        plain_labels(self)  # her name and episodes: text, never markup

    # --- what the form proposes and shows -------------------------------------------------
    def episode_id(self) -> str | None:
        """The episode's incident chosen, or None."""
        return self.episode.currentData()

    def _propose(self) -> None:
        iid = self.episode_id()
        self.proposal = self.propose(iid, self._episode_at.get(iid or ""), self._secs(self.start))
        self.proposed.setText(self.tr("Propuesto: {0}").format(timing_label(self.proposal)))
        if not self.timing_corrected:
            self.timing.setCurrentIndex(self.timing.findData(self.proposal))

    def _end_edited(self) -> None:
        self.end_set = True
        self._duration()

    def _duration(self) -> None:
        if not self.end_set:
            self.duration.setText(self.tr("en curso (el fin es cuando guarde)"))
            return
        self.duration.setText(format_elapsed(self._secs(self.end) - self._secs(self.start)))

    def is_video(self) -> bool:
        """The channel is a video call (its link is asked for)."""
        return self.channel.currentData() == "videollamada"

    def _channel_chosen(self) -> None:
        video = self.is_video()
        self.video_link.setVisible(video)
        self.ui.videoLinkLabel.setVisible(video)

    @staticmethod
    def _secs(edit) -> float:
        return float(edit.dateTime().toSecsSinceEpoch())

    # --- saving -----------------------------------------------------------------------------
    def times(self) -> tuple[float, float]:
        """Start and end (the end is now while she has not set it)."""
        start = self._secs(self.start)
        end = self._secs(self.end) if self.end_set else max(start, float(int(self.now())))
        return start, end

    def check(self) -> str:
        """Why the central would refuse these times ("" if it would not)."""
        start, end = self.times()
        if end < start:
            return self.tr("El fin es anterior al inicio: una intervención no termina antes "
                           "de empezar")
        if end - start > MAX_DURATION_S:
            return self.tr("La intervención dura {0:.1f} h: más de 12 h no es una intervención; "
                           "corrija el inicio o el fin").format((end - start) / 3600)
        if self.is_video() and not self.video_link.text().strip():
            return self.tr("Anote el enlace usado en la videollamada")
        if self.next.isChecked() and not self.next_scheduled \
                and self._secs(self.next_at) < self.now():
            return self.tr("El próximo contacto está en el pasado")
        return ""

    def fields(self) -> dict[str, Any]:
        """``record_intervention``'s fields."""
        start, end = self.times()
        out: dict[str, Any] = {
            "case_id": self.case_id, "intervention_id": self.intervention_id,
            "kind": self.kind.currentData(), "channel": self.channel.currentData(),
            "timing": self.timing.currentData(), "started_at": start, "ended_at": end,
            "notes": self.notes.toPlainText().strip(),
            "next_steps": self.next_steps.toPlainText().strip(),
            "outcome": self.outcome.text().strip()}
        if self.episode_id():
            out["episode_incident_id"] = self.episode_id()
        if self.referral_id:
            out["referral_id"] = self.referral_id
        if self.follow_up_id:
            out["follow_up_id"] = self.follow_up_id
        if self.is_video():
            out["video_link"] = self.video_link.text().strip()
        return out

    def follow_up_fields(self) -> dict[str, Any] | None:
        """``schedule_follow_up``'s fields, or None (no next contact, or already scheduled)."""
        if not self.next.isChecked() or self.next_scheduled:
            return None
        return {"case_id": self.case_id, "follow_up_id": self.next_id,
                "due_at": self._secs(self.next_at), "channel": self.next_channel.currentData()}

    def save(self) -> None:
        """Ctrl+S / Ctrl+Enter: check, then hand the commands to the caller."""
        problem = self.check()
        if problem:
            self.problem.setText(problem)
            return
        self.problem.setText(self.tr("Guardando…"))
        self.submitted.emit(self.fields(), self.follow_up_fields())

    def show_refusal(self, reason: str, message: str) -> None:
        """The central refused: say why; everything typed stays."""
        self.problem.setText(self.tr("Rechazado ({0}): {1}").format(reason, message))
