"""BANAVIM registration (issue 12, pure): the field map, the record a case's episode
gives, its validation, the JSON/CSV export, the registration record and its commands.

BANAVIM (Banco Nacional de Datos e Información sobre Casos de Violencia contra las
Mujeres) counts one expediente per episode of violence; docs/banavim.md explains the
field map (``resources/banavim/field_map.csv``) and how a C4 registers.
"""

from c4console.core.banavim.export import LeftOut, split_complete, to_csv, to_json
from c4console.core.banavim.field_map import FieldSpec, parse_field_map
from c4console.core.banavim.record import build_record
from c4console.core.banavim.registration import BanavimRegistration, count_registered
from c4console.core.banavim.validation import Problem, validate

__all__ = ["BanavimRegistration", "FieldSpec", "LeftOut", "Problem", "build_record",
           "count_registered", "parse_field_map", "split_complete", "to_csv", "to_json",
           "validate"]
