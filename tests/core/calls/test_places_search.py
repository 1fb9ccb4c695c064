"""Location search over the demo jurisdiction's places (maps/mexicali/, made by
make_streets.py): streets, street and number, crossings, colonias and landmarks, accents
and case ignored, ranked; the chosen point placed in the jurisdiction (outside: flagged)."""

from __future__ import annotations

import pytest

from c4console.core.catalogue import CatalogueError
from c4console.core.places.data import Places
from c4console.core.places.search import (
    ADDRESS,
    COLONIA,
    CROSSING,
    LANDMARK,
    STREET,
    PlaceIndex,
    place_in_jurisdiction,
)
from c4console.resources import load_jurisdiction, load_places


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex(load_places())


def first(index: PlaceIndex, text: str):
    hits = index.search(text)
    assert hits, text
    return hits[0]


def test_the_demo_set_is_believable_and_inside_the_cuadrantes():
    places = load_places()
    jurisdiction = load_jurisdiction()
    assert len(places.streets) > 1000 and len(places.colonias) >= 20 and len(places.landmarks) >= 20
    for seg in places.streets[::25]:
        assert jurisdiction.locate(*seg.middle) is not None
        assert seg.num_from <= seg.num_to


@pytest.mark.parametrize("typed", ["Uxmal", "uxmal", "UXMAL", "Calle Uxmal", "ux", "c. uxmal"])
def test_a_street_as_typed(index, typed):
    hit = first(index, typed)
    assert (hit.kind, hit.label) == (STREET, "Calle Uxmal")


def test_accents_are_ignored_both_ways(index):
    assert first(index, "chichen itza").label == "Calle Chichén Itzá"
    assert first(index, "Avenida Juárez").label == "Avenida Benito Juárez"
    assert first(index, "alvaro obregon").label == "Avenida Álvaro Obregón"


def test_street_and_number_falls_in_its_segment(index):
    hit = first(index, "Uxmal 1234")
    assert hit.kind == ADDRESS and hit.number == 1234 and hit.label.startswith("Calle Uxmal 1234, ")
    seg = next(s for s in load_places().streets if s.name == "Uxmal" and s.num_from <= 1234 <= s.num_to)
    low, high = sorted((seg.lat1, seg.lat2))
    assert low <= hit.lat <= high and hit.lon == pytest.approx(seg.lon1)
    assert all(h.kind != ADDRESS for h in index.search("Uxmal 999999"))  # no such number


@pytest.mark.parametrize("typed", ["Uxmal y Palenque", "uxmal esq palenque", "Palenque y Uxmal",
                                   "uxmal y pal", "Calle Uxmal & Av. Palenque"])
def test_a_crossing(index, typed):
    hit = first(index, typed)
    assert hit.kind == CROSSING and set(hit.streets) == {"Calle Uxmal", "Avenida Palenque"}


def test_colonias_and_landmarks(index):
    assert (first(index, "pueblo nuevo").kind, first(index, "pueblo nuevo").label) == (
        COLONIA, "Colonia Pueblo Nuevo")
    assert first(index, "hospital general").label == "Hospital General de Mexicali"
    assert first(index, "Hospital General").kind == LANDMARK
    # A type word says which is meant when a street and a colonia share a name.
    assert first(index, "calz independencia").kind == STREET
    assert first(index, "col independencia").kind == COLONIA


def test_ranking_prefers_exact_then_prefix_then_word_starts(index):
    labels = [h.label for h in index.search("rio", limit=5)]
    assert labels[0] == "Colonia Río Nuevo"  # equal rank: colonias first
    assert {"Avenida Río Nuevo", "Avenida Río Colorado"} <= set(labels)
    assert index.search("nuevo rio")[0].label in {"Colonia Río Nuevo", "Avenida Río Nuevo"}
    assert index.search("") == [] and index.search("zzzz") == []
    assert len(index.search("a", limit=7)) == 7


def test_the_chosen_point_fills_sector_and_cuadrante_or_is_flagged_outside(index):
    jurisdiction = load_jurisdiction()
    chosen = place_in_jurisdiction(first(index, "Uxmal 1234"), jurisdiction.locate)
    assert chosen.sector.startswith("S") and chosen.cuadrante and not chosen.outside
    far = PlaceIndex(Places.parse({"landmarks": "nombre,tipo,colonia,lat,lon\n"
                                                "Playas de Tijuana,Playa,,32.52,-117.12\n"}))
    outside = place_in_jurisdiction(first(far, "playas"), jurisdiction.locate)
    assert outside.outside and outside.sector == ""


def test_bad_files_are_refused_naming_the_line():
    with pytest.raises(CatalogueError, match="header lacks columns"):
        Places.parse({"colonias": "nombre\nx\n"})
    with pytest.raises(CatalogueError, match="streets.csv line 2: lat_ini"):
        Places.parse({"streets": "cvevial,cveseg,tipovial,nomvial,colonia,num_ini,num_fin,"
                                 "lat_ini,lon_ini,lat_fin,lon_fin\nV1,S1,Calle,X,,1,99,norte,1,2,3\n"})
    with pytest.raises(CatalogueError, match="num_ini"):
        Places.parse({"streets": "cvevial,cveseg,tipovial,nomvial,colonia,num_ini,num_fin,"
                                 "lat_ini,lon_ini,lat_fin,lon_fin\nV1,S1,Calle,X,,1a,99,1,1,2,3\n"})
