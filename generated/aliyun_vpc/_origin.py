"""A client's endpoint in the forms the HTTP layers take, and a signed request's raw head.

The default senders (`_httpcore_pool` for sync, `_asyncio_http` for async) put an `HttpRequest` on the
wire without building `httpx.Request` objects; this is the part of that conversion they share: the
Host header, the request target and the header list, all as bytes.
"""

from __future__ import annotations

import httpx

from ._pipeline import HttpRequest

__all__ = ["Origin", "connect_port"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def connect_port(scheme: str, port: int | None) -> int:
    """The TCP port of a URL: its own, or its scheme's default."""
    return port or _DEFAULT_PORTS.get(scheme, 80)


class Origin:
    """Scheme, host and port of an endpoint, parsed once per client."""

    __slots__ = ("_host_header", "_prefix", "host", "port", "raw_host", "raw_scheme", "scheme")

    def __init__(self, endpoint: str) -> None:
        url = httpx.URL(endpoint)
        self.scheme = url.scheme
        self.raw_scheme = url.raw_scheme
        self.host = url.host  # IPv6 without brackets, IDNA-decoded
        self.raw_host = url.raw_host
        self.port = url.port  # None for the scheme's default port
        self._prefix = f"{url.scheme}://{url.netloc.decode('ascii')}"
        self._host_header = (b"host", url.netloc)

    @property
    def connect_port(self) -> int:
        """The TCP port to connect to."""
        return connect_port(self.scheme, self.port)

    def target(self, request: HttpRequest) -> bytes:
        """The request target: path and query of the request's URL on this origin."""
        return request.url[len(self._prefix) :].encode()

    def raw_headers(self, request: HttpRequest) -> list[tuple[bytes, bytes]]:
        """Host first, the request's headers, then Content-Length when there is a body."""
        headers = [self._host_header]
        headers.extend((name.encode(), value.encode()) for name, value in request.headers.items())
        if request.body is not None:
            headers.append((b"content-length", str(len(request.body)).encode()))
        return headers
