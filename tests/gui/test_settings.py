"""Settings: defaults, round trip, and a corrupt file falling back visibly."""

from __future__ import annotations

from c4console.gui.shell.settings import load_settings


def test_defaults_and_round_trip(qapp, tmp_path):
    s = load_settings(tmp_path / "c4console.ini")
    assert (s.language, s.tiles.mode, s.speed_kmh, s.muted, s.warning) == ("es", "none", 40.0,
                                                                          False, "")
    s.speed_kmh, s.muted, s.operator = 55.0, True, "operadora7"
    s.save()
    again = load_settings(tmp_path / "c4console.ini")
    assert (again.speed_kmh, again.muted, again.operator) == (55.0, True, "operadora7")


def test_corrupt_file_falls_back_to_defaults_and_keeps_the_old_file(qapp, tmp_path):
    path = tmp_path / "c4console.ini"
    path.write_bytes(b"[general\x00\xff\xfe garbage\n\x00\x00=[[[\n")
    s = load_settings(path)
    assert s.language == "es" and s.tiles.mode == "none"
    assert "corrupt" in s.warning and "defaults in use" in s.warning
    kept = list(tmp_path.glob("c4console.ini.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"[general")
    assert str(kept[0]) in s.warning


def test_bad_values_are_replaced_and_named(qapp, tmp_path):
    path = tmp_path / "c4console.ini"
    path.write_text("[map]\ntiles=satellite\n[dispatch]\nspeed_kmh=fast\n")
    s = load_settings(path)
    assert s.tiles.mode == "none" and "satellite" in s.warning
    assert s.speed_kmh == 40.0


def test_a_hand_written_general_section_is_read(qapp, tmp_path):
    # Qt reads "[general]" as its top-level section (it writes the group as [%General]):
    # what IT staff type by hand must still take effect, and survive a save.
    path = tmp_path / "c4console.ini"
    path.write_text("[general]\nmuted=true\nlanguage=en\noperator=operadora9\n", encoding="utf-8")
    s = load_settings(path)
    assert (s.muted, s.language, s.operator) == (True, "en", "operadora9")
    s.save()
    assert load_settings(path).muted is True
