"""An in-memory network under the clients' default senders, answering with a handler.

The senders run unchanged (request bytes written, answer bytes parsed, pooling and keep-alive); only
the sockets are replaced: an httpcore network backend under the sync sender's pool, an
`open_connection` stand-in under the async one. Each request written is parsed back with h11 (the
server side) into an `httpx.Request` for `handler`, whose `httpx.Response` is serialised into the
bytes the sender then reads. A handler raising an httpx exception (`httpx.ConnectError(...)`) makes
that exception come out of the socket write, as a failing network would.

    client = attach(SyncClientBase(...), handler)       # sync: before the first call
    attach(async_client, handler)                       # async: inside the running loop
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

import h11
import httpcore
import httpx

from aliyun_vpc._asyncio_http import AsyncioSender
from aliyun_vpc._client_base import AsyncClientBase, SyncClientBase
from aliyun_vpc._httpcore_pool import HttpcorePoolSender

Handler = Callable[[httpx.Request], httpx.Response]
Client = TypeVar("Client", SyncClientBase, AsyncClientBase)


class _Exchange:
    """The server side of one connection: request bytes in, answer bytes out."""

    def __init__(self, handler: Handler, scheme: str) -> None:
        self._handler = handler
        self._scheme = scheme
        self._server = h11.Connection(h11.SERVER)
        self._head: h11.Request | None = None
        self._body = b""

    def receive(self, data: bytes) -> bytes:
        """The answers to the requests `data` completes (raises what the handler raises)."""
        if not data:  # an empty write (httpcore's end of a sized body); b"" would mean EOF to h11
            return b""
        self._server.receive_data(data)
        answer = b""
        while True:
            event = self._server.next_event()
            if event in (h11.NEED_DATA, h11.PAUSED) or isinstance(event, h11.ConnectionClosed):
                return answer
            if isinstance(event, h11.Request):
                self._head, self._body = event, b""
            elif isinstance(event, h11.Data):
                self._body += bytes(event.data)
            elif isinstance(event, h11.EndOfMessage):
                answer += self._answer()
                self._server.start_next_cycle()

    def _answer(self) -> bytes:
        assert self._head is not None
        headers = [(bytes(name), bytes(value)) for name, value in self._head.headers.raw_items()]
        host = next(value for name, value in headers if name.lower() == b"host").decode()
        request = httpx.Request(
            self._head.method.decode(),
            f"{self._scheme}://{host}{self._head.target.decode()}",
            headers=headers,
            content=self._body,
        )
        response = self._handler(request)
        content = response.read()
        kept = [
            (name, value)
            for name, value in response.headers.raw
            if name.lower() not in (b"content-length", b"transfer-encoding", b"content-encoding")
        ]
        kept.append((b"content-length", str(len(content)).encode()))
        return (
            self._server.send(h11.Response(status_code=response.status_code, headers=kept))
            + self._server.send(h11.Data(data=content))
            + self._server.send(h11.EndOfMessage())
        )


class MemoryBackend(httpcore.NetworkBackend):
    """httpcore's network, in memory."""

    def __init__(self, handler: Handler, scheme: str = "https") -> None:
        self._handler = handler
        self._scheme = scheme
        self.connections = 0

    def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        self.connections += 1
        return _MemoryStream(_Exchange(self._handler, self._scheme))

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("no unix sockets here")

    def sleep(self, seconds: float) -> None:
        pass


class _MemoryStream(httpcore.NetworkStream):
    def __init__(self, exchange: _Exchange) -> None:
        self._exchange = exchange
        self._pending = b""

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._pending += self._exchange.receive(buffer)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data, self._pending = self._pending[:max_bytes], self._pending[max_bytes:]
        return data

    def close(self) -> None:
        pass

    def start_tls(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        return self

    def get_extra_info(self, info: str) -> Any:
        return False if info == "is_readable" else None


class _MemoryWriter:
    """What the async sender uses of an `asyncio.StreamWriter`."""

    def __init__(self, exchange: _Exchange, reader: asyncio.StreamReader) -> None:
        self._exchange = exchange
        self._reader = reader
        self._closed = False
        self.transport = None

    def write(self, data: bytes) -> None:
        self._reader.feed_data(self._exchange.receive(data))

    async def drain(self) -> None:
        pass

    def is_closing(self) -> bool:
        return self._closed

    def close(self) -> None:
        self._closed = True


class MemoryConnector:
    """The async sender's `open_connection`, in memory."""

    def __init__(self, handler: Handler, scheme: str = "https") -> None:
        self._handler = handler
        self._scheme = scheme
        self.connections = 0

    async def __call__(self, host: str, port: int, **kwargs: Any) -> tuple[Any, Any]:
        self.connections += 1
        reader = asyncio.StreamReader()
        return reader, _MemoryWriter(_Exchange(self._handler, self._scheme), reader)


def attach(client: Client, handler: Handler) -> Client:
    """Put `client`'s default sender on an in-memory network answering with `handler`."""
    sender = client._sender()._sender
    scheme = client._core.origin.scheme
    if isinstance(sender, HttpcorePoolSender):  # the backend under the pool's deadline wrapper
        sender._pool._network_backend._backend = MemoryBackend(handler, scheme)  # type: ignore
    else:
        assert isinstance(sender, AsyncioSender), "the default sender (no proxy in the environment)"
        sender._transport._open_connection = MemoryConnector(handler, scheme)
    return client
