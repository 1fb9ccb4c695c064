"""Listening from the console: one player, one listener, and the recording's counters.

Owns the :class:`~c4console.sound.player.LivePlayer` (PortAudio on its own
thread) and the :class:`~c4console.sync.audio_client.AudioListener` (on the
qasync loop). The player's status comes from its thread through a queued
signal — the one way back to the GUI thread.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from c4console.gui.shell.tasks import run_async
from c4console.gui.shell.thread_signal import ThreadSignal
from c4console.sound.status import SoundStatus
from c4console.sync.audio_client import AudioApiError, AudioListener, AudioSessions, ListenStats
from c4console.sync.central_api import CentralApi

log = logging.getLogger(__name__)


class AudioController(QObject):
    """Starts and stops listening; fetches the recording's counters on request."""

    outputChanged = Signal(object)  # SoundStatus (GUI thread)
    listeningChanged = Signal(str)  # session id, "" when stopped
    recordingStats = Signal(dict)  # the central's description of the listened/selected session

    def __init__(self, api: CentralApi, parent=None, player=None) -> None:
        super().__init__(parent)
        self.api = api
        self.player = player
        self.listener: AudioListener | None = None
        self.session_id = ""
        self.output_status: SoundStatus | None = None
        self._status_from_thread = ThreadSignal(self._on_status, self)  # the player's thread
        self._polling = False
        self.muted = False
        self.volume = 1.0

    def set_muted(self, muted: bool) -> None:
        """Mute what is heard (the recording at the central is never affected)."""
        self.muted = muted
        if self.player is not None:
            self.player.set_muted(muted)

    def set_volume(self, volume: float) -> None:
        """Volume 0..1."""
        self.volume = volume
        if self.player is not None:
            self.player.set_volume(volume)

    def _sessions(self) -> AudioSessions | None:
        return self.api.audio_sessions()

    def _player(self):
        if self.player is None:
            from c4console.sound.player import LivePlayer

            self.player = LivePlayer(on_status=self._status_from_thread.emit)
            self.player.set_volume(self.volume)
            self.player.set_muted(self.muted)
        return self.player

    def listen(self, session_id: str) -> None:
        """Listen to ``session_id`` (stops whatever was playing)."""
        run_async(self._listen(session_id))

    async def _listen(self, session_id: str) -> None:
        await self._stop_listener()
        sessions = self._sessions()
        if sessions is None:
            log.warning("cannot listen to %s: not connected to a central yet", session_id)
            return
        self.session_id = session_id
        self.listener = AudioListener(sessions, session_id, self._player(),
                                      on_state=lambda _s: self.listeningChanged.emit(self.session_id))
        self.listener.start()
        self.listeningChanged.emit(session_id)
        run_async(self._watch(self.listener))

    async def _watch(self, listener: AudioListener) -> None:
        await listener.wait()
        if listener is self.listener and listener.stats.ended:
            self.listener = None
            self.session_id = ""
            self.listeningChanged.emit("")

    def stop(self) -> None:
        """Stop listening."""
        run_async(self._stop_listener(announce=True))

    async def _stop_listener(self, announce: bool = False) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            await listener.stop()
        if self.player is not None:
            self.player.stop()
        if announce:
            self.session_id = ""
            self.listeningChanged.emit("")

    def listen_stats(self) -> ListenStats | None:
        """The listener's counters (None when not listening)."""
        return self.listener.stats if self.listener is not None else None

    def poll(self, session_id: str) -> None:
        """Fetch a session's recording counters (at most one request at a time)."""
        if self._polling or not session_id:
            return
        self._polling = True
        run_async(self._poll(session_id))

    async def _poll(self, session_id: str) -> None:
        try:
            sessions = self._sessions()
            if sessions is not None:
                data: dict[str, Any] = await sessions.session(session_id)
                self.recordingStats.emit(data)
        except (AudioApiError, OSError, TimeoutError) as e:
            log.info("recording counters of %s not fetched: %s", session_id, e)
        except Exception as e:  # aiohttp errors, a central going away: the next poll tries again
            log.info("recording counters of %s not fetched: %s: %s", session_id, type(e).__name__, e)
        finally:
            self._polling = False

    def _on_status(self, status: SoundStatus) -> None:
        self.output_status = status
        self.outputChanged.emit(status)

    async def close(self) -> None:
        """Stop listening and release the audio device."""
        await self._stop_listener()
        if self.player is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.player.close)
