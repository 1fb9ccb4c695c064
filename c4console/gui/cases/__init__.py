"""The woman's case at the console: her history beside the incident, abrir expediente,
the risk assessment and the supervisors' case panel (issue 10)."""
