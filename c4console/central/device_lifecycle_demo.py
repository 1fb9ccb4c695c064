"""The demo's device stock (``c4central serve --demo``, after the registry seed and the
demo's cases): a believable programme — of the 200 demo devices, the 144 the registry says
were delivered are in use (the import gave them that life), and of the 56 not delivered
some are requested for their woman and some of those approved after her case analysis
(her risk from her case), the rest in stock. Through the same commands a supervisor sends,
signed by the demo supervisor; fixed keys, so a demo central started again on the same
database answers them ``duplicate`` and changes nothing.
"""

from __future__ import annotations

import logging

from c4console.central.service import Service
from c4console.core.cases.registry_link import case_id_for
from c4console.core.device_lifecycle import LifeState

log = logging.getLogger(__name__)

DEMO_ACTOR = "demo"
DEMO_ROLE = "supervisor"
REQUESTED = 20  # of the devices not delivered, these are requested for their woman …
APPROVED = 8  # … and of those, these approved after her case analysis


async def seed_demo_stock(service: Service) -> None:
    """Request and approve some of the demo's undelivered devices (see the module)."""
    def undelivered(tx):
        # The same devices at every start (their commands' keys are fixed): registered to a
        # woman, never delivered, and not moved by anyone but this seed.
        out = []
        for device_id in sorted(tx.view("device_lifecycle")):
            life = tx.get("device_lifecycle", device_id)
            device = tx.get("device", device_id)
            if (device is not None and device.beneficiary_id and not device.delivered_on
                    and life.life_state in (LifeState.IN_STOCK, LifeState.REQUESTED,
                                            LifeState.APPROVED)):
                out.append((device_id, device.beneficiary_id))
        return out

    stock = await service.write(undelivered)
    commands = []
    for n, (device_id, bid) in enumerate(stock[:REQUESTED]):
        commands.append({"key": f"demo-life-request-{device_id}", "type": "request_device",
                         "device_id": device_id, "beneficiary_id": bid,
                         "note": "Solicitud de la Fiscalía Especializada (demo)"})
        if n < APPROVED:
            commands.append({"key": f"demo-life-approve-{device_id}", "type": "approve_device",
                             "device_id": device_id, "case_id": case_id_for(bid)})
    if not commands:
        return
    results = await service.submit(commands, actor=DEMO_ACTOR, role=DEMO_ROLE,
                                   workstation="demo")
    refused = [r for r in results if r.outcome == "rejected"]
    for r in refused[:5]:
        log.warning("demo stock: %s refused: %s", r.key, r.message)
    log.info("demo stock: %d devices requested, %d approved (%d refused)",
             min(len(stock), REQUESTED), min(len(stock), APPROVED), len(refused))
