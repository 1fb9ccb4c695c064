"""Issue 12's "done when" at the consoles, on a real central: an operator takes a 911 screen
pop and hands it to the specialist desk (Ctrl+T); the psychologist's console (a window of
desk and case, no dispatch tools) shows it on the desk with its origin, her name and a
waiting timer; Enter opens the intervention form beside her case; the central's refusal
(an end in the future) is shown in the form with everything kept; she records a
psychological intervention corrected to the 12–48 h category and schedules a WhatsApp
follow-up for tomorrow (Ctrl+S) — not on the desk today, on it on its day (the desk's clock
moved), flagged missed the day after; she refers her to the DIF (Canalizar) and the
letter's text (pdftotext) names it; a lawyer records a legal intervention on the same case;
the operator's console holds both without their notes, and none once her incident closes;
her case's BANAVIM record is exported, valid against the field map, and its folio recorded.
The form's own check of bad times: an end before the start, over 12 h."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import subprocess
import time

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtTest import QTest

from c4console.central.bootstrap import DEMO_PASSWORD
from c4console.core.banavim import validate
from c4console.core.specialists.timing import propose_timing
from c4console.gui.specialists.desk_actions import kinds_of
from c4console.gui.specialists.intervention_form import Episode, InterventionForm
from c4console.resources import load_banavim_field_map
from c4console.sync.processes import EmbeddedCentral
from tests.central.helpers import CentralAccess, client, key, password_file, post_commands
from tests.gui.console_harness import demo_devices, start_session, stop_session, until
from tests.gui.test_call_taker_end_to_end import PBX, PBX_PASSWORD, activate, screen_pop

ROW = 23  # a woman no other GUI test calls for
FOLIO = "BNV-2026-004321"
HOUR = 3600.0


@pytest.fixture
def desk_central(tmp_path):
    """The demo central (its desk accounts) with the PBX's telephony account."""
    secret = password_file(tmp_path / "pbx-secret", PBX_PASSWORD)
    proc = EmbeddedCentral(tmp_path / "central-data", demo=True, extra_args=[
        "--no-demo-history", "--bootstrap-user", f"{PBX}:telephony",
        "--bootstrap-password-file", str(secret)])
    endpoints = asyncio.run(proc.start_and_wait())
    yield CentralAccess(endpoints.api, endpoints.osmand, endpoints.pid, "operadora1",
                        DEMO_PASSWORD, password_file(tmp_path / "secrets", DEMO_PASSWORD))
    proc.stop()


def _at(day: dt.date, hour: int, minute: int = 0) -> float:
    return dt.datetime.combine(day, dt.time(hour, minute)).timestamp()


async def _send(user: str, api: str, command: str, **fields) -> dict:
    async with client(api, user, DEMO_PASSWORD) as s:
        (res,) = await post_commands(s, api, {"key": key(), "type": command, **fields})
        return res


