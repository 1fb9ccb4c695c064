"""Choosing an installed TTS voice for a language preference such as ("es-419", "es")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

# Latin-American Spanish first: the operators and the places they hear named are Mexican.
SPANISH = ("es-419", "es-mx", "es")


class VoiceLike(Protocol):
    """What pyttsx3's ``Voice`` offers and we need."""

    id: str
    name: str | None
    languages: list


def _tag(value: object) -> str:
    # Language tags come as "es-419", "es_MX", b"\x05es" or an id such as "roa/es-419".
    if isinstance(value, bytes):
        value = value.decode("utf-8", "ignore")
    return str(value).strip().lower().replace("_", "-")


def voice_tags(voice: VoiceLike) -> set[str]:
    """The language tags a voice declares, plus the last part of its id (espeak ids are tags)."""
    tags = {_tag(lang) for lang in (voice.languages or [])}
    tags.add(_tag(str(voice.id).replace("\\", "/").rsplit("/", 1)[-1]))
    tags.discard("")
    return tags


def pick_voice(voices: Iterable[VoiceLike], preferences: Sequence[str] = SPANISH) -> VoiceLike | None:
    """The first voice matching the preferences in order: exact tags first, then regional
    variants (``"es"`` accepts ``"es-us"``); None when no voice speaks any of them."""
    candidates = [(v, voice_tags(v)) for v in voices]
    wanted = [_tag(p) for p in preferences]
    for pref in wanted:
        for voice, tags in candidates:
            if pref in tags:
                return voice
    for pref in wanted:
        for voice, tags in candidates:
            if any(t.startswith(pref + "-") for t in tags):
                return voice
    return None
