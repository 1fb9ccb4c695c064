"""Qt widgets and view models: the only layer that imports Qt."""