def test_a_handed_call_reaches_the_desk_and_every_role_sees_what_it_may(qapp, qloop, desk_central,
                                                                        tmp_path):
    row = demo_devices()[ROW]
    hers = f"case-{row['beneficiary_id']}"
    api = desk_central.api
    field_map = load_banavim_field_map()

    async def scenario():
        op = await start_session(qapp, api, tmp_path / "op")
        psi = await start_session(qapp, api, tmp_path / "psi", user="psicologa1")
        w, p = op.window, psi.window
        try:
            # A psychologist's window: the desk and her case, not the dispatch tools.
            assert p.desk.dock.isVisible() and not w.findChild(type(p.desk.dock), "deskDock")
            for name in ("queueDock", "unitDock", "detailDock"):
                assert not p.findChild(type(p.desk.dock), name).isVisible(), name
            assert kinds_of("psicologa") == ["psicologica"] and kinds_of("abogada") == ["juridica"]

            # 1. The operator takes the 911 call for her and hands it over (Ctrl+T).
            await until(lambda: len(w.state.units) >= 12, 15, "units synced")
            call = await screen_pop(api, row["phone"])
            form = await until(lambda: w.call_taker.forms.get(call["id"]), 10, "the call form")
            await activate(qapp, form)
            QTest.keyClicks(form.location, "Uxmal 120")
            assert form.place is not None
            QTest.keyClicks(form.type_edit, "violencia fam")
            assert form.itype is not None and form.itype.code == "30503"
            form.victim_case.setChecked(True)
            QTest.keyClicks(form.narrative, "Llama llorando: su expareja la golpeo anoche")
            QTest.keyClick(form.narrative, Qt.Key.Key_Return)
            iid = form.incident_id
            assert iid, form.findChildren(type(form.location))
            await until(lambda: any(e.kind == "call_taken" and not e.id.startswith("pending-")
                                    for e in w.state.timeline(iid)), 15, "her incident")
            w.queue.select_incident(iid)
            assert w.current() == iid
            await activate(qapp, w)
            QTest.keyClick(w, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)

            # 2. On her desk: origin, her name, the desks, a timer that runs.
            panel = p.desk_actions.panel
            model = panel.model
            r = await until(lambda: next((x for x in model.rows if x.kind == "referral"
                                          and x.record.incident_id == iid), None), 20, "on the desk")
            n = model.rows.index(r)
            text = [model.index(n, c).data() for c in range(model.columnCount())]
            assert text[2] == f"Llamada 911 · {w.state.incident(iid).folio}", text
            assert text[3] == row["name"], text
            assert "psicológica" in text[4] and "jurídica" in text[4]
            p.desk_actions.set_clock(lambda: time.time() + 65)
            assert model.index(n, 1).data().startswith("1:0"), model.index(n, 1).data()
            p.desk_actions.set_clock(time.time)

            # 3. Enter: the form beside her case (Expedientes selects it).
            panel.select_key(f"referral:{r.record.id}")
            await activate(qapp, p)
            panel.table.setFocus()
            QTest.keyClick(panel.table, Qt.Key.Key_Return)
            f = await until(lambda: p.desk_actions.form, 5, "the intervention form")
            assert p.case_actions.panel.selected() == hers and p.cases_tool.dock.isVisible()
            assert [f.kind.itemData(i) for i in range(f.kind.count())] == ["psicologica"]
            assert f.episode_id() == iid and f.channel.currentData() == "llamada_911"
            assert f.timing.currentData() == "previa" and "Acompañamiento previo" in f.proposed.text()
            assert not f.video_link.isVisibleTo(f)
            f.timing.setCurrentIndex(f.timing.findData("12_48h"))  # she says: yesterday night
            f.timing.activated.emit(f.timing.currentIndex())
            f.notes.insertPlainText("Contención emocional; refiere miedo a regresar a casa")
            f.next_steps.insertPlainText("Llamar mañana por WhatsApp")
            f.outcome.setText("Estable, acepta canalización al DIF")
            opened = f.opened_at
            f.start.setDateTime(QDateTime.fromSecsSinceEpoch(int(opened - 60)))
            tomorrow = dt.date.today() + dt.timedelta(days=1)
            f.next.setChecked(True)
            f.next_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(_at(tomorrow, 10))))
            f.next_channel.setCurrentIndex(f.next_channel.findData("whatsapp"))
            # The end an hour ahead: the central refuses it; the form keeps everything.
            f.end.setDateTime(QDateTime.fromSecsSinceEpoch(int(opened + HOUR)))
            assert f.check() == ""
            await activate(qapp, f)
            QTest.keyClick(f, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
            await until(lambda: "Rechazado" in f.problem.text(), 20, "the central's refusal")
            assert "ended_at" in f.problem.text() and p.desk_actions.form is f
            assert f.notes.toPlainText().startswith("Contención emocional")
            assert f.timing.currentData() == "12_48h" and f.next.isChecked()
            f.end.setDateTime(QDateTime.fromSecsSinceEpoch(int(opened + 120)))
            assert f.duration.text() == "3:00", f.duration.text()
            QTest.keyClick(f, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            await until(lambda: p.desk_actions.form is None, 20, "saved and closed")
            (mine,) = [i for i in p.state.interventions.values() if i.case_id == hers]
            assert (mine.kind, mine.timing, mine.timing_proposed) == ("psicologica", "12_48h", "previa")
            assert mine.notes.startswith("Contención") and mine.referral_id == r.record.id
            (fu,) = [x for x in p.state.desk_follow_ups.values() if x.case_id == hers]
            assert fu.channel == "whatsapp" and fu.due_at == _at(tomorrow, 10)
            await until(lambda: all(x.record.id != r.record.id for x in model.rows), 10,
                        "the referral attended, off the desk")

            # 4. The follow-up: not on today's desk; on it on its day; missed the day after.
            assert all(x.kind != "follow_up" for x in model.rows)
            p.desk_actions.set_clock(lambda: _at(tomorrow, 9))
            on_day = next(x for x in model.rows if x.kind == "follow_up")
            assert on_day.record.id == fu.id and not on_day.missed
            assert "Seguimiento por WhatsApp" in model.index(model.rows.index(on_day), 2).data()
            p.desk_actions.set_clock(lambda: _at(tomorrow + dt.timedelta(days=1), 9))
            assert next(x for x in model.rows if x.kind == "follow_up").missed
            assert "no realizado" in panel.count.text()
            p.desk_actions.set_clock(time.time)

            # 5. Canalizar to the DIF; the letter printed, read back with pdftotext.
            cases = p.case_actions.panel
            cases.select_case(hers)
            cases.refer.click()
            refer = p.case_actions.referrals
            dialog = await until(lambda: refer.dialog, 15, "the referral dialog")
            dialog.institution.setCurrentIndex(dialog.institution.findData("dif_mxl"))
            dialog.reason.setPlainText("Apoyo psicológico y asistencia social para ella y sus hijos")
            dialog.ui.referralSend.click()
            await until(lambda: dialog.list.count() == 1, 20, "the referral in her list")
            (rid,) = [x.id for x in p.state.institution_referrals.values() if x.case_id == hers]
            letter = await refer.save_letter(rid, tmp_path / "carta-dif.pdf", open_it=False)
            pdf_text = subprocess.run(["pdftotext", "-layout", str(letter), "-"], check=True,
                                      capture_output=True, text=True, timeout=30).stdout
            for wanted in ("DIF Municipal de Mexicali", row["name"], "psicologa1",
                           "Apoyo psicológico y asistencia social"):
                assert wanted in pdf_text, (wanted, pdf_text)
            dialog.reject()

            # 6. The lawyer's console: handed to both desks, the referral waits on hers still
            # (the psychologist answered her part); she attends it from her desk.
            ab = await start_session(qapp, api, tmp_path / "ab", user="abogada1")
            try:
                a = ab.window
                await until(lambda: hers in a.state.cases and mine.id in a.state.interventions,
                            20, "her case and its intervention at the lawyer")
                a_model = a.desk_actions.panel.model
                ar = await until(lambda: next((x for x in a_model.rows if x.kind == "referral"
                                               and x.record.incident_id == iid), None), 20,
                                 "the referral on the lawyer's desk")
                assert ar.record.pending_desks == ("juridica",)
                # Expedientes offers the form too, for a case that is not on her desk.
                a.cases_tool.open()
                a.case_actions.panel.select_case(hers)
                button = a.case_actions.panel.intervene
                assert button.isVisibleTo(a.case_actions.panel) and button.isEnabled()
                a_panel = a.desk_actions.panel
                a_panel.select_key(f"referral:{ar.record.id}")
                await activate(qapp, a)
                a_panel.table.setFocus()
                QTest.keyClick(a_panel.table, Qt.Key.Key_Return)
                lf = await until(lambda: a.desk_actions.form, 5, "the lawyer's form")
                assert [lf.kind.itemData(i) for i in range(lf.kind.count())] == ["juridica"]
                assert lf.episode_id() == iid
                assert lf.timing.currentData() == "subsecuente"  # the episode had one already
                lf.notes.insertPlainText("Orientación para la denuncia")
                await activate(qapp, lf)
                QTest.keyClick(lf, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
                await until(lambda: a.desk_actions.form is None, 20, "the legal one saved")
                await until(lambda: not [x for x in a_model.rows if x.kind == "referral"
                                         and x.record.incident_id == iid], 20,
                            "the referral attended by both desks, off hers")
                # She reads that the psychological one happened, not what was said.
                psych = a.state.interventions[mine.id]
                assert psych.notes == "" and psych.kind == "psicologica"
            finally:
                await stop_session(ab)
            # …but no psychological one: that is not her desk.
            res = await _send("abogada1", api, "record_intervention", case_id=hers,
                              kind="psicologica", channel="linea_telefonica",
                              started_at=time.time() - 600, ended_at=time.time() - 60)
            assert res["outcome"] == "rejected", res

            # 7. The operator (her incident open): both happened, no notes of either.
            both = await until(lambda: [i for i in w.state.interventions.values()
                                        if i.case_id == hers] if len(
                [i for i in w.state.interventions.values() if i.case_id == hers]) == 2 else None,
                20, "both interventions at the operator")
            assert {i.kind for i in both} == {"psicologica", "juridica"}
            assert all(i.notes == i.next_steps == i.outcome == "" for i in both)
            assert not w.state.desk_follow_ups and not w.state.institution_referrals
            assert p.state.interventions.keys() >= {i.id for i in both}
            inc = w.state.incident(iid)
            if inc.status.value == "new":
                await w.controller.acknowledge(iid)
            await w.controller.close(iid, "closed", "Turnada a la mesa de especialistas")
            await until(lambda: not [i for i in w.state.interventions.values()
                                     if i.case_id == hers], 20, "withdrawn once closed")

            # 8. BANAVIM: her profile completed by a supervisor, the episode recorded; the
            # psychologist marks, exports (valid against the field map) and records the folio.
            case = p.state.cases[hers]
            person = {**dataclasses.asdict(case.person), "sex": "mujer",
                      "date_of_birth": "1991-05-02", "place_of_birth": "Mexicali, B.C."}
            aggressors = [{**dataclasses.asdict(a), "sex": a.sex or "hombre", "age": a.age or 40,
                           "relationship": a.relationship or "expareja"}
                          for a in case.aggressors]
            res = await _send("supervisora1", api, "update_case", case_id=hers, person=person,
                              aggressors=aggressors)
            assert res["outcome"] == "accepted", res
            res = await _send("supervisora1", api, "record_episode", case_id=hers, incident_id=iid,
                              types=["fisica", "psicologica"], modalities=["familiar"],
                              aggressor_ids=[a["id"] for a in aggressors])
            assert res["outcome"] == "accepted", res
            res = await _send("psicologa1", api, "mark_for_banavim", case_id=hers, incident_id=iid)
            assert res["outcome"] == "accepted", res
            async with client(api, "psicologa1", DEMO_PASSWORD) as s, \
                    s.get(f"{api}/api/v1/banavim/export", params={"case_id": hers}) as answer:
                body = await answer.json()
                assert answer.status == 200, body
            (record,) = body["records"]
            assert validate(record, field_map) == [] and body["left_out"] == []
            # The services given: both interventions and the referral to the DIF.
            assert record["servicios.numero"] == 3, record
            assert sorted(record["servicios.tipo"]) == [
                "atencion_juridica", "atencion_psicologica", "canalizacion"], record
            res = await _send("psicologa1", api, "record_banavim_folio", case_id=hers,
                              incident_id=iid, folio=FOLIO)
            assert res["outcome"] == "accepted", res
            await until(lambda: any(b.folio == FOLIO for b in p.state.banavim_registrations.values()),
                        20, "the folio at her console")
        finally:
            await stop_session(psi)
            await stop_session(op)

    qloop.run_until_complete(scenario())


def _form(qapp, now: float) -> InterventionForm:
    return InterventionForm("case-x", "Ana", ["psicologica"],
                            [Episode("inc-1", "F-1", now - 20 * HOUR)],
                            lambda iid, at, start: propose_timing(at, [], start),
                            now=lambda: now)


def test_the_form_refuses_bad_times_and_keeps_what_was_typed(qapp):
    now = time.time()
    form = _form(qapp, now)
    sent = []
    form.submitted.connect(lambda fields, follow_up: sent.append((fields, follow_up)))
    assert form.timing.currentData() == "12_48h"  # the episode 20 h ago: proposed
    form.notes.insertPlainText("Notas de la sesión")
    form.end.setDateTime(QDateTime.fromSecsSinceEpoch(int(now - 600)))  # before the start
    form.save()
    assert "anterior al inicio" in form.problem.text() and not sent
    form.start.setDateTime(QDateTime.fromSecsSinceEpoch(int(now - 13 * HOUR)))
    form.end.setDateTime(QDateTime.fromSecsSinceEpoch(int(now - 60)))
    form.save()
    assert "más de 12 h" in form.problem.text() and not sent
    assert form.notes.toPlainText() == "Notas de la sesión" and form.isModal() is False
    # Corrected: one intervention of 2 h, its fields as record_intervention takes them.
    form.start.setDateTime(QDateTime.fromSecsSinceEpoch(int(now - 2 * HOUR - 60)))
    form.save()
    ((fields, follow_up),) = sent
    assert fields["ended_at"] - fields["started_at"] == pytest.approx(2 * HOUR, abs=60)
    assert fields["timing"] == "12_48h"  # proposed again from the corrected start
    assert follow_up is None
    form.deleteLater()
