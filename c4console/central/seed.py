"""Import beneficiaries, their panic devices and patrol units from CSV files.

Each row is imported in its own transaction and reported: imported, updated,
unchanged or refused (with the reason). Every stored record gets a change row,
so consoles receive seeded data through the feed. Seeding again is harmless:
an existing id is updated (live state such as a unit's status is kept) or left
unchanged, never duplicated.
"""

from __future__ import annotations

import csv
import io
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from c4console.central.device_health import ensure_health
from c4console.central.device_lifecycle import ensure_lifecycle
from c4console.central.gateways.kannel_client import normalise_phone
from c4console.central.jsonbody import text_problem
from c4console.central.records import Tx
from c4console.central.service import Service
from c4console.core.enums import UnitStatus
from c4console.core.geo import valid_position
from c4console.core.models import Beneficiary, Device, Shift, Unit
from c4console.core.registry_commands import delivery_date_problem
from c4console.resources import load_unit_kinds

log = logging.getLogger(__name__)

BENEFICIARY_COLUMNS = ("beneficiary_id", "name", "phone", "address", "colonia", "home_lat", "home_lon",
                       "order_number", "order_authority", "order_valid_until", "order_measures",
                       "aggressor", "device_id", "device_model")
UNIT_COLUMNS = ("unit_id", "callsign", "sector", "device_id", "lat", "lon")
# ``c4central devices import``: a beneficiaries file where only these are required;
# an empty or missing beneficiary_id becomes B-<device_id>.
DEVICE_COLUMNS = ("device_id", "name")
# Optional in both files: ``Name|phone|relation`` entries separated by ``;``. A file
# without the column leaves the stored contacts as they are; an empty cell clears them.
CONTACTS_COLUMN = "trusted_contacts"
# Optional in both files: the day the device was handed to her (YYYY-MM-DD, not after
# today). Like ``device_model``, a file without the column keeps what is stored.
DELIVERED_COLUMN = "delivered_on"
MAX_CONTACTS = 10
MAX_ID = 64

Row = dict[str, str]


class RowRefused(ValueError):
    """This row is not imported; the message says why."""


class BadFile(RowRefused):
    """No row of the file is imported (not UTF-8, empty, header lacks columns); says why."""


@dataclass(frozen=True, slots=True)
class SeedRow:
    """The fate of one CSV row."""

    file: str
    line: int
    record_id: str
    outcome: str  # imported | updated | unchanged | refused
    reason: str = ""
    changed: tuple[str, ...] = ()  # for ``updated``: the fields the row changed


