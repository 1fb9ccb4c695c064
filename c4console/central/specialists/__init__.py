"""The specialist desk at the central (issue 12): interventions and follow-ups in the
database, the case's interventions read, and their re-publication when her case's
open ground changes; the rules are in ``core/specialists``."""
