"""Generate the demo ``beneficiaries.csv``, ``units.csv``, ``cases.csv`` and
``prior_incidents.csv`` (all people fictional).

Run from the repository with the project's Python::

    .venv/bin/python resources/demo/make_demo_data.py [--today YYYY-MM-DD]

The output is deterministic for a given ``--today`` (fixed seed). Protection order
expiry dates are placed relative to ``--today`` (a few already expired, some
expiring within two weeks, most valid for months), so regenerate with a new date
when the demo's "expiring soon" cases have drifted into the past.

Homes and patrol start points are drawn inside the demo jurisdiction
(``maps/mexicali/cuadrantes.geojson``), at least ``MARGIN_M`` from the edge of
their cuadrante so a small GPS scatter around them stays in the same colonia.
Name lists live beside this script as plain text files, one entry per line.

``cases.csv`` completes each woman's case (birth date, the aggressor's relationship as a
code of ``resources/cases/relationships.csv``, an earlier order, her answers to the risk
questionnaire: the level is computed by the central from them, spread over the five
levels); ``prior_incidents.csv`` lists her earlier, closed incidents as days before the
demo starts (so "repeat within 30 days" shows whatever day the demo runs).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import random
from pathlib import Path

from c4console.core.cases.risk import RiskQuestionnaire
from c4console.core.cases.vocabulary import RiskLevel
from c4console.core.geo import Cuadrante, Jurisdiction
from c4console.resources import load_case_catalogues

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
JURISDICTION = ROOT / "maps" / "mexicali" / "cuadrantes.geojson"

SEED = 2026
DEFAULT_TODAY = "2026-11-22"
BENEFICIARIES = 200
# Devices already handed over (the "144 of 200"); the rest are registered only.
DELIVERED = 144
MARGIN_M = 150.0
# Patrols per sector (S1..S6): more where the demo puts the busy city centre.
UNITS_PER_SECTOR = {"S1": 3, "S2": 2, "S3": 3, "S4": 2, "S5": 2, "S6": 2}
# Sectors whose last patrol is a Fuerza Rosa unit (resources/catalogue/unit_kinds.csv): her
# follow-up visits go to them first (issue 13).
FUERZA_ROSA_SECTORS = ("S1", "S3", "S4", "S5")
# Made-up type allocation code: the first 8 digits of every demo panic device's IMEI.
DEMO_TAC = "86123456"
DEVICE_MODELS = ("EV-07B", "GL320MG", "TK-STAR Mini", "MiniFinder Pico")
BUTTON_MEASURE = "Entrega de dispositivo Botón Seguro"
RELATIONS = ("expareja", "esposo", "exesposo", "pareja", "novio", "exnovio", "padre", "hermano",
             "hijo", "padrastro")

CONTACT_RELATIONS = ("madre", "hermana", "amiga", "hija", "tía", "prima", "vecina")

BENEFICIARY_HEADER = ("beneficiary_id", "name", "phone", "address", "colonia", "home_lat", "home_lon",
                      "order_number", "order_authority", "order_valid_until", "order_measures",
                      "aggressor", "device_id", "device_model", "trusted_contacts", "delivered_on")
UNIT_HEADER = ("unit_id", "callsign", "sector", "device_id", "lat", "lon", "kind")
CASE_HEADER = ("beneficiary_id", "date_of_birth", "aggressor_name", "aggressor_relationship",
               "aggressor_age", "aggressor_weapon_access", "previous_order_number",
               "previous_order_valid_from", "previous_order_valid_until", "risk_yes", "risk_unknown")
PRIOR_HEADER = ("incident_id", "beneficiary_id", "channel", "type_code", "days_ago", "lat", "lon",
                "caller", "disposition", "violence_types", "modalities")

# The registry's relation words (RELATIONS) as codes of resources/cases/relationships.csv.
RELATIONSHIP_CODE = {"expareja": "expareja", "esposo": "esposo", "exesposo": "expareja",
                     "pareja": "concubino", "novio": "novio", "exnovio": "expareja",
                     "padre": "padre", "hermano": "hermano", "hijo": "hijo", "padrastro": "padrastro"}
# How many of the 200 cases end at each level (the central computes it from the answers).
LEVEL_SHARE = {RiskLevel.NO_APRECIADO: 30, RiskLevel.BAJO: 45, RiskLevel.MEDIO: 55,
               RiskLevel.ALTO: 42, RiskLevel.EXTREMO: 28}
# Prior incidents per woman: (how many, weight); most women with history have one or two.
PRIOR_COUNTS = ((0, 35), (1, 30), (2, 22), (3, 9), (4, 4))
RECENT_SHARE = 0.35  # of the women with history, those whose last incident was < 30 days ago
DISPOSITIONS = (
    "Se acudió al domicilio; el agresor se retiró antes de la llegada de la unidad. Se orientó a la víctima.",
    "Agresor detenido y puesto a disposición del Ministerio Público.",
    "Activación confirmada; la víctima se encontraba a salvo con familiares.",
    "Se canalizó a la víctima al Instituto de la Mujer para acompañamiento.",
    "Se verificó el cumplimiento de la orden de protección; sin novedad.",
    "Discusión verbal; se dialogó con las partes y se recordó la orden vigente.",
)
EPISODES = ((("fisica", "psicologica"), ("familiar",)), (("psicologica",), ("familiar",)),
            (("psicologica", "economica"), ("familiar",)), (("sexual", "fisica"), ("familiar",)),
            (("digital", "psicologica"), ("digital_mediatica",)),
            (("patrimonial", "psicologica"), ("familiar",)))

_M_PER_DEG_LAT = 110_900.0


def read_list(name: str) -> list[str]:
    """Entries of a name list beside this script (blank and '#' lines skipped)."""
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]


def luhn_digit(digits: str) -> str:
    """The Luhn check digit that completes ``digits`` (as for a real IMEI)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:  # doubled positions, counted from the right of the payload
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def well_inside(cuad: Cuadrante, lat: float, lon: float, margin_m: float = MARGIN_M) -> bool:
    """True if the point and four points ``margin_m`` around it are all in ``cuad``."""
    dlat = margin_m / _M_PER_DEG_LAT
    dlon = margin_m / (_M_PER_DEG_LAT * math.cos(math.radians(lat)))
    probes = ((0, 0), (dlat, 0), (-dlat, 0), (0, dlon), (0, -dlon))
    return all(cuad.contains(lat + a, lon + b) for a, b in probes)


