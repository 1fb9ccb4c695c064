"""The jurisdiction's places as records, parsed from the CSV files a C4 keeps in its
jurisdiction folder (pure: the caller reads the files). The columns follow INEGI's Marco
Geoestadístico and the Catálogo de asentamientos (maps/README.md):

- ``streets.csv`` — one row per street segment (INEGI *ejes de vialidad*): ``cvevial``
  (the street's key), ``cveseg`` (the segment's), ``tipovial`` (Calle, Avenida…),
  ``nomvial`` (its name), ``colonia``, ``num_ini``/``num_fin`` (the exterior numbers
  along the segment, from its start to its end; empty when unnumbered) and its ends
  ``lat_ini,lon_ini,lat_fin,lon_fin`` (WGS84);
- ``colonias.csv`` — ``cve_asen,tipo_asen,nom_asen,cp,lat,lon`` (a point inside it);
- ``landmarks.csv`` — ``nombre,tipo,colonia,lat,lon`` (hospitals, schools, plazas…).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

from c4console.core.catalogue import CatalogueError

STREET_COLUMNS = ("cvevial", "cveseg", "tipovial", "nomvial", "colonia", "num_ini", "num_fin",
                  "lat_ini", "lon_ini", "lat_fin", "lon_fin")
COLONIA_COLUMNS = ("cve_asen", "tipo_asen", "nom_asen", "cp", "lat", "lon")
LANDMARK_COLUMNS = ("nombre", "tipo", "colonia", "lat", "lon")
FILES = {"streets": "streets.csv", "colonias": "colonias.csv", "landmarks": "landmarks.csv"}


@dataclass(frozen=True, slots=True)
class StreetSegment:
    """A stretch of one street between two points, with its exterior numbers (0, 0: none)."""

    street_key: str
    segment_key: str
    street_type: str
    name: str
    colonia: str
    num_from: int
    num_to: int
    lat1: float
    lon1: float
    lat2: float
    lon2: float

    def point_for(self, number: int) -> tuple[float, float] | None:
        """The point of ``number`` along the segment (linear), None if not in its range."""
        low, high = sorted((self.num_from, self.num_to))
        if not (low or high) or not low <= number <= high:
            return None
        share = 0.5 if self.num_to == self.num_from else (number - self.num_from) / (
            self.num_to - self.num_from)
        return self.lat1 + (self.lat2 - self.lat1) * share, self.lon1 + (self.lon2 - self.lon1) * share

    @property
    def middle(self) -> tuple[float, float]:
        """The segment's middle point."""
        return (self.lat1 + self.lat2) / 2, (self.lon1 + self.lon2) / 2


@dataclass(frozen=True, slots=True)
class Colonia:
    """A settlement (colonia, fraccionamiento…) with a point inside it."""

    key: str
    kind: str
    name: str
    postal_code: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Landmark:
    """A place people name instead of an address."""

    name: str
    kind: str
    colonia: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Places:
    """Everything the location search ranks."""

    streets: tuple[StreetSegment, ...] = ()
    colonias: tuple[Colonia, ...] = ()
    landmarks: tuple[Landmark, ...] = ()

    @classmethod
    def parse(cls, texts: Mapping[str, str]) -> Places:
        """Parse the CSV texts by file key (``streets``, ``colonias``, ``landmarks``; a
        missing one is empty). Refuses a file with missing columns or a bad row, naming
        the file, line and field."""
        return cls(
            streets=tuple(_street(r, n) for n, r in _rows(texts, "streets", STREET_COLUMNS)),
            colonias=tuple(Colonia(r["cve_asen"], r["tipo_asen"], _name(r, "nom_asen", n), r["cp"],
                                   *_point(r, "lat", "lon", n))
                           for n, r in _rows(texts, "colonias", COLONIA_COLUMNS)),
            landmarks=tuple(Landmark(_name(r, "nombre", n), r["tipo"], r["colonia"],
                                     *_point(r, "lat", "lon", n))
                            for n, r in _rows(texts, "landmarks", LANDMARK_COLUMNS)))


def _rows(texts: Mapping[str, str], key: str, columns: tuple[str, ...]):
    text = texts.get(key)
    if not text:
        return
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = set(columns) - set(reader.fieldnames or ())
    if missing:
        raise CatalogueError(f"{FILES[key]}: header lacks columns {', '.join(sorted(missing))}")
    for n, row in enumerate(reader, start=2):
        yield f"{FILES[key]} line {n}", {k: (v or "").strip() for k, v in row.items() if k}


def _name(row: Mapping[str, str], column: str, where: str) -> str:
    if not row[column]:
        raise CatalogueError(f"{where}: empty {column}")
    return row[column]


def _float(row: Mapping[str, str], column: str, where: str) -> float:
    try:
        return float(row[column])
    except ValueError:
        raise CatalogueError(f"{where}: {column} {row[column]!r} is not a number") from None


def _point(row: Mapping[str, str], lat: str, lon: str, where: str) -> tuple[float, float]:
    y, x = _float(row, lat, where), _float(row, lon, where)
    if not -90 <= y <= 90 or not -180 <= x <= 180:
        raise CatalogueError(f"{where}: {lat}/{lon} out of range")
    return y, x


def _number(row: Mapping[str, str], column: str, where: str) -> int:
    if not row[column]:
        return 0
    if not row[column].isdigit():
        raise CatalogueError(f"{where}: {column} {row[column]!r} is not a whole number")
    return int(row[column])


def _street(row: Mapping[str, str], where: str) -> StreetSegment:
    return StreetSegment(row["cvevial"], row["cveseg"], row["tipovial"], _name(row, "nomvial", where),
                         row["colonia"], _number(row, "num_ini", where), _number(row, "num_fin", where),
                         *_point(row, "lat_ini", "lon_ini", where),
                         *_point(row, "lat_fin", "lon_fin", where))
