"""Live audio, the recordings library and replay."""
