"""The client's address of a request, also behind the C4's TLS proxy (issue 16).

Behind a TLS proxy every request comes from the proxy (often 127.0.0.1), so the
per-address lockout, back-off and flood limits, the security events and the audit log
would all see one address. With ``trusted_proxies`` (CIDRs, empty by default) set:

- a request whose peer is a trusted proxy takes its client from ``X-Forwarded-For``:
  the right-most address that is not itself a trusted proxy (each proxy appends the
  address it saw, so everything left of that is what the client claimed and is not
  believed);
- any other request keeps its peer address, whatever headers it sends: a client
  cannot choose its own address by writing the header.

:func:`proxy_middleware` applies it once, before any handler, by giving the handlers a
request whose ``remote`` is the client: every ``request.remote`` of the central (login,
lockout, audit, security events, gateways) reads the resolved address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

from aiohttp import web

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED_FOR = "X-Forwarded-For"
MAX_HOPS = 32  # a longer header is cut from the left (the client's claims)


def parse_networks(values: Iterable[str], what: str = "address list") -> tuple[Network, ...]:
    """CIDRs (or single addresses) as networks; ValueError naming the entry that is not one."""
    out = []
    for value in values:
        text = str(value).strip()
        if not text:
            continue
        try:
            out.append(ipaddress.ip_network(text, strict=False))
        except ValueError:
            raise ValueError(f"{what}: {text!r} is not an address or CIDR (e.g. 10.64.0.0/10)"
                             ) from None
    return tuple(out)


def in_networks(address: str, networks: Sequence[Network]) -> bool:
    """True if ``address`` (text) is in one of ``networks``; False for anything unparsable."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.1.2.3 from a dual-stack socket is 10.1.2.3
    return any(ip in net for net in networks)


def client_address(peer: str, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """The client of a request from ``peer`` carrying ``X-Forwarded-For: forwarded_for``:
    the peer itself unless it is a trusted proxy; then the right-most forwarded address
    that is not a trusted proxy (the peer if the header is missing or unreadable)."""
    if not trusted or not forwarded_for or not in_networks(peer, trusted):
        return peer
    hops = [h.strip().strip('"') for h in forwarded_for.split(",")][-MAX_HOPS:]
    for hop in reversed(hops):
        if not hop:
            continue
        try:
            ipaddress.ip_address(hop.strip("[]"))
        except ValueError:
            return peer  # a garbled hop: believe nobody left of it, keep the proxy's view
        if not in_networks(hop, trusted):
            return hop.strip("[]")
    return peer  # every hop is one of our proxies: the peer is as good as any


def proxy_middleware(trusted: Sequence[Network]) -> Any:
    """aiohttp middleware: handlers see ``request.remote`` as :func:`client_address`."""

    @web.middleware
    async def real_client(request: web.Request,
                          handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                          ) -> web.StreamResponse:
        peer = request.remote or ""
        forwarded = ",".join(request.headers.getall(FORWARDED_FOR, []))
        client = client_address(peer, forwarded, trusted)
        if client != peer:
            request = request.clone(remote=client)
        return await handler(request)

    return real_client
