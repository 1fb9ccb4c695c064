"""The unit board."""
