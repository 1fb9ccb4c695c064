"""Console side of the protocol: talks to a central over HTTP + WebSocket, keeps the
local cache in step with the change feed and drains the outbox of commands."""
