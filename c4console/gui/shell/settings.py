"""Console settings in an INI file (QSettings), with a safe fallback when it is corrupt."""

from __future__ import annotations

import getpass
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from c4console.gui.map.tiles import TileSettings
from c4console.platform_support import private_dir, private_file


@dataclass
class ConsoleSettings:
    """The values an operator or IT staff can set, and the warning if the file was bad."""

    qsettings: QSettings
    language: str
    operator: str
    tiles: TileSettings
    speed_kmh: float
    muted: bool
    lock_minutes: float = 30.0  # idle time before the window locks (security/lock_minutes)
    warning: str = ""

    def save(self) -> None:
        """Write the editable values back."""
        q = self.qsettings
        q.setValue("general/language", self.language)
        q.setValue("general/operator", self.operator)
        q.setValue("general/muted", self.muted)
        q.setValue("map/tiles", self.tiles.mode)
        q.setValue("map/xyz_url", self.tiles.url)
        q.setValue("map/mbtiles", self.tiles.mbtiles_path)
        q.setValue("dispatch/speed_kmh", self.speed_kmh)
        q.setValue("security/lock_minutes", self.lock_minutes)
        q.sync()
        if Path(q.fileName()).is_file():
            private_file(Path(q.fileName()))


def _general(q: QSettings, key: str, default: object) -> object:
    """A key of the ``general`` group. Qt's INI format reads a section written ``[general]``
    (any case) as the top-level keys and writes the group itself as ``[%General]``, so a
    file IT staff wrote by hand with ``[general]`` has ``muted``, not ``general/muted``:
    both are read (the group first)."""
    value = q.value(f"general/{key}")
    return value if value is not None else q.value(key, default)


def _as_float(value: object, default: float, low: float, high: float) -> float:
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return f if low <= f <= high else default


def load_settings(path: Path, *, language: str | None = None) -> ConsoleSettings:
    """Read the settings file; if it is unreadable, move it aside and use defaults.

    The warning says what was wrong and where the old file was kept, so nothing
    an administrator wrote is lost.
    """
    private_dir(path.parent)
    warning = ""
    q = QSettings(str(path), QSettings.Format.IniFormat)
    if q.status() != QSettings.Status.NoError:
        kept = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        shutil.move(str(path), str(kept))
        warning = f"{path.name} corrupt ({q.status().name}); defaults in use, old file kept as {kept}"
        q = QSettings(str(path), QSettings.Format.IniFormat)
    mode = str(q.value("map/tiles", "none"))
    if mode not in ("none", "xyz", "mbtiles"):
        warning = warning or f"map/tiles={mode!r} unknown; using none"
        mode = "none"
    tiles = TileSettings(mode=mode, url=str(q.value("map/xyz_url", "")),
                         mbtiles_path=str(q.value("map/mbtiles", "")))
    return ConsoleSettings(
        qsettings=q,
        language=language or str(_general(q, "language", "es")),
        operator=str(_general(q, "operator", "") or getpass.getuser()),
        tiles=tiles,
        speed_kmh=_as_float(q.value("dispatch/speed_kmh", 40.0), 40.0, 5.0, 200.0),
        muted=str(_general(q, "muted", "false")).lower() == "true",
        lock_minutes=_as_float(q.value("security/lock_minutes", 30.0), 30.0, 0.01, 480.0),
        warning=warning,
    )