def random_point(rng: random.Random, cuads: list[Cuadrante]) -> tuple[Cuadrante, float, float]:
    """A point well inside one of ``cuads``, uniform over their area."""
    lats = [p[1] for c in cuads for p in c.rings[0]]
    lons = [p[0] for c in cuads for p in c.rings[0]]
    while True:
        lat = rng.uniform(min(lats), max(lats))
        lon = rng.uniform(min(lons), max(lons))
        for c in cuads:
            if well_inside(c, lat, lon):
                return c, round(lat, 6), round(lon, 6)


def person(rng: random.Random, given: list[str], surnames: list[str]) -> str:
    """A Mexican-style full name: given name(s) and two surnames."""
    first, second = rng.sample(surnames, 2)
    return f"{rng.choice(given)} {first} {second}"


def unique_phone(rng: random.Random, used: set[str]) -> str:
    """A Mexicali mobile number (+52 686 …) not yet in ``used``."""
    while True:
        n = rng.randrange(1_000_000, 10_000_000)
        phone = f"+52 686 {n // 10_000:03d} {n % 10_000:04d}"
        if phone not in used:
            used.add(phone)
            return phone


def order_expiry(rng: random.Random, index: int, today: dt.date) -> dt.date:
    """Expiry date: every 10th expired, every 7th within two weeks, the rest months ahead."""
    if index % 10 == 3:
        return today - dt.timedelta(days=rng.randint(1, 45))
    if index % 7 == 5:
        return today + dt.timedelta(days=rng.randint(0, 14))
    return today + dt.timedelta(days=rng.randint(20, 365))


