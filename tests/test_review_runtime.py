"""Regression tests for defects found reviewing the handwritten runtime (loopback 127.0.0.1 only)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
from aliyun_vpc._generated.operations import OPERATIONS

from aliyun_vpc._asyncio_http import AsyncioTransport
from aliyun_vpc._logging import redact_params

TIMEOUTS = {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0}


def _answer(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)


@asynccontextmanager
async def serving(
    script: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
) -> AsyncIterator[tuple[int, list[int]]]:
    """A server running `script` per connection; yields its port and a connection counter."""
    accepted: list[int] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(1)
        try:
            await asyncio.wait_for(script(reader, writer), 5)
        except (asyncio.IncompleteReadError, TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1], accepted
    finally:
        server.close()


async def fetch(transport: AsyncioTransport, port: int) -> bytes:
    request = httpx.Request(
        "POST", f"http://127.0.0.1:{port}/", content=b"a=1", extensions={"timeout": TIMEOUTS}
    )
    response = await transport.handle_async_request(request)
    return await response.aread()


async def read_request(reader: asyncio.StreamReader) -> None:
    await reader.readuntil(b"\r\n\r\n")
    await reader.readexactly(3)  # the b"a=1" body


async def test_bytes_after_a_complete_response_are_not_read_as_the_next_answer() -> None:
    answers = iter([_answer(b"first") + _answer(b"stale"), _answer(b"fresh")])

    async def script(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            await read_request(reader)
            writer.write(next(answers))  # shared by the connections, in order
            await writer.drain()

    transport = AsyncioTransport()
    async with serving(script) as (port, accepted):
        first = await fetch(transport, port)
        second = await fetch(transport, port)
    await transport.aclose()
    assert (first, second) == (b"first", b"fresh")
    assert len(accepted) == 2  # the connection with surplus bytes was not reused


async def test_data_sent_on_an_idle_connection_is_not_read_as_the_next_answer() -> None:
    async def script(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(_answer(b"first"))
        await asyncio.sleep(0.02)
        # e.g. a "408 Request Timeout" some servers send before closing an idle connection
        writer.write(b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()
        await reader.read()  # half-open until the client goes away

    async def fresh(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if len(accepted) == 1:
            await script(reader, writer)
            return
        await read_request(reader)
        writer.write(_answer(b"fresh"))
        await writer.drain()

    transport = AsyncioTransport()
    async with serving(fresh) as (port, accepted):
        first = await fetch(transport, port)
        await asyncio.sleep(0.1)  # the unsolicited answer arrives while the connection is idle
        second = await fetch(transport, port)
    await transport.aclose()
    assert (first, second) == (b"first", b"fresh")


def test_debug_log_redacts_bgp_auth_key_and_ike_pre_shared_key() -> None:
    params = {
        "AuthKey": "bgp-md5-secret",
        "IkeConfig": '{"Psk":"ipsec-psk-secret","IkeVersion":"ikev2"}',
        "VpcId": "vpc-1",
    }
    # which parameters are secret comes from the spec (`sensitive: true`), via the generated table
    sensitive = OPERATIONS["CreateBgpGroup"].sensitive | OPERATIONS["CreateVpnConnection"].sensitive
    logged = str(redact_params(params, sensitive))
    assert "bgp-md5-secret" not in logged and "ipsec-psk-secret" not in logged
    assert "vpc-1" in logged
