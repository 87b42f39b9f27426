"""Senders: an `HttpRequest` out, an `HttpResponse` or a `TransportFailure` back.

Each client object owns one connection pool and no httpx.Client layer (cookies, redirects, auth
hooks: nothing a signed, stateless RPC call uses). By default the request's bytes go straight to the
pool, without httpx.Request/Response objects: httpx's own pool (httpcore) for the sync client
(`_httpcore_pool`, also through an environment proxy: HTTP(S)_PROXY, ALL_PROXY, NO_PROXY, honoured
like httpx.Client does), the package's asyncio pool for the async one (`_asyncio_http`). An injected
`transport=` (any httpx transport), or an environment proxy for the async client, goes through
httpx's transport interface instead, with the same method, target, headers and body
(`_origin.wire_headers`), the answer's raw bytes read within the same bounds (`_reading`: the
deadline checked between chunks, `max_response_size`). Failures are
httpx's exceptions either way: those that provably sent nothing (connect error or timeout, no free
pooled connection) are marked `sent=False`; everything else (read/write timeouts, dropped
connections, broken framing) may have reached the server, and so may any other exception a sender
raises (an injected transport's own OSError or RuntimeError). An answer past `max_response_size`
becomes `ResponseTooLargeError`, which the client never retries.
"""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

import httpx

from ._httpcore_pool import HttpcorePoolSender
from ._origin import Origin, wire_headers
from ._pipeline import HttpRequest, HttpResponse, TransportFailure
from ._reading import AnswerBody, ResponseTooLarge, time_left, timeouts_within
from .config import ClientConfig
from .exceptions import ResponseTooLargeError

__all__ = ["AsyncHttpTransport", "SyncHttpTransport", "environment_proxy"]

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def environment_proxy(endpoint: str) -> str | None:
    """The proxy URL the environment sets for `endpoint`, or None (also when NO_PROXY exempts it)."""
    proxies = urllib.request.getproxies()
    parts = urlsplit(endpoint)
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def attempt_timeouts(config: ClientConfig) -> dict[str, float]:
    """The timeouts of every attempt: connect (never longer than a read), and read, write and
    pool waits; senders cut each to the call's deadline (`_reading.timeouts_within`)."""
    read = config.read_timeout
    return {"connect": min(config.connect_timeout, read), "read": read, "write": read, "pool": read}


class _RequestFactory:
    """`HttpRequest` -> `httpx.Request` with the default senders' header lines; the usual URL
    (parsing costs more than the rest of the conversion) is built once per client."""

    def __init__(self, config: ClientConfig, endpoint: str) -> None:
        self._timeouts = attempt_timeouts(config)
        self.max_size = config.max_response_size
        self._origin = Origin.parse(endpoint)
        self._target = self._origin.target()
        self._url = httpx.URL(self._origin.url(self._target))

    def __call__(self, request: HttpRequest) -> httpx.Request:
        timeouts = timeouts_within(self._timeouts, request.deadline)
        target = request.target
        return httpx.Request(
            request.method,
            self._url if target == self._target else self._origin.url(target),
            headers=wire_headers(request),
            content=request.body,
            extensions={"timeout": timeouts},
        )


def _failure(error: httpx.HTTPError) -> TransportFailure:
    if isinstance(error, ResponseTooLarge):  # the client's own limit: typed, so never retried
        return TransportFailure(ResponseTooLargeError(str(error), limit=error.limit), sent=True)
    return TransportFailure(error, sent=not isinstance(error, _NOT_SENT))


def _raw_body(response: httpx.Response, max_size: int) -> AnswerBody:
    """An answer already held in memory (as httpx.MockTransport's are), checked against the limit."""
    body = AnswerBody(max_size)
    body.add(response.content)
    return body


class _HttpxSender:
    """Blocking sends over an injected httpx transport."""

    def __init__(self, config: ClientConfig, endpoint: str, transport: httpx.BaseTransport) -> None:
        self._to_httpx = _RequestFactory(config, endpoint)
        self._transport = transport

    def send(self, request: HttpRequest) -> HttpResponse:
        response = self._transport.handle_request(self._to_httpx(request))
        try:
            if response.is_stream_consumed:
                body = _raw_body(response, self._to_httpx.max_size)
            else:
                body = AnswerBody(self._to_httpx.max_size)
                for chunk in response.iter_raw():
                    time_left(None, request.deadline)
                    body.add(chunk)
        finally:
            response.close()
        return HttpResponse(response.status_code, body.content())

    def close(self) -> None:
        self._transport.close()


