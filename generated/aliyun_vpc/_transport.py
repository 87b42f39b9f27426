"""httpx adapters: send an `HttpRequest`, answer an `HttpResponse` or a `TransportFailure`.

One pooled httpx.Client / httpx.AsyncClient per client object. Failures that provably sent nothing
(connect error or timeout, no free pooled connection) are marked `sent=False`; everything else below
HTTP (read/write timeouts, dropped connections) may have reached the server.
"""

from __future__ import annotations

import httpx

from ._pipeline import HttpRequest, HttpResponse, TransportFailure
from .config import ClientConfig

__all__ = ["AsyncHttpTransport", "SyncHttpTransport"]

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class _Timeouts:
    """httpx timeout settings per attempt; the usual one is built once."""

    def __init__(self, config: ClientConfig) -> None:
        self._connect = config.connect_timeout
        self._read = config.read_timeout
        self._default = self._make(config.read_timeout)

    def _make(self, read: float) -> dict[str, float]:
        return {"connect": min(self._connect, read), "read": read, "write": read, "pool": read}

    def for_attempt(self, read: float) -> dict[str, float]:
        return self._default if read == self._read else self._make(read)


def _limits(config: ClientConfig) -> httpx.Limits:
    return httpx.Limits(
        max_connections=config.max_connections, max_keepalive_connections=config.max_connections
    )


def _to_httpx(request: HttpRequest, timeouts: _Timeouts) -> httpx.Request:
    return httpx.Request(
        request.method,
        request.url,
        headers=request.headers,
        content=request.body,
        extensions={"timeout": timeouts.for_attempt(request.read_timeout)},
    )


class SyncHttpTransport:
    """Blocking sends over a pooled httpx.Client."""

    def __init__(self, config: ClientConfig, transport: httpx.BaseTransport | None) -> None:
        self._timeouts = _Timeouts(config)
        self._client = httpx.Client(transport=transport, limits=_limits(config))

    def send(self, request: HttpRequest) -> HttpResponse | TransportFailure:
        try:
            response = self._client.send(_to_httpx(request, self._timeouts))
        except _NOT_SENT as error:
            return TransportFailure(error, sent=False)
        except httpx.TransportError as error:
            return TransportFailure(error, sent=True)
        return HttpResponse(response.status_code, response.content)

    def close(self) -> None:
        self._client.close()


class AsyncHttpTransport:
    """Asyncio sends over a pooled httpx.AsyncClient."""

    def __init__(self, config: ClientConfig, transport: httpx.AsyncBaseTransport | None) -> None:
        self._timeouts = _Timeouts(config)
        self._client = httpx.AsyncClient(transport=transport, limits=_limits(config))

    async def send(self, request: HttpRequest) -> HttpResponse | TransportFailure:
        try:
            response = await self._client.send(_to_httpx(request, self._timeouts))
        except _NOT_SENT as error:
            return TransportFailure(error, sent=False)
        except httpx.TransportError as error:
            return TransportFailure(error, sent=True)
        return HttpResponse(response.status_code, response.content)

    async def aclose(self) -> None:
        await self._client.aclose()
