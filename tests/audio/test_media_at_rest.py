"""Recordings and WhatsApp media encrypted at rest (issue 16 point 10): the central makes its
key file at the first start (the log says so, without the key); no file in the recordings
or media folders holds a WAV header or the JPEG/OGG magic sent; another key opens nothing;
verify, export and replay still work; plaintext recordings from before still verify, and
``c4central keys encrypt-existing`` seals them with their manifest still verifying."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from c4console.central.audio import evidence
from c4console.central.audio.manager import AudioConfig
from c4console.central.audio.wav import read_pcm
from c4console.central.crypto import sealed
from c4console.central.crypto.keys import MediaKeys, UnknownKey
from tests.audio import rtp_sender
from tests.audio.harness import AudioCentral, audio_central, end_session, open_session, registered
from tests.central.helpers import GATEWAY_ACCOUNT, PANIC_DEVICE, TEST_ACCOUNTS, client, running_central
from tests.central.whatsapp_fake import audio, fake_cloud_api, image, notification, post_webhook

HER = "5216861234567"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 40 + b"\xff\xd9"
OGG = b"OggS\x00\x02" + b"\x00voz" * 500
MAGIC = (b"RIFF", b"WAVE", b"fmt ", b"\xff\xd8\xff", b"OggS", b"JFIF")


def _tone(seconds: float, hz: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * 8000)) / 8000
    return (np.sin(2 * np.pi * hz * t) * 9000).astype(np.int16)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "c4console.central", *args], capture_output=True,
                          text=True, timeout=120)


def _files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_a_stolen_recordings_or_media_folder_is_useless_alone(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    recordings, media = tmp_path / "recordings", tmp_path / "media"
    out: dict = {}

    async def main() -> None:
        async with fake_cloud_api() as api, running_central(
                tmp_path, whatsapp=api.settings(), audio=AudioConfig(recordings=recordings),
                accounts=[*TEST_ACCOUNTS, GATEWAY_ACCOUNT]) as central:
            c = AudioCentral(central.api_url, central.osmand_url, central.api_url, central.audio,
                             recordings, f"sqlite:///{tmp_path / 'central.sqlite'}", central)
            with registered(c):
                sess = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMU")
                await asyncio.to_thread(rtp_sender.send, _tone(2.0), sess["udp_port"], "PCMU",
                                        pace=4.0)
                await asyncio.sleep(0.3)
                await end_session(c.audio_api, sess["session_id"])
            api.media = {"111": (JPEG, "image/jpeg"), "222": (OGG, "audio/ogg")}
            _, answer = await post_webhook(central.api_url, notification(messages=[
                image(HER, "wamid.M1", "111"), audio(HER, "wamid.M2", "222")]))
            for _ in range(400):
                if len([p for p in media.glob("*") if not p.name.startswith(".")]) == 2:
                    break
                await asyncio.sleep(0.05)
            # Consoles still get her photo and voice note, opened.
            async with client(central.api_url) as s:
                for data, ext in ((JPEG, "jpg"), (OGG, "ogg")):
                    async with s.get(f"{central.api_url}/api/v1/media/"
                                     f"{hashlib.sha256(data).hexdigest()}.{ext}") as r:
                        assert r.status == 200 and await r.read() == data
            # …and a supervisor's replay still streams the verified recording.
            async with client(central.api_url, "supervisora1") as s, s.get(
                    f"{central.api_url}/api/v1/recordings/{sess['session_id']}/audio") as r:
                assert r.status == 200, await r.text()
                pcm, _ = read_pcm(await r.read())
                assert abs(len(pcm) / 8000 - 2.0) < 0.05
            out["sid"], out["row"] = sess["session_id"], await central.audio.row(sess["session_id"])

    asyncio.run(main())
    key_file = tmp_path / "media.key"
    keys = MediaKeys.load(key_file)
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert f"created the media key file {key_file}" in caplog.text and "BACK IT UP" in caplog.text
    secret = base64.b64encode(keys.keys[keys.current]).decode()
    assert secret not in caplog.text
    # A thief of both folders (not the key file beside the database) finds no audio or image.
    stored = _files(recordings, media)
    assert len([p for p in stored if p.suffix == ".wav"]) == 4 and len(list(media.iterdir())) == 2
    for path in stored:
        if path.name == "manifest.jsonl":
            continue  # ids, times and hashes only: the evidence chain (docs/security.md)
        data = path.read_bytes()
        assert sealed.is_sealed(data), path
        assert not any(m in data for m in MAGIC), path
    # Verify and export with the central's key: the court's copy is plaintext WAV + manifest.
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"
    done = _cli("evidence", "verify", out["sid"], "--db", db)
    assert done.returncode == 0 and "VERIFIED" in done.stdout, done.stdout + done.stderr
    done = _cli("evidence", "export", out["sid"], str(tmp_path / "export"), "--db", db)
    assert done.returncode == 0, done.stdout + done.stderr
    wav = (tmp_path / "export" / f"{out['sid']}.wav").read_bytes()
    assert wav[:4] == b"RIFF" and abs(len(read_pcm(wav)[0]) / 8000 - 2.0) < 0.05
    # Another key file opens nothing.
    other = tmp_path / "other.key"
    assert _cli("keys", "init", "--media-key-file", str(other)).returncode == 0
    done = _cli("evidence", "verify", out["sid"], "--db", db, "--media-key-file", str(other))
    assert done.returncode == 1 and "FAILED" in done.stdout, done.stdout
    assert "not in the key file" in done.stdout, done.stdout
    name = next(media.iterdir()).name
    with pytest.raises(UnknownKey):
        sealed.open_bytes((media / name).read_bytes(), MediaKeys.load(other), sealed.MEDIA, name)


def test_plaintext_recordings_from_before_verify_and_encrypt_existing_seals_them(tmp_path):
    out: dict = {}

    async def main() -> None:
        async with audio_central(tmp_path) as c:
            for n in range(2):
                sess = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMU")
                await asyncio.to_thread(rtp_sender.send, _tone(1.0, 300.0 + 100 * n),
                                        sess["udp_port"], "PCMU", pace=4.0)
                await asyncio.sleep(0.3)
                await end_session(c.audio_api, sess["session_id"])
                out.setdefault("rows", []).append(await c.manager.row(sess["session_id"]))

    asyncio.run(main())
    keys = MediaKeys.load(tmp_path / "media.key")
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"
    old, new = (tmp_path / "recordings" / r["folder"] for r in out["rows"])
    # The first recording as a central before encryption at rest wrote it: plaintext WAVs.
    for seg in sorted(old.glob("seg-*.wav")):
        seg.write_bytes(sealed.open_bytes(seg.read_bytes(), keys, sealed.SEGMENT,
                                          sealed.segment_id(out["rows"][0]["id"], seg.name)))
        assert seg.read_bytes()[:4] == b"RIFF"
    manifest_before = (old / "manifest.jsonl").read_bytes()
    for row in out["rows"]:
        done = _cli("evidence", "verify", row["id"], "--db", db)
        assert done.returncode == 0 and "VERIFIED" in done.stdout, done.stdout + done.stderr
    status = _cli("keys", "status", "--db", db)
    assert "recording_segment: 2 file(s) plaintext" in status.stdout, status.stdout
    done = _cli("keys", "encrypt-existing", "--db", db)
    assert done.returncode == 0 and "sealed 2 plaintext file(s), re-sealed 0, 2 already sealed" \
        in done.stdout, done.stdout + done.stderr
    assert (old / "manifest.jsonl").read_bytes() == manifest_before  # the chain is untouched
    assert not any(p.read_bytes()[:4] == b"RIFF" for p in old.glob("seg-*.wav"))
    done = _cli("evidence", "verify", out["rows"][0]["id"], "--db", db)
    assert done.returncode == 0 and "VERIFIED" in done.stdout, done.stdout + done.stderr
    # Rotation: a new key seals from now on; --reseal moves the old files to it.
    assert _cli("keys", "rotate", "--db", db).returncode == 0
    done = _cli("keys", "encrypt-existing", "--db", db, "--reseal")
    assert done.returncode == 0 and "re-sealed 4" in done.stdout, done.stdout + done.stderr
    rotated = MediaKeys.load(tmp_path / "media.key")
    assert len(rotated.keys) == 2 and rotated.current != keys.current
    assert f"recording_segment: 4 file(s) sealed with {rotated.current}" in \
        _cli("keys", "status", "--db", db).stdout
    for row in out["rows"]:
        done = _cli("evidence", "verify", row["id"], "--db", db)
        assert done.returncode == 0 and "VERIFIED" in done.stdout, done.stdout + done.stderr
    # A segment of the other recording put in this one's place does not open here.
    (old / "seg-000001.wav").write_bytes((new / "seg-000001.wav").read_bytes())
    report = evidence.verify_folder(old, out["rows"][0], keys=rotated)
    assert [p.where for p in report.problems if p.severity == "error"] == [
        "seg-000001.wav (manifest line 1)"], report.text()
    assert "does not decrypt" in report.text() and json.dumps(report.to_json())


def _sealed_with(folder: Path) -> set[str]:
    """The key ids named in the headers of a recording's segments."""
    return {sealed.HEADER.unpack(p.read_bytes()[:sealed.HEADER.size])[1].hex()
            for p in folder.glob("seg-*.wav")}


