"""Coordination meetings at the central (issue 15): the reads the commands and routes need,
the liaison's agency check on ``complete_task``, the overdue sweep, the agenda and minutes
routes and the minutes PDF."""
