"""What the status bar says when the local cache could not be opened and is rebuilt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from c4console.store import cache_opening as opening

_t = QCoreApplication


def cache_rebuilt_text(reason: str) -> str:
    """Why the cache that was on this workstation was set aside, and what happens now."""
    why = {
        opening.PASSWORD_CHANGED: _t.translate(
            "CacheNotice", "su contraseña cambió desde la última sesión en esta estación"),
        opening.OTHER_ACCOUNT: _t.translate(
            "CacheNotice", "era de otra cuenta, que la recupera en su próxima sesión aquí"),
        opening.KEY_MISSING: _t.translate(
            "CacheNotice", "su clave ya no está en el llavero del sistema ni junto a la copia"),
        opening.UNREADABLE: _t.translate("CacheNotice", "su clave no la abre (dañada o reemplazada)"),
        opening.PLAINTEXT: _t.translate(
            "CacheNotice", "era de una versión sin cifrado; se borró"),
    }.get(reason, reason)
    return _t.translate("CacheNotice", "La copia local cifrada no se pudo abrir ({0}): se "
                                       "reconstruye desde la central").format(why)
