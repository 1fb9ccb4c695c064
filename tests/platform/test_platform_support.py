"""c4console.platform_support: the Linux branches for real, the Windows branches by
simulating the platform (``platform="win32"``) with real loops and processes where
Linux can run them, and stand-ins only for what Windows alone has (SIGBREAK,
CTRL_BREAK_EVENT)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from c4console import platform_support as ps

WINDOWS = "win32"


def _stop_names_after(send, platform: str | None = None, signals=signal) -> tuple[tuple, list[str]]:
    """Install the stop handlers on a real loop, call ``send()``, return (handled, names seen)."""
    seen: list[str] = []

    async def main() -> tuple:
        got = asyncio.Event()
        handled = ps.install_stop_handlers(asyncio.get_running_loop(),
                                           lambda name: (seen.append(name), got.set()),
                                           platform=platform, signals=signals)
        send()
        await asyncio.wait_for(got.wait(), 30)
        return handled

    return asyncio.run(main()), seen


@pytest.mark.linux_only  # os.kill(SIGTERM) on Windows terminates the test process
def test_posix_sigterm_reaches_the_loop():
    handled, seen = _stop_names_after(lambda: os.kill(os.getpid(), signal.SIGTERM))
    assert handled == ("SIGTERM", "SIGINT") and seen == ["SIGTERM"]


@pytest.mark.linux_only  # os.kill(SIGINT) on Windows terminates the test process
def test_windows_branch_catches_sigint_with_signal_signal_and_hands_it_to_the_loop():
    # The real signal module and a real SIGINT: the branch Windows takes for Ctrl+C
    # (signal.signal, not loop.add_signal_handler). Linux has no SIGBREAK to install.
    before = signal.getsignal(signal.SIGINT)
    try:
        handled, seen = _stop_names_after(lambda: os.kill(os.getpid(), signal.SIGINT), platform=WINDOWS)
    finally:
        signal.signal(signal.SIGINT, before)
    assert handled == ("SIGINT",) and seen == ["SIGINT"]


class FakeWindowsSignals:
    """What Windows' signal module has that Linux's lacks: SIGBREAK, CTRL_BREAK_EVENT."""

    SIGINT, SIGBREAK, CTRL_BREAK_EVENT = 2, 21, 1

    def __init__(self) -> None:
        self.handlers: dict[int, object] = {}

    def signal(self, signum: int, handler) -> None:
        self.handlers[signum] = handler


def test_windows_ctrl_break_is_handed_to_the_loop_thread_safely():
    fake = FakeWindowsSignals()

    def ctrl_break() -> None:
        # Windows runs the Python handler on the main thread; calling it from another
        # thread also shows the hand-over is thread-safe (call_soon_threadsafe).
        worker = threading.Thread(target=fake.handlers[fake.SIGBREAK], args=(fake.SIGBREAK, None))
        worker.start()
        worker.join()

    handled, seen = _stop_names_after(ctrl_break, platform=WINDOWS, signals=fake)
    assert handled == ("SIGINT", "SIGBREAK") and seen == ["SIGBREAK"]
    assert set(fake.handlers) == {fake.SIGINT, fake.SIGBREAK}


def test_windows_branch_never_asks_the_loop_for_signal_support_and_keeps_it_waking():
    class WindowsLoop:  # like a Windows loop: add_signal_handler is not implemented
        def __init__(self) -> None:
            self.timers: list[float] = []

        def add_signal_handler(self, *_args):
            raise NotImplementedError

        def call_later(self, delay, _callback):
            self.timers.append(delay)

        def call_soon_threadsafe(self, callback, *args):
            callback(*args)

    loop, seen, fake = WindowsLoop(), [], FakeWindowsSignals()
    ps.install_stop_handlers(loop, seen.append, platform=WINDOWS, signals=fake)
    fake.handlers[fake.SIGINT](fake.SIGINT, None)
    assert seen == ["SIGINT"]
    assert loop.timers == [ps.WINDOWS_WAKE_S]  # select() is not interrupted by a signal there


def test_the_event_loop_is_the_selector_loop_on_windows():
    assert ps.loop_factory(WINDOWS) is asyncio.SelectorEventLoop
    assert ps.loop_factory("linux") is None

    async def which_loop() -> asyncio.AbstractEventLoop:
        return asyncio.get_running_loop()

    assert isinstance(ps.run(which_loop(), platform=WINDOWS), asyncio.SelectorEventLoop)
    assert ps.run(asyncio.sleep(0, "done")) == "done"


def test_child_process_options_per_platform():
    assert ps.child_process_options("linux") == {"stdin": subprocess.DEVNULL,
                                                 "preexec_fn": ps.die_with_parent}
    assert ps.child_stop_args("linux") == []
    windows = ps.child_process_options(WINDOWS)
    assert windows == {"stdin": subprocess.PIPE, "creationflags": ps.CREATE_NEW_PROCESS_GROUP}
    assert getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", ps.CREATE_NEW_PROCESS_GROUP) == 0x200
    assert ps.child_stop_args(WINDOWS) == ["--stop-on-stdin-eof"]
    assert ps.child_process_options("darwin") == {"stdin": subprocess.DEVNULL}


def _unread(fd: int) -> int:
    """Bytes waiting in the pipe ``fd`` (read end) that no one has read yet."""
    if sys.platform == "win32":
        import _winapi
        import msvcrt

        return _winapi.PeekNamedPipe(msvcrt.get_osfhandle(fd), 0)[0]
    import array
    import fcntl
    import termios

    count = array.array("i", [0])
    fcntl.ioctl(fd, termios.FIONREAD, count)
    return count[0]


def test_the_end_of_input_reaches_the_loop():
    read_end, write_end = os.pipe()
    seen: list[str] = []

    async def main() -> None:
        got = asyncio.Event()
        with os.fdopen(read_end, "rb") as stdin:
            ps.stop_when_stdin_closes(asyncio.get_running_loop(),
                                      lambda name: (seen.append(name), got.set()), stdin=stdin)
            os.write(write_end, b"anything the parent writes is read and ignored\n")
            deadline = asyncio.get_running_loop().time() + 30
            while _unread(read_end):  # until the reader has taken the line off the pipe
                assert asyncio.get_running_loop().time() < deadline, "the line was never read"
                await asyncio.sleep(0.02)
            await asyncio.sleep(0)  # a stop it had asked for would run now
            assert not got.is_set()
            os.close(write_end)
            await asyncio.wait_for(got.wait(), 30)

    asyncio.run(main())
    assert seen == ["end of input"]


GRACEFUL_CHILD = """
import signal, sys, time
def stop(signum, frame):
    print("stopping on", signal.Signals(signum).name, flush=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
print("ready", flush=True)
while True:
    time.sleep(1)
"""


@pytest.mark.linux_only
def test_posix_child_is_asked_with_sigterm_and_ends_gracefully():
    proc = subprocess.Popen([sys.executable, "-c", GRACEFUL_CHILD], stdout=subprocess.PIPE, text=True,
                            **ps.child_process_options())
    try:
        assert proc.stdout.readline().strip() == "ready"
        assert ps.ask_child_to_stop(proc) == "SIGTERM"
        assert proc.wait(30) == 0
        assert proc.stdout.read().strip() == "stopping on SIGTERM"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


class FakeProc:
    stdin = None  # started without the pipe (e.g. by hand in a terminal)

    def __init__(self, refuse: bool = False) -> None:
        self.pid, self.refuse, self.sent, self.terminated = 4242, refuse, [], False

    def send_signal(self, sig) -> None:
        if self.refuse:  # GenerateConsoleCtrlEvent fails when the sender has no console
            raise OSError(6, "The handle is invalid")
        self.sent.append(sig)

    def terminate(self) -> None:
        self.terminated = True


def test_windows_child_gets_ctrl_break():
    proc = FakeProc()
    assert ps.ask_child_to_stop(proc, platform=WINDOWS, signals=FakeWindowsSignals) == "CTRL_BREAK_EVENT"
    assert proc.sent == [FakeWindowsSignals.CTRL_BREAK_EVENT] and not proc.terminated


def test_windows_child_is_terminated_when_ctrl_break_cannot_be_sent(caplog):
    proc = FakeProc(refuse=True)
    assert ps.ask_child_to_stop(proc, platform=WINDOWS, signals=FakeWindowsSignals) == "terminate"
    assert proc.terminated
    assert "cannot send CTRL_BREAK_EVENT to pid 4242" in caplog.text


def test_windows_child_on_a_real_process_without_ctrl_break_is_terminated():
    # Linux's signal module has no CTRL_BREAK_EVENT: the fallback path on a real process.
    proc = subprocess.Popen([sys.executable, "-c", GRACEFUL_CHILD], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        assert ps.ask_child_to_stop(proc, platform=WINDOWS) == "terminate"
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.linux_only  # prctl
def test_linux_child_dies_with_its_parent(tmp_path):
    # A parent that starts a child with the options, prints its pid, then is SIGKILLed.
    parent_code = (
        "import subprocess, sys, time\n"
        "from c4console import platform_support as ps\n"
        f"child = subprocess.Popen([sys.executable, '-c', {GRACEFUL_CHILD!r}], "
        f"stdout=open({str(tmp_path / 'child.out')!r}, 'w'), **ps.child_process_options())\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", parent_code], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(Path(ps.__file__).parents[1])})
    parent.stdout.readline()  # the child's pid: it has started
    out = tmp_path / "child.out"
    assert _wait_for(lambda: "ready" in out.read_text())
    parent.kill()
    parent.wait()
    assert _wait_for(lambda: "stopping on SIGTERM" in out.read_text()), out.read_text()


def _wait_for(condition, timeout: float = 30.0) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass."""
    done = threading.Event()
    for _ in range(int(timeout / 0.05)):
        if condition():
            return True
        done.wait(0.05)
    return condition()


def test_data_folder_per_platform():
    home = Path("/home/ana")
    assert ps.user_data_dir(platform=WINDOWS, environ={"LOCALAPPDATA": r"C:\Users\ana\AppData\Local"},
                            home=home) == Path(r"C:\Users\ana\AppData\Local") / "c4console"
    assert ps.user_data_dir(platform=WINDOWS, environ={}, home=home) == \
        home / "AppData" / "Local" / "c4console"
    assert ps.user_data_dir(platform="linux", environ={}, home=home) == home / ".local/share/c4console"
    assert ps.user_data_dir(platform="linux", environ={"XDG_DATA_HOME": "/srv/x"}, home=home) == \
        Path("/srv/x/c4console")
    assert ps.user_data_dir(platform="darwin", environ={}, home=home) == \
        home / "Library/Application Support/c4console"
    assert ps.logs_dir(Path("/d")) == Path("/d/logs")


class UmaskRecorder:
    """Stands in for :mod:`os` in :func:`private_new_files`: records umask calls without
    changing the test process's own umask."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def umask(self, mask: int) -> int:
        self.calls.append(mask)
        return 0o022


def test_posix_main_makes_new_files_private_with_umask_077_and_restores_it_after():
    os_module = UmaskRecorder()
    with ps.private_new_files(platform="linux", os_module=os_module) as said:
        assert os_module.calls == [0o077] and "umask 077 (was 022)" in said
    assert os_module.calls == [0o077, 0o022]


def test_windows_main_sets_no_umask_and_names_the_profile_acl():
    os_module = UmaskRecorder()
    with ps.private_new_files(platform=WINDOWS, os_module=os_module) as said:
        assert said == ps.WINDOWS_FILE_PROTECTION and "ACL" in said
    assert os_module.calls == []


@pytest.mark.linux_only  # mode bits
def test_private_folders_and_files_on_posix(tmp_path):
    own = tmp_path / "own"
    own.mkdir(mode=0o755)
    os.chmod(own, 0o755)
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    os.chmod(chosen, 0o755)
    assert ps.private_dir(own) == own and _mode(own) == 0o700  # tightened
    assert ps.private_dir(chosen, tighten=False) == chosen and _mode(chosen) == 0o755  # hers
    new = ps.private_dir(chosen / "export", tighten=False)
    assert _mode(new) == 0o700  # created by us: private
    before = os.umask(0o022)
    try:
        written = ps.write_private(new / "a.json", "{}")
        created = ps.create_private_file(new / "b.log")
        loose = new / "c.wav"
        loose.write_bytes(b"x")
        ps.private_file(loose)
    finally:
        os.umask(before)
    assert written.read_text() == "{}" and created.read_bytes() == b""
    assert [_mode(p) for p in (written, created, loose)] == [0o600] * 3


@pytest.mark.linux_only  # reads POSIX mode bits to show they stay untouched
def test_windows_branch_leaves_modes_to_the_acl(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    os.chmod(folder, 0o755)
    loose = folder / "c.wav"
    loose.write_bytes(b"x")
    os.chmod(loose, 0o644)
    assert ps.private_dir(folder, platform=WINDOWS) == folder and _mode(folder) == 0o755
    assert ps.private_file(loose, platform=WINDOWS) == loose and _mode(loose) == 0o644
    assert ps.write_private(folder / "d.txt", "ok", platform=WINDOWS).read_text() == "ok"


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777
