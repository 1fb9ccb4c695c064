"""Every call that differs between Linux and Windows, in one place, without Qt.

The console and the central both run on operators' Linux and Windows workstations;
what the operating system does differently lives here, so the rest of the code asks
one question ("stop on the usual signals", "start this child so it can be stopped")
and reads the same everywhere:

- **Stop signals.** On POSIX the asyncio loop handles SIGTERM and SIGINT itself
  (``loop.add_signal_handler``). Windows has no such loop support (it raises
  NotImplementedError) and no SIGTERM from outside (``kill`` there is
  TerminateProcess): Ctrl+C is SIGINT and Ctrl+Break — what a parent sends a child
  in its own process group — is SIGBREAK, both caught with :func:`signal.signal` and
  handed to the loop with ``call_soon_threadsafe``.
- **Event loop.** psycopg's async connections (the central's PostgreSQL LISTEN) need a
  selector loop; Windows' default is the proactor, so :func:`run` picks the selector
  loop there.
- **Child processes.** On Linux the kernel SIGTERMs a child when the console dies
  (``prctl(PR_SET_PDEATHSIG)``); a child is stopped with SIGTERM. On Windows the
  console is a windowed program without a console of its own, so it cannot send a
  console control event: a child gets a pipe as its standard input and the option
  ``--stop-on-stdin-eof``, and stops gracefully when the console closes that pipe —
  or dies, which closes it too. A child without the pipe gets CTRL_BREAK_EVENT (its
  own process group), and is terminated if that cannot be delivered.
- **Sound.** The host API whose default output the console plays on: WASAPI on Windows
  (PortAudio's own default there is MME); elsewhere PortAudio's default (PulseAudio/ALSA).
- **Folders.** The per-user data folder (cache, settings, ``logs/``) when Qt is not
  there to say it (``QStandardPaths`` in the GUI gives the same folders).
- **Private files.** Every workstation holds victims' data. On POSIX the process starts
  with umask 077 (:func:`private_new_files`), so whatever it or a library creates is
  0600 / 0700, and the files that hold personal data are also given those modes
  explicitly (:func:`private_dir`, :func:`private_file`), which also tightens files an
  older version left 0644. Windows has no umask and no mode bits: there the data lives in
  the user's profile (``%LOCALAPPDATA%``), whose inherited ACL grants only the user,
  SYSTEM and Administrators; the functions do nothing and say so.
- **Secret store.** The cache's key is kept in the operating system's secret store
  through ``keyring``: Secret Service (or KWallet) on Linux, Credential Manager on
  Windows, the Keychain on macOS. Only those count (:func:`os_secret_store`): keyring's
  fail backend, or a plain-file keyring someone installed, would leave the key beside the
  cache. On Windows the key is kept with *local machine* persistence: it does not roam
  with a domain profile to other workstations.

Every function takes ``platform`` (default ``sys.platform``) so that the tests run the
Windows branches on Linux; the ones that touch :mod:`signal` also take the module.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO, TypeVar

log = logging.getLogger("c4console.platform")

T = TypeVar("T")

APP_FOLDER = "c4console"
POSIX_STOP_SIGNALS = ("SIGTERM", "SIGINT")
WINDOWS_STOP_SIGNALS = ("SIGINT", "SIGBREAK")  # Ctrl+C, Ctrl+Break (CTRL_BREAK_EVENT)
# Windows does not interrupt select() for a signal: the Python handler runs when the loop
# next wakes. A no-op timer bounds that wait (the proactor loop has its own wake-up fd,
# the selector loop the central needs does not).
WINDOWS_WAKE_S = 0.5
# subprocess.CREATE_NEW_PROCESS_GROUP exists only on Windows; its value is fixed by Win32.
CREATE_NEW_PROCESS_GROUP = 0x00000200
PR_SET_PDEATHSIG = 1
STDIN_EOF_OPTION = "--stop-on-stdin-eof"
STDIN_EOF_HELP = ("stop when standard input reaches its end: the console's way to stop its "
                  "children on Windows (and they stop if it dies)")
END_OF_INPUT = "end of input"


def is_windows(platform: str | None = None) -> bool:
    """True on Windows (``platform``: a ``sys.platform`` value, default this machine's)."""
    return (platform or sys.platform) == "win32"


# --- stop signals -----------------------------------------------------------------

def install_stop_handlers(loop: asyncio.AbstractEventLoop, on_stop: Callable[[str], Any], *,
                          platform: str | None = None, signals: ModuleType = signal) -> tuple[str, ...]:
    """Call ``on_stop(signal name)`` on ``loop`` when the process is asked to stop.

    POSIX: SIGTERM and SIGINT through the loop. Windows: SIGINT (Ctrl+C) and SIGBREAK
    (Ctrl+Break, CTRL_BREAK_EVENT from the parent) through :func:`signal.signal`, handed
    to the loop thread-safely. Call it on the loop's thread (the main thread). Returns the
    names of the signals handled.
    """
    if not is_windows(platform):
        for name in POSIX_STOP_SIGNALS:
            loop.add_signal_handler(getattr(signals, name), on_stop, name)
        return POSIX_STOP_SIGNALS
    handled = tuple(name for name in WINDOWS_STOP_SIGNALS if hasattr(signals, name))
    for name in handled:
        def handler(_signum: int, _frame: Any, name: str = name) -> None:
            loop.call_soon_threadsafe(on_stop, name)

        signals.signal(getattr(signals, name), handler)
    _keep_waking(loop)
    return handled


def stop_when_stdin_closes(loop: asyncio.AbstractEventLoop, on_stop: Callable[[str], Any],
                           stdin: BinaryIO | None = None) -> threading.Thread:
    """Call ``on_stop("end of input")`` on ``loop`` when standard input reaches its end:
    the parent closed the pipe (to stop this child) or died. Every platform can run it;
    the console uses it on Windows (:func:`child_stop_args`)."""
    source = stdin if stdin is not None else sys.stdin.buffer

    def read_to_end() -> None:
        with contextlib.suppress(OSError, ValueError):
            while source.read(4096):
                pass
        with contextlib.suppress(RuntimeError):  # the loop closed first: nothing to stop
            loop.call_soon_threadsafe(on_stop, END_OF_INPUT)

    # A daemon: a blocking read must not keep the process alive after it has stopped.
    reader = threading.Thread(target=read_to_end, name="stop-on-stdin-eof", daemon=True)
    reader.start()
    return reader


def _keep_waking(loop: asyncio.AbstractEventLoop) -> None:
    """A no-op every WINDOWS_WAKE_S so a pending signal handler runs soon (see above)."""
    def wake() -> None:
        if not loop.is_closed():
            loop.call_later(WINDOWS_WAKE_S, wake)

    loop.call_later(WINDOWS_WAKE_S, wake)


# --- event loop -------------------------------------------------------------------

def loop_factory(platform: str | None = None) -> Callable[[], asyncio.AbstractEventLoop] | None:
    """The event loop to run asyncio code on: the selector loop on Windows (psycopg's async
    connections cannot use the proactor), None (asyncio's default) elsewhere."""
    return asyncio.SelectorEventLoop if is_windows(platform) else None


def run(main: Coroutine[Any, Any, T], *, platform: str | None = None) -> T:
    """``asyncio.run(main)`` on the loop :func:`loop_factory` chooses."""
    with asyncio.Runner(loop_factory=loop_factory(platform)) as runner:
        return runner.run(main)


# --- child processes --------------------------------------------------------------

def die_with_parent() -> None:
    """In a Linux child, before exec: ask the kernel to SIGTERM it when its parent dies.

    A console killed by SIGKILL or a crash must not leave its embedded central holding
    the database and ports. (Windows has no such call; the console stops its children
    on exit.)
    """
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # no glibc: the console stops its children on exit
        pass


def child_process_options(platform: str | None = None) -> dict[str, Any]:
    """:class:`subprocess.Popen` arguments (``stdin`` among them) for a child the console
    must be able to stop; start it with :func:`child_stop_args` too.

    Linux: die with the parent (prctl), no input. Windows: a pipe as its input (closed to
    stop it, see :func:`ask_child_to_stop`) and a process group of its own, so a Ctrl+C in
    a terminal running the console does not reach it first.
    """
    platform = platform or sys.platform
    if is_windows(platform):
        return {"stdin": subprocess.PIPE, "creationflags": CREATE_NEW_PROCESS_GROUP}
    if platform.startswith("linux"):
        return {"stdin": subprocess.DEVNULL, "preexec_fn": die_with_parent}
    return {"stdin": subprocess.DEVNULL}


def child_stop_args(platform: str | None = None) -> list[str]:
    """Command-line options of a child started with :func:`child_process_options`: on
    Windows ``--stop-on-stdin-eof`` (the central's ``serve`` and the demo simulator take it)."""
    return [STDIN_EOF_OPTION] if is_windows(platform) else []


def ask_child_to_stop(proc: subprocess.Popen, *, platform: str | None = None,
                      signals: ModuleType = signal) -> str:
    """Ask ``proc`` (started with :func:`child_process_options`) to stop gracefully; return how.

    POSIX: SIGTERM. Windows: close its standard input (it runs with
    ``--stop-on-stdin-eof``); without that pipe, CTRL_BREAK_EVENT to its process group
    (it sees SIGBREAK); where that cannot be sent — the sender has no console, e.g. a
    windowed bundle — the process is terminated. The caller waits, and kills what does
    not end.
    """
    if not is_windows(platform):
        proc.send_signal(signals.SIGTERM)
        return "SIGTERM"
    if proc.stdin is not None:
        proc.stdin.close()
        return "stdin closed"
    try:
        proc.send_signal(signals.CTRL_BREAK_EVENT)
        return "CTRL_BREAK_EVENT"
    except (OSError, AttributeError, ValueError) as e:
        log.warning("cannot send CTRL_BREAK_EVENT to pid %s (%s): terminating it", proc.pid, e)
        proc.terminate()
        return "terminate"


# --- sound ------------------------------------------------------------------------

WINDOWS_AUDIO_HOST_API = "Windows WASAPI"  # PortAudio's name for it (sounddevice.query_hostapis)


def preferred_audio_host_api(platform: str | None = None) -> str | None:
    """The PortAudio host API whose default output device to use, or None for PortAudio's
    default device: WASAPI on Windows (the path the Windows mixer and its default-device
    setting follow; PortAudio's default, MME, adds latency)."""
    return WINDOWS_AUDIO_HOST_API if is_windows(platform) else None


# --- folders ----------------------------------------------------------------------

def user_data_dir(*, platform: str | None = None, environ: Mapping[str, str] | None = None,
                  home: Path | None = None) -> Path:
    """The per-user data folder of the console (its cache, settings and ``logs/``).

    The same folder Qt's ``QStandardPaths.GenericDataLocation`` names, plus ``c4console``:
    Windows ``%LOCALAPPDATA%\\c4console``, macOS ``~/Library/Application Support/c4console``,
    elsewhere ``$XDG_DATA_HOME/c4console`` (default ``~/.local/share/c4console``).
    """
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    home = home or Path.home()
    if is_windows(platform):
        base = Path(environ["LOCALAPPDATA"]) if environ.get("LOCALAPPDATA") else home / "AppData" / "Local"
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(environ["XDG_DATA_HOME"]) if environ.get("XDG_DATA_HOME") else home / ".local" / "share"
    return base / APP_FOLDER


def logs_dir(data_dir: Path) -> Path:
    """Where the console's children write their logs: ``DATA/logs`` on every platform."""
    return data_dir / "logs"


# --- private files ----------------------------------------------------------------

PRIVATE_UMASK = 0o077
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
WINDOWS_FILE_PROTECTION = ("no umask on Windows: files are private through the inherited ACL "
                           "of the user's profile folder (the user, SYSTEM, Administrators)")


@contextlib.contextmanager
def private_new_files(*, platform: str | None = None, os_module: ModuleType = os) -> Iterator[str]:
    """Around a program's main (the console's, the central's): every file and folder created
    in the block is private to the user (umask 077 on POSIX: 0600 / 0700); the umask before
    is restored at the end, so a caller running ``main()`` in-process (the tests) keeps its
    own. Yields what protects the files, for the log.

    Windows has no umask (``os.umask`` there touches only the read-only bit): the data
    folders are under the user's profile, whose inherited ACL already shuts other users out.
    """
    if is_windows(platform):
        yield WINDOWS_FILE_PROTECTION
        return
    previous = os_module.umask(PRIVATE_UMASK)
    try:
        yield f"umask {PRIVATE_UMASK:03o} (was {previous:03o}): new files 0600, folders 0700"
    finally:
        os_module.umask(previous)


def private_dir(path: Path, *, tighten: bool = True, platform: str | None = None) -> Path:
    """Create ``path`` (and its parents) if needed, 0700 on POSIX; with ``tighten`` (the
    program's own folders) an existing folder is made 0700 too, e.g. one an older version
    created 0755. A folder the user chose (an export's, her Downloads) is left as it is
    (``tighten=False``): the files written into it are private themselves. Returns ``path``.
    Windows: created; the profile's ACL protects it (see :func:`private_new_files`)."""
    existed = path.is_dir()
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if not is_windows(platform) and (tighten or not existed):
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def private_file(path: Path, *, platform: str | None = None) -> Path:
    """Make the existing file ``path`` 0600 on POSIX (a no-op on Windows, see
    :func:`private_new_files`); returns ``path``. Call it right after creating a file that
    holds personal data, so its mode does not depend on the process's umask."""
    if not is_windows(platform):
        os.chmod(path, PRIVATE_FILE_MODE)
    return path


def create_private_file(path: Path, *, platform: str | None = None) -> Path:
    """Create ``path`` empty if it does not exist, 0600 from its first byte on POSIX (the
    mode is given to ``open``, not set afterwards); an existing file is only made 0600.

    An existing file is never opened here: closing any descriptor of a file drops every
    POSIX lock the process holds on it, and SQLite's locks on a database in use are such
    locks (an engine opened while others are connected must not release theirs)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0),
                     PRIVATE_FILE_MODE)
    except FileExistsError:
        pass
    else:
        os.close(fd)
    return private_file(path, platform=platform)


def write_private(path: Path, data: bytes | str, *, platform: str | None = None) -> Path:
    """Write ``data`` (text as UTF-8) to ``path``, replacing it, the file 0600 on POSIX from
    its creation on: an export of her recording or her file is as private as the cache."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                 PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as f:
        f.write(raw)
    return private_file(path, platform=platform)


# --- the operating system's secret store ------------------------------------------

# keyring backends (module.class) that keep secrets in the OS's own store, per platform.
OS_SECRET_STORES: dict[str, dict[str, str]] = {
    "win32": {"keyring.backends.Windows.WinVaultKeyring": "Windows Credential Manager"},
    "linux": {"keyring.backends.SecretService.Keyring": "Secret Service",
              "keyring.backends.libsecret.Keyring": "Secret Service",
              "keyring.backends.kwallet.DBusKeyring": "KWallet",
              "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet"},
    "darwin": {"keyring.backends.macOS.Keyring": "macOS Keychain"},
}
# Credential Manager's default for keyring is "enterprise" persistence, which roams with
# a domain profile to every workstation she logs on to; the cache it opens is local.
WINDOWS_KEY_PERSISTENCE = "local machine"


def _os_store_name(backend: Any, platform: str) -> str | None:
    known = OS_SECRET_STORES.get("linux" if platform.startswith("linux") else platform, {})
    for cls in type(backend).__mro__:
        name = known.get(f"{cls.__module__}.{cls.__qualname__}")
        if name is not None:
            return name
    return None


def os_secret_store(backend: Any = None, *, platform: str | None = None) -> tuple[str, Any] | None:
    """(name, keyring backend) of the operating system's secret store, or None when there
    is none to use (no Secret Service daemon: keyring's fail backend; a plain-file keyring).

    ``backend`` defaults to the one keyring chose for this machine; keyring's chainer (it
    chains when several stores are usable) is looked into for the first OS store. On
    Windows the backend is set to local-machine persistence (see the module's docstring).
    """
    platform = platform or sys.platform
    if backend is None:
        try:
            import keyring
        except ImportError:  # the central's install has no keyring: no store
            return None
        backend = keyring.get_keyring()
    candidates = list(getattr(backend, "backends", None) or [backend])
    for candidate in candidates:
        name = _os_store_name(candidate, platform)
        if name is None:
            continue
        if is_windows(platform):
            candidate.persist = WINDOWS_KEY_PERSISTENCE
        return name, candidate
    return None
