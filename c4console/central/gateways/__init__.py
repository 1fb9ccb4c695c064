"""Outbound and callback gateways of the central (SMS to trusted contacts through Kannel)."""
