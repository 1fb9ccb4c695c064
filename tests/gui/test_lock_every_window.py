"""The idle lock covers every window of the console, not just the main one, and backs off
after wrong passwords (issue 16 point 16): a running console against a real central, with a
floating dock and dialogs; the back-off on the real cover with short waits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDockWidget, QLabel, QMainWindow, QWidget

from c4console.core.unlock_backoff import UnlockBackoff
from c4console.gui.shell.idle_lock import IdleWatch, LockCover, hash_for_unlock
from tests.gui.console_harness import start_session, stop_session, until


def _cover_of(window: QWidget) -> QLabel | None:
    cover = window.findChild(QLabel, "windowLockCover")
    return cover if cover is not None and cover.isVisible() else None


def test_locking_covers_and_disables_floating_docks_and_dialogs_until_unlocked(
        qapp, qloop, central, tmp_path):
    async def scenario():
        session = await start_session(qapp, central.api, tmp_path / "console",
                                      user=central.username, password=central.password)
        window = session.window
        try:
            dock = next(d for d in window.findChildren(QDockWidget) if d.isVisible())
            dock.setFloating(True)
            await until(lambda: dock.isWindow() and dock.isVisible(), 5, "dock floating")
            dialog = window.enrol_second_factor()  # a real dialog of the console
            await until(dialog.isVisible, 5, "dialog shown")
            cover = window.lock_cover
            cover.lock()
            for other in (dock, dialog):
                shown = await until(lambda o=other: _cover_of(o), 5, f"{other.objectName()} covered")
                assert not other.isEnabled(), other.objectName()
                assert shown.geometry() == other.rect()
                assert "ventana principal" in shown.text()
            # A window that opens while locked is covered too.
            late = QDialog(window)
            late.setObjectName("lateDialog")
            late.resize(300, 200)
            late.show()
            await until(lambda: _cover_of(late), 5, "late dialog covered")
            assert not late.isEnabled()
            # Typing into a covered window reaches nothing under the cover.
            QTest.keyClicks(dialog.password, "secret")
            assert dialog.password.text() == ""
            cover.password.setText(central.password)
            assert cover.try_unlock() is True
            for other in (dock, dialog, late):
                await until(lambda o=other: _cover_of(o) is None, 5, "cover gone")
                assert other.isEnabled()
            assert window.lock_cover.others.covered() == []
            late.close()
            dialog.reject()
        finally:
            await stop_session(session)

    qloop.run_until_complete(scenario())


def test_input_in_any_window_postpones_the_lock(qtbot):
    main, other = QMainWindow(), QMainWindow()
    for w in (main, other):
        qtbot.addWidget(w)
        w.show()
    qtbot.waitExposed(other)
    watch = IdleWatch(main, 1.0)
    watch._timer.stop()
    QTest.keyClick(other.windowHandle(), Qt.Key.Key_A)
    assert watch._timer.isActive(), "a key in another window of the console restarted the timer"
    watch.stop()


def test_wrong_unlock_passwords_back_off_per_user(qtbot):
    main = QMainWindow()
    qtbot.addWidget(main)
    main.resize(400, 300)
    main.show()
    backoff = UnlockBackoff(free_failures=3, base_s=0.3, max_s=5)
    cover = LockCover("ana", hash_for_unlock("clave-de-ana-1"), main, backoff=backoff)
    cover.lock()
    for _ in range(3):  # three slips are free
        cover.password.setText("mal")
        assert cover.try_unlock() is False and cover.button.isEnabled()
    cover.password.setText("mal")
    assert cover.try_unlock() is False
    assert not cover.button.isEnabled() and not cover.password.isEnabled()
    assert "espere" in cover.error.text()
    # While waiting even the right password is not checked.
    cover.password.setText("clave-de-ana-1")
    assert cover.try_unlock() is False and cover.locked
    # Locking again (or another lock of the same user) does not reset the wait…
    cover.lock()
    assert not cover.button.isEnabled()
    # …another user's lock is not held up by hers.
    other_main = QMainWindow()
    qtbot.addWidget(other_main)
    other_main.show()
    other = LockCover("bety", hash_for_unlock("clave-de-bety-1"), other_main, backoff=backoff)
    other.lock()
    other.password.setText("clave-de-bety-1")
    assert other.try_unlock() is True
    # The wait ends by itself; the next wrong one waits twice as long.
    qtbot.waitUntil(cover.button.isEnabled, timeout=3000)
    cover.password.setText("mal")
    assert cover.try_unlock() is False
    assert 0.3 < backoff.wait_s("ana", cover.clock()) <= 0.6
    qtbot.waitUntil(cover.button.isEnabled, timeout=3000)
    cover.password.setText("clave-de-ana-1")
    assert cover.try_unlock() is True and not cover.locked
    assert backoff.wait_s("ana", cover.clock()) == 0
