"""Minimal keep-alive HTTP/1.1 server on 127.0.0.1 answering every request with one canned JSON body.

    python benchmarks/_loopback_server.py BODY_FILE [PORT]

Prints the port once listening, then serves until SIGTERM/SIGINT. asyncio.Protocol with hand parsing
(much cheaper per request than http.server) so the server is not the bottleneck of the client
benchmarks; it understands Content-Length bodies and `Connection: close`, nothing more.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path


def build_response(body: bytes) -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\n"
        "Content-Type: application/json;charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        "x-acs-request-id: 7486AE4A-129D-43BB-A09F-6C6A3C8A9C5D\r\n"
        "\r\n"
    )
    return head.encode() + body


class CannedProtocol(asyncio.Protocol):
    def __init__(self, response: bytes) -> None:
        self._response = response
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while True:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self._buffer[:end]).lower()
            length = 0
            close = False
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name == b"content-length":
                    length = int(value.strip() or 0)
                elif name == b"connection" and value.strip() == b"close":
                    close = True
            total = end + 4 + length
            if len(self._buffer) < total:
                return
            del self._buffer[:total]
            assert self._transport is not None
            self._transport.write(self._response)
            if close:
                self._transport.close()
                return


async def serve(body: bytes, port: int) -> None:
    response = build_response(body)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: CannedProtocol(response), "127.0.0.1", port, backlog=512
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await stop.wait()


def main() -> None:
    body = Path(sys.argv[1]).read_bytes()
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    asyncio.run(serve(body, port))


if __name__ == "__main__":
    main()
