"""The observatory's counts kept ahead of time (issue 14): per hour, and per place
(cuadrante filed, grid cell) per C4 year, month and day — so a year's choropleth and heat
read about one row per cell (the year's rows), not one entry per incident.

An incident counts once, under its creation time and its place (``cuadrante`` and
``cell``, the columns the write path computes: central/records.py ``_columns``); a
device's test activation (the flag of ``TEST_FLAG_SQL``) or an incident without a
creation time does not count — exactly what the grouped read of the incidents counts
(central/reports/observatory_reads.py).

The database keeps the counts: triggers on ``incidents`` (insert, update of a counted
column, delete) move an incident's count from its old key to its new one in the same
transaction as its row, whoever writes the row — the write path, a migration, a bulk
load. An update that changes no counted column costs the trigger's ``WHEN`` alone.

The hours are epoch hours (UTC): they hold for any zone whose offsets are whole hours.
The days, months and years are the C4's calendar in the zone kept
(``observatory_rollup_zones``, one row): the trigger finds an instant's UTC offset in
``observatory_zone_offsets`` (the zone's offsets and when each began, from the tz
database), so SQLite and PostgreSQL compute the same day. A central started with another
zone rebuilds them (:func:`ensure_zone`); the read uses the places only for the zone kept."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, delete, insert, select, text

from c4console.central import schema as t
from c4console.central.lookup_columns import TEST_FLAG_SQL

# The offsets are read from the tz database for these years (before: the first one;
# after: the rules' last, as the tz database itself extends them).
OFFSETS_FROM, OFFSETS_TO = 1970, 2100
BEFORE_ALL = -1.0e15  # the first offset's start: before any incident


def _counted_sql(dialect: str, row: str) -> str:
    """SQL true when ``row`` (NEW / OLD / the incidents table) is counted."""
    flag = TEST_FLAG_SQL[dialect].replace("data", f"{row}.data")
    false = "false" if dialect == "postgresql" else "0"
    return (f"({row}.created_at IS NOT NULL AND "
            f"({row}.device_id IS NULL OR NOT coalesce({flag}, {false})))")


def _day_sql(dialect: str, row: str) -> str:
    """SQL for ``row``'s C4 day as YYYYMMDD (NULL if no zone is kept)."""
    offset = (f"(SELECT o.utc_offset FROM observatory_zone_offsets o "
              f"WHERE o.starts_at <= {row}.created_at ORDER BY o.starts_at DESC LIMIT 1)")
    # Whole seconds first (a day starts on one): neither database then rounds an instant
    # just before midnight into the next day.
    if dialect == "postgresql":
        return (f"CAST(to_char(to_timestamp(floor({row}.created_at + {offset})) AT TIME ZONE "
                f"'UTC', 'YYYYMMDD') AS INTEGER)")
    return (f"CAST(strftime('%Y%m%d', CAST({row}.created_at + {offset} AS INTEGER), 'unixepoch')"
            f" AS INTEGER)")


def _hour_sql(dialect: str, row: str) -> str:
    if dialect == "postgresql":
        return f"CAST(floor({row}.created_at / 3600) AS BIGINT)"
    return f"CAST({row}.created_at / 3600 AS INTEGER)"  # times are positive: truncation


def _add_sql(dialect: str, row: str, sign: int, *, where: str = "") -> list[str]:
    """The statements that add ``sign`` to ``row``'s hour and its year, month and day
    places (``row`` a trigger's NEW / OLD; or ``incidents`` with ``where``, the backfill,
    which then adds each group's count)."""
    counted = _counted_sql(dialect, row)
    n = str(sign) if not where else "count(*)"
    source = f"FROM incidents {row} " if where else ""
    group_hour = f" GROUP BY {_hour_sql(dialect, row)}" if where else ""
    hours = (f"INSERT INTO observatory_hours (hour, n) SELECT {_hour_sql(dialect, row)}, {n} "
             f"{source}WHERE {counted}{where}{group_hour} "
             f"ON CONFLICT (hour) DO UPDATE SET n = observatory_hours.n + excluded.n")
    day = _day_sql(dialect, row)
    inner = (f"SELECT {day} AS d, coalesce({row}.cuadrante, '') AS q, "
             f"coalesce({row}.cell, '') AS c, {n} AS n {source}WHERE {counted}{where}"
             + (f" GROUP BY {day}, coalesce({row}.cuadrante, ''), coalesce({row}.cell, '')"
                if where else ""))
    grains = "SELECT 'y' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'd'"
    period = "CASE g.grain WHEN 'y' THEN k.d / 10000 WHEN 'm' THEN k.d / 100 ELSE k.d END"
    # Summed per key, so one statement never meets the same row twice (PostgreSQL refuses).
    places = (f"INSERT INTO observatory_places (tz, grain, period, cuadrante, cell, n) "
              f"SELECT z.tz, g.grain, {period}, k.q, k.c, sum(k.n) "
              f"FROM observatory_rollup_zones z, ({inner}) k, ({grains}) g "
              f"WHERE k.d IS NOT NULL GROUP BY z.tz, g.grain, {period}, k.q, k.c "
              f"ON CONFLICT (tz, grain, period, cuadrante, cell) "
              f"DO UPDATE SET n = observatory_places.n + excluded.n")
    return [hours, places]


