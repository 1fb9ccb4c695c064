"""The WhatsApp chat panel: the selected incident's conversation, live, with a reply box
and quick replies.

The conversation is the incident's ``chat_message`` events in the console's state (the
change feed brings hers; a reply the operator sends is drawn at once from the pending
overlay, marked ⏳ until the central accepts it). Each reply's fate comes from the
``chat_status`` events that refer to it: sent ✓, delivered ✓✓, read (leído), failed ⚠.
Sending emits :attr:`ChatPanel.replyRequested` with the ``chat_message`` command's
fields; the window submits it through the outbox like any other command.

Her messages are in the order she sent them (``wa_timestamp``; two nodes may store two
quick messages the other way round). A photo she sent shows as a thumbnail once the
central has downloaded it (a ``chat_media`` event naming the stored file, fetched with
the console's login through the sync layer's typed API); a voice note or document shows
"descargar": selecting it and pressing *Descargar archivo* saves it in the download
folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import tomllib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from c4console.core.enums import Channel
from c4console.core.models import TimelineEvent
from c4console.gui.shell.labels import error_text
from c4console.gui.shell.tasks import run_async
from c4console.platform_support import private_dir, write_private
from c4console.resources import RESOURCES
from c4console.sync.central_api import NotConnected
from c4console.sync.state import ConsoleState

log = logging.getLogger(__name__)

QUICK_REPLIES = RESOURCES / "whatsapp" / "quick_replies.toml"
THUMB = 160  # pixels: the thumbnail's longer side
MediaFetcher = Callable[[str], Awaitable[bytes]]
MAX_TEXT = 4096
# A reply's status, most telling first: a later "sent" never hides a "read".
STATUS_RANK = {"failed": 5, "read": 4, "delivered": 3, "sent": 2, "retry": 1}


@dataclass(frozen=True, slots=True)
class QuickReply:
    """A canned reply: its label in the list, its text, optional reply buttons for her."""

    label: str
    text: str
    buttons: tuple[str, ...] = ()


def load_quick_replies(path: Path = QUICK_REPLIES) -> list[QuickReply]:
    """The quick replies of ``path`` ([] if the file is missing or unreadable)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return []
    replies = []
    for item in data.get("reply", []):
        if isinstance(item, dict) and item.get("text"):
            buttons = tuple(str(b)[:20] for b in item.get("buttons", [])[:3])
            replies.append(QuickReply(str(item.get("label") or item["text"][:30]),
                                      str(item["text"]), buttons))
    return replies


