"""The OpenAPI document against a live central: schemathesis generates requests for every
JSON operation (a few dozen each, logged in) and checks that none gets a 5xx and every
answer conforms to the document (status, content type, body schema)."""

from __future__ import annotations

import json
import urllib.request

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from c4console.central.openapi import document
from tests.central.nodes import start_node, wait_ready

EXAMPLES = 30
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
# /stream is a WebSocket (tests/central/test_feed.py); logout would revoke the token the
# other operations use (tests/central/test_auth.py covers it).
SKIP = {"GET /api/v1/stream", "POST /api/v1/auth/logout"}


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """A demo central subprocess and a token of the demo operator."""
    folder = tmp_path_factory.mktemp("openapi")
    node = wait_ready(folder, start_node(folder, "--db", f"sqlite:///{folder / 'c.sqlite'}", "--demo"))
    request = urllib.request.Request(f"{node.api}/api/v1/auth/login", method="POST",
                                     data=json.dumps({"username": "supervisora1",
                                                      "password": "demo-c4"}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        token = json.load(answer)["token"]
    yield node, token
    node.stop()
    log = node.log.read_text()
    assert "Traceback" not in log, log[-3000:]


def test_the_served_document_is_the_module_and_is_openapi_3_1(live):
    node, _ = live
    with urllib.request.urlopen(f"{node.api}/api/v1/openapi.json", timeout=10) as r:
        served = json.load(r)
    assert served == document() and served["openapi"] == "3.1.0"
    operations = {f"{m.upper()} {p}" for p, item in served["paths"].items() for m in item}
    assert operations >= {"POST /api/v1/auth/login", "GET /api/v1/incidents", "GET /api/v1/incidents/{id}",
                          "GET /api/v1/units", "GET /api/v1/devices", "POST /api/v1/commands",
                          "GET /api/v1/changes", "GET /api/v1/stream", "GET /api/v1/health"}


def _operations() -> list[str]:
    return sorted(f"{m.upper()} {p}" for p, item in document()["paths"].items() for m in item
                  if f"{m.upper()} {p}" not in SKIP)


def _fuzz(live, label: str, mode: GenerationMode, checks: list) -> None:
    node, token = live
    schema = schemathesis.openapi.from_url(f"{node.api}/api/v1/openapi.json")
    operation = schema.find_operation_by_label(label)
    assert operation is not None, label
    headers = {"Authorization": f"Bearer {token}"}

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        case.call_and_validate(base_url=node.api, headers=headers, checks=checks)

    check()


@pytest.mark.parametrize("label", _operations())
def test_generated_requests_get_documented_answers_and_no_5xx(live, label):
    _fuzz(live, label, GenerationMode.POSITIVE, CHECKS)


@pytest.mark.parametrize("label", [op for op in _operations() if not op.endswith(("/health", ".json"))])
def test_requests_that_break_the_document_get_no_5xx(live, label):
    # Wrong types, missing fields, out-of-range numbers: refused with a reason, never a crash.
    _fuzz(live, label, GenerationMode.NEGATIVE, [not_a_server_error, status_code_conformance])
