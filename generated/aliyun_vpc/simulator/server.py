"""The HTTP/1.1 transport: an asyncio server on its own thread, in front of `SimulatedService`.

Minimal HTTP/1.1: request line, headers, Content-Length or chunked bodies, keep-alive. GET
parameters come from the query string, POST ones from the query string and the form body.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qsl

from .service import Reply, SimulatedService

MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 1024 * 1024
_FORM = "application/x-www-form-urlencoded"


class BadRequest(Exception):
    """The bytes received are not an HTTP/1.1 request this server understands."""


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    params: dict[str, str]
    keep_alive: bool
    query: dict[str, str]  # the query string's parameters alone (a V3 signature covers them)
    headers: dict[str, str]  # lower-case names
    body: bytes


async def read_request(reader: asyncio.StreamReader) -> HttpRequest | None:
    """The next request on the connection, or None when the client closed it cleanly."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if error.partial.strip():
            raise BadRequest("truncated request head") from None
        return None
    except asyncio.LimitOverrunError:
        raise BadRequest("request head too large") from None
    request_line, *header_lines = head.decode("latin-1").split("\r\n")
    try:
        method, target, version = request_line.split(" ")
    except ValueError:
        raise BadRequest(f"bad request line {request_line!r}") from None
    headers: dict[str, str] = {}
    for line in header_lines:
        name, separator, value = line.partition(":")
        if separator:
            headers[name.strip().lower()] = value.strip()
    body = await _read_body(reader, headers)
    path, _, query = target.partition("?")
    query_params = dict(parse_qsl(query, keep_blank_values=True))
    params = dict(query_params)
    if body and headers.get("content-type", _FORM).startswith(_FORM):
        params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    connection = headers.get("connection", "").lower()
    keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
    return HttpRequest(method.upper(), path, params, keep_alive, query_params, headers, body)


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunks: list[bytes] = []
        total = 0
        while True:
            size_line = await reader.readuntil(b"\r\n")
            try:
                size = int(size_line.split(b";")[0].strip(), 16)
            except ValueError:
                raise BadRequest("bad chunk size") from None
            total += size
            if total > MAX_BODY_BYTES:
                raise BadRequest("body too large")
            if size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":
                    pass  # trailer fields are ignored
                return b"".join(chunks)
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
    try:
        length = int(headers.get("content-length", "0"))
    except ValueError:
        raise BadRequest("bad Content-Length") from None
    if not 0 <= length <= MAX_BODY_BYTES:
        raise BadRequest("bad Content-Length")
    return await reader.readexactly(length) if length else b""


def encode_response(reply: Reply, keep_alive: bool) -> bytes:
    """The HTTP/1.1 response bytes of a reply."""
    reason = HTTPStatus(reply.status).phrase
    head = (
        f"HTTP/1.1 {reply.status} {reason}\r\n"
        f"Content-Type: {reply.content_type}\r\n"
        f"Content-Length: {len(reply.body)}\r\n"
        + "".join(f"{name}: {value}\r\n" for name, value in reply.headers)
        + f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n"
    )
    return head.encode("latin-1") + reply.body


class HttpServer:
    """Serves one `SimulatedService` on host:port (0 picks a free port) from a daemon thread."""

    def __init__(self, service: SimulatedService, host: str = "127.0.0.1", port: int = 0) -> None:
        self._service = service
        self._host = host
        self.port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.StreamWriter] = set()

    def start(self, timeout: float = 10.0) -> None:
        """Bind and start serving; returns once the port is listening."""
        self._thread = threading.Thread(target=self._run, name="vpc-simulator", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("simulator did not start")
        if self._startup_error is not None:
            raise self._startup_error

    def stop(self, timeout: float = 10.0) -> None:
        """Close the listener and every open connection, then end the thread."""
        if self._loop is None or self._thread is None:
            return
        if self._loop.is_running():
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout)
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout)
        self._loop = self._thread = None

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            self._server = loop.run_until_complete(
                asyncio.start_server(
                    self._serve_connection, self._host, self.port, limit=MAX_HEADER_BYTES
                )
            )
        except OSError as error:
            self._startup_error = error
            self._ready.set()
            loop.close()
            return
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def _shutdown(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._connections):
            writer.transport.abort()
        await self._server.wait_closed()

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self._connections.add(writer)
        try:
            while True:
                try:
                    request = await read_request(reader)
                except BadRequest as error:
                    body = str(error).encode()
                    writer.write(encode_response(Reply(400, body, "text/plain"), False))
                    await writer.drain()
                    return
                if request is None:
                    return
                reply = self._service.handle(
                    request.method,
                    request.path,
                    request.params,
                    query=request.query,
                    headers=request.headers,
                    body=request.body,
                )
                if reply.delay:
                    await asyncio.sleep(reply.delay)
                if reply.drop:
                    writer.transport.abort()
                    return
                writer.write(encode_response(reply, request.keep_alive))
                await writer.drain()
                if not request.keep_alive:
                    return
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            return
        finally:
            self._connections.discard(writer)
            writer.close()
