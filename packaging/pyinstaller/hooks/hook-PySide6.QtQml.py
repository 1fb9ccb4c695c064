# Replaces PyInstaller's hook for PySide6.QtQml (hooks given with `hookspath` win over
# the built-in ones): the Qt libraries and the QML module itself, but not every QML
# plugin of the wheel with the Qt libraries those need (Quick3D, Charts, Location, …:
# some 150 MB). The console uses no QML; QtWebEngineWidgets imports QtQuick only as a
# binding-level dependency.
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
