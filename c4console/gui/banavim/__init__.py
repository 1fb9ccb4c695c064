"""BANAVIM registration at the console (issue 12): from the case panel, a supervisor or
specialist marks her case (or an episode) for BANAVIM, saves its record as JSON or CSV
where she chooses, and enters the folio BANAVIM gave (docs/banavim.md)."""
