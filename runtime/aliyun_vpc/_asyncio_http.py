"""A small asyncio HTTP/1.1 keep-alive transport for httpx: the async client's default.

httpcore's asyncio pool rescans (and probes the socket of) every pooled connection for every queued
request, so its cost per request grows with concurrency. Here idle connections wait in a LIFO list per
origin and a semaphore bounds the connections in use: constant work per request. h11 (the HTTP/1.1
parser httpx itself uses) does the framing: Content-Length and chunked bodies, keep-alive,
`Connection: close`. Failures surface as the httpx exceptions httpx's own transport raises. HTTP/1.1
only, no proxies (the client picks httpx's transport when an environment proxy applies). The read
timeout bounds each wait for the next bytes; every wait is also cut to the call's deadline, and the
body is refused past the client's `max_response_size` while it is read (`_reading`, shared with the
sync sender).

`AsyncioTransport` is an `httpx.AsyncBaseTransport`; the client itself goes through `AsyncioSender`,
which hands it the request's bytes directly (`exchange`) without building httpx objects.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import sys
from collections.abc import Awaitable, Callable, Iterator, Mapping

import h11
import httpx

from ._origin import Origin, connect_port, wire_headers
from ._pipeline import HttpRequest, HttpResponse
from ._reading import AnswerBody, time_left

__all__ = ["AsyncioSender", "AsyncioTransport"]

_READ_SIZE = 65536
_Origin = tuple[str, str, int]
OpenConnection = Callable[..., Awaitable[tuple[asyncio.StreamReader, asyncio.StreamWriter]]]


class _Connection:
    """One socket and its HTTP/1.1 state machine."""

    __slots__ = ("idle_since", "parser", "reader", "writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.parser = h11.Connection(h11.CLIENT)
        self.idle_since = 0.0

    def reusable(self, now: float, expiry: float) -> bool:
        """Still open (the server has not closed it), nothing unread arrived while idle (e.g. a 408
        sent before closing: it would be read as the next answer), idle less than `expiry` s."""
        return (
            not self.reader.at_eof()
            and not _buffered(self.reader)
            and not self.writer.is_closing()
            and now - self.idle_since < expiry
        )

    def close(self) -> None:
        self.writer.close()

    def abandon(self) -> None:
        """Close without the event loop, which may be closed already (then the socket directly)."""
        try:
            self.writer.close()
        except RuntimeError:  # "Event loop is closed": finish what close() would have scheduled
            transport = self.writer.transport
            finish = getattr(transport, "_call_connection_lost", None)  # selector transports
            with contextlib.suppress(Exception):
                if finish is not None:
                    finish(None)
                else:
                    transport.get_extra_info("socket")._sock.close()


def _buffered(reader: asyncio.StreamReader) -> bool:
    """Received bytes not read yet (StreamReader has no public accessor for its buffer)."""
    buffer: bytearray = getattr(reader, "_buffer", bytearray())
    return bool(buffer)


@contextlib.contextmanager
def _mapped(
    request: httpx.Request | None,
    timeout: type[httpx.TimeoutException],
    failure: type[httpx.NetworkError],
) -> Iterator[None]:
    """Re-raise socket, timeout and protocol errors as the httpx exceptions of this phase."""
    try:
        yield
    except TimeoutError as error:
        raise timeout(str(error) or timeout.__name__, request=request) from error
    except OSError as error:
        raise failure(str(error) or type(error).__name__, request=request) from error
    except h11.LocalProtocolError as error:
        raise httpx.LocalProtocolError(str(error), request=request) from error
    except h11.RemoteProtocolError as error:
        raise httpx.RemoteProtocolError(str(error), request=request) from error


class AsyncioTransport(httpx.AsyncBaseTransport):
    """Pooled HTTP/1.1 over asyncio streams; at most `max_connections` requests in flight."""

    def __init__(
        self,
        *,
        max_connections: int = 20,
        keepalive_expiry: float = 5.0,
        ssl_context: ssl.SSLContext | None = None,
        open_connection: OpenConnection = asyncio.open_connection,
    ) -> None:
        self._slots = asyncio.Semaphore(max_connections)
        self._open_connection = open_connection  # the network: TCP, or a test's in-memory one
        self._idle: dict[_Origin, list[_Connection]] = {}
        self._expiry = keepalive_expiry
        self._ssl_context = ssl_context

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin = (url.scheme, url.host, connect_port(url.scheme, url.port))
        status, headers, content = await self.exchange(
            origin,
            request.method.encode(),
            url.raw_path,
            request.headers.raw,
            await request.aread(),
            request.extensions.get("timeout", {}),
            request,
        )
        return httpx.Response(status, headers=headers, content=content, request=request)

    async def exchange(
        self,
        origin: _Origin,
        method: bytes,
        target: bytes,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
        timeouts: Mapping[str, float | None],
        request: httpx.Request | None = None,
        *,
        deadline: float | None = None,
        max_size: int = sys.maxsize,
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """One request on a pooled (or new) connection to `origin`: status, headers, whole body
        (at most `max_size` bytes), every wait cut to `deadline` (a `time.monotonic()` value).

        Failures raise the httpx exceptions (carrying `request` when given)."""
        try:
            async with asyncio.timeout(
                time_left(timeouts.get("pool"), deadline, httpx.PoolTimeout)
            ):
                await self._slots.acquire()
        except TimeoutError:
            raise httpx.PoolTimeout("no pooled connection became free", request=request) from None
        try:
            connection = self._pooled(origin) or await self._connect(
                origin, time_left(timeouts.get("connect"), deadline, httpx.ConnectTimeout), request
            )
            reusable = False
            try:
                answer = await _exchange(
                    connection,
                    (method, target, headers, body),
                    timeouts,
                    request,
                    deadline,
                    AnswerBody(max_size),
                )
                reusable = _next_cycle(connection.parser)
            finally:
                if reusable:
                    connection.idle_since = asyncio.get_running_loop().time()
                    self._idle.setdefault(origin, []).append(connection)
                else:
                    connection.close()
        finally:
            self._slots.release()
        return answer

    def abandon(self) -> None:
        """Drop every idle connection, from outside the event loop they were opened on."""
        idle, self._idle = self._idle, {}
        for connections in idle.values():
            for connection in connections:
                connection.abandon()

    def _pooled(self, origin: _Origin) -> _Connection | None:
        """The most recently used idle connection that is still good; stale ones are closed."""
        idle = self._idle.get(origin)
        now = asyncio.get_running_loop().time()
        while idle:
            connection = idle.pop()
            if connection.reusable(now, self._expiry):
                return connection
            connection.close()
        return None

    async def _connect(
        self, origin: _Origin, timeout: float | None, request: httpx.Request | None
    ) -> _Connection:
        scheme, host, port = origin
        context = self._tls_context() if scheme == "https" else None
        with _mapped(request, httpx.ConnectTimeout, httpx.ConnectError):
            async with asyncio.timeout(timeout):
                reader, writer = await self._open_connection(host, port, ssl=context)
        return _Connection(reader, writer)

    def _tls_context(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            self._ssl_context = httpx.create_ssl_context()
        return self._ssl_context

    async def aclose(self) -> None:
        for idle in self._idle.values():
            for connection in idle:
                connection.close()
        self._idle.clear()


async def _exchange(
    connection: _Connection,
    head: tuple[bytes, bytes, list[tuple[bytes, bytes]], bytes],
    timeouts: Mapping[str, float | None],
    request: httpx.Request | None,
    deadline: float | None,
    answer: AnswerBody,
) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """Write the request (method, target, headers, body), read the whole response: status, headers,
    body. Each wait is bounded by its timeout and the deadline."""
    method, target, headers, body = head
    parser = connection.parser
    with _mapped(request, httpx.WriteTimeout, httpx.WriteError):
        data = parser.send(h11.Request(method=method, target=target, headers=headers))
        if body:
            data += parser.send(h11.Data(data=body))
        data += parser.send(h11.EndOfMessage())
        async with asyncio.timeout(time_left(timeouts.get("write"), deadline, httpx.WriteTimeout)):
            connection.writer.write(data)
            await connection.writer.drain()
    status, response_headers = 0, []
    read_timeout = timeouts.get("read")
    with _mapped(request, httpx.ReadTimeout, httpx.ReadError):
        while True:
            event = parser.next_event()
            if event is h11.NEED_DATA:
                async with asyncio.timeout(time_left(read_timeout, deadline)):
                    parser.receive_data(await connection.reader.read(_READ_SIZE))
            elif isinstance(event, h11.Response):
                status, response_headers = event.status_code, list(event.headers)
            elif isinstance(event, h11.Data):
                answer.add(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                return status, response_headers, answer.content()
            elif isinstance(event, h11.ConnectionClosed):
                raise httpx.RemoteProtocolError(
                    "server disconnected without a complete response", request=request
                )


def _next_cycle(parser: h11.Connection) -> bool:
    """Ready the connection for the next request; False when it must be closed instead."""
    unread, _ = parser.trailing_data  # bytes past the response's end: framing not to be trusted
    if parser.our_state is h11.DONE and parser.their_state is h11.DONE and not unread:
        parser.start_next_cycle()
        return True
    return False


class AsyncioSender:
    """The async client's default sender: an `HttpRequest` straight onto an `AsyncioTransport`,
    without httpx.Request/Response objects (as `_httpcore_pool` does for the sync client)."""

    def __init__(
        self,
        endpoint: str,
        max_connections: int,
        timeouts: Mapping[str, float | None],
        max_response_size: int,
        open_connection: OpenConnection = asyncio.open_connection,
    ) -> None:
        self._transport = AsyncioTransport(
            max_connections=max_connections, open_connection=open_connection
        )
        origin = Origin.parse(endpoint)
        self._key = (origin.scheme, origin.host, origin.port)
        self._timeouts = timeouts
        self._max_size = max_response_size

    async def send(self, request: HttpRequest) -> HttpResponse:
        """Send and read the whole answer; raises the httpx exception for a failure below HTTP."""
        status, _, content = await self._transport.exchange(
            self._key,
            request.method.encode("ascii"),
            request.target.encode("ascii"),
            wire_headers(request),
            request.body or b"",
            self._timeouts,
            deadline=request.deadline,
            max_size=self._max_size,
        )
        return HttpResponse(status, content)

    async def aclose(self) -> None:
        await self._transport.aclose()

    def abandon(self) -> None:
        self._transport.abandon()
