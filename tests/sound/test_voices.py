"""Choosing a voice by language preference, for espeak-ng and SAPI-style voice lists."""

from __future__ import annotations

from dataclasses import dataclass, field

from c4console.sound.voices import SPANISH, pick_voice


@dataclass
class V:
    id: str
    name: str = ""
    languages: list = field(default_factory=list)


ESPEAK = [V("gmw/en", "English", ["en"]), V("roa/es", "Spanish (Spain)", ["es"]),
          V("roa/es-419", "Spanish (Latin America)", ["es-419"])]


def test_latin_american_spanish_first_whatever_the_order() -> None:
    assert pick_voice(ESPEAK).id == "roa/es-419"
    assert pick_voice(list(reversed(ESPEAK))).id == "roa/es-419"


def test_falls_back_to_spain_spanish() -> None:
    assert pick_voice(ESPEAK[:2]).id == "roa/es"


def test_sapi_style_mexican_voice_matches_by_region() -> None:
    voices = [V(r"HKEY\Tokens\TTS_MS_EN-US_ZIRA_11.0", "Zira", ["en_US"]),
              V(r"HKEY\Tokens\TTS_MS_ES-MX_SABINA_11.0", "Sabina", ["es_MX"])]
    assert pick_voice(voices, SPANISH).name == "Sabina"


def test_regional_variant_accepted_for_plain_language() -> None:
    assert pick_voice([V("x", "US Spanish", ["es-US"])], ("es",)).name == "US Spanish"


def test_no_match_is_none() -> None:
    assert pick_voice(ESPEAK[:1], SPANISH) is None
    assert pick_voice([], SPANISH) is None
