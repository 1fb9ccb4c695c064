"""Offline tiles: a ``c4tiles:`` URL scheme that serves tiles from local .mbtiles files.

An .mbtiles file is SQLite with ``tiles(zoom_level, tile_column, tile_row,
tile_data)`` in TMS order (row 0 at the south) and a ``metadata`` name/value
table. The page asks for ``c4tiles:/<source>/<z>/<x>/<y>`` in Leaflet's XYZ
order; the handler flips the row and answers from the file.

QtWebEngine only accepts custom schemes registered before the QApplication
exists: the app calls :func:`register_schemes` first thing.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import sqlite3
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from c4console.gui.map.tiles import TileLayerSpec

log = logging.getLogger(__name__)

SCHEME = b"c4tiles"
_TILE_PATH = re.compile(r"^/([0-9a-f]+)/(\d+)/(\d+)/(\d+)(?:\.\w+)?$")


def register_schemes() -> bool:
    """Register the ``c4tiles:`` scheme with QtWebEngine; call before creating the QApplication.

    Safe to call more than once. Returns False (and logs) if it is too late,
    in which case offline tiles will not load but the map still works.
    """
    if schemes_registered():
        return True
    if QCoreApplication.instance() is not None:
        log.warning("register_schemes() called after the QApplication exists: MBTiles will not load")
        return False
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    # Local: the file:// map page (which may not reach remote URLs) can load it;
    # any other scheme is treated as remote and blocked.
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.LocalScheme)
    QWebEngineUrlScheme.registerScheme(scheme)
    return True


def schemes_registered() -> bool:
    """True once ``c4tiles:`` is known to QtWebEngine."""
    return bytes(QWebEngineUrlScheme.schemeByName(SCHEME).name().data()) == SCHEME


def tile_mime(data: bytes) -> bytes:
    """The MIME type of a raster tile from its first bytes."""
    if data.startswith(b"\x89PNG"):
        return b"image/png"
    if data.startswith(b"\xff\xd8"):
        return b"image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return b"image/webp"
    return b"application/octet-stream"


def _plain(text: str) -> str:
    # Attribution in metadata is often HTML with links; the page keeps only the
    # text so it carries no remote URL.
    return html.escape(re.sub(r"<[^>]*>", "", text)).strip()


class MBTiles:
    """Read-only access to one .mbtiles file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"MBTiles file not found: {self.path}")
        self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            self._db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1")
            self.metadata = self._read_metadata()
        except sqlite3.Error as e:
            self._db.close()
            raise ValueError(f"{self.path} is not an MBTiles file: {e}") from e

    def _read_metadata(self) -> dict[str, str]:
        try:
            rows = self._db.execute("SELECT name, value FROM metadata").fetchall()
        except sqlite3.Error:
            return {}  # metadata is optional for our purposes
        return {str(k): str(v) for k, v in rows}

    def _meta_int(self, name: str) -> int | None:
        try:
            return int(self.metadata[name])
        except (KeyError, ValueError):
            return None

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ ``z/x/y`` (flipped to the file's TMS row), or None."""
        row = (1 << z) - 1 - y
        found = self._db.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?", (z, x, row)
        ).fetchone()
        return bytes(found[0]) if found else None

    def layer_spec(self, url_template: str, default_attribution: str) -> TileLayerSpec:
        """How the page should draw this file's tiles."""
        max_native = self._meta_int("maxzoom")
        return TileLayerSpec(
            url_template=url_template,
            attribution=_plain(self.metadata.get("attribution", "")) or default_attribution,
            min_zoom=0,
            max_zoom=max(19, max_native or 0),
            max_native_zoom=max_native,  # zoom past the file's last level by scaling
            remote=False,
        )

    def close(self) -> None:
        """Close the file."""
        self._db.close()


class TileSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers ``c4tiles:`` requests from the .mbtiles files added to it.

    Runs on the GUI thread; a tile is one indexed SQLite lookup. ``served``
    and ``missing`` count answers (diagnostics and tests).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources: dict[str, MBTiles] = {}
        self._refs: dict[str, int] = {}
        self.served = 0
        self.missing = 0

    def add(self, path: Path) -> tuple[str, MBTiles]:
        """Open ``path`` (or reuse it) and return its source token and reader."""
        resolved = Path(path).resolve()
        token = hashlib.sha1(str(resolved).encode()).hexdigest()[:16]
        if token not in self._sources:
            self._sources[token] = MBTiles(resolved)
        self._refs[token] = self._refs.get(token, 0) + 1
        return token, self._sources[token]

    def release(self, token: str) -> None:
        """Drop one user of a source; the file is closed when nobody uses it."""
        left = self._refs.get(token, 0) - 1
        if left > 0:
            self._refs[token] = left
            return
        self._refs.pop(token, None)
        source = self._sources.pop(token, None)
        if source is not None:
            source.close()

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        m = _TILE_PATH.match(job.requestUrl().path())
        source = self._sources.get(m.group(1)) if m else None
        if m is None or source is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        try:
            data = source.tile(int(m.group(2)), int(m.group(3)), int(m.group(4)))
        except (sqlite3.Error, OverflowError) as e:
            log.warning("MBTiles read failed for %s: %s", job.requestUrl().toString(), e)
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        if data is None:
            self.missing += 1
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self.served += 1
        buf = QBuffer(job)  # owned by the job: lives exactly as long as the reply
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(QByteArray(tile_mime(data)), buf)


_handlers: dict[int, TileSchemeHandler] = {}


def _key(profile: QWebEngineProfile) -> int:
    # The C++ address: Python wrappers of the same profile may differ.
    return shiboken6.getCppPointer(profile)[0]


def tile_handler(profile: QWebEngineProfile) -> TileSchemeHandler:
    """The ``c4tiles:`` handler of ``profile``, installed on first use."""
    key = _key(profile)
    handler = _handlers.get(key)
    if handler is None:
        handler = TileSchemeHandler(profile)
        profile.installUrlSchemeHandler(QByteArray(SCHEME), handler)
        _handlers[key] = handler
        handler.destroyed.connect(lambda *_: _handlers.pop(key, None))
    return handler


def open_mbtiles_layer(profile: QWebEngineProfile, path: Path,
                       default_attribution: str) -> tuple[TileLayerSpec, str]:
    """Serve ``path`` to pages of ``profile``; returns the layer spec and the token to release.

    Raises OSError/ValueError if the file cannot be used.
    """
    handler = tile_handler(profile)
    token, source = handler.add(path)
    url = f"{SCHEME.decode()}:/{token}/{{z}}/{{x}}/{{y}}"
    return source.layer_spec(url, default_attribution), token


def release_mbtiles(profile: QWebEngineProfile, token: str) -> None:
    """Stop serving a source opened with :func:`open_mbtiles_layer`."""
    if not shiboken6.isValid(profile):
        return
    handler = _handlers.get(_key(profile))
    if handler is not None:
        handler.release(token)
