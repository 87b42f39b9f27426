"""The HTTP/1.1 transport: an asyncio server on its own thread, in front of `SimulatedService`.

Minimal HTTP/1.1: request line, headers, Content-Length or chunked bodies, keep-alive. GET
parameters come from the query string, POST ones from the query string and the form body.
Whatever a client sends, it gets an answer in the service's error shape or a closed connection,
never an exception: see `ServerLimits` for the timeouts and sizes.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import parse_qsl

from .service import Reply, SimulatedService

_FORM = "application/x-www-form-urlencoded"
#: RFC 9110 tokens (methods, header names) and the sizes we accept.
_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_DIGITS = re.compile(rb"[0-9]{1,19}")
_HEX = re.compile(rb"[0-9A-Fa-f]{1,15}")
_VERSIONS = ("HTTP/1.0", "HTTP/1.1")
#: How long and how much a refused client may still send before its connection is closed.
_LINGER_SECONDS = 0.5
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerLimits:
    """How long the simulator waits for a client and how much it reads; bad values are refused.

    A connection is closed without an answer when no request starts within `idle_timeout` (after
    connecting or after the previous answer), when a started request head is not complete within
    `header_timeout`, or when its body is not complete within `body_timeout` after the head.
    """

    idle_timeout: float = field(
        default=60.0, metadata={"help": "seconds to wait for a request to start"}
    )
    header_timeout: float = field(
        default=10.0, metadata={"help": "seconds for a started request head to complete"}
    )
    body_timeout: float = field(
        default=30.0, metadata={"help": "seconds for a request body to complete"}
    )
    write_timeout: float = field(
        default=30.0, metadata={"help": "seconds for the client to take an answer"}
    )
    max_header_bytes: int = field(
        default=64 * 1024, metadata={"help": "largest request head (431 above)"}
    )
    max_body_bytes: int = field(
        default=1024 * 1024, metadata={"help": "largest request body (413 above)"}
    )
    max_connections: int = field(
        default=1024, metadata={"help": "open connections; more are answered 503"}
    )

    def __post_init__(self) -> None:
        for name in ("idle_timeout", "header_timeout", "body_timeout", "write_timeout"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be a positive number of seconds")
        for name in ("max_header_bytes", "max_body_bytes", "max_connections"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")


class BadRequest(Exception):
    """The bytes received are not an HTTP/1.1 request this server accepts.

    `part` names what is wrong (it fills the InvalidParameter message); `status` is the HTTP status.
    """

    def __init__(self, part: str, status: int = 400) -> None:
        super().__init__(part)
        self.part = part
        self.status = int(status)


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    params: dict[str, str]
    keep_alive: bool
    query: dict[str, str]  # the query string's parameters alone (a V3 signature covers them)
    headers: dict[str, str]  # lower-case names
    body: bytes


async def read_request(
    reader: asyncio.StreamReader, limits: ServerLimits = ServerLimits()
) -> HttpRequest | None:
    """The next request on the connection, or None when the client closed or idled it away.

    Raises `BadRequest` for anything that is not a well-formed request within the limits.
    """
    try:
        async with asyncio.timeout(limits.idle_timeout):
            first = await reader.readexactly(1)
    except (TimeoutError, asyncio.IncompleteReadError):
        return None
    try:
        async with asyncio.timeout(limits.header_timeout):
            head = first + await reader.readuntil(b"\r\n\r\n")
    except TimeoutError:
        return None
    except asyncio.IncompleteReadError:
        raise BadRequest("request head") from None
    except asyncio.LimitOverrunError:
        raise BadRequest("request head", HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE) from None
    method, target, version, headers = _parse_head(head.lstrip(b"\r\n"))
    try:
        async with asyncio.timeout(limits.body_timeout):
            body = await _read_body(reader, headers, limits)
    except TimeoutError:
        return None
    path, _, query = target.partition("?")
    query_params = dict(parse_qsl(query, keep_blank_values=True))
    params = dict(query_params)
    if body and headers.get("content-type", _FORM).startswith(_FORM):
        params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    connection = headers.get("connection", "").lower()
    keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
    return HttpRequest(method, path, params, keep_alive, query_params, headers, body)


def _parse_head(head: bytes) -> tuple[str, str, str, dict[str, str]]:
    """Method, target, version and lower-cased headers of a request head (CRLF CRLF included)."""
    request_line, *header_lines = head[:-4].split(b"\r\n")
    parts = request_line.split(b" ")
    if len(parts) != 3 or not _TOKEN.fullmatch(parts[0]) or not parts[1].startswith(b"/"):
        raise BadRequest("request line")
    method, target, version = (part.decode("latin-1") for part in parts)
    if version not in _VERSIONS or any(byte < 0x21 or byte == 0x7F for byte in parts[1]):
        raise BadRequest("request line")
    headers: dict[str, str] = {}
    for line in header_lines:
        name, separator, value = line.partition(b":")
        if not separator or not _TOKEN.fullmatch(name):
            raise BadRequest("header")
        key = name.decode("latin-1").lower()
        text = value.strip(b" \t").decode("latin-1")
        if key in headers and (key == "content-length" or key == "transfer-encoding"):
            raise BadRequest(name.decode("latin-1"))
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    return method, target, version, headers


async def _read_body(
    reader: asyncio.StreamReader, headers: dict[str, str], limits: ServerLimits
) -> bytes:
    if "transfer-encoding" in headers:
        if headers["transfer-encoding"].lower() != "chunked" or "content-length" in headers:
            raise BadRequest("Transfer-Encoding")
        return await _read_chunked(reader, limits)
    length = headers.get("content-length", "0").encode("latin-1")
    if not _DIGITS.fullmatch(length):
        raise BadRequest("Content-Length")
    if int(length) > limits.max_body_bytes:
        raise BadRequest("Content-Length", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
    return await _read_exactly(reader, int(length))


async def _read_chunked(reader: asyncio.StreamReader, limits: ServerLimits) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        size_line = await _read_line(reader)
        size_text = size_line[:-2].split(b";")[0].strip(b" \t")
        if not _HEX.fullmatch(size_text):
            raise BadRequest("chunk size")
        size = int(size_text, 16)
        total += size
        if total > limits.max_body_bytes:
            raise BadRequest("chunked body", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        if size == 0:
            break
        chunks.append(await _read_exactly(reader, size))
        if await _read_exactly(reader, 2) != b"\r\n":
            raise BadRequest("chunk")
    trailer_bytes = 0
    while (line := await _read_line(reader)) != b"\r\n":
        trailer_bytes += len(line)  # trailer fields are ignored, but bounded like headers
        if trailer_bytes > limits.max_header_bytes:
            raise BadRequest("trailer", HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
    return b"".join(chunks)


async def _read_line(reader: asyncio.StreamReader) -> bytes:
    try:
        return await reader.readuntil(b"\r\n")
    except asyncio.IncompleteReadError:
        raise BadRequest("chunked body") from None
    except asyncio.LimitOverrunError:
        raise BadRequest("chunk size") from None


async def _read_exactly(reader: asyncio.StreamReader, size: int) -> bytes:
    try:
        return await reader.readexactly(size) if size else b""
    except asyncio.IncompleteReadError:
        raise BadRequest("body") from None


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

    def __init__(
        self,
        service: SimulatedService,
        host: str = "127.0.0.1",
        port: int = 0,
        limits: ServerLimits | None = None,
    ) -> None:
        self._service = service
        self._host = host
        self.port = port
        self.limits = limits or ServerLimits()
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
                    self._serve_connection,
                    self._host,
                    self.port,
                    limit=self.limits.max_header_bytes,
                    backlog=self.limits.max_connections,
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
        if len(self._connections) >= self.limits.max_connections:
            await self._refuse(reader, writer, self._service.refuse("unavailable"))
            return
        self._connections.add(writer)
        try:
            await self._serve_requests(reader, writer)
        except (ConnectionError, TimeoutError):
            pass
        except Exception:  # noqa: BLE001 - a simulator bug drops one connection, not the server
            _log.exception("simulator connection failed")
        finally:
            self._connections.discard(writer)
            writer.close()

    async def _serve_requests(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        while True:
            try:
                request = await read_request(reader, self.limits)
            except BadRequest as error:
                reply = self._service.refuse("invalid_parameter", error.status, name=error.part)
                await self._refuse(reader, writer, reply)
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
            async with asyncio.timeout(self.limits.write_timeout):
                await writer.drain()
            if not request.keep_alive:
                return

    async def _refuse(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, reply: Reply
    ) -> None:
        """Answer `reply` and close, reading (a bounded amount of) what the client still sends so
        the close does not reset the connection before the client has read the answer."""
        try:
            writer.write(encode_response(reply, keep_alive=False))
            async with asyncio.timeout(_LINGER_SECONDS):
                await writer.drain()
                writer.write_eof()
                received = 0
                while received <= self.limits.max_body_bytes:
                    data = await reader.read(65536)
                    if not data:
                        break
                    received += len(data)
        except (ConnectionError, TimeoutError):
            pass
        finally:
            writer.close()
