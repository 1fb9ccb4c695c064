"""Where the project's data folders are, and loaders for the files in them.

The data (catalogue, sectors, demo names, map page assets, translations, tones)
live in the repository's top-level folders ``resources/``, ``audio/`` and
``maps/``: that is where a C4 edits them. The package ``c4console.data`` holds
git symlinks to those three folders, and ``pyproject.toml`` lists their files as
its package data, so a wheel carries copies of the real files under
``c4console/data/``. This module finds them with
``importlib.resources.files("c4console.data")`` — the same lookup from a
checkout (``PYTHONPATH`` or an editable install, through the symlinks), an
installed wheel and a frozen bundle. (A setuptools ``package-dir`` mapping would
avoid the symlinks, but a plain checkout on ``PYTHONPATH`` would then have no
``c4console.data`` to find.)

``C4_RESOURCES``: set it to a folder laid out like ``c4console/data`` (and the
repository's top level), holding ``resources/``, ``audio/`` and ``maps/``, to use
those instead of the packaged data. All three are then read from there, none from
the package: copy the ones you do not change.
"""

from __future__ import annotations

import csv
import importlib.resources
import json
import os
import tomllib
from functools import cache
from pathlib import Path

from c4console.core.agencies.access import SharePolicy, share_readers
from c4console.core.agencies.records import AgencyKinds
from c4console.core.banavim.field_map import FieldSpec, parse_field_map
from c4console.core.calls.access import IntakePolicy
from c4console.core.cases.case_catalogues import FILES as CASE_FILES
from c4console.core.cases.case_catalogues import CaseCatalogues
from c4console.core.cases.record_access import RecordAccess
from c4console.core.catalogue import Catalogue
from c4console.core.coordination.access import CoordinationPolicy, coordination_readers
from c4console.core.coordination.agenda import AgendaSettings
from c4console.core.device_health_access import HealthAccess
from c4console.core.follow_up.access import FollowUpAccess, FollowUpPolicy
from c4console.core.follow_up.defaults import PlanDefaults
from c4console.core.geo import Jurisdiction
from c4console.core.places.data import FILES as PLACE_FILES
from c4console.core.places.data import Places
from c4console.core.referrals.catalogue import InstitutionCatalogue
from c4console.core.specialists.access import DeskAccess, DeskPolicy
from c4console.core.statistics.targets import TimeTarget, parse_targets
from c4console.core.zones.access import ZoneAccess

ENV_OVERRIDE = "C4_RESOURCES"


def _packaged_data() -> Path:
    """The folder of the package ``c4console.data`` (a real folder: the data are read
    as files, handed to Qt and to child processes by path)."""
    folder = importlib.resources.files("c4console.data")
    if isinstance(folder, Path):
        return folder
    # A frozen bundle (PyInstaller) answers a MultiplexedPath: the package's code is in
    # the bundle's archive, its data files in a folder, which is the package's __path__.
    import c4console.data

    for entry in c4console.data.__path__:
        if Path(entry, "resources").is_dir():
            return Path(entry)
    raise RuntimeError(f"c4console.data is not a folder on disk ({folder!r}): install it unzipped")


def data_root() -> Path:
    """The folder holding ``resources/``, ``audio/`` and ``maps/``: ``$C4_RESOURCES``
    if set, else the packaged data."""
    override = os.environ.get(ENV_OVERRIDE)
    return Path(override) if override else _packaged_data()


ROOT = data_root()
# resolve(): in a checkout the packaged folders are symlinks; name the real folders
# (what a C4 edits, what i18n_build writes to, what messages show).
RESOURCES = (ROOT / "resources").resolve()
MAPS = (ROOT / "maps").resolve()
AUDIO = (ROOT / "audio").resolve()
UI = (ROOT / "ui").resolve()  # no such folder today; kept for callers that name it

DEFAULT_JURISDICTION = MAPS / "mexicali" / "cuadrantes.geojson"


@cache
def load_catalogue(folder: Path = RESOURCES / "catalogue") -> Catalogue:
    """The incident catalogue from ``incident_types.csv`` and ``channel_defaults.toml``."""
    types = (folder / "incident_types.csv").read_text(encoding="utf-8")
    defaults = tomllib.loads((folder / "channel_defaults.toml").read_text(encoding="utf-8"))
    return Catalogue.parse(types, defaults)


@cache
def load_case_catalogues(folder: Path = RESOURCES / "cases") -> CaseCatalogues:
    """The case catalogues: types and modalities of violence, relationships, age groups,
    the risk questionnaire and the need-to-know policy (see ``resources/cases/README.md``)."""
    return CaseCatalogues.parse(
        {key: (folder / name).read_text(encoding="utf-8") for key, name in CASE_FILES.items()})


@cache
def load_jurisdiction_geojson(path: Path = DEFAULT_JURISDICTION) -> dict:
    """The raw GeoJSON of the jurisdiction's cuadrantes (for drawing outlines)."""
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def load_jurisdiction(path: Path = DEFAULT_JURISDICTION) -> Jurisdiction:
    """The jurisdiction's cuadrantes for locating points."""
    return Jurisdiction.from_geojson(load_jurisdiction_geojson(path))


