"""The Debian packages ``c4console`` and ``c4central``, built with ``dpkg-deb`` from the
PyInstaller bundles (``packaging/dist.py`` runs this after PyInstaller).

Each package puts its bundle under ``/usr/lib/NAME`` with a relative symlink
``/usr/bin/NAME``; the files of ``packaging/debian/NAME/`` add the desktop entry and
AppStream metainfo (console) or the systemd unit, settings and maintainer scripts
(central). ``Depends`` comes from ``dpkg-shlibdeps`` over the bundle's ELF files (the
bundle's own libraries count as private), plus what the program loads by name.

Usage: ``python packaging/debian/build_debs.py BUNDLES_DIR OUT_DIR``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = REPO / "packaging" / "debian"
ICONS = REPO / "packaging" / "icons"
MAINTAINER = os.environ.get("C4_DEB_MAINTAINER", "c4console developers <c4console@example.org>")
ELF_MAGIC = b"\x7fELF"


@dataclass
class Package:
    """What goes into one .deb besides its bundle."""

    name: str
    summary: str
    description: str
    bundled: str  # the main bundled components, for the copyright file
    depends: list[str] = field(default_factory=list)  # besides dpkg-shlibdeps' answer
    recommends: list[str] = field(default_factory=list)
    suggests: list[str] = field(default_factory=list)
    # (file under packaging/, path in the package, mode)
    files: list[tuple[str, str, int]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # maintainer scripts in debian/NAME/
    conffiles: list[str] = field(default_factory=list)


CONSOLE = Package(
    name="c4console",
    summary="dispatch console for C4 control rooms (gender-violence emergencies)",
    description=(
        "Panic-button (Boton Seguro) alarms, 911 calls and WhatsApp chats arrive in a\n"
        "live queue and on a map; the operator acknowledges and dispatches the\n"
        "recommended patrol with the keyboard, listens to the recorded ambient audio,\n"
        "and spoken alerts announce new alarms. It connects to a c4central server, or\n"
        "starts one on this machine (the embedded default)."),
    bundled=("Qt 6 and PySide6 (LGPL-3.0), Qt WebEngine with Chromium (LGPL-3.0, "
             "BSD-3-Clause), Leaflet (BSD-2-Clause), folium (MIT), pyqtgraph (MIT), SQLAlchemy "
             "and Alembic (MIT), aiohttp (Apache-2.0), psycopg (LGPL-3.0), numpy (BSD-3-Clause), "
             "fpdf2 (LGPL-3.0), matplotlib (Matplotlib license, PSF-based), openpyxl (MIT), "
             "pyotp (MIT)"),
    # sounddevice loads PortAudio by name (ctypes): no ELF file links it.
    depends=["libportaudio2"],
    # pyttsx3 loads libespeak-ng by name for the spoken alerts (the console runs without
    # them and says so); the demo's ambient voices run espeak-ng.
    recommends=["espeak-ng", "fonts-dejavu-core", "pulseaudio | pipewire-pulse"],
    files=[
        ("debian/c4console/org.c4console.console.desktop",
         "usr/share/applications/org.c4console.console.desktop", 0o644),
        ("debian/c4console/org.c4console.console.metainfo.xml",
         "usr/share/metainfo/org.c4console.console.metainfo.xml", 0o644),
        ("icons/c4console.svg", "usr/share/icons/hicolor/scalable/apps/c4console.svg", 0o644),
        ("icons/c4console.png", "usr/share/icons/hicolor/256x256/apps/c4console.png", 0o644),
        ("debian/c4console/lintian-overrides", "usr/share/lintian/overrides/c4console", 0o644),
    ],
)

CENTRAL = Package(
    name="c4central",
    summary="central server of the c4console dispatch consoles",
    description=(
        "The server the C4 consoles connect to: the console API (HTTP and WebSocket),\n"
        "the OsmAnd gateway for panic devices, live audio recording as evidence, SMS\n"
        "and WhatsApp gateways, on PostgreSQL or SQLite. Runs as the systemd service\n"
        "c4central under its own system user; configured in\n"
        "/etc/c4central/c4central.toml."),
    bundled=("SQLAlchemy and Alembic (MIT), aiohttp (Apache-2.0), psycopg with libpq "
             "(LGPL-3.0, PostgreSQL), numpy (BSD-3-Clause), argon2-cffi (MIT), fpdf2 (LGPL-3.0), "
             "matplotlib (Matplotlib license, PSF-based), openpyxl (MIT), pyotp (MIT)"),
    depends=["adduser"],
    suggests=["postgresql", "kannel"],
    files=[
        ("debian/c4central/c4central.service", "lib/systemd/system/c4central.service", 0o644),
        # 0640 root:c4central once postinst has made the group.
        ("debian/c4central/c4central.toml", "etc/c4central/c4central.toml", 0o640),
        ("debian/c4central/README.Debian", "usr/share/doc/c4central/README.Debian", 0o644),
        ("debian/c4central/lintian-overrides", "usr/share/lintian/overrides/c4central", 0o644),
    ],
    scripts=["postinst", "prerm", "postrm"],
    conffiles=["/etc/c4central/c4central.toml"],
)

PACKAGES = (CONSOLE, CENTRAL)


def _run(args: list, **kw) -> str:
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args[:3]))} failed:\n{proc.stdout[-2000:]}"
                         f"\n{proc.stderr[-3000:]}")
    return proc.stdout


def version() -> str:
    """The package version: c4console.__version__, read without importing the package."""
    text = (REPO / "c4console" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def _is_elf(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == ELF_MAGIC


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)  # the bundle is large: no second copy on the same disk
    except OSError:
        shutil.copy2(src, dst)


def _stage_bundle(bundle: Path, target: Path) -> list[Path]:
    """Copy the bundle under ``target``; Debian's modes (0755 for programs, 0644 for the
    rest, shared libraries included); return its ELF files."""
    shutil.copytree(bundle, target, symlinks=True, copy_function=_link_or_copy)
    elves = []
    for folder, dirs, files in os.walk(target):
        for d in dirs:
            os.chmod(Path(folder, d), 0o755)
        for name in files:
            path = Path(folder, name)
            if path.is_symlink():
                continue
            elf = _is_elf(path)
            if elf:
                elves.append(path)
            os.chmod(path, 0o755 if elf and ".so" not in name else 0o644)
    return elves


def _shlib_depends(elves: list[Path], private_dirs: set[Path]) -> str:
    """``dpkg-shlibdeps``' Depends for these files; the bundle's folders hold private
    libraries (it wants a debian/control, so it runs in an empty source tree)."""
    with tempfile.TemporaryDirectory() as tree:
        Path(tree, "debian").mkdir()
        Path(tree, "debian", "control").write_text("Source: c4console\n\nPackage: c4console\n"
                                                   "Architecture: any\n")
        # --warnings=0: not the hundreds of "could avoid a useless dependency" of
        # libraries built elsewhere; errors (a library found nowhere) still fail.
        out = _run(["dpkg-shlibdeps", "-O", "--warnings=0", "--ignore-missing-info",
                    *[f"-l{d}" for d in sorted(private_dirs)], *elves], cwd=tree)
    match = re.search(r"^shlibs:Depends=(.*)$", out, re.MULTILINE)
    return match.group(1).strip() if match else ""


def _changelog(package: Package, ver: str, when: float) -> bytes:
    text = (f"{package.name} ({ver}) unstable; urgency=medium\n\n"
            f"  * Built from the c4console sources by packaging/dist.py.\n\n"
            f" -- {MAINTAINER}  {formatdate(when)}\n")
    # mtime=0 and no file name: the same bytes for the same input.
    return gzip.compress(text.encode(), compresslevel=9, mtime=0)


def _installed_size_kib(root: Path) -> int:
    total = 0
    for folder, _dirs, files in os.walk(root):
        if Path(folder).name == "DEBIAN" and Path(folder).parent == root:
            continue
        for name in files:
            path = Path(folder, name)
            total += 1 if path.is_symlink() else -(-path.stat().st_size // 1024)
    return total


def _md5sums(root: Path) -> str:
    lines = []
    for folder, _dirs, files in sorted(os.walk(root)):
        rel_folder = Path(folder).relative_to(root)
        if rel_folder.parts[:1] == ("DEBIAN",):
            continue
        for name in sorted(files):
            path = Path(folder, name)
            if path.is_symlink():
                continue
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest}  {rel_folder / name}\n")
    return "".join(lines)


def _substitute(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


def stage(package: Package, bundle: Path, root: Path, ver: str, arch: str, when: float) -> None:
    """Lay out the package's tree under ``root`` (DEBIAN/ included)."""
    lib = root / "usr" / "lib" / package.name
    lib.parent.mkdir(parents=True)
    elves = _stage_bundle(bundle, lib)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / package.name).symlink_to(Path("..", "lib", package.name, package.name))
    values = {"PACKAGE": package.name, "VERSION": ver, "BUNDLED": package.bundled,
              "DATE": time.strftime("%Y-%m-%d", time.gmtime(when))}
    for source, target, mode in package.files:
        path = root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        data = (REPO / "packaging" / source).read_bytes()
        if source.endswith((".xml", ".toml", ".desktop", ".service", "README.Debian",
                            "lintian-overrides")):
            data = _substitute(data.decode(), values).encode()
        path.write_bytes(data)
        os.chmod(path, mode)
    doc = root / "usr" / "share" / "doc" / package.name
    doc.mkdir(parents=True, exist_ok=True)
    (doc / "copyright").write_text(_substitute((HERE / "copyright").read_text(), values))
    (doc / "changelog.gz").write_bytes(_changelog(package, ver, when))
    for folder, dirs, files in os.walk(root / "usr" / "share"):
        for name in dirs:
            os.chmod(Path(folder, name), 0o755)
        for name in files:
            if not Path(folder, name).is_symlink():
                os.chmod(Path(folder, name), 0o644)
    for folder in (root / "etc", root / "lib"):
        if folder.exists():
            for sub, _dirs, _files in os.walk(folder):
                os.chmod(sub, 0o755)

    debian = root / "DEBIAN"
    debian.mkdir()
    for script in package.scripts:
        shutil.copyfile(HERE / package.name / script, debian / script)
        os.chmod(debian / script, 0o755)
    if package.conffiles:
        (debian / "conffiles").write_text("".join(f"{c}\n" for c in package.conffiles))
    (debian / "md5sums").write_text(_md5sums(root))
    private = {p.parent for p in elves}
    depends = ", ".join(filter(None, [_shlib_depends(elves, private), *package.depends]))
    fields = {
        "Package": package.name,
        "Version": ver,
        "Architecture": arch,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(_installed_size_kib(root)),
        "Depends": depends,
        "Recommends": ", ".join(package.recommends),
        "Suggests": ", ".join(package.suggests),
        "Section": "misc",
        "Priority": "optional",
        "Description": f"{package.summary}\n" + "\n".join(
            f" {line}" if line else " ." for line in package.description.splitlines()),
    }
    (debian / "control").write_text("".join(f"{k}: {v}\n" for k, v in fields.items() if v))
    for path in debian.iterdir():
        if path.name not in package.scripts:
            os.chmod(path, 0o644)


