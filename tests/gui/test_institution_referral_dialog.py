"""Canalizar through a real central (issue 12): a supervisor opens her case in Expedientes,
refers her to the Centro de Justicia para las Mujeres (its contact data shown, what it needs
ticked), a referral missing an item the institution needs is refused — by the form and by
the central, shown in the form with everything kept —, the referral arrives in her list,
its status moves to recibida, and "Imprimir carta" saves the central's PDF whose text
(pdftotext) holds what was shared and nothing else of her case."""

from __future__ import annotations

import os
import stat
import subprocess

from PySide6.QtCore import Qt

from c4console.gui.referrals.referral_actions import ReferralActions
from tests.gui.console_harness import demo_devices, start_session, stop_session, until

ROW = 41  # a woman no other GUI test refers


def test_supervisor_refers_her_follows_the_status_and_saves_the_letter(qapp, qloop, demo_central,
                                                                       tmp_path):
    row = demo_devices()[ROW]
    case_id = f"case-{row['beneficiary_id']}"
    assert ReferralActions.allowed("supervisor") and ReferralActions.allowed("psicologa")
    assert not ReferralActions.allowed("operator") and not ReferralActions.allowed("admin")

    async def scenario():
        s = await start_session(qapp, demo_central.api, tmp_path / "sup", "--operator", "supervisora1")
        w = s.window
        try:
            await until(lambda: case_id in w.state.cases, 15, "her case at the supervisor")
            w.cases_tool.open()
            panel = w.case_actions.panel
            panel.select_case(case_id)
            assert panel.refer.isVisibleTo(panel) and panel.refer.isEnabled()
            panel.refer.click()
            actions = w.case_actions.referrals
            await until(lambda: actions.dialog is not None, 15, "the referral dialog")
            dialog = actions.dialog
            assert dialog.objectName() == "institutionReferralDialog"
            dialog.institution.setCurrentIndex(dialog.institution.findData("cjm_mxl"))
            assert "686 555 0103" in dialog.info.text() and "24 horas" in dialog.info.text()
            assert dialog.shared_items() == ["contacto", "agresor", "episodios"]  # what it needs
            dialog.reason.setPlainText("Acompañamiento jurídico para su denuncia")
            dialog.urgency.setCurrentIndex(dialog.urgency.findData("urgente"))

            # Without the aggressor the CJM cannot take her: the form says so at once…
            dialog.set_shared(["contacto", "episodios"])
            dialog.ui.referralSend.click()
            assert "necesita recibir" in dialog.problem.text() and dialog.list.count() == 0
            # …and the central too (the form's check bypassed), shown in the form, kept.
            dialog.sent_key, dialog.sent_id = "", ""
            dialog.submitted.emit(dialog.fields())
            await until(lambda: "needs_items" in dialog.problem.text(), 20, "central's refusal")
            assert dialog.reason.toPlainText() == "Acompañamiento jurídico para su denuncia"
            assert dialog.shared_items() == ["contacto", "episodios"]

            dialog.set_shared(["contacto", "agresor", "episodios"])
            dialog.ui.referralSend.click()
            await until(lambda: dialog.list.count() == 1, 20, "the referral in her list")
            await until(lambda: dialog.problem.text() == "Canalización enviada", 5, "sent")
            (rid,) = w.state.institution_referrals
            referral = w.state.institution_referrals[rid]
            assert (referral.institution_id, referral.urgency, referral.status) == (
                "cjm_mxl", "urgente", "enviada")
            assert referral.shared == ("contacto", "agresor", "episodios")

            dialog.list.setCurrentRow(0)
            dialog.next_status.setCurrentIndex(dialog.next_status.findData("recibida"))
            dialog.ui.referralSetStatus.click()
            await until(lambda: w.state.institution_referrals[rid].status == "recibida", 20,
                        "status recibida")
            await until(lambda: "Recibida" in dialog.list.item(0).text(), 5, "list redrawn")
            assert dialog.list.item(0).data(Qt.ItemDataRole.UserRole) == rid

            # The letter, as "Imprimir carta" saves it (without the file dialog and viewer).
            path = await actions.save_letter(rid, tmp_path / "carta.pdf", open_it=False)
            if os.name == "posix":  # her name and contact: private like the cache
                assert stat.S_IMODE(path.stat().st_mode) == 0o600
            text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                                  capture_output=True, text=True, timeout=30).stdout
            aggressor_name = row["aggressor"].split(" (")[0]
            for wanted in (row["name"], "Acompañamiento jurídico para su denuncia", "URGENTE",
                           "Centro de Justicia para las Mujeres", aggressor_name,
                           "supervisora1", f"C4-CAN-{rid}"):
                assert wanted in text, (wanted, text)
            for unshared in (row["address"], row["order_number"]):
                assert unshared not in text, (unshared, text)
            dialog.reject()
            await until(lambda: actions.dialog is None, 5, "dialog closed")

            # A psychologist's console: the same panel offers Canalizar, not the risk
            # assessment, and her letters name the psychological desk.
            w.case_actions.apply_role("psicologa")
            assert panel.refer.isVisibleTo(panel) and not panel.assess.isVisibleTo(panel)
            panel.refer.click()
            await until(lambda: actions.dialog is not None, 15, "the dialog for the desk")
            assert actions.dialog.fields()["desk"] == "psicologica"
            assert actions.dialog.list.count() == 1  # her referral, made by the supervisor
            actions.dialog.reject()
            w.case_actions.apply_role("operator")
            assert not w.cases_tool.dock.isVisible() and not panel.refer.isVisibleTo(panel)
        finally:
            await stop_session(s)

    qloop.run_until_complete(scenario())
