"""In-memory stand-ins for the network, one per socket API the clients' HTTP stacks use.

Everything above the socket runs as in production: the SDK, its HTTP library (httpx + httpcore + h11
for ours; requests + urllib3 + http.client for the official clients), connection pooling and
keep-alive, HTTP/1.1 serialization of the request and parsing of the answer. Only the bytes never
cross a socket: each request written is answered with the same canned HTTP/1.1 response.

- `CannedBackend` is an httpcore network backend (the layer httpcore's pool opens streams from).
- `canned_urllib3(module)` makes `module.connection.HTTPConnection` (urllib3, or the copy vendored
  by aliyun-python-sdk-core) connect to a `CannedSocket` instead of a TCP socket.
"""

from __future__ import annotations

import contextlib
import io
import socket
from collections.abc import Iterator
from typing import Any


def http_response(body: bytes) -> bytes:
    """The raw HTTP/1.1 answer every request gets."""
    head = (
        "HTTP/1.1 200 OK\r\n"
        "Content-Type: application/json;charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: keep-alive\r\n"
        "x-acs-request-id: 7486AE4A-129D-43BB-A09F-6C6A3C8A9C5D\r\n"
        "\r\n"
    )
    return head.encode("ascii") + body


class _CannedStream:
    """An httpcore NetworkStream: writing a request (head, then any body) queues the answer.

    httpcore writes a whole request before it reads, so every write may (re)arm the answer."""

    def __init__(self, answer: bytes) -> None:
        self._answer = answer
        self._pending = b""

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._pending = self._answer

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        chunk, self._pending = self._pending[:max_bytes], self._pending[max_bytes:]
        return chunk

    def close(self) -> None:
        self._pending = b""

    def start_tls(self, *args: Any, **kwargs: Any) -> _CannedStream:
        return self

    def get_extra_info(self, info: str) -> Any:
        return False if info == "is_readable" else None


class CannedBackend:
    """An httpcore NetworkBackend whose connections answer `answer` to every request."""

    def __init__(self, answer: bytes) -> None:
        self._answer = answer

    def connect_tcp(self, *args: Any, **kwargs: Any) -> _CannedStream:
        return _CannedStream(self._answer)

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> _CannedStream:
        return _CannedStream(self._answer)

    def sleep(self, seconds: float) -> None:
        pass


class CannedSocket:
    """What http.client and urllib3 use of a socket. `makefile` hands out the canned answer for
    the request just sent; `fileno` is an idle socketpair end, so urllib3's "is the kept-alive
    connection still up?" poll sees a live, quiet connection, as on a real keep-alive socket."""

    def __init__(self, answer: bytes) -> None:
        self._answer = answer
        self._idle, self._peer = socket.socketpair()

    def sendall(self, data: bytes) -> None:
        pass

    def makefile(self, mode: str = "rb", *args: Any, **kwargs: Any) -> io.BytesIO:
        return io.BytesIO(self._answer)

    def fileno(self) -> int:
        return self._idle.fileno()

    def settimeout(self, timeout: float | None) -> None:
        pass

    def gettimeout(self) -> float | None:
        return None

    def setsockopt(self, *args: Any) -> None:
        pass

    def close(self) -> None:
        self._idle.close()
        self._peer.close()


@contextlib.contextmanager
def canned_urllib3(module: Any, answer: bytes) -> Iterator[None]:
    """While active, `module.connection.HTTPConnection` connects to a `CannedSocket`."""
    connection_class = module.connection.HTTPConnection
    original = connection_class._new_conn

    def _new_conn(self: Any) -> CannedSocket:
        return CannedSocket(answer)

    connection_class._new_conn = _new_conn
    try:
        yield
    finally:
        connection_class._new_conn = original
