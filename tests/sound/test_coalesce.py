"""Folding a backlog of alerts into what is said next."""

from __future__ import annotations

import pytest

from c4console.sound.coalesce import DEFAULT_SUMMARY, Phrase, add_phrase, check_summary, next_utterance


def test_two_waiting_are_said_one_by_one() -> None:
    pending = [Phrase("uno"), Phrase("dos")]
    assert next_utterance(pending, DEFAULT_SUMMARY) == ("uno", [Phrase("uno")])
    assert next_utterance(pending, DEFAULT_SUMMARY) == ("dos", [Phrase("dos")])
    assert next_utterance(pending, DEFAULT_SUMMARY) == ("", [])


def test_a_backlog_becomes_the_newest_plus_a_count() -> None:
    pending = [Phrase(f"alerta {i}") for i in range(1, 6)]
    text, taken = next_utterance(pending, DEFAULT_SUMMARY)
    assert text == "alerta 5. Y 4 alertas más."
    assert len(taken) == 5 and pending == []


def test_summary_format_comes_from_the_caller_with_aliases() -> None:
    pending = [Phrase("a"), Phrase("b"), Phrase("c")]
    assert next_utterance(pending, "{phrase} (+{n} de {total})")[0] == "c (+2 de 3)"


def test_same_key_replaces_the_waiting_phrase() -> None:
    pending: list[Phrase] = []
    assert add_phrase(pending, Phrase("inc 1 nueva", "i1")) == 0
    assert add_phrase(pending, Phrase("inc 2", "i2")) == 0
    assert add_phrase(pending, Phrase("inc 1 reactivada", "i1")) == 1
    assert pending == [Phrase("inc 2", "i2"), Phrase("inc 1 reactivada", "i1")]


def test_unusable_summary_is_refused() -> None:
    assert check_summary("{latest} y {more} más") == "{latest} y {more} más"
    with pytest.raises(ValueError, match="unusable"):
        check_summary("{cuantas} alertas")