def reply_fields(incident_id: str, text: str, buttons: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields of a ``chat_message`` command for a reply."""
    fields: dict[str, Any] = {"incident_id": incident_id, "direction": "out", "text": text.strip(),
                              "kind": "interactive" if buttons else "text"}
    if buttons:
        fields["buttons"] = list(buttons)
    return fields


def _sent_at(e: TimelineEvent) -> float:
    """When a message was sent: hers by WhatsApp's timestamp, a reply by the central."""
    stamp = str((e.data or {}).get("wa_timestamp") or "")
    return float(stamp) if stamp.isdigit() else e.at


def conversation(events: list[TimelineEvent]) -> list[tuple[TimelineEvent, str]]:
    """The chat messages of a timeline in the order they were sent, each with its latest
    status ("" if none yet)."""
    best: dict[str, str] = {}
    for e in events:
        ref = (e.data or {}).get("ref") if e.kind == "chat_status" else None
        if ref:
            state = str((e.data or {}).get("status", ""))
            if STATUS_RANK.get(state, 0) >= STATUS_RANK.get(best.get(ref, ""), 0):
                best[ref] = state
    chat = sorted((e for e in events if e.kind == "chat_message"), key=lambda e: (_sent_at(e), e.at))
    return [(e, best.get(e.id, "")) for e in chat]


def media_of(events: list[TimelineEvent]) -> dict[str, dict[str, Any]]:
    """Message event id → what the central says of its media: the stored file (``status``
    stored, with ``kind``, ``stored``, ``size``…) or, until then, the last failure."""
    found: dict[str, dict[str, Any]] = {}
    for e in events:
        data = e.data or {}
        ref = data.get("ref") if e.kind == "chat_media" else None
        if ref and found.get(ref, {}).get("status") != "stored":
            found[ref] = data
    return found


async def _not_connected(_name: str) -> bytes:
    """The fetcher of a panel given none (a bare panel): there is no central to ask."""
    raise NotConnected("no media fetcher")


class ChatPanel(QWidget):
    """Conversation, reply box and quick replies of the selected WhatsApp incident."""

    replyRequested = Signal(dict)  # the fields of a chat_message command

    def __init__(self, state: ConsoleState, parent: QWidget | None = None,
                 quick_replies: list[QuickReply] | None = None,
                 fetch_media: MediaFetcher | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatPanel")
        self.state = state
        self.incident_id: str | None = None
        self.quick_replies = load_quick_replies() if quick_replies is None else quick_replies
        self.fetch_media = fetch_media or _not_connected
        self.download_dir = Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DownloadLocation) or Path.home())
        self._thumbs: dict[str, QPixmap] = {}  # stored name → thumbnail
        self._fetching: set[str] = set()
        self._media: dict[str, dict[str, Any]] = {}  # message id → its media (shown ones)

        self.header = QLabel(self)
        self.header.setObjectName("chatHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)  # her profile name is hers to choose
        self.messages = QListWidget(self)
        self.messages.setObjectName("chatMessages")
        self.messages.setWordWrap(True)
        self.messages.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.messages.setIconSize(QSize(THUMB, THUMB))
        self.messages.currentItemChanged.connect(self._selection_changed)
        self.download = QPushButton(self.tr("Descargar archivo"), self)
        self.download.setObjectName("chatDownload")
        self.download.setEnabled(False)
        self.download.clicked.connect(self.download_selected)
        self.media_status = QLabel(self)
        self.media_status.setObjectName("chatMediaStatus")
        self.media_status.setWordWrap(True)
        self.reply = QLineEdit(self)
        self.reply.setObjectName("chatReply")
        self.reply.setMaxLength(MAX_TEXT)
        self.reply.setPlaceholderText(self.tr("Escriba una respuesta y pulse Intro"))
        self.reply.returnPressed.connect(self.send_typed)
        self.send = QPushButton(self.tr("Enviar"), self)
        self.send.setObjectName("chatSend")
        self.send.clicked.connect(self.send_typed)
        self.quick = QComboBox(self)
        self.quick.setObjectName("chatQuickReplies")
        self.quick.setToolTip(self.tr("Respuestas rápidas"))
        for n, q in enumerate(self.quick_replies):
            label = q.label + (f"  [{' / '.join(q.buttons)}]" if q.buttons else "")
            self.quick.addItem(label, n)
            self.quick.setItemData(n, q.text, Qt.ItemDataRole.ToolTipRole)
        self.quick_send = QPushButton(self.tr("Enviar respuesta rápida"), self)
        self.quick_send.setObjectName("chatQuickSend")
        self.quick_send.clicked.connect(self.send_quick)

        row = QHBoxLayout()
        row.addWidget(self.reply, 1)
        row.addWidget(self.send)
        quick_row = QHBoxLayout()
        quick_row.addWidget(self.quick, 1)
        quick_row.addWidget(self.quick_send)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.messages, 1)
        media_row = QHBoxLayout()
        media_row.addWidget(self.media_status, 1)
        media_row.addWidget(self.download)
        layout.addLayout(media_row)
        layout.addLayout(row)
        layout.addLayout(quick_row)
        self.show_incident(None)

    # --- what is shown ------------------------------------------------------------

    def is_chat(self) -> bool:
        """True if the shown incident came by WhatsApp."""
        inc = self.state.incident(self.incident_id) if self.incident_id else None
        return inc is not None and inc.channel is Channel.WHATSAPP

    def show_incident(self, iid: str | None) -> None:
        """Show the conversation of ``iid`` (nothing unless it is a WhatsApp incident)."""
        if iid != self.incident_id:
            self.reply.clear()
        self.incident_id = iid
        self.refresh()

    def follow(self, bridge) -> None:
        """Redraw when the shown incident or its timeline changes (``bridge.touched``)."""
        bridge.touched.connect(self._touched)

    def _touched(self, t) -> None:
        iid = self.incident_id
        if iid and (iid in t.incidents or iid in t.events_for):
            self.refresh()

    def refresh(self) -> None:
        """Redraw from the state (after the feed or the outbox changed something)."""
        chat = self.is_chat()
        for w in (self.reply, self.send, self.quick, self.quick_send):
            w.setEnabled(chat)
        self.quick_send.setEnabled(chat and bool(self.quick_replies))
        current = self.messages.currentItem()
        selected = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.messages.clear()
        if not chat:
            self.header.setText(self.tr("Seleccione un incidente que llegó por WhatsApp"))
            return
        inc = self.state.incident(self.incident_id)
        assert inc is not None
        timeline = self.state.timeline(inc.id)
        entries = conversation(timeline)
        self._media = media_of(timeline)
        name = next((str((e.data or {}).get("name")) for e, _ in entries
                     if (e.data or {}).get("name")), "")
        who = f"{name} {inc.caller}".strip()
        self.header.setText(self.tr("{0} · {1} · {2} mensajes").format(inc.folio, who, len(entries)))
        for event, status in entries:
            item = self._item(event, status, name)
            self.messages.addItem(item)
            if event.id == selected:  # a feed update keeps what the operator selected
                self.messages.setCurrentItem(item)
        if selected is None:
            self.messages.scrollToBottom()
        self._selection_changed()

    def _item(self, e: TimelineEvent, status: str, name: str) -> QListWidgetItem:
        data = e.data or {}
        incoming = data.get("direction") == "in"
        clock = time.strftime("%H:%M", time.localtime(e.at))
        kind = data.get("kind")
        body = e.text
        if kind == "location":
            body = self.tr("📍 Ubicación {0:.5f}, {1:.5f} {2}").format(
                float(data.get("lat", 0)), float(data.get("lon", 0)), e.text).strip()
        elif kind == "image":
            body = self.tr("🖼 Imagen {0}").format(e.text).strip()
        media = self._media.get(e.id)
        stored = str((media or {}).get("stored") or "") if (media or {}).get("status") == "stored" else ""
        if media is not None and not stored:
            body += "  " + (self.tr("(archivo no descargado)") if media.get("status") == "failed"
                            else self.tr("(descargando archivo…)"))
        elif stored and media.get("kind") != "image":
            body += "  " + self.tr("📎 descargar ({0:.0f} kB)").format(int(media.get("size", 0)) / 1024)
        if data.get("buttons"):
            body += "  [" + " / ".join(data["buttons"]) + "]"
        if incoming:
            sender = name or self.tr("Ella")
            text = f"⬅ {clock} {sender}: {body}"
        else:
            text = f"➡ {clock} {e.actor}: {body}  {self._badge(e, status)}".rstrip()
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, e.id)
        if stored and media.get("kind") == "image":
            thumb = self._thumbs.get(stored)
            if thumb is not None:
                item.setIcon(QIcon(thumb))
            else:
                self._load_thumbnail(stored)
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft if incoming else Qt.AlignmentFlag.AlignRight)
        return item

    def _badge(self, e: TimelineEvent, status: str) -> str:
        if e.id.startswith("pending-"):
            return self.tr("⏳ pendiente")
        return {"sent": self.tr("✓ enviado"), "delivered": self.tr("✓✓ entregado"),
                "read": self.tr("✓✓ leído"), "failed": self.tr("⚠ no enviado"),
                "retry": self.tr("… reintentando")}.get(status, self.tr("… enviando"))

    # --- media ---------------------------------------------------------------------

    def _load_thumbnail(self, name: str) -> None:
        if name in self._fetching:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # no event loop (a bare widget in a test): text only
        self._fetching.add(name)
        run_async(self._thumbnail(name), what="chat thumbnail")

    async def _thumbnail(self, name: str) -> None:
        try:
            data = await self.fetch_media(name)
        except Exception as e:  # shown as text; the next refresh tries again
            log.warning("chat: thumbnail %s: %s", name, e)
            self.media_status.setText(self.tr("No se pudo traer la imagen: {0}").format(error_text(e)))
            return
        finally:
            self._fetching.discard(name)
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self.media_status.setText(self.tr("La imagen recibida no se puede mostrar"))
            return
        self._thumbs[name] = pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)
        with contextlib.suppress(RuntimeError):  # the panel was closed meanwhile
            self.refresh()

    def thumbnails(self) -> int:
        """How many lines show a thumbnail (for tests and screen readers)."""
        return sum(not self.messages.item(n).icon().isNull() for n in range(self.messages.count()))

    def _selected_media(self) -> dict[str, Any] | None:
        item = self.messages.currentItem()
        media = self._media.get(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        return media if media is not None and media.get("status") == "stored" else None

    def _selection_changed(self, *_: Any) -> None:
        self.download.setEnabled(self._selected_media() is not None)

    def download_selected(self) -> None:
        """Save the selected message's file in the download folder."""
        media = self._selected_media()
        if media is not None:
            run_async(self.save_media(media), what="chat media download")

    async def save_media(self, media: dict[str, Any]) -> Path | None:
        """Fetch a stored file and write it to :attr:`download_dir`; the path, or None."""
        name = str(media.get("stored", ""))
        try:
            data = await self.fetch_media(name)
            private_dir(self.download_dir, tighten=False)
            path = self.download_dir / name
            write_private(path, data)
        except Exception as e:
            self.media_status.setText(self.tr("No se pudo descargar el archivo: {0}").format(
                error_text(e)))
            return None
        self.media_status.setText(self.tr("Archivo guardado en {0}").format(path))
        return path

    def texts(self) -> list[str]:
        """The lines shown (for tests and screen readers)."""
        return [self.messages.item(n).text() for n in range(self.messages.count())]

    # --- sending -----------------------------------------------------------------

    def send_typed(self) -> None:
        """Send what is in the reply box."""
        text = self.reply.text().strip()
        if not text or not self.is_chat():
            return
        self.replyRequested.emit(reply_fields(self.incident_id, text))
        self.reply.clear()

    def send_quick(self) -> None:
        """Send the chosen quick reply (with its buttons, if it has any)."""
        n = self.quick.currentData()
        if n is None or not self.is_chat():
            return
        q = self.quick_replies[int(n)]
        self.replyRequested.emit(reply_fields(self.incident_id, q.text, q.buttons))
