"""The specialist desk (issue 12): psychological and legal interventions, the follow-ups
the specialists schedule, the timing rule and the desk's queue (pure: no Qt, no I/O)."""
