"""Which incidents have live audio, read from the change feed (no Qt, no I/O).

The central puts ``audio_started`` and ``audio_ended`` events on an incident's
timeline; a session is live between the two. The console learns of sessions
the same way as of everything else: through the feed into its cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from c4console.sync.state import ConsoleState


@dataclass(frozen=True, slots=True)
class LiveAudio:
    """A live audio session as the audio panel lists it."""

    session_id: str
    incident_id: str
    folio: str
    device_id: str
    beneficiary: str
    started_at: float
    codec: str
    sample_rate: int


def live_audio(state: ConsoleState) -> list[LiveAudio]:
    """Live sessions of open incidents, oldest first."""
    out: list[LiveAudio] = []
    for inc in state.all_incidents():
        if not inc.is_open:
            continue
        started, ended = {}, set()
        for ev in state.events.get(inc.id, ()):
            sid = (ev.data or {}).get("session_id")
            if ev.kind == "audio_started" and sid:
                started[sid] = ev
            elif ev.kind == "audio_ended" and sid:
                ended.add(sid)
        for sid, ev in started.items():
            if sid in ended:
                continue
            data = ev.data or {}
            ben = state.beneficiaries.get(inc.beneficiary_id or "")
            out.append(LiveAudio(sid, inc.id, inc.folio, str(data.get("device_id") or inc.device_id or ""),
                                 ben.name if ben is not None else (inc.caller or ""), ev.at,
                                 str(data.get("codec", "")), int(data.get("sample_rate") or 8000)))
    return sorted(out, key=lambda a: a.started_at)


def audio_of_incident(state: ConsoleState, incident_id: str) -> LiveAudio | None:
    """The live session of one incident, if it has one."""
    return next((a for a in live_audio(state) if a.incident_id == incident_id), None)
