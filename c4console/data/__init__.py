"""The project's data, as package data: ``resources/``, ``audio/`` and ``maps/``.

In the repository these three are git symlinks to the top-level folders of the
same names (where a C4 edits them); building a wheel copies the real files in
here. ``c4console.resources`` finds them with ``importlib.resources``.
"""
