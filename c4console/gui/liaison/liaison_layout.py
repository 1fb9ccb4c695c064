"""The liaison's window (issue 15): her agency's shared cases and the coordination tools.

A liaison of another agency (role ``enlace``) dispatches nothing and hears nothing: her
window hides the incident queue, the detail, the units, the chat, the live audio, the
roster, the map and the Incidente menu (Turno follows the role: a liaison has none), and
takes the shortcuts off every action that has one (F1–F9, Ctrl+N…: a hidden menu's shortcut
would still fire). It shows *Casos compartidos* (gui/liaison/shared_cases.py) and *Tareas*,
her agency's tasks from the coordination tables (gui/coordination/tasks_panel.py), to mark
done with a note. The title names her agency. Another role logging in on the same
window gets everything back. Hiding is a convenience: the central refuses what a liaison
may not read or do (liaison_guard)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

from c4console.core import access
from c4console.gui.coordination.tasks_panel import TasksPanel
from c4console.gui.liaison.shared_cases import SharedCasesPanel
from c4console.gui.shell.role_dock import RoleDock, role_dock
from c4console.gui.specialists.desk_layout import DISPATCH_DOCKS

_t = QCoreApplication
MARK = "_liaison_layout"  # the window's flag: laid out for a liaison
TASKS_SLOT = "tasksDock"  # "Tareas": the meetings' TasksPanel


def is_liaison(role: str) -> bool:
    """True for a liaison of another agency."""
    return role in access.LIAISONS


def apply_liaison_layout(window: QMainWindow, role: str, agency_name: str = "") -> None:
    """Lay the window out for a liaison (her cases, Tareas, her agency in the title) or give
    another role back what a liaison's layout took away."""
    liaison = is_liaison(role)
    role_dock(window, "liaison_cases", liaison, lambda: _cases_tool(window))
    role_dock(window, "liaison_tasks", liaison, lambda: _tasks_tool(window))
    if liaison == getattr(window, MARK, False):
        if liaison:
            _open(window, agency_name)
        return
    setattr(window, MARK, liaison)
    # Given back to a dispatch role only: a specialist's desk layout (applied before this)
    # keeps them hidden. The Turno menu follows the role in MainWindow.apply_role.
    dispatch = not liaison and role not in access.SPECIALISTS
    for name in DISPATCH_DOCKS:
        dock = window.findChild(QDockWidget, name)
        if dock is not None:
            dock.toggleViewAction().setVisible(dispatch)
            dock.setVisible(dispatch)
    central = window.centralWidget()
    if central is not None:
        central.setVisible(dispatch)
    # The refused commands' list: closed for her (she sends none today), still under Ver.
    rejections = window.findChild(QDockWidget, "rejectionsDock")
    if rejections is not None:
        rejections.setVisible(not liaison)
    incident_menu = getattr(window, "m_inc", None)
    if incident_menu is not None:
        incident_menu.menuAction().setVisible(dispatch)
    if liaison:
        _take_shortcuts(window)
        _open(window, agency_name)
    else:
        _give_shortcuts(window)
        window.setWindowTitle(getattr(window, "_dispatch_title", window.windowTitle()))


def _take_shortcuts(window: QMainWindow) -> None:
    """Every action with a shortcut loses it and is disabled; kept to give back."""
    taken: dict[QAction, QKeySequence] = {}
    for action in window.findChildren(QAction):
        if not action.shortcut().isEmpty():
            taken[action] = action.shortcut()
            action.setShortcut(QKeySequence())
            action.setEnabled(False)
    window.liaison_disabled = set(taken)  # the idle lock's unlock leaves these off
    window._liaison_shortcuts = taken


def _give_shortcuts(window: QMainWindow) -> None:
    for action, keys in getattr(window, "_liaison_shortcuts", {}).items():
        action.setShortcut(keys)
        action.setEnabled(True)
    window._liaison_shortcuts = {}
    window.liaison_disabled = set()


def _open(window: QMainWindow, agency_name: str) -> None:
    if not hasattr(window, "_dispatch_title"):
        window._dispatch_title = window.windowTitle()
    if agency_name:
        window.setWindowTitle(_t.translate("LiaisonLayout", "C4 · Enlace — {0}").format(agency_name))
        window.status.showMessage(_t.translate("LiaisonLayout", "Institución: {0}").format(agency_name))
    cases, tasks = window.liaison_cases, window.liaison_tasks
    if tasks.dock not in window.tabifiedDockWidgets(cases.dock):
        window.tabifyDockWidget(cases.dock, tasks.dock)  # Tareas beside her cases, once
    tasks.dock.show()
    cases.open()  # her cases in front


def _cases_tool(window: QMainWindow) -> RoleDock:
    panel = SharedCasesPanel(window.state, window)
    panel.follow(window.bridge)
    title = _t.translate("LiaisonLayout", "Casos compartidos")
    return RoleDock(window, "sharedCasesDock", title, panel,
                    menu=_t.translate("LiaisonLayout", "&Coordinación"), open_text=title,
                    open_name="sharedCasesAction", area=Qt.DockWidgetArea.LeftDockWidgetArea,
                    on_open=panel.reload)


def _tasks_tool(window: QMainWindow) -> RoleDock:
    # Her agency's tasks from the coordination tables: the feed gives a liaison her
    # agency's tasks only, so the panel shows every task her cache holds.
    panel = TasksPanel(window.controller, parent=window)
    title = _t.translate("LiaisonLayout", "Tareas")
    return RoleDock(window, TASKS_SLOT, title, panel,
                    menu=_t.translate("LiaisonLayout", "&Tareas"), open_text=title,
                    open_name="tasksAction", area=Qt.DockWidgetArea.LeftDockWidgetArea,
                    on_open=panel.refresh)
