"""Call answered → call-taker's form with her history on screen, and the keyboard cost of a
scripted 911 call beside the panic-alarm path (issue 11).

A real central (subprocess, SQLite, the demo with its prior incidents, a telephony service
account for the PBX) and a real console session (offscreen, with the map) in this process.

- ``screen_pop_to_form``: for each of N screen pops posted as the PBX posts them (numbers of
  demo women with history), from the POST's start to the form shown with the history drawn
  (``CallTaker.formShown``; the history is drawn before the form is shown), and from the
  feed's change arriving at the console (``StateBridge.on_changes``) to the same moment.
- Floor in the same run: another operator's ``create_incident`` posted → its row in this
  console's queue, from the POST and from the change's arrival (the plain change → queue row
  path).
- ``scripted_call``: a screen pop, then the operator's keys on the form — address, Tab, type,
  Alt+N, narrative, Enter, F4 — counted, with the machine's time from the pop to the unit
  dispatched at the central; beside it the panic alarm's path (F2, F4). Operator seconds are
  estimated with the Keystroke-Level Model (Card, Moran & Newell: 0.28 s a keystroke for an
  average typist, 1.35 s of mental preparation per field or decision), stated as such.
Target (issue 11): p99 call answered → form with history ≤ 100 ms.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from benchmarks.stats import summary_ms
from c4console.demo.accounts import DEMO_OPERATOR, DEMO_PASSWORD
from c4console.gui.shell.cli_args import parse_args
from c4console.gui.shell.qt_loop import reusable_loop
from c4console.gui.shell.session import ConsoleSession
from c4console.resources import RESOURCES
from c4console.sync.processes import EmbeddedCentral

CALLS = int(os.environ.get("C4_BENCH_CALLS", "100"))
PBX, PBX_PASSWORD = "conmutador-bench", "bench-pbx-c4"
KEYSTROKE_S, MENTAL_S = 0.28, 1.35  # KLM: average typist; mental preparation


def _phones() -> list[str]:
    import csv

    with open(RESOURCES / "demo" / "beneficiaries.csv", encoding="utf-8") as f:
        return [r["phone"] for r in csv.DictReader(f)]


async def _token(s: aiohttp.ClientSession, api: str, user: str, password: str) -> str:
    async with s.post(f"{api}/api/v1/auth/login",
                      json={"username": user, "password": password}) as r:
        return (await r.json())["token"]


async def _pop(s, api: str, token: str, number: str) -> str:
    call_id = f"bench.{uuid.uuid4().hex[:12]}"
    async with s.post(f"{api}/api/v1/calls", headers={"Authorization": f"Bearer {token}"},
                      json={"call_id": call_id, "number": number, "agent": DEMO_OPERATOR,
                            "answered_at": time.time()}) as r:
        assert r.status == 201, await r.text()
    return call_id


async def _wait(pred, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark condition not met")
        await asyncio.sleep(0.001)


async def _activate(qapp, widget) -> None:
    widget.show()
    widget.activateWindow()
    await _wait(lambda: qapp.activeWindow() is widget, 5)


async def _session(qapp, api: str, data_dir: Path) -> ConsoleSession:
    secret = data_dir.with_name("password")
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text(DEMO_PASSWORD + "\n", encoding="utf-8")
    session = ConsoleSession(qapp, parse_args([
        "--server", api, "--data-dir", str(data_dir), "--operator", DEMO_OPERATOR,
        "--user", DEMO_OPERATOR, "--password-file", str(secret)]), data_dir)
    await session.start()
    return session


async def _pops_and_floor(qapp, win, api: str) -> dict:
    taker, bridge = win.call_taker, win.bridge
    arrived: dict[str, float] = {}
    shown: dict[str, float] = {}
    rows: dict[str, float] = {}
    original = bridge.on_changes

    def on_changes(applied) -> None:  # the feed's change reaches the console
        now = time.perf_counter()
        for ch in applied:
            arrived.setdefault(ch.id, now)
        original(applied)

    bridge.on_changes = on_changes  # the engine calls its listener's method by name

    def on_shown(form) -> None:
        if form.call_id and form.history.summary.text():
            shown.setdefault(form.call_id, time.perf_counter())

    def on_touched(t) -> None:
        now = time.perf_counter()
        for iid in t.incidents:
            if iid.startswith("bench-") and win.queue_model.row_of(iid) >= 0:
                rows.setdefault(iid, now)

    taker.formShown.connect(on_shown)
    bridge.touched.connect(on_touched)
    phones = _phones()
    post_form, feed_form, post_row, feed_row = [], [], [], []
    async with aiohttp.ClientSession() as s:
        pbx = await _token(s, api, PBX, PBX_PASSWORD)
        other = await _token(s, api, "operadora2", DEMO_PASSWORD)
        for n in range(CALLS):
            t0 = time.perf_counter()
            cid = await _pop(s, api, pbx, phones[n % len(phones)])
            await _wait(lambda cid=cid: cid in shown)
            post_form.append(shown[cid] - t0)
            feed_form.append(shown[cid] - arrived[cid])
            form = taker.forms.get(cid)
            if form is not None:
                form.reject()  # nothing typed: closes at once
            iid = f"bench-{uuid.uuid4().hex[:12]}"
            t0 = time.perf_counter()
            async with s.post(f"{api}/api/v1/commands",
                              headers={"Authorization": f"Bearer {other}"},
                              json={"workstation": "bench", "commands": [{
                                  "key": str(uuid.uuid4()), "type": "create_incident",
                                  "incident_id": iid, "channel": "call_911",
                                  "lat": 32.6247, "lon": -115.4519}]}) as r:
                assert r.status == 200
            await _wait(lambda iid=iid: iid in rows)
            post_row.append(rows[iid] - t0)
            feed_row.append(rows[iid] - arrived[iid])
            await asyncio.sleep(0.01)
    bridge.on_changes = original
    return {"screen_pop_post_to_form_with_history_ms": summary_ms(post_form),
            "feed_change_to_form_with_history_ms": summary_ms(feed_form),
            "floor_command_post_to_queue_row_ms": summary_ms(post_row),
            "floor_feed_change_to_queue_row_ms": summary_ms(feed_row)}


async def _scripted(qapp, win, api: str, osmand: str) -> dict:
    """The 911 call by keyboard, then the panic alarm's path, each to dispatched."""
    keys = {"address": "uxmal 120", "type": "violencia fam",
            "narrative": "Vecina escucha gritos y golpes"}
    async with aiohttp.ClientSession() as s:
        pbx = await _token(s, api, PBX, PBX_PASSWORD)
        t0 = time.perf_counter()
        cid = await _pop(s, api, pbx, "+52 686 555 0199")
        await _wait(lambda: cid in win.call_taker.forms)
        form = win.call_taker.forms[cid]
        await _activate(qapp, form)
        strokes = 0
        QTest.keyClicks(form.location, keys["address"])
        QTest.keyClick(form.location, Qt.Key.Key_Tab)  # → Tipo
        QTest.keyClicks(qapp.focusWidget(), keys["type"])
        QTest.keyClick(form, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # → Narrativa
        QTest.keyClicks(qapp.focusWidget(), keys["narrative"])
        iid = form.incident_id
        QTest.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)  # save
        strokes = sum(len(v) for v in keys.values()) + 3
        await _wait(lambda: win.queue.current_incident() == iid)
        await _activate(qapp, win)
        QTest.keyClick(win, Qt.Key.Key_F4)
        strokes += 1
        await _wait(lambda: (i := win.state.incidents.get(iid)) is not None and i.unit_id)
        call_s = time.perf_counter() - t0
        # The panic alarm: F2 (the new alarm), F4 (acknowledge and dispatch).
        t0 = time.perf_counter()
        async with s.get(osmand + "/", params={"id": "861234562249063", "lat": 32.648341,
                                               "lon": -115.490097, "timestamp": int(time.time()),
                                               "alarm": "sos"}) as r:
            assert r.status == 200
        panic = None

        def new_panic():
            nonlocal panic
            panic = next((i for i in win.state.incidents.values()
                          if i.device_id == "861234562249063" and i.is_open), None)
            return panic is not None

        await _wait(new_panic)
        QTest.keyClick(win, Qt.Key.Key_F2)
        QTest.keyClick(win, Qt.Key.Key_F4)
        await _wait(lambda: win.state.incidents[panic.id].unit_id)
        panic_s = time.perf_counter() - t0
    fields = 4  # address, type, narrative, the dispatch decision
    return {
        "call_911": {"keystrokes": strokes, "typed": keys,
                     "operator_seconds_klm": round(strokes * KEYSTROKE_S + fields * MENTAL_S, 1),
                     "machine_seconds_pop_to_dispatched": round(call_s, 3)},
        "panic_alarm": {"keystrokes": 2,
                        "operator_seconds_klm": round(2 * KEYSTROKE_S + 2 * MENTAL_S, 1),
                        "machine_seconds_alarm_to_dispatched": round(panic_s, 3)},
        "klm": {"keystroke_s": KEYSTROKE_S, "mental_preparation_s": MENTAL_S},
    }


