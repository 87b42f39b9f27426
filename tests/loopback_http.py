"""Threaded HTTP/1.1 keep-alive servers on 127.0.0.1 (optionally behind TLS): `json_server` answers one
JSON body to every request and records each request and connection; `raw_server` records each
request's raw bytes and lets the test write any answer (slow, oversized, malformed)."""

from __future__ import annotations

import contextlib
import http.server
import json
import socket
import socketserver
import ssl
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field


@dataclass
class Served:
    port: int = 0
    requests: list[dict[str, object]] = field(default_factory=list)
    connections: int = 0


@contextlib.contextmanager
def json_server(
    answer: Mapping[str, object], ssl_context: ssl.SSLContext | None = None
) -> Iterator[Served]:
    served = Served()
    payload = json.dumps(answer).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the service

        def setup(self) -> None:
            super().setup()
            served.connections += 1

        def _answer(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0)).decode()
            served.requests.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": body,
                }
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if ssl_context is not None:
        server.socket = ssl_context.wrap_socket(server.socket, server_side=True)
    served.port = server.server_address[1]
    with _serving(server):
        yield served


@contextlib.contextmanager
def _serving(server: socketserver.BaseServer) -> Iterator[None]:
    """`server` answering on a thread for the duration of the block, then shut down."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)


def json_answer(answer: Mapping[str, object]) -> bytes:
    """A complete keep-alive HTTP/1.1 200 answer carrying `answer` as JSON."""
    payload = json.dumps(answer).encode()
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    return head.encode() + payload


@dataclass
class RawServed:
    port: int = 0
    requests: list[bytes] = field(default_factory=list)  # each request's bytes, head and body


Responder = Callable[[socket.socket, bytes], None]


def _read_request(conn: socket.socket) -> bytes | None:
    """One request's bytes (head, then a Content-Length body), or None when the peer closed."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


@contextlib.contextmanager
def raw_server(
    respond: Responder | None = None,
    *,
    answer: Mapping[str, object] | None = None,
    ssl_context: ssl.SSLContext | None = None,
    port: int = 0,
) -> Iterator[RawServed]:
    """A keep-alive server on 127.0.0.1 recording every request's raw bytes; `respond(conn,
    request)` writes each answer (default: `answer` as JSON)."""
    served = RawServed()
    canned = json_answer(answer or {"RequestId": "raw-1"})

    def default(conn: socket.socket, request: bytes) -> None:
        conn.sendall(canned)

    reply = respond or default

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            conn: socket.socket = self.request
            conn.settimeout(30)
            with contextlib.suppress(OSError):
                if ssl_context is not None:
                    conn = ssl_context.wrap_socket(conn, server_side=True)
                for _ in range(100):
                    request = _read_request(conn)
                    if request is None:
                        return
                    served.requests.append(request)
                    reply(conn, request)

    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    served.port = server.server_address[1]
    with _serving(server):
        yield served


@dataclass
class WireRequest:
    """A recorded request taken apart: request line, header lines in order, body."""

    method: str
    target: str
    version: str
    headers: list[tuple[str, str]]
    body: bytes

    def values(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name]


def split_request(raw: bytes) -> WireRequest:
    head, _, body = raw.partition(b"\r\n\r\n")
    request_line, *lines = head.decode("latin-1").split("\r\n")
    method, target, version = request_line.split(" ")
    headers = [(name, value.strip()) for name, _, value in (line.partition(":") for line in lines)]
    return WireRequest(method, target, version, headers, body)
