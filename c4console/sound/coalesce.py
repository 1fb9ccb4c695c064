"""Turning a backlog of spoken alerts into what is worth saying next.

An operator who hears six alarms read out one by one is thirty seconds behind;
when more than a few are waiting, say the newest and how many more there are.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_SUMMARY = "{latest}. Y {more} alertas más."


@dataclass(frozen=True, slots=True)
class Phrase:
    """One alert to speak; ``key`` (e.g. the incident id) makes a newer phrase replace an older one."""

    text: str
    key: str | None = None


def add_phrase(pending: list[Phrase], phrase: Phrase) -> int:
    """Append ``phrase``; a waiting phrase with the same key is dropped. Returns how many were dropped."""
    if phrase.key is None:
        pending.append(phrase)
        return 0
    before = len(pending)
    pending[:] = [p for p in pending if p.key != phrase.key]
    pending.append(phrase)
    return before - len(pending) + 1


def format_summary(summary: str, latest: str, more: int) -> str:
    """The backlog sentence: ``{latest}`` (alias ``{phrase}``) is the newest alert,
    ``{more}`` (alias ``{n}``) how many others wait, ``{total}`` all of them."""
    return summary.format(latest=latest, phrase=latest, more=more, n=more, total=more + 1)


def check_summary(summary: str) -> str:
    """``summary`` if it formats with the fields of ``format_summary``; ValueError otherwise."""
    try:
        format_summary(summary, "x", 2)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"summary format {summary!r} unusable ({exc!r}); "
                         "use the fields {latest}, {more}, {total}") from exc
    return summary


def next_utterance(pending: list[Phrase], summary: str, coalesce_above: int = 2) -> tuple[str, list[Phrase]]:
    """Take what to say next from ``pending`` (oldest first): ``(text, phrases taken)``.

    Up to ``coalesce_above`` waiting phrases are spoken one at a time; beyond
    that all of them become one summary built from the newest.
    """
    if not pending:
        return "", []
    if len(pending) > coalesce_above:
        taken = pending[:]
        pending.clear()
        text = format_summary(summary, taken[-1].text, len(taken) - 1)
        return text, taken
    first = pending.pop(0)
    return first.text, [first]
