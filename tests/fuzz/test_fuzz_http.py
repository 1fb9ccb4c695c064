"""Fuzz targets at a real central over HTTP: every gateway and import that takes bytes from
outside answers each request with a status below 500, and the central logs no exception.
Budget and corpus: tests/fuzz/budget.py (`make fuzz` runs them longer)."""

from __future__ import annotations

import json
import logging
from urllib.parse import quote, urlencode

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from c4console.central.gateways.sms import DLR_PATH
from c4console.central.gateways.traccar import PATH as TRACCAR_PATH
from c4console.central.gateways.whatsapp import WEBHOOK_PATH
from c4console.central.gateways.whatsapp_client import SIGNATURE_HEADER, signature
from tests.central.test_traccar import AUTH as TRACCAR_AUTH
from tests.central.test_traccar import forwarded
from tests.central.whatsapp_fake import APP_SECRET
from tests.fuzz import budget
from tests.fuzz.central_thread import CentralThread, CrashLog, headers_ok, request
from tests.fuzz.strategies import JSON, NASTY_TEXT, NUMBERISH, tweaked
from tests.fuzz.test_fuzz_parsers import MESSAGE, OSMAND_KEYS, _webhook

BODIES = st.binary(max_size=2000) | JSON.map(lambda v: json.dumps(v).encode())


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    crashes = CrashLog()
    logging.getLogger().addHandler(crashes)
    node = CentralThread(tmp_path_factory.mktemp("fuzz-central")).start()
    try:
        yield node, crashes
    finally:
        node.stop()
        logging.getLogger().removeHandler(crashes)


@pytest.fixture(autouse=True)
def _fresh_crash_log(central):
    central[1].records.clear()  # each target answers for its own crashes


def _no_5xx(status: int, what: str) -> None:
    assert status < 500, f"{what}: HTTP {status}"


def _after(crashes: CrashLog) -> None:
    assert not crashes.crashes(), crashes.crashes()


def test_osmand_gateway(central):
    node, crashes = central

    @given(st.dictionaries(st.sampled_from(OSMAND_KEYS), NUMBERISH, max_size=10)
           | st.dictionaries(NASTY_TEXT, NASTY_TEXT, max_size=5),
           st.sampled_from(["GET", "POST"]), BODIES,
           st.sampled_from(["application/json", "application/x-www-form-urlencoded", "text/plain", ""]))
    @example({"id": "861234560000042", "lat": "32.6", "lon": "-115.4", "alarm": "sos"}, "GET", b"", "")
    # Found by `make fuzz`: a form body that is not UTF-8 was a 500 (osmand._params).
    @example({}, "POST", b"\xb6", "application/x-www-form-urlencoded")
    def one(params, method, body, content_type):
        query = urlencode(params, quote_via=quote)
        status = request(node.gateway, method, f"/?{query}", body if method == "POST" else None,
                         headers_ok({"Content-Type": content_type}))
        _no_5xx(status, f"OsmAnd {method} ?{query[:200]}")

    budget.run(one)
    _after(crashes)


def test_traccar_gateway(central):
    node, crashes = central
    real = forwarded("alarm", 32.6, -115.4, "2026-11-30T21:00:05.000+00:00", alarm="sos")

    @given(BODIES | tweaked(real).map(lambda v: json.dumps(v).encode()),
           st.sampled_from([TRACCAR_AUTH, {}, {"Authorization": "Bearer x"}])
           | st.builds(lambda v: {"Authorization": v}, NASTY_TEXT))
    def one(body, auth):
        status = request(node.api, "POST", TRACCAR_PATH, body,
                         headers_ok({**auth, "Content-Type": "application/json"}))
        _no_5xx(status, f"Traccar {body[:200]!r}")

    budget.run(one)
    _after(crashes)


def test_whatsapp_webhook(central):
    node, crashes = central

    @given(BODIES | (tweaked(MESSAGE).map(_webhook) | JSON.map(_webhook)).map(
        lambda v: json.dumps(v).encode()), st.booleans(), NASTY_TEXT)
    @example(b"{}", False, "sha256=\u00e9\u00e9")  # point 17: a non-ASCII signature
    def one(body, signed, header):
        value = f"sha256={signature(APP_SECRET, body).removeprefix('sha256=')}" if signed else header
        status = request(node.api, "POST", WEBHOOK_PATH, body,
                         headers_ok({SIGNATURE_HEADER: value, "Content-Type": "application/json"}))
        _no_5xx(status, f"WhatsApp webhook {body[:200]!r}")

    budget.run(one)
    _after(crashes)


def test_kannel_delivery_reports(central):
    node, crashes = central

    @given(st.dictionaries(st.sampled_from(["msg", "status", "smsc", "ts", "answer"]) | NASTY_TEXT,
                           NUMBERISH | NASTY_TEXT, max_size=6))
    def one(params):
        query = urlencode(params, quote_via=quote)
        _no_5xx(request(node.gateway, "GET", f"{DLR_PATH}?{query}"), f"Kannel DLR ?{query[:200]}")

    budget.run(one)
    _after(crashes)


def test_device_csv_import(central):
    node, crashes = central
    header = b"imei,folio,beneficiary_id,estado,entregado,phone\n"

    @given(st.binary(max_size=3000) | st.binary(max_size=1000).map(lambda b: header + b)
           | st.lists(st.lists(NASTY_TEXT, max_size=6), max_size=6).map(
               lambda rows: header + "\n".join(",".join(r) for r in rows).encode()),
           NASTY_TEXT)
    def one(body, filename):
        status = request(node.api, "POST", f"/api/v1/devices/import?{urlencode({'filename': filename})}",
                         body, {"Authorization": f"Bearer {node.supervisor_token}",
                                "Content-Type": "text/csv"})
        _no_5xx(status, f"device import {body[:200]!r}")

    budget.run(one)
    _after(crashes)


def test_login_bodies(central):
    node, crashes = central

    @given(BODIES | st.fixed_dictionaries({"username": NASTY_TEXT, "password": NASTY_TEXT}).map(
        lambda v: json.dumps(v).encode()))
    def one(body):
        status = request(node.api, "POST", "/api/v1/auth/login", body, {"Content-Type": "application/json"})
        _no_5xx(status, f"login {body[:200]!r}")

    budget.run(one)
    _after(crashes)
