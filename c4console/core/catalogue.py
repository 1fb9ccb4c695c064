"""The incident-type catalogue (Catálogo Nacional de Incidentes de Emergencia).

The catalogue is data a C4 replaces with its official edition
(``resources/catalogue/incident_types.csv``); this module only parses and
validates rows that the caller has already read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from c4console.core.enums import Channel, Priority


class CatalogueError(ValueError):
    """The catalogue data is invalid; the message names the row and the field."""


@dataclass(frozen=True, slots=True)
class IncidentType:
    """One entry of the catalogue: five-digit code, name and priority."""

    code: str
    name: str
    priority: Priority
    category: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The incident types by code, plus the default type for each channel."""

    types: Mapping[str, IncidentType]
    channel_defaults: Mapping[Channel, str]

    def get(self, code: str) -> IncidentType:
        """The type with this code; raises KeyError naming the code if unknown."""
        try:
            return self.types[code]
        except KeyError:
            raise KeyError(f"incident type {code!r} is not in the catalogue") from None

    def default_for(self, channel: Channel) -> IncidentType:
        """The type an incident from this channel gets before an operator classifies it."""
        return self.get(self.channel_defaults[channel])

    @classmethod
    def parse(cls, types_csv: str, channel_defaults: Mapping[str, str]) -> Catalogue:
        """Parse the catalogue CSV (code,name,priority,category) and the channel defaults.

        Refuses a catalogue that would file a panic activation below ALTA: a silent
        panic activation is an emergency, never a "llamada muda".
        """
        types: dict[str, IncidentType] = {}
        reader = csv.DictReader(io.StringIO(types_csv))
        missing = {"code", "name", "priority", "category"} - set(reader.fieldnames or ())
        if missing:
            raise CatalogueError(f"catalogue header lacks columns: {', '.join(sorted(missing))}")
        for line_no, row in enumerate(reader, start=2):
            types[_code(row, line_no)] = _type(row, line_no)
        defaults: dict[Channel, str] = {}
        for channel_name, code in channel_defaults.items():
            try:
                channel = Channel(channel_name)
            except ValueError:
                raise CatalogueError(f"unknown channel {channel_name!r} in channel defaults") from None
            if code not in types:
                raise CatalogueError(f"default for {channel_name} is {code}, not in the catalogue")
            defaults[channel] = code
        for channel in Channel:
            if channel not in defaults:
                raise CatalogueError(f"no default incident type for channel {channel.value}")
        panic = types[defaults[Channel.PANIC_BUTTON]]
        if panic.priority is not Priority.ALTA:
            raise CatalogueError(
                f"panic activations must be ALTA; default {panic.code} is {panic.priority}"
            )
        return cls(types=types, channel_defaults=defaults)

    def __iter__(self) -> Iterable[IncidentType]:  # type: ignore[override]
        return iter(sorted(self.types.values(), key=lambda t: t.code))


def _code(row: Mapping[str, str], line_no: int) -> str:
    code = (row.get("code") or "").strip()
    if len(code) != 5 or not code.isdigit():
        raise CatalogueError(f"line {line_no}: code {code!r} is not five digits")
    return code


def _type(row: Mapping[str, str], line_no: int) -> IncidentType:
    try:
        priority = Priority((row.get("priority") or "").strip().upper())
    except ValueError:
        raise CatalogueError(
            f"line {line_no}: priority {row.get('priority')!r} is not ALTA, MEDIA or BAJA"
        ) from None
    name = (row.get("name") or "").strip()
    if not name:
        raise CatalogueError(f"line {line_no}: empty name")
    return IncidentType(
        code=_code(row, line_no),
        name=name,
        priority=priority,
        category=(row.get("category") or "").strip(),
    )
