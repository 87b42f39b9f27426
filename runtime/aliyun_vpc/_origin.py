"""A client's endpoint, parsed once into the parts every request is built from.

The pipeline builds each request's target (path and query) and headers (Host included) from an
`Origin`; every sender connects to `Origin.host`/`Origin.port` and puts exactly those bytes on the
wire (`wire_headers`), whichever HTTP layer it uses. Nothing is cut out of a URL string.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .exceptions import ParamValidationError

if TYPE_CHECKING:
    from ._pipeline import HttpRequest

__all__ = ["Origin", "connect_port", "wire_headers"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def connect_port(scheme: str, port: int | None) -> int:
    """The TCP port of a URL: its own, or its scheme's default."""
    return port or _DEFAULT_PORTS.get(scheme, 80)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where requests go: scheme, ASCII host, TCP port, the Host header and the path prefix."""

    scheme: str  # "http" or "https"
    host: str  # IDNA-encoded name or IP address (IPv6 without brackets), lower case
    port: int  # the TCP port: the endpoint's own, or the scheme's default
    host_header: str  # host ("[v6]" bracketed) and ":port" unless it is the scheme's default
    path: str  # the endpoint's path prefix, no trailing "/" ("" for none)

    @classmethod
    def parse(cls, endpoint: str) -> Origin:
        """`scheme://host[:port][/prefix]`; ParamValidationError for anything else."""
        parts = urlsplit(endpoint)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            raise ParamValidationError(
                f"endpoint {endpoint!r} is not an http:// or https:// URL with a host"
            )
        try:
            port = connect_port(scheme, parts.port)
        except ValueError:
            raise ParamValidationError(f"endpoint {endpoint!r} has an invalid port") from None
        host = _ascii_host(parts.hostname, endpoint)
        shown = f"[{host}]" if ":" in host else host
        if port != _DEFAULT_PORTS[scheme]:
            shown = f"{shown}:{port}"
        return cls(scheme, host, port, shown, parts.path.rstrip("/"))

    def target(self, query: str = "") -> str:
        """The request target of an RPC call: the prefix's root, with `query` when there is one."""
        return f"{self.path}/?{query}" if query else f"{self.path}/"

    def url(self, target: str) -> str:
        """The absolute URL of `target` on this origin (for httpx transports)."""
        return f"{self.scheme}://{self.host_header}{target}"


def _ascii_host(host: str, endpoint: str) -> str:
    """An IP address as is, a name IDNA-encoded (as httpx does: the `idna` package, UTS 46)."""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    if host.isascii():
        return host
    import idna  # a dependency of httpx; only internationalised names need it

    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError:
        raise ParamValidationError(f"endpoint {endpoint!r}: the host is not a valid name") from None


def wire_headers(request: HttpRequest) -> list[tuple[bytes, bytes]]:
    """The request's header lines as sent by every sender: its own headers (Host first, as the
    pipeline built them), then Content-Length when there is a body."""
    headers = [(name.encode(), value.encode()) for name, value in request.headers.items()]
    if request.body is not None:
        headers.append((b"content-length", str(len(request.body)).encode("ascii")))
    return headers
