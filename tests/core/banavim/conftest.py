"""The real case catalogues and BANAVIM field map, parsed once."""

from __future__ import annotations

import pytest

from c4console.core.cases import CaseCatalogues
from c4console.resources import load_banavim_field_map, load_case_catalogues


@pytest.fixture(scope="session")
def cats() -> CaseCatalogues:
    return load_case_catalogues()


@pytest.fixture(scope="session")
def field_map():
    return load_banavim_field_map()