class SyncHttpTransport:
    """Blocking sends: httpx's connection pool used directly (see `_httpcore_pool`), through the
    environment's proxy when one applies, or an injected httpx transport."""

    def __init__(
        self, config: ClientConfig, endpoint: str, transport: httpx.BaseTransport | None
    ) -> None:
        self._sender: _HttpxSender | HttpcorePoolSender
        if transport is None:
            self._sender = HttpcorePoolSender(
                endpoint,
                config.max_connections,
                attempt_timeouts(config),
                config.max_response_size,
                environment_proxy(endpoint),
            )
        else:
            self._sender = _HttpxSender(config, endpoint, transport)

    def send(self, request: HttpRequest) -> HttpResponse | TransportFailure:
        try:
            return self._sender.send(request)
        except httpx.HTTPError as error:  # DecodingError (from a transport) included
            return _failure(error)
        except Exception as error:  # noqa: BLE001 - e.g. a caller's transport raising OSError
            return TransportFailure(error, sent=True)

    def close(self) -> None:
        self._sender.close()


class _AsyncHttpxSender:
    """Asyncio sends over any httpx async transport (an injected one, or httpx's through a proxy)."""

    def __init__(
        self, config: ClientConfig, endpoint: str, transport: httpx.AsyncBaseTransport
    ) -> None:
        self._to_httpx = _RequestFactory(config, endpoint)
        self._transport = transport

    async def send(self, request: HttpRequest) -> HttpResponse:
        import asyncio

        try:
            async with asyncio.timeout_at(request.deadline):  # loop.time() is time.monotonic()
                return await self._exchange(request)
        except TimeoutError:
            raise httpx.ReadTimeout("the call's total_deadline has passed") from None

    async def _exchange(self, request: HttpRequest) -> HttpResponse:
        response = await self._transport.handle_async_request(self._to_httpx(request))
        try:
            if response.is_stream_consumed:
                body = _raw_body(response, self._to_httpx.max_size)
            else:
                body = AnswerBody(self._to_httpx.max_size)
                async for chunk in response.aiter_raw():
                    body.add(chunk)
        finally:
            await response.aclose()
        return HttpResponse(response.status_code, body.content())

    async def aclose(self) -> None:
        await self._transport.aclose()

    def abandon(self) -> None:
        """Nothing to do without the loop: the transport's connections go with it."""


class AsyncHttpTransport:
    """Asyncio sends: the package's asyncio transport used directly (see `_asyncio_http`), or an
    injected httpx transport, or httpx's own when an environment proxy applies.

    Pooled connections belong to the event loop that opened them. A default transport serves
    only the loop it was created on (see `serves_running_loop`); an injected one is the caller's.
    """

    def __init__(
        self, config: ClientConfig, endpoint: str, transport: httpx.AsyncBaseTransport | None
    ) -> None:
        from asyncio import get_running_loop  # not at module level: the sync client needs none

        from ._asyncio_http import AsyncioSender

        proxy = None if transport is not None else environment_proxy(endpoint)
        self._sender: _AsyncHttpxSender | AsyncioSender
        if transport is None and proxy is None:
            self._sender = AsyncioSender(
                endpoint, config.max_connections, attempt_timeouts(config), config.max_response_size
            )
        else:
            self._sender = _AsyncHttpxSender(
                config,
                endpoint,
                transport or httpx.AsyncHTTPTransport(limits=_limits(config), proxy=proxy),
            )
        self._injected = transport is not None
        self._running_loop = get_running_loop
        self._loop = get_running_loop()

    def serves_running_loop(self) -> bool:
        """False when the running loop is not the one this default transport's pool lives on
        (e.g. a second `asyncio.run()` with the same client)."""
        return self._injected or self._loop is self._running_loop()

    def abandon(self) -> None:
        """Drop the pooled connections without their (possibly closed) event loop."""
        self._sender.abandon()

    async def send(self, request: HttpRequest) -> HttpResponse | TransportFailure:
        try:
            return await self._sender.send(request)
        except httpx.HTTPError as error:  # DecodingError (from a transport) included
            return _failure(error)
        except Exception as error:  # noqa: BLE001 - e.g. a caller's transport raising OSError
            return TransportFailure(error, sent=True)

    async def aclose(self) -> None:
        await self._sender.aclose()


def _limits(config: ClientConfig) -> httpx.Limits:
    return httpx.Limits(
        max_connections=config.max_connections, max_keepalive_connections=config.max_connections
    )
