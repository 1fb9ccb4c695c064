"""The console's frame: start-up, session, main window, login and lock, settings,
status bar, labels and translations, tasks and the one way back to the GUI thread."""
