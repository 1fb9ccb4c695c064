"""Reads of the audio tables (run on the central's reader threads or by the CLI)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from c4console.central.audio import tables as at

MAX_LIST = 1000


def session_row(engine: Engine, session_id: str) -> dict[str, Any] | None:
    """One session's row, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(at.audio_sessions).where(at.audio_sessions.c.id == session_id)).first()
    return dict(row._mapping) if row is not None else None


def find_session(engine: Engine, key: str) -> dict[str, Any]:
    """The session whose id is ``key`` or starts with it (at least 6 characters); LookupError says why."""
    exact = session_row(engine, key)
    if exact is not None:
        return exact
    if len(key) < 6:
        raise LookupError(f"no audio session {key!r} (give the id or at least its first 6 characters)")
    with engine.connect() as conn:
        rows = conn.execute(select(at.audio_sessions)
                            .where(at.audio_sessions.c.id.startswith(key, autoescape=True))
                            .limit(2)).all()
    if not rows:
        raise LookupError(f"no audio session {key!r} in this database")
    if len(rows) > 1:
        raise LookupError(f"{key!r} matches more than one audio session; give more of the id")
    return dict(rows[0]._mapping)


def sessions(engine: Engine, status: str | None = None, limit: int = 200,
             incident_id: str | None = None) -> list[dict[str, Any]]:
    """Session rows, newest first; optionally one status or one incident's."""
    query = select(at.audio_sessions).order_by(at.audio_sessions.c.started_at.desc())
    if status is not None:
        query = query.where(at.audio_sessions.c.status == status)
    if incident_id is not None:
        query = query.where(at.audio_sessions.c.incident_id == incident_id)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query.limit(min(limit, MAX_LIST)))]
