"""The WhatsApp chat command: what she wrote (from the central's gateway) and the operators'
replies, on her incident's timeline (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from c4console.core.command_kit import Decision, Handler, Refused, find_incident, number, text_field
from c4console.core.domain_events import ChatReplied, DomainEvent, MediaReceived
from c4console.core.enums import Channel
from c4console.core.geo import valid_position
from c4console.core.models import TimelineEvent

CHAT_DIRECTIONS = ("in", "out")
CHAT_KINDS = ("text", "location", "image", "interactive", "button", "other")
MAX_CHAT_CHARS = 4096  # the Cloud API's limit for a text body
MAX_CHAT_BUTTONS = 3  # interactive reply buttons per message
MAX_BUTTON_CHARS = 20


def _buttons(cmd: Mapping[str, Any]) -> list[str]:
    raw = cmd.get("buttons")
    if raw is None:
        return []
    if (not isinstance(raw, list) or len(raw) > MAX_CHAT_BUTTONS
            or not all(isinstance(b, str) and 0 < len(b.strip()) <= MAX_BUTTON_CHARS for b in raw)):
        raise Refused("bad_command", f"field 'buttons' must be a list of at most {MAX_CHAT_BUTTONS} "
                                      f"titles of 1 to {MAX_BUTTON_CHARS} characters")
    return [b.strip() for b in raw]


def _chat_message(cmd, incidents, units, ctx) -> Decision:
    """One WhatsApp message of an incident's conversation, in (from her) or out (a reply).

    It becomes a ``chat_message`` event. An inbound shared location places the incident:
    its confirmed location if it had none (with sector, cuadrante and colonia), else its
    live position (both are shown; a later location never silently replaces the first).
    ``sector`` (from a QR poster's prefilled text) places an incident that has no sector
    yet. Idempotency on ``wa_message_id`` is the command key (the gateway derives it).
    A reply is announced as :class:`ChatReplied` (for the gateway to send), her media as
    :class:`MediaReceived` (to download).
    """
    inc = find_incident(cmd, incidents)
    direction = cmd.get("direction")
    if direction not in CHAT_DIRECTIONS:
        raise Refused("bad_command", "field 'direction' must be 'in' or 'out'")
    kind = cmd.get("kind", "text")
    if kind not in CHAT_KINDS:
        raise Refused("bad_command", f"field 'kind' must be one of {', '.join(CHAT_KINDS)}")
    if inc.channel is not Channel.WHATSAPP:
        raise Refused("not_whatsapp", f"incident {inc.folio} did not come by WhatsApp")
    text = text_field(cmd, "text", required=direction == "out" and kind == "text", limit=MAX_CHAT_CHARS)
    data: dict[str, Any] = {"direction": direction, "kind": kind}
    for name in ("wa_message_id", "media_id", "name", "mime_type", "wa_timestamp"):
        value = text_field(cmd, name, required=False, limit=300)
        if value:
            data[name] = value
    if direction == "out":
        if not inc.is_open:
            raise Refused("terminal", f"incident {inc.folio} is {inc.status.value}")
        if kind not in ("text", "interactive"):
            raise Refused("bad_command", "a reply is a text, or an interactive message with buttons")
        buttons = _buttons(cmd)
        if kind == "interactive" and not buttons:
            raise Refused("bad_command", "an interactive reply needs 'buttons'")
        if buttons:
            data["buttons"] = buttons
    new = inc
    lat, lon = number(cmd, "lat"), number(cmd, "lon")
    if kind == "location":
        if lat is None or lon is None or not valid_position(lat, lon):
            raise Refused("bad_command", "a location needs valid WGS84 'lat' and 'lon'")
        data.update(lat=lat, lon=lon)
        if direction == "in" and new.lat is None:
            place = ctx.locate(lat, lon)
            new = new.evolve(lat=lat, lon=lon, **({"sector": place.sector,
                                                    "cuadrante": place.cuadrante,
                                                    "colonia": place.colonia} if place else {}))
        elif direction == "in":
            new = new.evolve(live_lat=lat, live_lon=lon, live_at=ctx.now)
    sector = text_field(cmd, "sector", required=False, limit=20)
    if sector and direction == "in":
        data["sector"] = sector
        if not new.sector:
            new = new.evolve(sector=sector)
    changed = [new.evolve(updated_at=ctx.now)] if new is not inc else []
    ev = TimelineEvent(id=ctx.new_id(), incident_id=inc.id, at=ctx.now, kind="chat_message",
                       actor=ctx.actor, text=text, data=data)
    return Decision(True, incidents=changed, events=[ev], domain_events=_announced(ev, inc.caller))


def _announced(ev: TimelineEvent, caller: str) -> list[DomainEvent]:
    """What others act on in a chat message: a reply to send, or her media to download."""
    data = ev.data or {}
    if data["direction"] == "out":
        return [ChatReplied(ev.id, ev.incident_id, caller, ev.text, tuple(data.get("buttons", ())),
                            data.get("wa_message_id", ""))]
    if data.get("media_id"):
        return [MediaReceived(ev.id, ev.incident_id, data["media_id"], data.get("mime_type", ""))]
    return []


HANDLERS: dict[str, Handler] = {"chat_message": _chat_message}