def beneficiaries(rng: random.Random, jurisdiction: Jurisdiction, today: dt.date) -> list[dict[str, str]]:
    """The fictional beneficiaries, one dict per CSV row."""
    given, men = read_list("given_names.txt"), read_list("male_given_names.txt")
    surnames, streets = read_list("surnames.txt"), read_list("streets.txt")
    authorities, measures = read_list("authorities.txt"), read_list("measures.txt")
    cuads = list(jurisdiction.cuadrantes)
    phones: set[str] = set()
    serials = rng.sample(range(100_000, 1_000_000), BENEFICIARIES)
    rows = []
    for i in range(1, BENEFICIARIES + 1):
        cuad, lat, lon = random_point(rng, cuads)
        issued_year = today.year - (1 if rng.random() < 0.3 else 0)
        payload = f"{DEMO_TAC}{serials[i - 1]:06d}"
        rows.append({
            "beneficiary_id": f"B{i:04d}",
            "name": person(rng, given, surnames),
            "phone": unique_phone(rng, phones),
            "address": f"{rng.choice(streets)} {rng.randint(100, 2999)}",
            "colonia": cuad.colonia,
            "home_lat": f"{lat:.6f}",
            "home_lon": f"{lon:.6f}",
            # i * 37 mod 1000 is a permutation for i < 1000: unique, but not in list order.
            "order_number": f"OP-{issued_year}-{i * 37 % 1000:04d}",
            "order_authority": rng.choice(authorities),
            "order_valid_until": order_expiry(rng, i, today).isoformat(),
            # Every demo beneficiary carries a panic device, so every order grants one.
            "order_measures": "; ".join([*rng.sample(measures, rng.randint(1, 3)), BUTTON_MEASURE]),
            "aggressor": f"{person(rng, men, surnames)} ({rng.choice(RELATIONS)})",
            "device_id": payload + luhn_digit(payload),
            "device_model": rng.choice(DEVICE_MODELS),
        })
    return rows


def add_trusted_contacts(rng: random.Random, rows: list[dict[str, str]]) -> None:
    """One or two trusted contacts per beneficiary (``Name|phone|relation; …``), none
    for every 25th so the demo shows what happens then. A separate random stream,
    so adding contacts left every other generated value as it was."""
    given, surnames = read_list("given_names.txt"), read_list("surnames.txt")
    phones = {r["phone"] for r in rows}
    for i, row in enumerate(rows, start=1):
        if i % 25 == 0:
            row["trusted_contacts"] = ""
            continue
        contacts = [f"{person(rng, given, surnames)}|{unique_phone(rng, phones)}|"
                    f"{rng.choice(CONTACT_RELATIONS)}" for _ in range(rng.randint(1, 2))]
        row["trusted_contacts"] = "; ".join(contacts)


def add_delivery_dates(rng: random.Random, rows: list[dict[str, str]], today: dt.date) -> None:
    """``delivered_on`` for DELIVERED of the devices (1 to 330 days before ``today``), empty
    for the others. A separate random stream, so every other generated value is kept."""
    delivered = set(rng.sample(range(len(rows)), min(DELIVERED, len(rows))))
    for i, row in enumerate(rows):
        row["delivered_on"] = ((today - dt.timedelta(days=rng.randint(1, 330))).isoformat()
                               if i in delivered else "")


def _answers(rng: random.Random, risk: RiskQuestionnaire, target: RiskLevel
             ) -> tuple[list[str], list[str]]:
    """Answers (items answered yes, items answered "no sé") that the questionnaire scores
    at ``target``: yes items are drawn one by one until the level is reached; a draw
    that overshoots (a lethality floor) starts again."""
    codes = list(risk.items)
    while True:
        order = rng.sample(codes, len(codes))
        unknown = set(order[-rng.randint(0, 3):]) if rng.random() < 0.5 else set()
        yes: list[str] = []
        for code in order:
            answers = {c: (True if c in yes else None if c in unknown else False) for c in codes}
            level = risk.score(answers).level
            if level is target and (target is not RiskLevel.NO_APRECIADO or rng.random() < 0.5):
                return sorted(yes), sorted(unknown - set(yes))
            if level.rank > target.rank or code in unknown:
                break
            yes.append(code)


def cases(rng: random.Random, rows: list[dict[str, str]], today: dt.date) -> list[dict[str, str]]:
    """``cases.csv``: what completes each woman's case beyond her registry record."""
    risk = load_case_catalogues().risk
    levels = [lv for lv, n in LEVEL_SHARE.items() for _ in range(n)]
    rng.shuffle(levels)
    out = []
    for row, level in zip(rows, levels, strict=True):
        name, _, relation = row["aggressor"].rpartition(" (")
        relation = relation.rstrip(")")
        born = today - dt.timedelta(days=rng.randint(18 * 365, 62 * 365))
        yes, unknown = _answers(rng, risk, level)
        previous = {"previous_order_number": "", "previous_order_valid_from": "",
                    "previous_order_valid_until": ""}
        if rng.random() < 0.3:  # an earlier order, expired
            ended = today - dt.timedelta(days=rng.randint(60, 700))
            previous = {"previous_order_number": f"OP-{ended.year - 1}-{rng.randint(1, 999):04d}",
                        "previous_order_valid_from": (ended - dt.timedelta(days=180)).isoformat(),
                        "previous_order_valid_until": ended.isoformat()}
        out.append({
            "beneficiary_id": row["beneficiary_id"], "date_of_birth": born.isoformat(),
            "aggressor_name": name, "aggressor_relationship": RELATIONSHIP_CODE[relation],
            "aggressor_age": str(rng.randint(20, 65)),
            "aggressor_weapon_access": "si" if "acceso_armas" in yes else rng.choice(("no", "")),
            **previous, "risk_yes": ";".join(yes), "risk_unknown": ";".join(unknown),
        })
    return out


