"""The period report (issue 14): read what a period needs (``reads``), build it
(core/statistics), render it (``render_json``, ``render_csv``, ``render_xlsx``,
``render_pdf``); served by ``routes`` (GET /api/v1/reports/period) and ``cli``
(``c4central report``)."""
