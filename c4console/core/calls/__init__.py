"""911 call intake (issue 11), pure: the screen pop a telephone system posts, the call record
on the feed, the commands that turn a call into an incident (or link it, reclassify,
hand it to the specialist desk), and the possible-duplicate rule. The central's routes and
tables are in ``c4console/central/calls/``."""
