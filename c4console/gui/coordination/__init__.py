"""Coordination meetings at the console (issue 15): the C4's *Mesas de coordinación* tool and
the tasks panel a liaison's window embeds."""
