"""Fuzz targets for every parser that takes bytes from outside, called directly: each must
answer with its declared refusal (RtpDrop, Malformed, BadFile) or a usable value — never
another exception. Budget and corpus: tests/fuzz/budget.py (`make fuzz` runs them longer)."""

from __future__ import annotations

import contextlib
import json

from hypothesis import example, given
from hypothesis import strategies as st

from c4console.central.audio.codecs import codec_for
from c4console.central.audio.jitter import JitterBuffer
from c4console.central.audio.rtp import RtpDrop, StreamTracker, build_rtp, parse_rtp
from c4console.central.gateways import whatsapp
from c4console.central.gateways.traccar import health_event, parse_event
from c4console.central.osmand import Malformed, flatten_json, parse_report
from c4console.central.seed import BadFile, parse_csv
from tests.central.test_traccar import forwarded
from tests.fuzz import budget
from tests.fuzz.strategies import JSON, NASTY_TEXT, NUMBERISH, tweaked

NOW = 1.8e9
OSMAND_KEYS = ["id", "deviceid", "lat", "lon", "location", "timestamp", "speed", "bearing",
               "altitude", "accuracy", "batt", "alarm", "valid", "hdop", "charge"]

# An RTP datagram: arbitrary bytes, or a real header (version 2, any flags) with any payload.
RTP_HEADERS = st.builds(
    lambda b0, pt, seq, ts, ssrc, payload: bytes([0x80 | (b0 & 0x3F)]) + build_rtp(
        payload, payload_type=pt, seq=seq, timestamp=ts, ssrc=ssrc)[1:],
    st.integers(0, 255), st.sampled_from([0, 8, 96, 127]), st.integers(0, 0xFFFF),
    st.integers(0, 0xFFFFFFFF), st.sampled_from([1, 2, 0xDEADBEEF]), st.binary(max_size=400))
DATAGRAMS = st.lists(st.binary(max_size=1500) | RTP_HEADERS, min_size=1, max_size=30)


@given(DATAGRAMS, st.sampled_from(["PCMU", "PCMA", "L16", "L16/16000"]))
@example([bytes([0xB0, 0]) + b"\0" * 10], "PCMU")  # extension flag, no extension header
@example([bytes([0xA0, 0]) + b"\0" * 11 + b"\xff"], "PCMU")  # padding longer than the packet
def rtp_stream(datagrams: list[bytes], codec_name: str) -> None:
    """The audio session's path (session.on_datagram): parse, decode, place, buffer, pop."""
    codec = codec_for(codec_name)
    tracker, jitter = StreamTracker(), JitterBuffer(codec.rate, 0.12)
    for i, data in enumerate(datagrams):
        mono = 100.0 + i * 0.02
        try:
            pkt = parse_rtp(data)
            assert pkt.payload, "an accepted packet has a payload"
            try:
                samples = codec.decode(pkt.payload)
            except ValueError:
                continue  # the session drops it as malformed
            placed = tracker.accept(pkt, ("127.0.0.1", 5004), mono, len(samples))
        except RtpDrop as d:
            assert d.kind and str(d)
            continue
        jitter.push(placed.ext_seq, placed.ext_ts, pkt.timestamp, samples, NOW + i, mono, placed.restart)
        for chunk in jitter.pop(mono):
            assert chunk is not None
    jitter.pop(1e9, flush=True)


@given(st.dictionaries(st.sampled_from(OSMAND_KEYS), NUMBERISH, max_size=10)
       | st.dictionaries(NASTY_TEXT, NASTY_TEXT, max_size=6))
def osmand_query(params: dict) -> None:
    """A device's query string (OsmAnd protocol)."""
    try:
        report = parse_report(params, NOW)
    except Malformed as e:
        assert str(e)
        return
    assert report.device_id and -90 <= report.lat <= 90 and -180 <= report.lon <= 180


@given(JSON | tweaked({"device_id": "D3", "location": {"timestamp": "2026-11-21T00:00:00Z",
                                                         "coords": {"latitude": 32.6, "longitude": -115.4}}}))
def osmand_json(body: object) -> None:
    """Traccar Client's JSON body, flattened then parsed as the query would be."""
    try:
        report = parse_report(flatten_json(body), NOW)
    except Malformed as e:
        assert str(e)
        return
    assert report.device_id


@given(JSON | tweaked(forwarded("alarm", 32.6, -115.4, "2026-11-30T21:00:05.000+00:00", alarm="sos")))
def traccar_event(body: object) -> None:
    """Traccar's forwarded event JSON: a report, 'nothing to store', or Malformed; its health part."""
    try:
        report, why = parse_event(body, NOW)
    except Malformed as e:
        assert str(e)
        return
    assert report is not None or why
    with contextlib.suppress(Malformed):  # health is a second reading of the same body
        health_event(body)


def _webhook(values: object) -> dict:
    return {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
        {"field": "messages", "value": values}]}]}


MESSAGE = {"messaging_product": "whatsapp", "contacts": [{"wa_id": "5216861112233",
                                                           "profile": {"name": "Ana"}}],
           "messages": [{"from": "5216861112233", "id": "wamid.X", "timestamp": "1795300000",
                         "type": "text", "text": {"body": "ayuda S3"}}]}


@given(JSON | tweaked(MESSAGE).map(_webhook) | JSON.map(_webhook))
def whatsapp_webhook(body: object) -> None:
    """Meta's webhook notification."""
    try:
        messages, statuses, problems = whatsapp.parse_notification(body)
    except whatsapp.Malformed as e:
        assert str(e)
        return
    assert all(isinstance(p, str) for p in problems)
    assert len(messages) + len(statuses) + len(problems) >= 0


CSV_COLUMNS = ("imei", "folio", "nombre")


@given(st.binary(max_size=600) | st.lists(st.lists(NASTY_TEXT, max_size=4), max_size=5).map(
    lambda rows: "\n".join([",".join(CSV_COLUMNS)] + [",".join(r) for r in rows]).encode()))
@example(b"imei,folio,nombre\n\"1,2\n")  # an unterminated quote
@example(b"\xef\xbb\xbfimei,folio,nombre\n1,2,3\n")  # the spreadsheet's byte-order mark
def csv_import(data: bytes) -> None:
    """The one CSV reader of the seed, the registry import and the command line."""
    try:
        rows = parse_csv(data, CSV_COLUMNS, "devices.csv")
    except BadFile as e:
        assert "no row of devices.csv imported" in str(e)
        return
    assert rows and all(isinstance(n, int) for n, _ in rows)


def test_rtp_stream():
    budget.run(rtp_stream)


def test_osmand_query():
    budget.run(osmand_query)


def test_osmand_json():
    budget.run(osmand_json)


def test_traccar_event():
    budget.run(traccar_event)


def test_whatsapp_webhook():
    budget.run(whatsapp_webhook)


def test_csv_import():
    budget.run(csv_import)


def test_a_json_strategy_reaches_past_the_first_check():
    """The generators are worth their time only if valid-looking messages pass the first
    checks: a real Traccar event and a real webhook parse."""
    report, _ = parse_event(forwarded("alarm", 32.6, -115.4, "2026-11-30T21:00:05.000+00:00",
                                      alarm="sos"), NOW)
    assert report is not None and report.is_sos
    messages, _, problems = whatsapp.parse_notification(json.loads(json.dumps(_webhook(MESSAGE))))
    assert len(messages) == 1 and not problems
