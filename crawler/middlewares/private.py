"""Refuse requests to private, loopback and link-local addresses (``CRAWLER_REFUSE_PRIVATE``).

A deployment that crawls URLs on behalf of others must not let a URL reach
the machines around it: ``http://10.0.0.5/admin``, ``http://localhost:8080/``,
the cloud metadata service at 169.254.169.254, or a public name that resolves
to any of them. With ``CRAWLER_REFUSE_PRIVATE = True`` every request's host is
resolved (off the reactor thread, once per host) and the request is refused
when any address it resolves to is RFC 1918, loopback, link-local, unique
local (IPv6 ULA), unspecified, multicast or reserved. The check is on the
target host, also when the request goes through a proxy. A host that cannot
be resolved is refused too: what cannot be checked is not fetched.

Refusals are counted (``crawler/refused/private``, ``crawler/refused/unresolved``)
and reach the spider's errback as IgnoreRequest.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads

Resolver = Callable[[str], Iterable[str]]
#: Hosts whose verdict is remembered; beyond this the memory starts afresh.
MAX_REMEMBERED_HOSTS = 4096


def system_resolver(host: str) -> list[str]:
    """Every address the system resolver gives for ``host`` (blocking)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


def is_forbidden_address(text: str) -> bool:
    """True for an address a public crawl must never connect to."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return True  # not an address at all: nothing to vouch for it
    mapped = getattr(address, "ipv4_mapped", None) or getattr(address, "sixtofour", None)
    if mapped is not None:
        address = mapped
    return bool(
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address.is_multicast
        or address.is_reserved
    )


def literal_address(host: str) -> str | None:
    """The host itself when it is an IP literal ("10.0.0.1", "::1"), else None."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


class PrivateAddressMiddleware:
    def __init__(self, crawler: Crawler, resolver: Resolver = system_resolver) -> None:
        self.stats = crawler.stats
        self.resolver = resolver
        #: host -> reason it is refused ("" when it is fine)
        self.verdicts: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        if not crawler.settings.getbool("CRAWLER_REFUSE_PRIVATE", False):
            raise NotConfigured("CRAWLER_REFUSE_PRIVATE is off")
        return cls(crawler)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        host = (urlsplit(request.url).hostname or "").lower()
        if host not in self.verdicts:
            if len(self.verdicts) >= MAX_REMEMBERED_HOSTS:
                self.verdicts.clear()
            self.verdicts[host] = await self._judge(host)
        reason = self.verdicts[host]
        if reason:
            kind = "unresolved" if reason.startswith("cannot resolve") else "private"
            self._count(f"crawler/refused/{kind}")
            raise IgnoreRequest(f"refused {request.url}: {reason}")

    async def _judge(self, host: str) -> str:
        """Why ``host`` is refused, or "" when every address it has is public."""
        if not host:
            return "no host"
        literal = literal_address(host)
        if literal is not None:
            addresses: list[str] = [literal]
        else:
            try:
                found = await maybe_deferred_to_future(threads.deferToThread(self.resolver, host))
                addresses = list(found)
            except (OSError, UnicodeError) as exc:
                return f"cannot resolve {host} ({exc})"
        if not addresses:
            return f"cannot resolve {host} (no address)"
        for address in addresses:
            if is_forbidden_address(address):
                return f"{host} is a private or local address ({address})"
        return ""

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)
