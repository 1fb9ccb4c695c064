"""Loaders for the demo roster in ``resources/demo/`` (the files ``c4central --demo`` seeds)."""

from __future__ import annotations

import csv
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from c4console.core.geo import valid_position
from c4console.resources import RESOURCES

log = logging.getLogger(__name__)

DEMO_FOLDER = RESOURCES / "demo"


@dataclass(frozen=True, slots=True)
class DemoUnit:
    """A patrol the simulator drives: its tracker id, start point and kind (``general``,
    ``fuerza_rosa``…: resources/catalogue/unit_kinds.csv)."""

    unit_id: str
    callsign: str
    sector: str
    device_id: str
    lat: float
    lon: float
    kind: str = "general"


@dataclass(frozen=True, slots=True)
class DemoBeneficiary:
    """What the simulator needs of a beneficiary: her panic device and her home."""

    beneficiary_id: str
    name: str
    phone: str
    address: str
    colonia: str
    home_lat: float
    home_lon: float
    device_id: str
    prior_incidents: int = 0  # her earlier incidents in prior_incidents.csv (her history)


@dataclass(frozen=True, slots=True)
class Words:
    """Word lists for made-up callers and addresses."""

    given_names: tuple[str, ...]
    surnames: tuple[str, ...]
    streets: tuple[str, ...]


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    # utf-8-sig: a file saved by a spreadsheet may start with a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}: header lacks column(s) {', '.join(missing)}")
        return [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}) for row in reader]


def _point(row: dict[str, str], lat_name: str, lon_name: str) -> tuple[float, float] | None:
    try:
        lat, lon = float(row[lat_name]), float(row[lon_name])
    except (KeyError, ValueError):
        return None
    return (lat, lon) if valid_position(lat, lon) else None


def load_units(path: Path = DEMO_FOLDER / "units.csv") -> list[DemoUnit]:
    """Patrols from ``units.csv`` (its ``kind`` column optional); rows without a tracker or
    a start point are skipped (logged)."""
    out = []
    for line, row in _rows(path, ("unit_id", "callsign", "sector", "device_id", "lat", "lon")):
        point = _point(row, "lat", "lon")
        if not row["unit_id"] or not row["device_id"] or point is None:
            log.warning("%s line %d: unit without id, tracker or start point; not simulated", path.name, line)
            continue
        out.append(DemoUnit(row["unit_id"], row["callsign"] or row["unit_id"], row["sector"],
                            row["device_id"], *point, kind=row.get("kind") or "general"))
    return out


def prior_counts(path: Path) -> Counter[str]:
    """How many prior incidents each beneficiary has in ``prior_incidents.csv`` (none if
    the file is missing)."""
    if not path.is_file():
        return Counter()
    return Counter(row["beneficiary_id"] for _, row in _rows(path, ("beneficiary_id",)))


def load_beneficiaries(path: Path = DEMO_FOLDER / "beneficiaries.csv") -> list[DemoBeneficiary]:
    """Beneficiaries from ``beneficiaries.csv`` (with their number of prior incidents from
    ``prior_incidents.csv`` beside it); rows without a device or a home are skipped (logged)."""
    columns = ("beneficiary_id", "name", "phone", "address", "colonia", "home_lat", "home_lon", "device_id")
    priors = prior_counts(path.parent / "prior_incidents.csv")
    out = []
    for line, row in _rows(path, columns):
        point = _point(row, "home_lat", "home_lon")
        if not row["beneficiary_id"] or not row["device_id"] or point is None:
            log.warning("%s line %d: beneficiary without id, device or home; no alarms from her",
                        path.name, line)
            continue
        out.append(DemoBeneficiary(row["beneficiary_id"], row["name"], row["phone"], row["address"],
                                   row["colonia"], *point, row["device_id"],
                                   priors[row["beneficiary_id"]]))
    return out


def _words(path: Path) -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#"))


def load_words(folder: Path = DEMO_FOLDER) -> Words:
    """The name and street lists the demo data generator also uses."""
    return Words(_words(folder / "given_names.txt"), _words(folder / "surnames.txt"),
                 _words(folder / "streets.txt"))
