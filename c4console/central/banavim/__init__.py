"""BANAVIM registration at the central (issue 12): the registrations table's look-ups,
the export endpoint (``GET /api/v1/banavim/export``) and the CLI's ``banavim export``."""
