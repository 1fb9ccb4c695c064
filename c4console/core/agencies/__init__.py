"""Agencies as members of the system and cases shared with them on purpose (issue 15):
the agency record and its kinds, the ``case_share`` feed record and its commands, and
what a liaison (role ``enlace``) receives of the feed (pure)."""
