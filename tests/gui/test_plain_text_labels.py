"""User data is shown as text, never as markup (issue 16 point 18), in a real console on
a real central with the WhatsApp channel: a profile name and a message full of HTML
arrive through the webhook; the chat header shows the tags literally, and every label
of the window (docks included) is plain text except the ones whose markup the console
builds from escaped data."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.central.nodes import start_node, wait_ready
from tests.central.whatsapp_fake import (
    APP_SECRET,
    PHONE_NUMBER_ID,
    TOKEN,
    VERIFY_TOKEN,
    VERSION,
    contact,
    fake_cloud_api,
    notification,
    post_webhook,
    text,
)
from tests.gui.console_harness import start_session, stop_session, until

HER = "5216865550199"
RICH_TEXT = "c4RichText"  # c4console/gui/shell/plain_text.py: markup the console built
NAME = '<b style="font-size:40px">Rosa</b><img src="http://attacker.example/p.png">'


def test_a_profile_name_with_html_shows_as_text(qapp, qloop, tmp_path):
    async def scenario():
        async with fake_cloud_api() as api:
            env = {"C4_WHATSAPP_VERIFY_TOKEN": VERIFY_TOKEN, "C4_WHATSAPP_APP_SECRET": APP_SECRET,
                   "C4_WHATSAPP_TOKEN": TOKEN, "C4_WHATSAPP_API_BASE": f"{api.url}/{VERSION}",
                   "C4_WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID}
            folder = tmp_path / "central"
            proc = start_node(folder, "--db", f"sqlite:///{tmp_path / 'c.sqlite'}", "--demo", env=env)
            node = await asyncio.get_running_loop().run_in_executor(None, wait_ready, folder, proc)
            session = None
            try:
                session = await start_session(qapp, node.api, tmp_path / "console",
                                              "--operator", "supervisora1")
                win = session.window
                status, answer = await post_webhook(node.api, notification(
                    messages=[text(HER, "wamid.H1", "<i>ayuda</i> [S3]")],
                    contacts=[contact(HER, NAME)]))
                assert status == 200, answer
                iid = answer["messages"][0]["incident_id"]
                await until(lambda: win.state.incident(iid), 15, "incident in the console")
                win.queue.select_incident(iid)
                await until(lambda: NAME in win.chat.header.text(), 10, "her name in the header")
                assert win.chat.header.textFormat() == Qt.TextFormat.PlainText
                rich = [label.objectName() or label.text()[:40]
                        for label in win.findChildren(QLabel)
                        if label.textFormat() != Qt.TextFormat.PlainText
                        and not label.property(RICH_TEXT)]
                assert rich == []
            finally:
                if session is not None:
                    await stop_session(session)
                proc.terminate()
                proc.wait(timeout=30)

    qloop.run_until_complete(scenario())
