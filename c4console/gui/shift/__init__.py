"""The shift roster and the shift handover report."""