def build(package: Package, bundles: Path, out: Path, when: float) -> Path:
    """Build ``out/NAME_VERSION_ARCH.deb`` from ``bundles/NAME``; return its path."""
    ver, arch = version(), _run(["dpkg", "--print-architecture"]).strip()
    deb = out / f"{package.name}_{ver}_{arch}.deb"
    with tempfile.TemporaryDirectory(dir=out, prefix=f".{package.name}-") as tmp:
        root = Path(tmp) / "root"
        stage(package, bundles / package.name, root, ver, arch, when)
        # xz at level 1: about as small as the default (the bundle's libraries are most
        # of it) in a fraction of the time.
        _run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", root, deb],
             env={**os.environ, "SOURCE_DATE_EPOCH": str(int(when))})
    return deb


def main(argv: list[str] | None = None) -> int:
    """Build both packages; print their paths."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("bundles", type=Path, help="folder holding the bundles c4console/ and c4central/")
    p.add_argument("out", type=Path, help="folder for the .deb files")
    p.add_argument("--date", type=float, default=None,
                   help="build date as a Unix time (default: $SOURCE_DATE_EPOCH or now)")
    args = p.parse_args(argv)
    when = args.date or float(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    args.out.mkdir(parents=True, exist_ok=True)
    for package in PACKAGES:
        print(build(package, args.bundles.resolve(), args.out.resolve(), when))
    return 0


if __name__ == "__main__":
    sys.exit(main())
