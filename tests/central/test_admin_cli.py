"""``c4central users …`` / ``devices …`` and where settings come from (option > environment >
TOML file > default)."""

from __future__ import annotations

import asyncio
import io
import subprocess

import aiohttp
import pytest
from sqlalchemy import create_engine

from c4console.central import accounts, queries
from c4console.central.cli import main
from c4console.central.config import ConfigError, resolve
from c4console.central.db import normalize_url
from c4console.central.passwords import verify_password
from tests.central.helpers import TEST_PASSWORD, key
from tests.central.nodes import c4central, start_node, wait_ready


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str]:
    """``c4central ARGV`` in this process; returns (exit status, what it printed)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    return code, capsys.readouterr().out


def engine_of(url: str):
    return create_engine(normalize_url(url))


def test_users_add_list_update_unlock(db_url, capsys, monkeypatch):
    code, out = run(capsys, monkeypatch, "users", "add", "Jefa.Turno", "--role", "shift_lead",
                    "--password-stdin", "--db", db_url, stdin="turno-noche-7\n")
    assert code == 0 and "user jefa.turno created with role shift_lead" in out
    engine = engine_of(db_url)
    try:
        user = accounts.get_user(engine, "jefa.turno")
        assert user is not None and user.role == "shift_lead"
        assert user.password_hash.startswith("$argon2id$")
        assert verify_password(user.password_hash, "turno-noche-7")

        code, out = run(capsys, monkeypatch, "users", "add", "jefa.turno", "--role", "admin",
                        "--password-stdin", "--db", db_url, stdin="otra-clave-99\n")
        assert code == 1 and "already exists; nothing changed" in out
        code, out = run(capsys, monkeypatch, "users", "add", "jefa.turno", "--role", "admin",
                        "--password-stdin", "--update", "--db", db_url, stdin="otra-clave-99\n")
        assert code == 0 and "updated with role admin" in out
        assert accounts.get_user(engine, "jefa.turno").role == "admin"

        code, _ = run(capsys, monkeypatch, "users", "add", "corta", "--role", "operator",
                      "--password-stdin", "--db", db_url, stdin="corta\n")
        assert code == 2 and accounts.get_user(engine, "corta") is None
        code, _ = run(capsys, monkeypatch, "users", "add", "no válido!", "--role", "operator",
                      "--password-stdin", "--db", db_url, stdin="larga-suficiente\n")
        assert code == 2

        with engine.begin() as conn:
            conn.execute(accounts.t.users.update().values(locked_until=4102444800.0))
            # A lock after failed logins is per source address (issue 16 point 7).
            conn.execute(accounts.t.login_locks.insert().values(
                user_name="jefa.turno", source="10.0.0.7", failures=0, locked_until=4102444800.0,
                updated_at=0.0))
        code, out = run(capsys, monkeypatch, "users", "list", "--db", db_url)
        assert code == 0 and "jefa.turno" in out and "admin" in out and "locked until 2100" in out
        assert "locked from 10.0.0.7 until 2100" in out
        code, out = run(capsys, monkeypatch, "users", "unlock", "jefa.turno", "--db", db_url)
        assert code == 0 and accounts.get_user(engine, "jefa.turno").locked_until is None
        assert accounts.login_locks(engine, 0.0) == []
        assert run(capsys, monkeypatch, "users", "unlock", "nadie", "--db", db_url)[0] == 1
    finally:
        engine.dispose()


def test_devices_add_and_import_report_row_by_row(db_url, tmp_path, capsys, monkeypatch):
    code, out = run(capsys, monkeypatch, "devices", "add", "861234560000099", "--beneficiary",
                    "Rosa Pérez", "--phone", "6861112233", "--model", "BS-2", "--db", db_url)
    assert code == 0 and "command line line 1 861234560000099: imported" in out
    csv = tmp_path / "devices.csv"
    csv.write_text("device_id,name,beneficiary_id,phone\n"
                   "861234560000100,Ana Ruiz,,6860000001\n"
                   "861234560000101,,B7,\n"                      # no name
                   "861234560000099,Otra Persona,B9,\n"          # device already hers
                   "861234560000100,Ana Ruiz,,6860000001\n",     # same row twice
                   encoding="utf-8")
    code, out = run(capsys, monkeypatch, "devices", "import", str(csv), "--db", db_url)
    assert code == 1
    assert out.splitlines() == [
        "devices.csv line 2 861234560000100: imported",
        "devices.csv line 3 861234560000101: refused: empty name",
        "devices.csv line 4 861234560000099: refused: device 861234560000099 is registered to "
        "beneficiary B-861234560000099",
        "devices.csv line 5 861234560000100: refused: device_id 861234560000100 already on line 2",
        "1 imported, 0 updated, 0 unchanged, 3 refused",
    ]
    engine = engine_of(db_url)
    try:
        devices = {d["id"]: d for d in queries.devices(engine)}
        assert devices["861234560000099"]["beneficiary_id"] == "B-861234560000099"
        assert devices["861234560000099"]["model"] == "BS-2"
        assert set(devices) == {"861234560000099", "861234560000100"}
        # Registered through the feed, like everything else the consoles must see.
        changes, _ = queries.changes_since(engine, 0, 100)
        # Her case follows her registry record (central/cases/steps.py); each device is on
        # the health board from its registration, and its life starts (in use: delivered).
        assert {c.entity for c in changes} == {"beneficiary", "device", "case", "device_health",
                                                  "device_lifecycle"}
    finally:
        engine.dispose()
    bad = tmp_path / "bad.csv"
    bad.write_text("imei,nombre\n1,x\n", encoding="utf-8")
    code, out = run(capsys, monkeypatch, "devices", "import", str(bad), "--db", db_url)
    assert code == 1 and "header lacks column(s) device_id, name" in out


def test_settings_precedence_option_environment_file_default(tmp_path):
    toml = tmp_path / "c4central.toml"
    toml.write_text('db = "sqlite:///from-file.sqlite"\nlisten = "0.0.0.0:9000"\n'
                    'token_hours = 8\nserver_id = "archivo"\n', encoding="utf-8")
    env = {"C4_LISTEN": "127.0.0.1:7000", "C4_SERVER_ID": "entorno"}
    got = resolve({"server_id": "opcion", "db": None}, toml, env)
    assert got["server_id"] == "opcion" and got.sources["server_id"] == "option --server-id"
    assert got["listen"] == "127.0.0.1:7000" and got.sources["listen"] == "environment C4_LISTEN"
    assert got["db"] == "sqlite:///from-file.sqlite" and got["token_hours"] == 8.0
    assert got["osmand_listen"] == "127.0.0.1:5055" and got.sources["osmand_listen"] == "default"
    # The file can also come from C4_CONFIG.
    assert resolve({}, None, {"C4_CONFIG": str(toml)})["server_id"] == "archivo"

    toml.write_text('db = "sqlite:///x"\nlisen = "typo"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key.*lisen"):
        resolve({}, toml, {})
    with pytest.raises(ConfigError, match=r"token_hours from environment C4_TOKEN_HOURS: '-1'"):
        resolve({}, None, {"C4_TOKEN_HOURS": "-1"})
    toml.write_text("db = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        resolve({}, toml, {})


def test_every_subcommand_takes_its_database_from_option_environment_or_file(
        tmp_path, capsys, monkeypatch):
    from_file, from_env = tmp_path / "file.sqlite", tmp_path / "env.sqlite"
    toml = tmp_path / "c4central.toml"
    toml.write_text(f'db = "sqlite:///{from_file}"\n', encoding="utf-8")
    assert run(capsys, monkeypatch, "migrate", "--config", str(toml))[0] == 0
    assert from_file.exists()
    monkeypatch.setenv("C4_DB", f"sqlite:///{from_env}")
    assert run(capsys, monkeypatch, "users", "list", "--config", str(toml))[0] == 0
    assert from_env.exists()  # the environment wins over the file
    monkeypatch.delenv("C4_DB")
    monkeypatch.delenv("C4_CONFIG", raising=False)
    code = run(capsys, monkeypatch, "devices", "add", "1", "--beneficiary", "x")[0]
    assert code == 2  # no database anywhere: says how to give one


def test_password_from_stdin_through_the_real_entry_point_and_a_running_node(tmp_path):
    """The documented pipeline, as a shell runs it; the serving node picks up a device
    registered by another process on its SQLite file within its poll interval."""
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"
    done = subprocess.run(c4central("users", "add", "operadora1", "--role", "operator",
                                    "--password-stdin", "--db", db),
                          input=TEST_PASSWORD + "\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    node = wait_ready(tmp_path / "node", start_node(tmp_path / "node", "--db", db))
    try:
        asyncio.run(_device_reaches_stream(node.api, db))
    finally:
        assert node.stop() == 0


async def _device_reaches_stream(api: str, db: str) -> None:
    async with aiohttp.ClientSession() as s:
        async with s.post(f"{api}/api/v1/auth/login",
                          json={"username": "operadora1", "password": TEST_PASSWORD}) as r:
            token = (await r.json())["token"]
        async with s.ws_connect(f"{api.replace('http', 'ws', 1)}/api/v1/stream?since=0",
                                headers={"Authorization": f"Bearer {token}"}) as ws:
            assert (await ws.receive_json(timeout=5))["type"] == "hello"
            ident = key()[:15]
            added = await asyncio.to_thread(subprocess.run, c4central(
                "devices", "add", ident, "--beneficiary", "Luz Díaz", "--db", db),
                capture_output=True, text=True, timeout=60)
            assert added.returncode == 0, added.stderr
            while True:
                frame = await ws.receive_json(timeout=10)
                ids = [c["id"] for c in frame.get("changes", [])]
                if ident in ids:
                    break


def test_agencies_add_list_and_a_liaison_account_of_one(db_url, capsys, monkeypatch):
    """``c4central agencies add|list`` and ``users add --agency`` (issue 15): the C4's own
    agency exists from the migration; a liaison must belong to another agency, every other
    role to the C4; an unknown agency, kind or a bad id is refused with nothing saved."""
    code, out = run(capsys, monkeypatch, "agencies", "add", "dif", "--name", "DIF Mexicali",
                    "--kind", "dif", "--contact", "686 000 0000", "--db", db_url)
    assert code == 0 and "agency dif created (dif: DIF Mexicali)" in out
    code, out = run(capsys, monkeypatch, "agencies", "add", "dif", "--name", "Otro", "--kind", "dif",
                    "--db", db_url)
    assert code == 1 and "already exists" in out
    for bad in (["x!", "--name", "X", "--kind", "dif"], ["ong1", "--name", "X", "--kind", "nada"],
                ["ong1", "--name", " ", "--kind", "ong"], ["c4b", "--name", "X", "--kind", "c4"]):
        assert run(capsys, monkeypatch, "agencies", "add", *bad, "--db", db_url)[0] == 2, bad
    code, out = run(capsys, monkeypatch, "agencies", "list", "--db", db_url)
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == ["c4", "dif"]

    def add(name, role, *agency):
        return run(capsys, monkeypatch, "users", "add", name, "--role", role, *agency,
                   "--password-stdin", "--db", db_url, stdin="enlace-dif-2026\n")

    assert add("enlace.dif", "enlace", "--agency", "dif")[0] == 0
    for name, role, agency, says in [
            ("enlace.c4", "enlace", [], "belongs to another agency"),
            ("enlace.x", "enlace", ["--agency", "nadie"], "agency nadie does not exist"),
            ("operadora.dif", "operator", ["--agency", "dif"], "log in as enlace"),
            ("sin.agencia", "operator", ["--agency", ""], "needs an agency")]:
        code, out = add(name, role, *agency)
        assert code == 1 and says in out and "nothing was changed" in out, (name, out)
    assert add("operadora.c4", "operator")[0] == 0  # the C4's staff: the C4's agency
    # An account keeps its agency (her console's cache is hers): a move is a new account.
    code, out = run(capsys, monkeypatch, "users", "add", "enlace.dif", "--role", "operator",
                    "--update", "--password-stdin", "--db", db_url, stdin="enlace-dif-2026\n")
    assert code == 1 and "does not change agency" in out
    engine = engine_of(db_url)
    try:
        assert accounts.get_user(engine, "enlace.dif").agency_id == "dif"
        assert accounts.get_user(engine, "operadora.c4").agency_id == "c4"
        assert accounts.get_user(engine, "enlace.c4") is None
    finally:
        engine.dispose()
    code, out = run(capsys, monkeypatch, "users", "list", "--db", db_url)
    assert "agency dif" in next(line for line in out.splitlines() if line.startswith("enlace.dif"))


def test_a_liaison_is_never_a_configured_account_of_the_c4():
    """``serve``'s configured accounts (NAME:ROLE) belong to the C4: a liaison is refused there
    (she needs her agency: ``users add --agency``)."""
    from c4console.central.bootstrap import parse_user_role

    assert parse_user_role("supervisora2:supervisor")[1] == "supervisor"
    with pytest.raises(ValueError, match="--agency"):
        parse_user_role("enlace1:enlace")
