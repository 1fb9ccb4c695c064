"""Queue with 10,000 open incidents: apply one change, and re-sort.

Targets (issue 2): one change ≤ 5 ms, re-sort ≤ 50 ms. The floor beside them is a
bare ``dict`` update + ``list.sort`` of the same keys, measured in the same run.
"""

from __future__ import annotations

import random
import time

from PySide6.QtCore import Qt

from benchmarks.stats import summary_ms
from c4console.core.changes import Change
from c4console.gui.incidents.queue_model import Col, IncidentQueueModel, default_key
from c4console.gui.incidents.queue_panel import QueuePanel
from c4console.resources import load_catalogue
from c4console.sync.state import ConsoleState

N = 10_000
CODES = {"30903": "ALTA", "30702": "MEDIA", "60207": "BAJA"}


def _change(seq: int, iid: str, rng: random.Random, status: str = "new") -> Change:
    code = rng.choice(list(CODES))
    return Change(seq, float(seq), "incident", iid, "upsert", {
        "id": iid, "folio": f"C4-{seq:06d}", "type_code": code, "priority": CODES[code],
        "channel": "panic_button", "status": status, "created_at": 1e9 + rng.random() * 1e5,
        "sector": f"S{rng.randint(1, 6)}", "colonia": "Centro"})


def run(qapp) -> dict:
    """Measure on a model shown in a real (offscreen) queue panel."""
    rng = random.Random(1)
    cat = load_catalogue()
    state = ConsoleState(cat, "bench")
    state.apply_changes([_change(i + 1, f"i{i}", rng) for i in range(N)])
    model = IncidentQueueModel(state, cat)
    panel = QueuePanel(model)
    panel.resize(1200, 800)
    panel.show()
    t0 = time.perf_counter()
    model.reset_from_state()
    qapp.processEvents()
    load_s = time.perf_counter() - t0

    # Two in three changes update an existing incident (status, unit), one in
    # three is a new incident; one in ten closes one (its row moves).
    change_s: list[float] = []
    paint_s: list[float] = []
    seq = N
    for k in range(300):
        seq += 1
        if k % 3 == 0:
            ch = _change(seq, f"new{k}", rng)
        else:
            old = state.incidents[f"i{rng.randrange(N)}"].to_wire()
            old["status"] = "closed" if k % 10 == 1 else rng.choice(["acknowledged", "dispatched"])
            ch = Change(seq, float(seq), "incident", old["id"], "upsert", old)
        t0 = time.perf_counter()
        touched = state.apply_changes([ch])
        model.refresh(touched.incidents)
        change_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        qapp.processEvents()  # the repaint, once per frame however many changes came
        paint_s.append(time.perf_counter() - t0)

    sort_s: list[float] = []
    sort_paint_s: list[float] = []
    for _ in range(3):
        for col in (Col.FOLIO, Col.PLACE, Col.ELAPSED, -1, Col.PRIORITY, Col.TYPE):
            t0 = time.perf_counter()
            model.sort(col, Qt.SortOrder.AscendingOrder)
            t1 = time.perf_counter()
            qapp.processEvents()
            sort_s.append(t1 - t0)
            sort_paint_s.append(time.perf_counter() - t1)

    # Floor: the same work with no Qt model at all.
    keys = {i.id: default_key(i) for i in state.all_incidents()}
    floor_change: list[float] = []
    for k in range(300):
        t0 = time.perf_counter()
        keys[f"i{k}"] = (False, k % 3, float(k), f"i{k}")
        floor_change.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    sorted(keys.values())
    floor_sort = time.perf_counter() - t0
    panel.close()
    return {
        "incidents": model.rowCount(),
        "initial_load_ms": round(load_s * 1000, 1),
        "apply_one_change_ms": summary_ms(change_s),
        "repaint_frame_ms": summary_ms(paint_s),
        "resort_ms": summary_ms(sort_s),
        "repaint_after_resort_ms": summary_ms(sort_paint_s),
        "floor_dict_update_ms": summary_ms(floor_change),
        "floor_plain_sort_ms": round(floor_sort * 1000, 3),
        "targets": {"apply_one_change_ms": 5, "resort_ms": 50},
    }
