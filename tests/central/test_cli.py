"""``c4central`` as real subprocesses: migrate from empty, serve with a ready file, stop on SIGTERM."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from c4console.resources import DEFAULT_JURISDICTION, RESOURCES
from tests.central.helpers import GEOJSON, IN_S3, PANIC_DEVICE, write_demo

# At least these (later migrations add more).
EXPECTED_TABLES = {"alembic_version", "beneficiaries", "changes", "command_log", "counters",
                   "devices", "events", "incidents", "security_events", "units", "users",
                   "auth_tokens", "audit_log"}


def _head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from c4console.central.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def _c4central(*args: str) -> list[str]:
    return [sys.executable, "-m", "c4console.central", *args]


def test_migrate_from_empty_then_again(tmp_path):
    db = tmp_path / "sub" / "central.sqlite"
    for _ in range(2):  # the second run finds the schema at head and does nothing
        done = subprocess.run(_c4central("migrate", "--db", f"sqlite:///{db}"), capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert tables >= EXPECTED_TABLES
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (_head_revision(),)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert sorted(conn.execute("SELECT name, value FROM counters").fetchall()) == [
            ("audit_seq", 0), ("change_seq", 0)]


def test_migrate_reports_a_bad_url_clearly(tmp_path):
    done = subprocess.run(_c4central("migrate", "--db", "sqlite://"), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert "needs a SQLite file" in done.stderr


def login(api: str, user: str, password: str) -> str:
    """A token from POST /auth/login (urllib, like a shell tool would)."""
    request = urllib.request.Request(f"{api}/api/v1/auth/login", method="POST",
                                     data=json.dumps({"username": user, "password": password}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.load(r)["token"]


def get_json(url: str, token: str) -> dict:
    """GET with the bearer token."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.load(r)


def _wait_ready(proc: subprocess.Popen, ready: Path, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready.exists():
            return json.loads(ready.read_text())
        if proc.poll() is not None:
            pytest.fail(f"c4central exited with {proc.returncode}:\n{proc.stderr.read()}")
        time.sleep(0.05)
    pytest.fail("c4central wrote no ready file")


def test_serve_subprocess_ready_file_alarm_and_changes(tmp_path):
    geojson = tmp_path / "cuadrantes.geojson"
    geojson.write_text(json.dumps(GEOJSON), encoding="utf-8")
    ready = tmp_path / "ready.json"
    db = tmp_path / "central.sqlite"
    # A data folder of our own (C4_RESOURCES): the real catalogue and tiny demo CSVs, so
    # --demo seeds the test records.
    root = tmp_path / "root"
    shutil.copytree(RESOURCES / "catalogue", root / "resources" / "catalogue")
    shutil.copytree(RESOURCES / "cases", root / "resources" / "cases")
    shutil.copytree(RESOURCES / "institutions", root / "resources" / "institutions")
    write_demo(root / "resources" / "demo")
    proc = subprocess.Popen(
        _c4central("serve", "--db", f"sqlite:///{db}", "--listen", "127.0.0.1:0",
                   "--osmand-listen", "127.0.0.1:0", "--ready-file", str(ready),
                   "--server-id", "sub-central", "--jurisdiction", str(geojson), "--demo"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "C4_RESOURCES": str(root)})
    try:
        info = _wait_ready(proc, ready)
        assert info["pid"] == proc.pid
        assert info["api"].startswith("http://127.0.0.1:") and info["osmand"].startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{info['api']}/api/v1/health", timeout=10) as r:
            health = json.load(r)
        assert health["status"] == "ok" and health["server_id"] == "sub-central"
        head = health["head"]
        # The demo seed: 2 units, 2 trackers, 1 beneficiary, her device, her case, the current
        # shift, the 3 devices' health records, her device's life (in stock: no delivery
        # date) and the demo stock's request of it for her.
        assert head == 13

        url = (f"{info['osmand']}/?id={PANIC_DEVICE}&lat={IN_S3[0]}&lon={IN_S3[1]}"
               f"&timestamp={int(time.time())}&alarm=sos")
        with urllib.request.urlopen(url, timeout=10) as r:
            assert r.status == 200
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{info['osmand']}/?id=8612&lat=32.6&lon=-115.4", timeout=10)
        assert refused.value.code == 403
        assert "device 8612 not registered: refused, security event 1" in refused.value.read().decode()

        with pytest.raises(urllib.error.HTTPError) as anonymous:
            urllib.request.urlopen(f"{info['api']}/api/v1/changes?since={head}", timeout=10)
        assert anonymous.value.code == 401
        token = login(info["api"], "operadora1", "demo-c4")  # --demo seeds the demo accounts
        feed = get_json(f"{info['api']}/api/v1/changes?since={head}", token)
        incidents = [ch["data"] for ch in feed["changes"] if ch["entity"] == "incident"]
        assert len(incidents) == 1
        assert (incidents[0]["priority"], incidents[0]["sector"], incidents[0]["device_id"]) == \
            ("ALTA", "S3", PANIC_DEVICE)
        assert [ch["seq"] for ch in feed["changes"]] == list(range(head + 1, feed["head"] + 1))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    log = proc.stderr.read()
    assert rc == 0, log
    assert "SIGTERM received" in log and "stopped" in log
    assert not ready.exists()  # a stale ready file would point the console at a dead port


def test_serve_fails_clearly_when_the_port_is_taken(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            _c4central("serve", "--db", f"sqlite:///{tmp_path / 'c.sqlite'}", "--listen",
                       f"127.0.0.1:{port}", "--osmand-listen", "127.0.0.1:0",
                       "--ready-file", str(tmp_path / "ready.json"),
                       "--jurisdiction", str(DEFAULT_JURISDICTION)),
            capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port} for the API" in done.stderr
    assert not (tmp_path / "ready.json").exists()


def test_serve_without_a_jurisdiction_refuses_to_start_and_names_the_option(tmp_path, caplog):
    from c4console.central import cli

    ready = tmp_path / "ready.json"
    status = cli.main(["serve", "--db", f"sqlite:///{tmp_path / 'c.sqlite'}", "--listen", "127.0.0.1:0",
                       "--osmand-listen", "127.0.0.1:0", "--ready-file", str(ready)])
    assert status == 2
    message = caplog.text
    assert "no jurisdiction: give --jurisdiction FILE" in message
    assert "C4_JURISDICTION" in message and "maps/mexicali is a sample" in message
    assert not ready.exists() and not (tmp_path / "c.sqlite").exists()


def test_the_jurisdiction_from_the_environment_or_the_demo_sample(tmp_path):
    from c4console.central.cli import _jurisdiction_path
    from c4console.central.config import ConfigError, resolve

    mine = tmp_path / "cuadrantes.geojson"
    from_env = resolve({}, environ={"C4_JURISDICTION": str(mine)}, names=("jurisdiction",))
    assert _jurisdiction_path(from_env["jurisdiction"], demo=False) == mine
    assert _jurisdiction_path(None, demo=True) == DEFAULT_JURISDICTION
    with pytest.raises(ConfigError, match="--jurisdiction"):
        _jurisdiction_path(resolve({}, environ={}, names=("jurisdiction",))["jurisdiction"], demo=False)