@cache
def load_record_access(folder: Path = RESOURCES / "cases") -> RecordAccess:
    """What each role receives of beneficiary records and panic devices: the case access
    table applied through ``record_fields.toml`` (the central's feed and reads)."""
    return RecordAccess.parse((folder / "record_fields.toml").read_text(encoding="utf-8"),
                              load_case_catalogues(folder).access,
                              HealthAccess.parse((folder / "access.toml").read_text(encoding="utf-8")),
                              ZoneAccess.parse((folder / "access.toml").read_text(encoding="utf-8")))


@cache
def load_banavim_field_map(path: Path = RESOURCES / "banavim" / "field_map.csv"
                           ) -> tuple[FieldSpec, ...]:
    """BANAVIM's field map (``resources/banavim/field_map.csv``, docs/banavim.md)."""
    return parse_field_map(path.read_text(encoding="utf-8"))


@cache
def load_feed_policy(folder: Path = RESOURCES / "cases") -> CoordinationPolicy:
    """What each role receives of every personal record on the feed and the read endpoints:
    the coordination meetings and tasks (``[coordination]``), the case shares
    (``[case_share]``), the follow-up records (``[follow_up]`` of
    ``access.toml``) and her case timeline, the call intake's records (``[[records]]``), the
    specialist desk's (``[interventions]``), the rest through :func:`load_record_access`."""
    text = (folder / "access.toml").read_text(encoding="utf-8")
    intake = IntakePolicy.parse(text, load_record_access(folder))
    desk = DeskPolicy(intake, DeskAccess.parse(text), load_case_catalogues(folder).access)
    follow = FollowUpPolicy(desk, FollowUpAccess.parse(text), load_case_catalogues(folder).access)
    return CoordinationPolicy(SharePolicy(follow, share_readers(text)), coordination_readers(text))


@cache
def load_unit_kinds(path: Path = RESOURCES / "catalogue" / "unit_kinds.csv") -> frozenset[str]:
    """The kinds a unit may have (``general``, ``fuerza_rosa``…); just ``general`` when a
    C4's own catalogue folder has no such file."""
    if not path.is_file():
        return frozenset({"general"})
    with path.open(encoding="utf-8", newline="") as f:
        return frozenset({"general"} | {row["kind"].strip() for row in csv.DictReader(f)
                                        if (row.get("kind") or "").strip()})


@cache
def load_plan_defaults(folder: Path = RESOURCES / "follow_up") -> PlanDefaults:
    """The follow-up plan per risk level and the GPS proof parameters."""
    return PlanDefaults.parse((folder / "plan_defaults.toml").read_text(encoding="utf-8"))


def read_place_files(folder: Path) -> dict[str, str]:
    """The location search's CSV texts in a jurisdiction folder (``streets.csv``,
    ``colonias.csv``, ``landmarks.csv``; a missing file is left out), by file key."""
    return {key: (folder / name).read_text(encoding="utf-8")
            for key, name in PLACE_FILES.items() if (folder / name).is_file()}


@cache
def load_places(folder: Path = DEFAULT_JURISDICTION.parent) -> Places:
    """The jurisdiction's streets, colonias and landmarks for the location search (the
    files beside its cuadrantes: maps/README.md)."""
    return Places.parse(read_place_files(folder))


@cache
def load_nt911_targets(path: Path = RESOURCES / "statistics" / "nt911_targets.toml"
                       ) -> tuple[TimeTarget, ...]:
    """The NT911 response-time targets the period report measures against."""
    return parse_targets(path.read_text(encoding="utf-8"))


@cache
def load_institutions(path: Path = RESOURCES / "institutions" / "institutions.csv"
                      ) -> InstitutionCatalogue:
    """The institutions women are referred to (``resources/institutions/README.md``)."""
    return InstitutionCatalogue.parse(path.read_text(encoding="utf-8"))


@cache
def load_agency_kinds(path: Path = RESOURCES / "agencies" / "kinds.toml") -> AgencyKinds:
    """The kinds of agency (``resources/agencies/kinds.toml``); the shipped catalogue when a
    C4's own resources folder (``$C4_RESOURCES``) has none."""
    if not path.is_file():
        path = _packaged_data() / "resources" / "agencies" / "kinds.toml"
    return AgencyKinds.parse(path.read_text(encoding="utf-8"))


@cache
def load_agenda_settings(path: Path = RESOURCES / "agencies" / "agenda.toml") -> AgendaSettings:
    """What puts a case on a coordination meeting's agenda (``resources/agencies/agenda.toml``);
    the shipped settings when a C4's own resources folder has none."""
    if not path.is_file():
        path = _packaged_data() / "resources" / "agencies" / "agenda.toml"
    return AgendaSettings.parse(path.read_text(encoding="utf-8"))
