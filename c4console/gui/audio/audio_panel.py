"""The audio panel: live sessions, listen, volume and mute, level meter, waveform, recording.

The session list comes from the feed (``audio_started``/``audio_ended`` events
in the console's state). The waveform and meter are painted by a 50 ms timer
that runs only while the panel is visible and someone is listening; the
recording indicator asks the central for the session's counters once a second
while visible.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from c4console.gui.audio.audio_controller import AudioController
from c4console.gui.audio.waveform import WINDOW_S, WaveformView, level_dbfs
from c4console.gui.shell.labels import format_elapsed
from c4console.sound.status import SoundStatus
from c4console.sync.audio_sessions import LiveAudio, audio_of_incident, live_audio
from c4console.sync.state import ConsoleState

PAINT_MS = 66  # ~15 paints/s: smooth enough for a scrolling waveform, keeps the console under 10 % of a core
POLL_MS = 1000
LEVEL_WINDOW_S = 0.05


class AudioPanel(QWidget):
    """What the operator sees and does with live audio."""

    def __init__(self, state: ConsoleState, controller: AudioController, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("audioPanel")
        self.state = state
        self.controller = controller
        self.sessions: list[LiveAudio] = []
        self.paints = 0

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("audioSessions")
        self.table.setHorizontalHeaderLabels([self.tr("Dispositivo"), self.tr("Beneficiaria"),
                                              self.tr("Incidente"), self.tr("Tiempo")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.listen_selected())
        self.table.itemSelectionChanged.connect(self._poll_now)

        self.listen_button = QPushButton(self.tr("Escuchar"), self)
        self.listen_button.setObjectName("listenButton")
        self.listen_button.clicked.connect(self._toggle_listen)
        self.mute = QCheckBox(self.tr("Silenciar"), self)
        self.mute.setObjectName("audioMute")
        self.mute.toggled.connect(self._mute)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setObjectName("audioVolume")
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.valueChanged.connect(self._volume)
        self.volume.setToolTip(self.tr("Volumen"))
        self.level = QProgressBar(self)
        self.level.setObjectName("audioLevel")
        self.level.setRange(0, 60)
        self.level.setTextVisible(False)
        self.level.setToolTip(self.tr("Nivel (dBFS)"))
        self.wave = WaveformView(self)
        self.output = QLabel(self)
        self.output.setObjectName("audioOutput")
        self.output.setWordWrap(True)
        self.listening = QLabel(self)
        self.listening.setObjectName("audioListening")
        self.recording = QLabel(self)
        self.recording.setObjectName("recordingIndicator")

        controls = QHBoxLayout()
        controls.addWidget(self.listen_button)
        controls.addWidget(self.mute)
        controls.addWidget(self.volume, 1)
        controls.addWidget(self.level, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(controls)
        layout.addWidget(self.wave, 1)
        layout.addWidget(self.listening)
        layout.addWidget(self.recording)
        layout.addWidget(self.output)

        self._paint_timer = QTimer(self)
        self._paint_timer.setInterval(PAINT_MS)
        self._paint_timer.timeout.connect(self.paint)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_MS)
        self._poll_timer.timeout.connect(self._poll_now)
        controller.listeningChanged.connect(self._on_listening)
        controller.recordingStats.connect(self.show_recording)
        controller.outputChanged.connect(self.show_output)
        self._on_listening("")
        self.show_recording({})
        self.refresh()

    # --- sessions ----------------------------------------------------------------------------
    def follow(self, bridge) -> None:
        """Re-read the sessions when timelines change (audio_started / audio_ended)."""
        bridge.touched.connect(self._touched)

    def _touched(self, t) -> None:
        if t.events_for:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the live sessions from the state (after feed changes)."""
        selected = self.selected_session()
        self.sessions = live_audio(self.state)
        self.table.setRowCount(len(self.sessions))
        for row, s in enumerate(self.sessions):
            for col, text in enumerate((s.device_id, s.beneficiary, s.folio, "")):
                item = self.table.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, col, item)
                item.setText(text)
        self.tick()
        if selected is not None:
            self.select_session(selected.session_id)
        elif self.sessions and not self.table.selectedItems():
            self.table.selectRow(0)

    def tick(self) -> None:
        """Update the elapsed times (the window's 500 ms tick)."""
        now = time.time()
        for row, s in enumerate(self.sessions):
            item = self.table.item(row, 3)
            if item is not None:
                item.setText(format_elapsed(now - s.started_at))

    def selected_session(self) -> LiveAudio | None:
        """The session selected in the list."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if rows and rows[0].row() < len(self.sessions):
            return self.sessions[rows[0].row()]
        return None

    def select_session(self, session_id: str) -> bool:
        """Select a session in the list; False if it is not live."""
        for row, s in enumerate(self.sessions):
            if s.session_id == session_id:
                self.table.selectRow(row)
                return True
        return False

    def offer(self, incident_id: str) -> LiveAudio | None:
        """An incident was selected: select its live audio (if any) so one key listens to it."""
        audio = audio_of_incident(self.state, incident_id)
        if audio is not None:
            self.select_session(audio.session_id)
        return audio

    # --- listening ---------------------------------------------------------------------------
    def listen_selected(self) -> None:
        """Listen to the selected session."""
        s = self.selected_session()
        if s is not None:
            self.controller.listen(s.session_id)

    def _toggle_listen(self) -> None:
        if self.controller.session_id:
            self.controller.stop()
        else:
            self.listen_selected()

    def _on_listening(self, session_id: str) -> None:
        self.listen_button.setText(self.tr("Dejar de escuchar") if session_id else self.tr("Escuchar"))
        if session_id:
            self.listening.setText(self.tr("Escuchando {0}").format(self._name_of(session_id)))
            self.wave.clear_wave()
        else:
            self.listening.setText(self.tr("Sin escucha"))
            self.level.setValue(0)
        self._update_timers()

    def _name_of(self, session_id: str) -> str:
        s = next((x for x in self.sessions if x.session_id == session_id), None)
        return f"{s.folio} · {s.beneficiary}" if s is not None else session_id[:8]

    def _mute(self, muted: bool) -> None:
        self.controller.set_muted(muted)

    def _volume(self, value: int) -> None:
        self.controller.set_volume(value / 100.0)

    # --- painting (timer; only while visible and listening) -----------------------------------
    def paint(self) -> None:
        """Draw the waveform and the level of what is being heard."""
        player = self.controller.player
        if player is None or not player.rate:
            return
        rate = player.rate
        history = player.history.latest(int(WINDOW_S * rate))
        self.wave.show_samples(history)
        db = level_dbfs(history[-int(LEVEL_WINDOW_S * rate):])
        self.level.setValue(int(max(0.0, db + 60.0)))
        st = player.stats()
        listen = self.controller.listen_stats()
        self.listening.setText(self.tr("Escuchando {0} · retardo {1} ms · cortes {2} · paquetes {3}")
                               .format(self._name_of(self.controller.session_id), int(st.target_ms),
                                       st.underruns, listen.frames if listen else 0))
        self.paints += 1

    def _poll_now(self) -> None:
        sid = self.controller.session_id or (s.session_id if (s := self.selected_session()) else "")
        if sid and self.isVisible():
            self.controller.poll(sid)

    def show_recording(self, data: dict) -> None:
        """The recording indicator: duration, segments, verified."""
        if not data:
            self.recording.setText(self.tr("Grabación: —"))
            return
        live = data.get("status") == "live"
        self.recording.setText(
            self.tr("{0} Grabación {1} · {2} segmentos · {3} verificados · {4} perdidos").format(
                "●" if live else "■", format_elapsed(float(data.get("duration_s") or 0)),
                data.get("segments", 0), data.get("verified_segments", data.get("segments", 0)),
                data.get("lost", 0)))
        self.recording.setStyleSheet("color: #c62828; font-weight: bold;" if live else "")

    def show_output(self, status: SoundStatus) -> None:
        """Whether the operator can hear anything, and why not."""
        if status.available:
            self.output.setText(self.tr("Salida de audio: {0}").format(status.name))
            self.output.setStyleSheet("")
        else:
            self.output.setText(self.tr("Sin dispositivo de audio: no se puede escuchar aquí; la "
                                        "central sigue grabando ({0})").format(status.reason))
            self.output.setStyleSheet("color: #e65100; font-weight: bold;")

    def _update_timers(self) -> None:
        visible = self.isVisible()
        if visible and self.controller.session_id:
            self._paint_timer.start()
        else:
            self._paint_timer.stop()
        if visible:
            self._poll_timer.start()
        else:
            self._poll_timer.stop()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._update_timers()
        self._poll_now()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._update_timers()
