"""Demo simulator: patrols, panic alarms and citizen reports for the demo jurisdiction.

A separate process (``python -m c4console.demo --api URL --osmand URL``) that talks to
a central only through the public protocol (docs/protocol.md): OsmAnd positions and
``alarm=sos`` for the devices, ``POST /api/v1/commands`` for the units' reports and
for 911/WhatsApp incidents, and the ``/api/v1/stream`` WebSocket to notice when an
operator dispatches one of its patrols.

Modules: :mod:`.data` (CSV loaders), :mod:`.patrols` (movement maths, pure),
:mod:`.activations` (what happens next and when, pure), :mod:`.client` (HTTP and
WebSocket), :mod:`.responses` (one unit answering one incident), :mod:`.simulator`
(orchestration).
"""
