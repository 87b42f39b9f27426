"""A threaded HTTP/1.1 keep-alive server on 127.0.0.1 answering one JSON body to every request,
recording each request and connection (optionally behind TLS)."""

from __future__ import annotations

import contextlib
import http.server
import json
import ssl
import threading
from collections.abc import Iterator, Mapping
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
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)
