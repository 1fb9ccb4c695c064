"""Timeline wording that carries data, not just a name."""

from c4console.gui.shell.labels import event_detail


def test_a_closed_recording_says_how_long_how_many_segments_and_which_session():
    data = {"session_id": "0123456789abcdef", "reason": "silence", "segments": 91,
            "duration_s": 45.48, "lost": 3}
    text = event_detail("audio_ended", "silence", data)
    assert text == "0:45 · 91 segmentos · 3 paquetes perdidos · sesión 01234567 (silence)"


def test_other_events_keep_their_text():
    assert event_detail("note", "llamó la vecina", None) == "llamó la vecina"
    assert event_detail("audio_ended", "bye", None) == "bye"