def test_a_rotation_while_the_central_runs_seals_the_next_recording_with_the_new_key(tmp_path):
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"
    rows: list[dict] = []

    async def main() -> None:
        async with audio_central(tmp_path) as c:
            for n in range(2):
                if n == 1:  # `c4central keys rotate` from another process, no restart
                    done = await asyncio.to_thread(_cli, "keys", "rotate", "--db", db)
                    assert done.returncode == 0, done.stdout + done.stderr
                sess = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMU")
                await asyncio.to_thread(rtp_sender.send, _tone(1.0), sess["udp_port"], "PCMU",
                                        pace=4.0)
                await end_session(c.audio_api, sess["session_id"])
                rows.append(await c.manager.row(sess["session_id"]))

    asyncio.run(main())
    keys = MediaKeys.load(tmp_path / "media.key")
    held, current = sorted(keys.keys), keys.current  # ids only: a failure never prints a key
    assert not any(repr(k)[2:-1] in repr(keys) for k in keys.keys.values())  # nor its repr
    first, second = (_sealed_with(tmp_path / "recordings" / r["folder"]) for r in rows)
    assert len(held) == 2 and second == {current} and first and first != second
    for row in rows:
        done = _cli("evidence", "verify", row["id"], "--db", db)
        assert done.returncode == 0 and "VERIFIED" in done.stdout, done.stdout + done.stderr
