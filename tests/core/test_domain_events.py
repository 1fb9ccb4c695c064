"""Decisions carry typed domain events (what the gateways act on), and a command's answer is
one typed result whose JSON is the protocol's."""

from __future__ import annotations

import itertools

from c4console.core.alarms import panic_activation
from c4console.core.command_result import CommandResult
from c4console.core.commands import Context, decide
from c4console.core.domain_events import ChatReplied, MediaReceived, PanicActivated
from c4console.core.enums import Channel, IncidentStatus, Priority
from c4console.core.models import Beneficiary, Device, Incident
from c4console.resources import load_catalogue

CAT = load_catalogue()


def ctx(now: float = 1000.0) -> Context:
    counter = itertools.count(1)
    return Context(now=now, actor="op1", new_id=lambda: f"id{next(counter)}", catalogue=CAT,
                   next_folio=lambda: "C4-TEST-00001")


def whatsapp_incident(**kw) -> Incident:
    base = dict(id="w1", folio="F-W1", type_code=CAT.default_for(Channel.WHATSAPP).code,
                priority=Priority.ALTA, channel=Channel.WHATSAPP, status=IncidentStatus.NEW,
                created_at=900.0, caller="+5216861234567")
    base.update(kw)
    return Incident(**base)


def test_a_new_panic_activation_is_announced_and_a_repeat_is_not():
    device = Device("D42", "panic", beneficiary_id="B42")
    her = Beneficiary("B42", "María López", address="Calle Uno 12")
    first = panic_activation(device, her, 32.62, -115.45, {}, ctx())
    (inc,) = first.incidents
    assert first.domain_events == [PanicActivated(inc.id, inc.folio, "B42", "D42", 1000.0,
                                                  32.62, -115.45, test=False)]
    repeat = panic_activation(device, her, 32.63, -115.44, {inc.id: inc}, ctx(now=1010.0))
    assert repeat.accepted and repeat.domain_events == []
    nobody = panic_activation(Device("D9", "panic"), None, 32.62, -115.45, {}, ctx())
    assert nobody.domain_events[0].beneficiary_id is None


def test_a_reply_is_announced_with_the_number_to_send_to_and_her_media_for_download():
    incidents = {"w1": whatsapp_incident()}
    reply = decide({"key": "k1", "type": "chat_message", "incident_id": "w1", "direction": "out",
                    "kind": "interactive", "text": "¿Está a salvo?", "buttons": ["Sí", "No"]},
                   incidents, {}, ctx())
    (ev,) = reply.events
    assert reply.domain_events == [ChatReplied(ev.id, "w1", "+5216861234567", "¿Está a salvo?",
                                               ("Sí", "No"))]
    photo = decide({"key": "k2", "type": "chat_message", "incident_id": "w1", "direction": "in",
                    "kind": "image", "media_id": "M1", "mime_type": "image/jpeg"}, incidents, {}, ctx())
    (ev,) = photo.events
    assert photo.domain_events == [MediaReceived(ev.id, "w1", "M1", "image/jpeg")]
    text = decide({"key": "k3", "type": "chat_message", "incident_id": "w1", "direction": "in",
                   "kind": "text", "text": "Hola"}, incidents, {}, ctx())
    assert text.accepted and text.domain_events == []
    refused = decide({"key": "k4", "type": "chat_message", "incident_id": "w1", "direction": "out",
                      "kind": "text"}, incidents, {}, ctx())
    assert not refused.accepted and refused.domain_events == []


def test_command_results_keep_the_protocols_json():
    assert CommandResult.accepted("k1", 17).to_wire() == {"key": "k1", "outcome": "accepted",
                                                          "seq": 17}
    rejected = CommandResult.rejected("k2", "not_found", "incident x does not exist")
    assert rejected.to_wire() == {"key": "k2", "outcome": "rejected", "reason": "not_found",
                                  "message": "incident x does not exist"}
    assert list(rejected.to_wire()) == ["key", "outcome", "reason", "message"]
    again = CommandResult.duplicate("k1", CommandResult("k1", "accepted", seq=17, reason="",
                                                        message=""))
    assert again.to_wire() == {"key": "k1", "outcome": "duplicate",
                               "original": {"outcome": "accepted", "seq": 17}}
    assert CommandResult.duplicate("k2", rejected).to_wire()["original"] == {
        "outcome": "rejected", "reason": "not_found", "message": "incident x does not exist"}
