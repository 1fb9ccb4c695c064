"""QR posters: ``c4central whatsapp posters`` writes one PDF per sector of the jurisdiction;
each renders (pdftoppm) and its QR code decodes (zbarimg) to the wa.me link whose
prefilled text carries the sector code, which the webhook turns into the sector."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import parse_qs, urlparse

import pytest

from c4console.central.gateways.whatsapp import sector_of
from c4console.central.gateways.whatsapp_posters import wa_link
from c4console.resources import load_jurisdiction
from tests.system_tools import require_tools


def test_each_sector_gets_a_poster_whose_qr_opens_its_chat(tmp_path):
    require_tools("pdftoppm", "zbarimg", package="poppler-utils zbar-tools")
    out = tmp_path / "posters"
    run = subprocess.run([sys.executable, "-m", "c4console.central", "whatsapp", "posters",
                          "--out", str(out), "--phone", "+52 6861234567"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    sectors = load_jurisdiction().sectors()
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(f"poster-{s}.pdf" for s in sectors)
    for sector in sectors[:3]:
        png = tmp_path / f"page-{sector}"
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(out / f"poster-{sector}.pdf"),
                        str(png)], check=True, timeout=60)
        decoded = subprocess.run(["zbarimg", "-q", "--raw", f"{png}.png"], capture_output=True,
                                 text=True, timeout=60)
        url = decoded.stdout.strip()
        assert url == wa_link("+526861234567", sector), decoded
        parsed = urlparse(url)
        assert parsed.netloc == "wa.me" and parsed.path == "/526861234567"
        assert sector_of(parse_qs(parsed.query)["text"][0], set(sectors)) == sector


def test_a_wrong_phone_is_refused():
    with pytest.raises(ValueError):
        wa_link("686-ayuda", "S1")
