"""The sync client's default sender: httpx's connection pool (httpcore), used without httpx objects.

`httpx.HTTPTransport` is a thin layer over an `httpcore.ConnectionPool` that turns each `httpx.Request`
into an `httpcore.Request` and each answer back into an `httpx.Response`; for a signed RPC call that
round of URL parsing and header normalisation costs about as much as the SDK's own work (~40 us a
call, see benchmarks/README.md). This sender builds the `httpcore.Request` straight from our
`HttpRequest` on the same pool, with the same TLS context (`httpx.create_ssl_context`), limits and
keep-alive expiry httpx would use. Failures surface as the httpx exceptions of the same name, as
from `httpx.HTTPTransport`.
"""

from __future__ import annotations

from collections.abc import Callable

import httpcore
import httpx

from ._origin import Origin
from ._pipeline import HttpRequest, HttpResponse

__all__ = ["HttpcorePoolSender", "as_httpx_error"]

_KEEPALIVE_EXPIRY = 5.0  # seconds; httpx's default


class HttpcorePoolSender:
    """Blocking sends over one `httpcore.ConnectionPool` to one endpoint (no proxy)."""

    def __init__(
        self, endpoint: str, max_connections: int, timeouts: Callable[[float], dict[str, float]]
    ) -> None:
        self._origin = Origin(endpoint)
        self._timeouts = timeouts
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context() if self._origin.scheme == "https" else None,
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=_KEEPALIVE_EXPIRY,
        )

    def send(self, request: HttpRequest) -> HttpResponse:
        """Send and read the whole answer; raises the httpx exception for a failure below HTTP."""
        origin = self._origin
        url = httpcore.URL(
            scheme=origin.raw_scheme,
            host=origin.raw_host,
            port=origin.port,
            target=origin.target(request),
        )
        core_request = httpcore.Request(
            request.method.encode(),
            url,
            headers=origin.raw_headers(request),
            content=request.body,
            extensions={"timeout": self._timeouts(request.read_timeout)},
        )
        try:
            response = self._pool.handle_request(core_request)
            try:
                content = response.read()
            finally:
                response.close()
        except Exception as error:  # httpcore's exceptions share no base class
            raise as_httpx_error(error) from error
        return HttpResponse(response.status, content)

    def close(self) -> None:
        self._pool.close()


def as_httpx_error(error: Exception) -> Exception:
    """httpx's exception of the same name for an httpcore one (httpcore.ReadTimeout ->
    httpx.ReadTimeout); anything else unchanged."""
    for cls in type(error).__mro__:
        if cls.__module__.startswith("httpcore"):
            mapped = getattr(httpx, cls.__name__, None)
            if isinstance(mapped, type) and issubclass(mapped, httpx.TransportError):
                return mapped(str(error))
    return error
