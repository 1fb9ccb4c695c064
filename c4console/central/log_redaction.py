"""The central's log handlers never write coordinates or phone numbers (issue 16 point 19).

:class:`RedactingFilter` runs every record through :func:`c4console.core.redact.redact`
after formatting its message (and its exception text), so a line someone forgot to
write carefully still leaves her position and numbers out. ``c4central`` installs it
on its handlers at start (:func:`install`).
"""

from __future__ import annotations

import logging

from c4console.core.redact import redact


class RedactingFilter(logging.Filter):
    """Replace coordinates and phone numbers in a record's message and exception text."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Put a :class:`RedactingFilter` on every handler of ``logger`` (default: the root)."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