def run(qapp) -> dict:
    """Run both measurements on one central and console; returns their figures."""
    loop = reusable_loop(qapp)
    asyncio.set_event_loop(loop)
    tmp = Path(tempfile.mkdtemp(prefix="c4bench-calls-"))
    secret = tmp / "pbx.password"
    secret.write_text(PBX_PASSWORD + "\n", encoding="utf-8")
    secret.chmod(0o600)
    central = EmbeddedCentral(tmp / "central", demo=True, extra_args=[
        "--bootstrap-user", f"{PBX}:telephony", "--bootstrap-password-file", str(secret)])
    ep = loop.run_until_complete(central.start_and_wait())
    session = None
    try:
        session = loop.run_until_complete(_session(qapp, ep.api, tmp / "console"))
        win = session.window
        loop.run_until_complete(_wait(lambda: len(win.state.units) >= 12, 15))
        # The scripted call first: F2 then finds the panic alarm as the only new one.
        scripted = loop.run_until_complete(_scripted(qapp, win, ep.api, ep.osmand))
        pops = loop.run_until_complete(_pops_and_floor(qapp, win, ep.api))
    finally:
        if session is not None:
            loop.run_until_complete(session.stop())
            session.window.close()
        central.stop()
    return {**pops, "scripted_call": scripted,
            "measured": "form shown = CallTaker.formShown with the history section drawn",
            "target": {"screen_pop_to_form_p99_ms": 100}}
