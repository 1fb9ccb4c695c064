"""Where the project's data folders are, and loaders for the files in them.

The data (catalogue, sectors, translations, tones, map assets) live in the
top-level folders of the repository; an installed copy finds them beside the
package or through ``C4_RESOURCES``.
"""

from __future__ import annotations

import json
import os
import tomllib
from functools import cache
from pathlib import Path

from c4console.core.catalogue import Catalogue
from c4console.core.geo import Jurisdiction

ROOT = Path(os.environ.get("C4_ROOT", Path(__file__).resolve().parent.parent))
RESOURCES = ROOT / "resources"
MAPS = ROOT / "maps"
AUDIO = ROOT / "audio"
UI = ROOT / "ui"

DEFAULT_JURISDICTION = MAPS / "mexicali" / "cuadrantes.geojson"


@cache
def load_catalogue(folder: Path = RESOURCES / "catalogue") -> Catalogue:
    """The incident catalogue from ``incident_types.csv`` and ``channel_defaults.toml``."""
    types = (folder / "incident_types.csv").read_text(encoding="utf-8")
    defaults = tomllib.loads((folder / "channel_defaults.toml").read_text(encoding="utf-8"))
    return Catalogue.parse(types, defaults)


@cache
def load_jurisdiction_geojson(path: Path = DEFAULT_JURISDICTION) -> dict:
    """The raw GeoJSON of the jurisdiction's cuadrantes (for drawing outlines)."""
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def load_jurisdiction(path: Path = DEFAULT_JURISDICTION) -> Jurisdiction:
    """The jurisdiction's cuadrantes for locating points."""
    return Jurisdiction.from_geojson(load_jurisdiction_geojson(path))
