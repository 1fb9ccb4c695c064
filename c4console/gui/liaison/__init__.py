"""The liaison's window (issue 15): the cases shared with her agency, the coordination tools."""
