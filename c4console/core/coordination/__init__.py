"""Coordination tables (mesas de coordinación, issue 15): the meeting and its minutes, the
tasks agreed for each agency, what a liaison receives of them and the agenda prepared for the
next meeting (pure)."""
