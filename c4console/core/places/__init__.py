"""Location search for the call-taker (issue 11), pure: the jurisdiction's streets (with
their number ranges), colonias and landmarks as parsed records (:mod:`.data`), and the
index that ranks them as the operator types (:mod:`.search`). The files are in the
jurisdiction folder (maps/mexicali/, format in maps/README.md)."""
