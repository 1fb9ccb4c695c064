"""Strict reading of JSON request bodies.

Python's json module accepts things the databases do not store: NUL characters
(PostgreSQL text refuses them), lone surrogates (not encodable as UTF-8),
``NaN``/``Infinity`` and numbers like ``1e400`` (not JSON for PostgreSQL).
Refusing them here turns what would be a 500 at commit time into a 400 that
says what was wrong, before anything is applied.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 32
MAX_INT = 2**63 - 1  # what a 64-bit column or a float conversion can take


class BadBody(ValueError):
    """A body that is not acceptable JSON; the message says why."""


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadBody(f"number {text[:40]} is out of range")
    return value


def _constant(name: str) -> Any:
    raise BadBody(f"{name} is not a JSON number")


def text_problem(value: str) -> str | None:
    """Why a string cannot be stored, or None."""
    if "\x00" in value:
        return "text contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "text contains an unpaired surrogate (not encodable as UTF-8)"
    return None


def check_value(value: Any, where: str = "body", depth: int = 0) -> None:
    """Raise :class:`BadBody` if a decoded JSON value holds text we cannot store."""
    if depth > MAX_DEPTH:
        raise BadBody(f"{where}: nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            raise BadBody(f"{where}: {problem}")
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
        raise BadBody(f"{where}: integer out of range (more than 64 bits)")
    elif isinstance(value, dict):
        for k, v in value.items():
            problem = text_problem(k)
            if problem:
                raise BadBody(f"{where}: a key's {problem}")
            check_value(v, f"{where}.{k}", depth + 1)
    elif isinstance(value, list):
        for n, v in enumerate(value):
            check_value(v, f"{where}[{n}]", depth + 1)


def parse(raw: bytes) -> Any:
    """Decode a UTF-8 JSON body and check it (see the module docstring)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadBody(f"body is not UTF-8 ({e})") from None
    try:
        value = json.loads(text, parse_float=_finite, parse_constant=_constant)
    except RecursionError:
        raise BadBody(f"body is nested deeper than {MAX_DEPTH} levels") from None
    except BadBody:
        raise
    except ValueError as e:
        raise BadBody(f"body is not JSON ({e})") from None
    check_value(value)
    return value
