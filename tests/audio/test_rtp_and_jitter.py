"""RTP parsing, stream tracking, G.711/L16 codecs and the recording's jitter buffer."""

from __future__ import annotations

import numpy as np
import pytest

from c4console.central.audio.codecs import codec_for
from c4console.central.audio.jitter import AUDIO, CONCEALED, SILENCE, JitterBuffer
from c4console.central.audio.rtp import RtpDrop, StreamTracker, build_rtp, parse_rtp
from c4console.core.audio_frame import BadFrame, decode_frame, encode_frame


def test_parse_rtp_with_csrc_extension_and_padding():
    pkt = bytearray(build_rtp(b"\x01\x02\x03", payload_type=0, seq=7, timestamp=99, ssrc=5))
    pkt[0] |= 0x01 | 0x10 | 0x20  # 1 CSRC, extension, padding
    body = b"CSRC" + b"\xbe\xde\x00\x01" + b"EXT1" + b"\x01\x02\x03" + b"\x00\x02"
    p = parse_rtp(bytes(pkt[:12]) + body)
    assert (p.payload_type, p.seq, p.timestamp, p.ssrc, p.payload) == (0, 7, 99, 5, b"\x01\x02\x03")


@pytest.mark.parametrize("data,kind", [
    (b"\x80\x00", "short"),
    (b"\x40" + b"\x00" * 20, "version"),
    (b"\x8f" + b"\x00" * 11 + b"x", "malformed"),  # 15 CSRCs announced, none there
    (b"\xa0\x00" + b"\x00" * 10 + b"ab\x09", "malformed"),  # padding longer than the packet
    (b"\x80\x00" + b"\x00" * 10, "malformed"),  # no payload
])
def test_bad_headers_are_named(data, kind):
    with pytest.raises(RtpDrop) as e:
        parse_rtp(data)
    assert e.value.kind == kind


def _pkt(seq, ts, ssrc=1):
    return parse_rtp(build_rtp(b"\xff" * 160, payload_type=0, seq=seq, timestamp=ts, ssrc=ssrc))


def test_tracker_extends_wraps_and_refuses_strangers():
    t = StreamTracker(takeover_s=2.0)
    assert t.accept(_pkt(65535, 2**32 - 160), "a", 0.0, 160).ext_seq == 65535
    after_wrap = t.accept(_pkt(0, 0), "a", 0.02, 160)
    assert (after_wrap.ext_seq, after_wrap.ext_ts) == (65536, 160)
    with pytest.raises(RtpDrop) as e:
        t.accept(_pkt(1, 160, ssrc=2), "a", 0.04, 160)
    assert e.value.kind == "ssrc"
    with pytest.raises(RtpDrop) as e:
        t.accept(_pkt(1, 160), "b", 0.04, 160)
    assert e.value.kind == "source"
    with pytest.raises(RtpDrop) as e:
        t.accept(_pkt(30000, 160), "a", 0.06, 160)
    assert e.value.kind == "seq_jump"
    # The next one follows the jump: the sender restarted its numbering (RFC 3550 A.1).
    restarted = t.accept(_pkt(30001, 5000), "a", 0.08, 160)
    assert restarted.restart and restarted.ext_seq == 65537
    with pytest.raises(RtpDrop) as e:
        t.accept(_pkt(30001, 5000), "a", 0.1, 160)
    assert e.value.kind == "duplicate"
    # After two seconds of silence a new SSRC takes over (the gateway re-sent the call).
    taken = t.accept(_pkt(9, 77, ssrc=3), "a", 3.0, 160)
    assert taken.restart and taken.ext_seq == 65538


def test_codecs_round_trip_and_refuse_bad_choices():
    x = (np.sin(np.arange(1600) / 7) * 12000).astype(np.int16)
    for name in ("PCMU", "PCMA", "L16", "L16/16000"):
        c = codec_for(name)
        y = c.decode(c.encode(x))
        assert np.corrcoef(x, y)[0, 1] > 0.999
    assert codec_for("pcma").payload_type == 8 and codec_for("L16/16000").rate == 16000
    for bad, pt in (("G729", None), ("L16/44100", None), ("PCMU", 8), ("L16", 3)):
        with pytest.raises(ValueError):
            codec_for(bad, pt)


def test_jitter_buffer_reorders_conceals_and_fills_pauses():
    jb = JitterBuffer(8000, delay_s=0.06)
    frame = np.full(160, 1000, dtype=np.int16)
    for seq, at in ((0, 0.0), (2, 0.04), (1, 0.045), (4, 0.08)):  # 1 late but in time, 3 lost
        jb.push(seq, seq * 160, seq * 160, frame, at, at)
    chunks = jb.pop(0.1)
    assert [c.kind for c in chunks] == [AUDIO, AUDIO, AUDIO]
    chunks = jb.pop(0.2)  # 3 never came: concealed after the delay
    assert [c.kind for c in chunks] == [CONCEALED, AUDIO]
    assert chunks[0].lost == 1 and len(chunks[0].samples) == 160 and chunks[0].samples[0] == 700
    assert jb.push(3, 480, 480, frame, 0.25, 0.25) == "late"
    # Consecutive sequence numbers with a timestamp gap: the sender paused.
    jb.push(5, 5 * 160 + 800, 5 * 160 + 800, frame, 0.3, 0.3)
    assert [c.kind for c in jb.pop(0.3)] == [SILENCE, AUDIO]
    assert jb.lost == 1 and jb.late == 1


def test_live_frame_round_trip_and_refusals():
    pcm = np.arange(160, dtype="<i2").tobytes()
    f = decode_frame(encode_frame(42, 1.5, 2.5, 6720, 8000, pcm))
    assert (f.seq, f.capture_time, f.received_at, f.position, f.rate, f.samples) == (42, 1.5, 2.5, 6720,
                                                                                     8000, 160)
    assert bytes(f.pcm) == pcm
    with pytest.raises(BadFrame):
        decode_frame(b"C4AU" + b"\x00" * 10)
    with pytest.raises(BadFrame):
        decode_frame(encode_frame(1, 0, 0, 0, 8000, pcm)[:-2])