def _changed_sql(dialect: str) -> str:
    """SQL true when an update changes what an incident counts under."""
    same = "IS DISTINCT FROM" if dialect == "postgresql" else "IS NOT"
    return " OR ".join([f"OLD.{c} {same} NEW.{c}" for c in ("created_at", "cuadrante", "cell")]
                       + [f"{_counted_sql(dialect, 'OLD')} {same} {_counted_sql(dialect, 'NEW')}"])


def create_triggers(conn: Connection) -> None:
    """The triggers that keep the counts (migration 0025)."""
    d = conn.dialect.name
    if d == "postgresql":
        for name, body in (("observatory_count_new", _add_sql(d, "NEW", 1)),
                           ("observatory_count_old", _add_sql(d, "OLD", -1))):
            conn.execute(text(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                              f"BEGIN {'; '.join(body)}; RETURN NULL; END $$"))
        conn.execute(text("CREATE TRIGGER observatory_insert AFTER INSERT ON incidents "
                          "FOR EACH ROW EXECUTE FUNCTION observatory_count_new()"))
        conn.execute(text("CREATE TRIGGER observatory_delete AFTER DELETE ON incidents "
                          "FOR EACH ROW EXECUTE FUNCTION observatory_count_old()"))
        # Old before new: the triggers of one event fire in the order of their names.
        conn.execute(text(f"CREATE TRIGGER observatory_update_1 AFTER UPDATE ON incidents "
                          f"FOR EACH ROW WHEN ({_changed_sql(d)}) "
                          f"EXECUTE FUNCTION observatory_count_old()"))
        conn.execute(text(f"CREATE TRIGGER observatory_update_2 AFTER UPDATE ON incidents "
                          f"FOR EACH ROW WHEN ({_changed_sql(d)}) "
                          f"EXECUTE FUNCTION observatory_count_new()"))
        return
    new, old = _add_sql(d, "NEW", 1), _add_sql(d, "OLD", -1)
    for name, event, when, body in (
            ("observatory_insert", "INSERT", "", new),
            ("observatory_delete", "DELETE", "", old),
            ("observatory_update", "UPDATE", f" WHEN {_changed_sql(d)}", old + new)):
        conn.execute(text(f"CREATE TRIGGER {name} AFTER {event} ON incidents FOR EACH ROW"
                          f"{when} BEGIN {'; '.join(body)}; END"))


def drop_triggers(conn: Connection) -> None:
    """Undo :func:`create_triggers`."""
    if conn.dialect.name == "postgresql":
        for name in ("observatory_insert", "observatory_delete", "observatory_update_1",
                     "observatory_update_2"):
            conn.execute(text(f"DROP TRIGGER {name} ON incidents"))
        conn.execute(text("DROP FUNCTION observatory_count_new()"))
        conn.execute(text("DROP FUNCTION observatory_count_old()"))
        return
    for name in ("observatory_insert", "observatory_delete", "observatory_update"):
        conn.execute(text(f"DROP TRIGGER {name}"))


def zone_offsets(tz: str) -> list[tuple[float, int]]:
    """``tz``'s UTC offsets in seconds, each with the instant it began (the first from
    :data:`BEFORE_ALL`), read from the tz database a day at a time, each change found to
    the second."""
    zone = ZoneInfo(tz)

    def offset(at: float) -> int:
        return int((datetime.fromtimestamp(at, zone).utcoffset()).total_seconds())  # type: ignore[union-attr]

    at = datetime(OFFSETS_FROM, 1, 1, tzinfo=UTC).timestamp()
    end = datetime(OFFSETS_TO, 1, 1, tzinfo=UTC).timestamp()
    out = [(BEFORE_ALL, offset(at))]
    while at < end:
        nxt = at + 86400
        if offset(nxt) != out[-1][1]:
            lo, hi = int(at), int(nxt)  # offset(lo) is the current one, offset(hi) the next
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if offset(mid) == out[-1][1] else (lo, mid)
            out.append((float(hi), offset(hi)))
        at = nxt
    return out


def kept_zone(conn: Connection) -> str | None:
    """The zone whose days, months and years are kept, or None."""
    return conn.execute(select(t.observatory_rollup_zones.c.tz)).scalar()


def backfill(conn: Connection, tz: str, *, hours: bool = True) -> None:
    """Count every stored incident from nothing, in the database (one grouped statement
    per table: nothing is held in this process): its places in ``tz`` — now the zone
    kept — and, with ``hours``, its hours."""
    conn.execute(delete(t.observatory_places))
    conn.execute(delete(t.observatory_rollup_zones))
    conn.execute(delete(t.observatory_zone_offsets))
    conn.execute(insert(t.observatory_rollup_zones).values(tz=tz))
    conn.execute(insert(t.observatory_zone_offsets),
                 [{"starts_at": at, "utc_offset": off} for at, off in zone_offsets(tz)])
    hours_sql, places_sql = _add_sql(conn.dialect.name, "i", 0, where=" AND i.created_at IS NOT NULL")
    if hours:
        conn.execute(delete(t.observatory_hours))
        conn.execute(text(hours_sql))
    conn.execute(text(places_sql))


def ensure_zone(conn: Connection, tz: str) -> None:
    """Make ``tz`` the zone kept (the central's): its places rebuilt from the incidents if
    another zone's are kept (the hours hold for any zone). Call inside the writers' lock,
    before the first write in ``tz``."""
    if kept_zone(conn) != tz:
        backfill(conn, tz, hours=False)
