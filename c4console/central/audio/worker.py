"""The audio worker thread (decode, reorder, record, relay) and the I/O thread (segment files).

Datagrams reach the worker through a bounded queue: a flood of packets fills
the queue and the excess is counted as ``overload``, instead of growing memory
or stalling the event loop. All session state is touched by the worker only;
the loop talks to it by queueing calls (:meth:`AudioWorker.call`).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)

TICK_S = 0.01
INBOX_LIMIT = 50_000  # 20 s of 50 sessions at 50 packets/s
# Datagrams of one session waiting at most (5 s of 20 ms packets): a flood on one port
# fills its own share and is counted there, never the queue every other session needs.
SESSION_QUEUE_LIMIT = 250


class AudioWorker:
    """Owns the live sessions; ``on_timeout(session)`` is called (on the worker) for silent ones."""

    def __init__(self, silence_timeout_s: float, on_timeout: Callable[[Any], None]) -> None:
        self.silence_timeout_s = silence_timeout_s
        self.on_timeout = on_timeout
        self.sessions: dict[str, Any] = {}
        self.overload = 0
        self.unbound = 0
        self._inbox: queue.Queue = queue.Queue(INBOX_LIMIT)
        self._io = ThreadPoolExecutor(1, thread_name_prefix="c4central-audio-io")
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="c4central-audio", daemon=True)
        self._overload_logged = 0.0

    def start(self) -> None:
        """Start the worker thread."""
        self._thread.start()

    # --- any thread ---------------------------------------------------------------------
    def offer(self, session: Any, data: bytes, source: Any, wall: float, mono: float) -> None:
        """Queue a datagram for ``session`` (called on the loop by the UDP endpoint)."""
        # ``offered`` is written only here (the loop), ``handled`` only by the worker: their
        # difference is this session's share of the queue, without a lock.
        if session.offered - session.handled >= SESSION_QUEUE_LIMIT:
            session.dropped["overload"] += 1
            session.note_flood(mono)
            return
        try:
            self._inbox.put_nowait((session, data, source, wall, mono))
            session.offered += 1
        except queue.Full:
            self.overload += 1
            session.dropped["overload"] += 1
            if mono - self._overload_logged >= 5.0:
                log.error("audio worker overloaded: %d datagrams waiting; %d dropped so far (the "
                          "recordings have holes there)", INBOX_LIMIT, self.overload)
                self._overload_logged = mono

    def count_unbound(self) -> None:
        """One more datagram reached a port with no session."""
        self.unbound += 1

    def call(self, fn: Callable[[], Any]) -> Future:
        """Run ``fn()`` on the worker thread; a Future of its result."""
        fut: Future = Future()
        self._inbox.put((None, fn, fut, 0.0, 0.0))
        return fut

    def submit_io(self, job: Callable[[], Any]) -> Future:
        """Queue file work on the I/O thread, in order; a Future of its result."""
        def run() -> Any:
            try:
                return job()
            except Exception:  # one failed write must not stop the recordings that follow
                log.exception("audio I/O job failed")
                raise
        return self._io.submit(run)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the worker, then let the I/O thread finish its queued writes."""
        self._stop = True
        self._inbox.put((None, None, None, 0.0, 0.0))
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._io.shutdown(wait=True)

    # --- worker thread ------------------------------------------------------------------
    def _run(self) -> None:
        next_tick = time.monotonic()
        while not self._stop:
            timeout = max(0.0, next_tick - time.monotonic())
            try:
                item = self._inbox.get(timeout=timeout)
            except queue.Empty:
                item = None
            handled = 0
            while item is not None:
                self._handle(item)
                handled += 1
                if handled >= 1000 or self._stop:
                    break
                try:
                    item = self._inbox.get_nowait()
                except queue.Empty:
                    item = None
            now = time.monotonic()
            if now >= next_tick:
                self._tick(now)
                next_tick = now + TICK_S

    def _handle(self, item: tuple) -> None:
        session, data, source, wall, mono = item
        if session is not None:
            try:
                session.on_datagram(data, source, wall, mono)
            except Exception:
                log.exception("audio session %s: packet handling failed; packet dropped", session.info.id)
            finally:
                session.handled += 1
            return
        fn, fut = data, source
        if fn is None:
            return
        try:
            fut.set_result(fn())
        except Exception as e:
            fut.set_exception(e)

    def _tick(self, now: float) -> None:
        for session in list(self.sessions.values()):
            try:
                session.tick(now)
                if not session.ending and session.silent_for(now) >= self.silence_timeout_s:
                    self.on_timeout(session)
            except Exception:
                log.exception("audio session %s: tick failed", session.info.id)
