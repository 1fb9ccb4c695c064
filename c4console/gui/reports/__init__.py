"""The statistics the console fetches from the central (issue 14): the period report and
the open-data export, from *Estadística* (``report_actions``, ``report_dialog``)."""