def prior_incidents(rng: random.Random, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """``prior_incidents.csv``: earlier closed incidents of some women, near her home, by
    her panic button or a 911 call from her phone; ``days_ago`` counts back from the
    demo's start."""
    counts, weights = zip(*PRIOR_COUNTS, strict=True)
    out = []
    for row in rows:
        n = rng.choices(counts, weights)[0]
        if not n:
            continue
        recent = rng.random() < RECENT_SHARE
        days = sorted((rng.uniform(31, 300) for _ in range(n)), reverse=True)
        if recent:
            days[-1] = rng.uniform(2, 28)
        for ago in days:
            panic = rng.random() < 0.7
            types, modalities = rng.choice(EPISODES)
            out.append({
                "incident_id": f"demo-prior-{len(out) + 1:04d}", "beneficiary_id": row["beneficiary_id"],
                "channel": "panic_button" if panic else "call_911",
                "type_code": "30903" if panic else rng.choice(("30502", "30503", "31002")),
                "days_ago": f"{ago:.3f}",
                "lat": f"{float(row['home_lat']) + rng.uniform(-0.0002, 0.0002):.6f}",
                "lon": f"{float(row['home_lon']) + rng.uniform(-0.0002, 0.0002):.6f}",
                "caller": "" if panic else row["phone"],
                "disposition": rng.choice(DISPOSITIONS),
                "violence_types": ";".join(types), "modalities": ";".join(modalities),
            })
    return out


def units(rng: random.Random, jurisdiction: Jurisdiction) -> list[dict[str, str]]:
    """The patrols: callsign PM-<sector><n>, start point inside their sector, and kind."""
    rows = []
    number = 0
    for sector, count in UNITS_PER_SECTOR.items():
        cuads = [c for c in jurisdiction.cuadrantes if c.sector == sector]
        for k in range(1, count + 1):
            number += 1
            _, lat, lon = random_point(rng, cuads)
            rows.append({
                "unit_id": f"P{number:02d}",
                "callsign": f"PM-{sector[1:]}{k:02d}",
                "sector": sector,
                "device_id": f"unit-P{number:02d}",
                "lat": f"{lat:.6f}",
                "lon": f"{lon:.6f}",
                "kind": "fuerza_rosa" if sector in FUERZA_ROSA_SECTORS and k == count else "general",
            })
    return rows


def write_csv(path: Path, header: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    """Write rows with ``\\n`` line ends so the files diff cleanly."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    """Write the demo CSV files into ``--out`` (default: beside this script)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--today", default=DEFAULT_TODAY, help="reference date for order expiry (YYYY-MM-DD)")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder")
    args = ap.parse_args()
    today = dt.date.fromisoformat(args.today)
    jurisdiction = Jurisdiction.from_geojson(json.loads(JURISDICTION.read_text(encoding="utf-8")))
    rng = random.Random(SEED)
    bens = beneficiaries(rng, jurisdiction, today)
    pats = units(rng, jurisdiction)
    add_trusted_contacts(random.Random(SEED + 1), bens)
    add_delivery_dates(random.Random(SEED + 2), bens, today)
    write_csv(args.out / "beneficiaries.csv", BENEFICIARY_HEADER, bens)
    write_csv(args.out / "units.csv", UNIT_HEADER, pats)
    # Separate random streams: the files above are as they were before cases existed.
    write_csv(args.out / "cases.csv", CASE_HEADER, cases(random.Random(SEED + 3), bens, today))
    priors = prior_incidents(random.Random(SEED + 4), bens)
    write_csv(args.out / "prior_incidents.csv", PRIOR_HEADER, priors)
    print(f"{len(bens)} beneficiaries (with cases), {len(priors)} prior incidents, "
          f"{len(pats)} units written to {args.out}")


if __name__ == "__main__":
    main()