@dataclass
class SeedReport:
    """Row-by-row result of a seed run."""

    rows: list[SeedRow] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many rows had each outcome."""
        return dict(Counter(r.outcome for r in self.rows))

    def refused(self) -> list[SeedRow]:
        """The rows that were not imported."""
        return [r for r in self.rows if r.outcome == "refused"]

    def summary(self) -> str:
        """One line for the log."""
        counts = self.counts()
        return ", ".join(f"{counts.get(k, 0)} {k}" for k in ("imported", "updated", "unchanged", "refused"))


def parse_csv(data: bytes, columns: tuple[str, ...], name: str) -> list[tuple[int, Row]]:
    """(line number, row) pairs of a CSV file's bytes (the command line's and the HTTP
    import's one reader); raises BadFile, saying why no row of ``name`` is imported, if
    it is not UTF-8, is empty, its header lacks ``columns`` or it has no rows."""
    nothing = f"no row of {name} imported"
    try:
        # utf-8-sig: spreadsheets often save a byte-order mark.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise BadFile(f"not UTF-8 text (byte 0x{data[e.start]:02x} on line {line}); save it as "
                      f"\"CSV UTF-8\"; {nothing}") from None
    if not text.strip():
        raise BadFile(f"the file is empty; {nothing}")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise BadFile(f"header lacks column(s) {', '.join(missing)}; {nothing}")
        rows = [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k})
                for row in reader]
    except csv.Error as e:
        raise BadFile(f"line {reader.line_num}: not readable as CSV ({e}); {nothing}") from None
    if not rows:
        raise BadFile(f"the file has a header but no rows; {nothing}")
    return rows


def read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, Row]]:
    """(line number, row) pairs of a CSV file; raises BadFile (see :func:`parse_csv`)."""
    return parse_csv(path.read_bytes(), columns, path.name)


def _id(row: Row, name: str, *, required: bool = True) -> str:
    value = row.get(name, "")
    if required and not value:
        raise RowRefused(f"empty {name}")
    if len(value) > MAX_ID:
        raise RowRefused(f"{name} is longer than {MAX_ID} characters")
    return value


def _position(row: Row, lat_name: str, lon_name: str) -> tuple[float | None, float | None]:
    raw_lat, raw_lon = row.get(lat_name, ""), row.get(lon_name, "")
    if not raw_lat and not raw_lon:
        return None, None
    try:
        lat, lon = float(raw_lat), float(raw_lon)
    except ValueError:
        raise RowRefused(f"{lat_name}/{lon_name} {raw_lat!r},{raw_lon!r} must both be numbers "
                         "or both be empty") from None
    if not valid_position(lat, lon):
        raise RowRefused(f"{lat_name}/{lon_name} {lat},{lon} is not a WGS84 position")
    return lat, lon


def parse_contacts(cell: str) -> list[dict[str, str]]:
    """``Ana Ruiz|+52 686 111 2233|madre; Luis Ruiz|6861112244|hermano`` → contact records
    (``name``, ``phone``, ``relation``); raises RowRefused saying which entry is wrong."""
    contacts: list[dict[str, str]] = []
    entries = [e.strip() for e in cell.split(";") if e.strip()]
    if len(entries) > MAX_CONTACTS:
        raise RowRefused(f"{CONTACTS_COLUMN}: {len(entries)} contacts; at most {MAX_CONTACTS}")
    for n, entry in enumerate(entries, 1):
        parts = [p.strip() for p in entry.split("|")]
        if len(parts) not in (2, 3) or not parts[0]:
            raise RowRefused(f"{CONTACTS_COLUMN} entry {n} {entry!r} is not Name|phone|relation")
        phone = parts[1]
        try:
            normalise_phone(phone)
        except ValueError as e:
            raise RowRefused(f"{CONTACTS_COLUMN} entry {n} ({parts[0]}): phone {e}") from None
        contacts.append({"name": parts[0], "phone": phone,
                         "relation": parts[2] if len(parts) == 3 else ""})
    return contacts


def _owner(device: Device) -> str:
    if device.kind == "panic":
        return f"beneficiary {device.beneficiary_id}"
    if device.kind == "aggressor":  # his tracker can never become her panic device
        return f"an aggressor's tracker (exclusion zones {device.order_id or '-'})"
    return f"unit {device.unit_id}"


# Beneficiary fields a file sets when it has their column (a cell left empty clears the
# field; a column the file lacks leaves the stored value as it is).
TEXT_COLUMNS = ("name", "phone", "address", "colonia", "order_number", "order_authority",
                "order_valid_until", "order_measures", "aggressor")


def import_beneficiary(tx: Tx, row: Row, changed_fields: list[str] | None = None) -> str:
    """Store one beneficiary row (and her panic device); returns the outcome.

    Only the columns the file has are set: what a person edited in the console (her
    order's start date, a field the file has no column for) survives a re-import. The
    names of the fields that changed are appended to ``changed_fields``.
    """
    bid = _id(row, "beneficiary_id")
    if not row.get("name"):
        raise RowRefused("empty name")
    home_lat, home_lon = _position(row, "home_lat", "home_lon")
    device_id = _id(row, "device_id", required=False)
    old_device = tx.get("device", device_id) if device_id else None
    if old_device is not None and (old_device.kind != "panic" or old_device.beneficiary_id != bid):
        raise RowRefused(f"device {device_id} is registered to {_owner(old_device)}")
    old: Beneficiary | None = tx.get("beneficiary", bid)
    ben = old if old is not None else Beneficiary(id=bid, name="")
    ben = ben.evolve(**{c: row[c] for c in TEXT_COLUMNS if c in row})
    if "home_lat" in row or "home_lon" in row:
        ben = ben.evolve(home_lat=home_lat, home_lon=home_lon)
    if CONTACTS_COLUMN in row:
        ben = ben.evolve(trusted_contacts=parse_contacts(row[CONTACTS_COLUMN]) or None)
    fields = _changed_fields(old, ben)
    if fields:
        tx.put(ben)
    changed = bool(fields)
    if device_id:
        device = (old_device if old_device is not None
                  else Device(id=device_id, kind="panic", beneficiary_id=bid))
        if "device_model" in row:
            device = device.evolve(model=row["device_model"])
        if DELIVERED_COLUMN in row:
            problem = delivery_date_problem(row[DELIVERED_COLUMN], tx.now)
            if problem:
                raise RowRefused(f"{DELIVERED_COLUMN}: {problem}")
            device = device.evolve(delivered_on=row[DELIVERED_COLUMN])
        if device != old_device:
            fields += (["device_id"] if old_device is None
                       else _changed_fields(old_device, device, prefix="device_"))
        changed = _put_if_changed(tx, old_device, device) or changed
        ensure_health(tx, device)  # on the health board from the day she has it
        ensure_lifecycle(tx, device)  # in use if delivered, else in stock
    if changed_fields is not None and old is not None:
        changed_fields.extend(fields)
    return "imported" if old is None else "updated" if changed else "unchanged"


def _changed_fields(old: Beneficiary | Device | Unit | None, new: Beneficiary | Device | Unit,
                    prefix: str = "") -> list[str]:
    """The names of the wire fields that differ (all of them for a new record)."""
    before = old.to_wire() if old is not None else {}
    after = new.to_wire()
    return [prefix + k for k in after if k != "id" and before.get(k) != after[k]]


def import_unit(tx: Tx, row: Row, changed_fields: list[str] | None = None) -> str:
    """Store one patrol unit row (and its tracker); returns the outcome.

    A unit that exists keeps its live state (status, incident, last position).
    """
    uid = _id(row, "unit_id")
    if not row.get("callsign"):
        raise RowRefused("empty callsign")
    lat, lon = _position(row, "lat", "lon")
    device_id = _id(row, "device_id", required=False) or None
    kind = row.get("kind") or "general"  # optional column (issue 13): unit_kinds.csv
    if kind not in load_unit_kinds():
        raise RowRefused(f"kind {kind!r} is not one of {', '.join(sorted(load_unit_kinds()))} "
                         "(resources/catalogue/unit_kinds.csv)")
    old_device = tx.get("device", device_id) if device_id else None
    if old_device is not None and (old_device.kind != "unit" or old_device.unit_id != uid):
        raise RowRefused(f"device {device_id} is registered to {_owner(old_device)}")
    old: Unit | None = tx.get("unit", uid)
    if old is None:
        unit = Unit(id=uid, callsign=row["callsign"], status=UnitStatus.AVAILABLE,
                    sector=row.get("sector", ""), lat=lat, lon=lon,
                    position_at=tx.now if lat is not None else None, status_since=tx.now,
                    device_id=device_id, kind=kind)
    else:
        unit = old.evolve(callsign=row["callsign"], sector=row.get("sector", ""), device_id=device_id,
                          kind=kind if "kind" in row else old.kind)
        if unit.lat is None and lat is not None:
            unit = unit.evolve(lat=lat, lon=lon, position_at=tx.now)
    if changed_fields is not None and old is not None:
        changed_fields.extend(_changed_fields(old, unit))
    changed = _put_if_changed(tx, old, unit)
    if device_id and old_device is None:
        tracker = Device(id=device_id, kind="unit", unit_id=uid)
        changed = _put_if_changed(tx, None, tracker) or changed
        ensure_health(tx, tracker)
    return "imported" if old is None else "updated" if changed else "unchanged"


def default_beneficiary_id(device_id: str) -> str:
    """The beneficiary id given to a device registered without one."""
    return f"B-{device_id}"


def import_device(tx: Tx, row: Row, changed_fields: list[str] | None = None) -> str:
    """Store one panic device and its beneficiary (``devices add``/``devices import``)."""
    device_id = _id(row, "device_id")
    row = {**row, "beneficiary_id": row.get("beneficiary_id") or default_beneficiary_id(device_id)}
    return import_beneficiary(tx, row, changed_fields)


def _put_if_changed(tx: Tx, old: object, new: Beneficiary | Device | Unit) -> bool:
    if old == new:
        return False
    tx.put(new)
    return True


async def seed_file(service: Service, path: Path, kind: str, report: SeedReport | None = None
                    ) -> SeedReport:
    """Import ``path`` (``kind`` is ``beneficiaries``, ``units`` or ``devices``) row by row."""
    report = report if report is not None else SeedReport()
    columns = _KINDS[kind][0]
    try:
        rows = read_rows(path, columns)
    except (OSError, RowRefused) as e:
        report.rows.append(SeedRow(path.name, 1, "", "refused", str(e)))
        log.error("seed %s: %s", path, e)
        return report
    return await seed_rows(service, rows, kind, path.name, report)


async def seed_rows(service: Service, rows: list[tuple[int, Row]], kind: str, source: str,
                    report: SeedReport | None = None) -> SeedReport:
    """Import (line, row) pairs of ``kind``, each in its own transaction; ``source`` names
    where they came from in the report."""
    report = report if report is not None else SeedReport()
    _, importer, id_col = _KINDS[kind]
    seen: dict[str, int] = {}
    for line, row in rows:
        rid = row.get(id_col, "")
        unstorable = next((f"{k}: {p}" for k, v in row.items() if (p := text_problem(v))), None)
        if unstorable:
            outcome, reason = "refused", unstorable
        elif rid and rid in seen:
            outcome, reason = "refused", f"{id_col} {rid} already on line {seen[rid]}"
        else:
            fields: list[str] = []

            def store(tx: Tx, r: Row = row, f: list[str] = fields) -> str:
                f.clear()  # a retried transaction reports its own run only
                return importer(tx, r, f)

            try:
                outcome, reason = await service.write(store), ""
            except RowRefused as e:
                outcome, reason = "refused", str(e)
            seen.setdefault(rid, line)
        changed = tuple(dict.fromkeys(fields)) if outcome == "updated" else ()
        report.rows.append(SeedRow(source, line, rid, outcome, reason, changed))
        if outcome == "refused":
            log.warning("seed %s line %d (%s): refused: %s", source, line, rid or "?", reason)
    return report


_KINDS: dict[str, tuple[tuple[str, ...], Callable[[Tx, Row, list[str]], str], str]] = {
    "beneficiaries": (BENEFICIARY_COLUMNS, import_beneficiary, "beneficiary_id"),
    "units": (UNIT_COLUMNS, import_unit, "unit_id"),
    "devices": (DEVICE_COLUMNS, import_device, "device_id"),
}


async def seed_folder(service: Service, folder: Path) -> SeedReport | None:
    """Import ``units.csv`` and ``beneficiaries.csv`` from ``folder``; None if neither exists."""
    files = [(folder / "units.csv", "units"), (folder / "beneficiaries.csv", "beneficiaries")]
    present = [(p, k) for p, k in files if p.is_file()]
    if not present:
        log.info("seed: no units.csv or beneficiaries.csv in %s; nothing seeded", folder)
        return None
    report = SeedReport()
    for path, kind in present:
        await seed_file(service, path, kind, report)
    for path, _ in files:
        if not path.is_file():
            log.info("seed: %s not found; skipped", path)
    log.info("seed from %s: %s", folder, report.summary())
    return report


DEMO_SHIFT_ID = "demo-turno"
# The demo accounts (central/bootstrap.py) on that shift; "simulador" is the simulator's.
DEMO_SHIFT_OPERATORS = ("operadora1", "operadora2")
DEMO_SHIFT_LEAD = "jefe1"
DEMO_SHIFT_BEFORE_S = 2 * 3600.0  # the demo's shift started two hours ago ...
DEMO_SHIFT_AFTER_S = 6 * 3600.0  # ... and ends in six


async def seed_demo_shift(service: Service, operators: tuple[str, ...] = DEMO_SHIFT_OPERATORS,
                          lead: str = DEMO_SHIFT_LEAD, now: float | None = None) -> Shift:
    """The demo's current shift (now-2 h .. now+6 h): these operators and lead, every unit
    and every sector, so the roster and "my shift first" show in ``make demo``.

    Stored like a ``set_shift`` (one change on the feed); each demo start moves its period
    to the new now.
    """
    def put(tx: Tx) -> Shift:
        at = tx.now if now is None else now
        units = sorted(tx.view("unit"))
        if service.sectors is not None:
            sectors = sorted(service.sectors)
        else:  # no jurisdiction loaded: the units' own sectors
            sectors = sorted({u.sector for u in (tx.get("unit", uid) for uid in units)
                              if u is not None and u.sector})
        shift = Shift(id=DEMO_SHIFT_ID, name="Turno demo", starts_at=at - DEMO_SHIFT_BEFORE_S,
                      ends_at=at + DEMO_SHIFT_AFTER_S, lead=lead, operators=tuple(operators),
                      units=tuple(units), sectors=tuple(sectors), updated_at=tx.now,
                      updated_by="demo")
        tx.put(shift)
        return shift

    shift = await service.write(put)
    log.info("demo shift %s: %s, operators %s, %d units, %d sectors", shift.id, shift.name,
             ", ".join(shift.operators), len(shift.units), len(shift.sectors))
    return shift
