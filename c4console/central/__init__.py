"""The central server (``c4central``): database, write service, change feed, API and
device gateways. Never imports Qt or the console side (see docs/protocol.md)."""
