"""The demo jurisdiction and roster: shape, consistency, loaders, and generators that
reproduce the committed files byte for byte."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import random
import sys
from collections import Counter
from pathlib import Path

import pytest

from c4console.core.geo import Jurisdiction
from c4console.demo.data import DEMO_FOLDER, load_beneficiaries, load_units, load_words
from c4console.resources import DEFAULT_JURISDICTION, MAPS, load_jurisdiction, load_jurisdiction_geojson

BENEFICIARY_HEADER = ("beneficiary_id,name,phone,address,colonia,home_lat,home_lon,order_number,"
                      "order_authority,order_valid_until,order_measures,aggressor,device_id,device_model,"
                      "trusted_contacts,delivered_on")
UNIT_HEADER = "unit_id,callsign,sector,device_id,lat,lon,kind"


def _script(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and annotations look the module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def jurisdiction() -> Jurisdiction:
    return load_jurisdiction()


# -- the map ------------------------------------------------------------------

def test_jurisdiction_has_six_sectors_of_three_to_five_cuadrantes(jurisdiction):
    assert jurisdiction.sectors() == ["S1", "S2", "S3", "S4", "S5", "S6"]
    per_sector = Counter(c.sector for c in jurisdiction.cuadrantes)
    assert all(3 <= n <= 5 for n in per_sector.values()), per_sector
    codes = [c.cuadrante for c in jurisdiction.cuadrantes]
    assert len(set(codes)) == len(codes)
    assert all(c.cuadrante.startswith(c.sector + "-C") for c in jurisdiction.cuadrantes)
    colonias = [c.colonia for c in jurisdiction.cuadrantes]
    assert all(colonias) and len(set(colonias)) == len(colonias)


def test_every_feature_names_its_sector():
    for feature in load_jurisdiction_geojson()["features"]:
        assert feature["properties"]["sector_name"]


def test_jurisdiction_is_mexicali_sized_around_its_centre(jurisdiction):
    south, west, north, east = jurisdiction.bounds()
    assert south < 32.6245 < north and west < -115.4523 < east
    assert 13.0 < (east - west) * 93.4 < 15.0  # km east-west at this latitude
    assert 8.5 < (north - south) * 110.9 < 9.5
    assert jurisdiction.locate(32.6245, -115.4523) is not None
    assert jurisdiction.locate(32.70, -115.4523) is None  # north of the area


def test_cuadrantes_tile_the_area_without_gaps_or_overlaps(jurisdiction):
    south, west, north, east = jurisdiction.bounds()
    rng = random.Random(5)
    for _ in range(5000):
        lat, lon = rng.uniform(south, north), rng.uniform(west, east)
        hits = [c.cuadrante for c in jurisdiction.cuadrantes if c.contains(lat, lon)]
        assert len(hits) == 1, (lat, lon, hits)


def test_rings_are_closed_and_counter_clockwise():
    for feature in load_jurisdiction_geojson()["features"]:
        ring = feature["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1]
        area2 = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))
        assert area2 > 0  # RFC 7946: exterior rings counter-clockwise


def test_map_generator_reproduces_the_committed_file():
    maker = _script(MAPS / "mexicali" / "make_cuadrantes.py", "make_cuadrantes")
    assert maker.render(maker.features()) == DEFAULT_JURISDICTION.read_text(encoding="utf-8")


# -- the roster ---------------------------------------------------------------

def test_csv_headers_are_exactly_the_seed_columns():
    def header(name: str) -> str:
        return (DEMO_FOLDER / name).read_text(encoding="utf-8").splitlines()[0]

    assert header("beneficiaries.csv") == BENEFICIARY_HEADER
    assert header("units.csv") == UNIT_HEADER


def test_beneficiaries_live_inside_the_jurisdiction_in_their_colonia(jurisdiction):
    bens = load_beneficiaries()
    assert [b.beneficiary_id for b in bens] == [f"B{i:04d}" for i in range(1, 201)]
    for b in bens:
        place = jurisdiction.locate(b.home_lat, b.home_lon)
        assert place is not None, b
        assert place.colonia == b.colonia
        assert b.phone.startswith("+52 686 ")
        assert len(b.device_id) == 15 and b.device_id.isdigit()
    assert len({b.device_id for b in bens}) == 200
    assert len({b.phone for b in bens}) == 200


def test_imeis_have_a_valid_luhn_check_digit():
    def luhn_ok(number: str) -> bool:
        total = 0
        for i, ch in enumerate(reversed(number)):
            d = int(ch) * (2 if i % 2 else 1)
            total += d - 9 if d > 9 else d
        return total % 10 == 0

    assert all(luhn_ok(b.device_id) for b in load_beneficiaries())


def test_some_orders_are_expired_and_some_expire_soon():
    with (DEMO_FOLDER / "beneficiaries.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    today = dt.date(2026, 11, 22)  # the generator's default --today
    until = [dt.date.fromisoformat(r["order_valid_until"]) for r in rows]
    assert sum(d < today for d in until) >= 10
    assert sum(today <= d <= today + dt.timedelta(days=14) for d in until) >= 10
    assert all(r["order_number"] and "Mexicali" in r["order_authority"] and r["aggressor"] for r in rows)
    assert len({r["order_number"] for r in rows}) == 200


def test_144_of_the_200_devices_are_delivered_with_a_model_and_a_past_date():
    with (DEMO_FOLDER / "beneficiaries.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    today = dt.date(2026, 11, 22)  # the generator's default --today
    delivered = [dt.date.fromisoformat(r["delivered_on"]) for r in rows if r["delivered_on"]]
    assert len(delivered) == 144
    assert all(today - dt.timedelta(days=330) <= d < today for d in delivered)
    assert all(r["device_model"] for r in rows)


def test_units_start_inside_their_sector(jurisdiction):
    units = load_units()
    assert [u.unit_id for u in units] == [f"P{i:02d}" for i in range(1, 15)]
    assert set(Counter(u.sector for u in units)) == set(jurisdiction.sectors())
    for u in units:
        place = jurisdiction.locate(u.lat, u.lon)
        assert place is not None and place.sector == u.sector, u
        assert u.device_id == f"unit-{u.unit_id}"
        assert u.callsign.startswith("PM-")
    assert len({u.callsign for u in units}) == 14


def test_word_lists_load_without_comments():
    words = load_words()
    assert len(words.given_names) >= 50 and len(words.surnames) >= 50 and len(words.streets) >= 50
    assert not any(w.startswith("#") for w in (*words.given_names, *words.surnames, *words.streets))


def test_roster_generator_reproduces_the_committed_files(tmp_path, monkeypatch):
    maker = _script(DEMO_FOLDER / "make_demo_data.py", "make_demo_data")
    monkeypatch.setattr(sys, "argv", ["make_demo_data.py", "--out", str(tmp_path)])
    maker.main()
    for name in ("beneficiaries.csv", "units.csv", "cases.csv", "prior_incidents.csv"):
        assert (tmp_path / name).read_bytes() == (DEMO_FOLDER / name).read_bytes(), name


# -- the loaders on bad input -------------------------------------------------

def test_loader_skips_rows_it_cannot_simulate(tmp_path, caplog):
    path = tmp_path / "units.csv"
    path.write_text(UNIT_HEADER + "\n"
                    "P01,PM-101,S1,unit-P01,32.65,-115.49\n"
                    "P02,PM-102,S1,,32.65,-115.49\n"          # no tracker
                    "P03,PM-103,S1,unit-P03,north,-115.49\n", encoding="utf-8")  # no position
    assert [u.unit_id for u in load_units(path)] == ["P01"]
    assert "line 3" in caplog.text and "line 4" in caplog.text


def test_loader_refuses_a_file_without_the_columns(tmp_path):
    path = tmp_path / "beneficiaries.csv"
    path.write_text("beneficiary_id,name\nB0001,Ana\n", encoding="utf-8")
    with pytest.raises(ValueError, match="home_lat"):
        load_beneficiaries(path)
