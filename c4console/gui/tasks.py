"""Start coroutines from Qt slots and report their failures instead of losing them."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


def spawn(coro: Coroutine[Any, Any, Any],
          on_error: Callable[[BaseException], None] | None = None) -> asyncio.Task:
    """Run ``coro`` on the loop; an exception is logged and passed to ``on_error``."""
    task = asyncio.ensure_future(coro)

    def done(t: asyncio.Task) -> None:
        if t.cancelled():
            return
        exc = t.exception()
        if exc is not None:
            log.error("action failed: %s", exc, exc_info=exc)
            if on_error is not None:
                on_error(exc)

    task.add_done_callback(done)
    return task
