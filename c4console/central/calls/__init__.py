"""The call intake at the central (issue 11): the screen pop route, the call and
referral reads, the places served to the consoles; the rules are in ``core/calls``."""
