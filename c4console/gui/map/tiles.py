"""Which background tiles the map shows: the setting, and the layer it resolves to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TileMode = Literal["none", "xyz", "mbtiles"]


@dataclass(frozen=True, slots=True)
class TileSettings:
    """The operator-facing choice of background.

    ``none`` draws only the jurisdiction outlines, ``xyz`` uses ``url`` (a
    ``{z}/{x}/{y}`` template, e.g. a tile server on the C4's network) and
    ``mbtiles`` serves tiles from the local SQLite file ``mbtiles_path``.
    """

    mode: TileMode = "none"
    url: str = ""
    mbtiles_path: str = ""


@dataclass(frozen=True, slots=True)
class TileLayerSpec:
    """A tile layer as the page draws it: URL template plus zoom limits."""

    url_template: str
    attribution: str = ""
    min_zoom: int = 0
    max_zoom: int = 19
    max_native_zoom: int | None = None
    # Remote tiles need the page to reach the network; local ones must not.
    remote: bool = False
