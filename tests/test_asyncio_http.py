"""The asyncio HTTP/1.1 transport against scripted servers on 127.0.0.1: framing, reuse, failures."""

from __future__ import annotations

import asyncio
import gc
import socket
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
import pytest

from aliyun_vpc._asyncio_http import AsyncioTransport

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
CHUNKED = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n"
CLOSE = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
UNTIL_EOF = b"HTTP/1.0 200 OK\r\n\r\nhello"
TIMEOUTS = {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0}


class Server:
    """Accepted connections and the request bodies the server read."""

    def __init__(self) -> None:
        self.connections = 0
        self.bodies: list[bytes] = []
        self.port = 0

    async def read_request(self, reader: asyncio.StreamReader) -> bool:
        """Read one request (head and Content-Length body); False at end of stream."""
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return False
        length = 0
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        self.bodies.append(await reader.readexactly(length))
        return True


@asynccontextmanager
async def serving(
    answer: Callable[[Server, int], Awaitable[bytes | None]],
) -> AsyncIterator[Server]:
    """A server that answers each request on a connection with `await answer(server, n)`; None
    closes the connection without answering."""
    state = Server()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        state.connections += 1
        try:
            while await state.read_request(reader):
                response = await answer(state, len(state.bodies))
                if response is None:
                    break
                writer.write(response)
                await writer.drain()
                if b"close" in response or response.startswith(b"HTTP/1.0"):
                    break
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    state.port = server.sockets[0].getsockname()[1]
    try:
        yield state
    finally:
        server.close()


def fixed(response: bytes) -> Callable[[Server, int], Awaitable[bytes | None]]:
    async def answer(server: Server, count: int) -> bytes | None:
        return response

    return answer


def request(
    port: int, body: bytes = b"a=1", timeouts: dict[str, float] = TIMEOUTS
) -> httpx.Request:
    return httpx.Request(
        "POST", f"http://127.0.0.1:{port}/", content=body, extensions={"timeout": timeouts}
    )


async def fetch(transport: AsyncioTransport, req: httpx.Request) -> httpx.Response:
    response = await transport.handle_async_request(req)
    await response.aread()
    return response


async def test_content_length_body_and_keep_alive_reuse() -> None:
    transport = AsyncioTransport()
    async with serving(fixed(OK)) as server:
        first = await fetch(transport, request(server.port, b"a=1"))
        second = await fetch(transport, request(server.port, b"b=22"))
    await transport.aclose()
    assert (first.status_code, first.content, second.content) == (200, b"hello", b"hello")
    assert server.bodies == [b"a=1", b"b=22"] and server.connections == 1


async def test_chunked_body() -> None:
    transport = AsyncioTransport()
    async with serving(fixed(CHUNKED)) as server:
        response = await fetch(transport, request(server.port))
        again = await fetch(transport, request(server.port))
    await transport.aclose()
    assert response.content == b"hello" == again.content and server.connections == 1


@pytest.mark.parametrize("answer", [CLOSE, UNTIL_EOF], ids=["connection-close", "body-until-eof"])
async def test_connection_not_reused_when_the_server_ends_it(answer: bytes) -> None:
    transport = AsyncioTransport()
    async with serving(fixed(answer)) as server:
        responses = [await fetch(transport, request(server.port)) for _ in range(2)]
    await transport.aclose()
    assert [r.content for r in responses] == [b"hello", b"hello"] and server.connections == 2


async def test_idle_connection_closed_by_server_is_replaced() -> None:
    async def answer_then_hang_up(server: Server, count: int) -> bytes | None:
        return OK.replace(b"\r\n\r\n", b"\r\nX-Note: close-after\r\n\r\n", 1)

    transport = AsyncioTransport()
    async with serving(answer_then_hang_up) as server:
        # the answer contains "close" so the scripted server hangs up after it, without telling h11
        await fetch(transport, request(server.port))
        await asyncio.sleep(0.05)  # let the loop see the end of stream
        response = await fetch(transport, request(server.port))
    await transport.aclose()
    assert response.content == b"hello" and server.connections == 2


async def test_expired_idle_connection_is_not_reused() -> None:
    transport = AsyncioTransport(keepalive_expiry=0.0)
    async with serving(fixed(OK)) as server:
        for _ in range(2):
            await fetch(transport, request(server.port))
    await transport.aclose()
    assert server.connections == 2


async def test_read_timeout() -> None:
    async def never(server: Server, count: int) -> bytes | None:
        await asyncio.sleep(5)
        return None

    transport = AsyncioTransport()
    async with serving(never) as server:
        with pytest.raises(httpx.ReadTimeout):
            await fetch(transport, request(server.port, timeouts={**TIMEOUTS, "read": 0.1}))
    await transport.aclose()


async def test_disconnect_without_answer_is_a_protocol_error() -> None:
    async def hang_up(server: Server, count: int) -> bytes | None:
        return None

    transport = AsyncioTransport()
    async with serving(hang_up) as server:
        with pytest.raises(httpx.RemoteProtocolError):
            await fetch(transport, request(server.port))
    await transport.aclose()


async def test_connect_refused() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    transport = AsyncioTransport()
    with pytest.raises(httpx.ConnectError):
        await fetch(transport, request(port))


async def test_pool_bounds_connections_in_use() -> None:
    release = asyncio.Event()

    async def slow(server: Server, count: int) -> bytes | None:
        await release.wait()
        return OK

    transport = AsyncioTransport(max_connections=1)
    async with serving(slow) as server:
        first = asyncio.create_task(fetch(transport, request(server.port)))
        await asyncio.sleep(0.05)
        with pytest.raises(httpx.PoolTimeout):
            await fetch(transport, request(server.port, timeouts={**TIMEOUTS, "pool": 0.1}))
        release.set()
        assert (await first).content == b"hello"
        assert (await fetch(transport, request(server.port))).content == b"hello"
    await transport.aclose()
    assert server.connections == 1


async def test_cancelled_request_frees_its_slot_and_drops_its_connection() -> None:
    async def slow_first(server: Server, count: int) -> bytes | None:
        if count == 1:
            await asyncio.sleep(5)
        return OK

    transport = AsyncioTransport(max_connections=1)
    async with serving(slow_first) as server:
        task = asyncio.create_task(fetch(transport, request(server.port)))
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        response = await fetch(transport, request(server.port))
    await transport.aclose()
    assert response.content == b"hello" and server.connections == 2


def test_async_client_is_usable_from_one_event_loop_after_another() -> None:
    """Pooled connections belong to the loop that opened them: a client used under a second
    `asyncio.run()` opens new ones instead of writing through a closed loop."""
    from aliyun_vpc import AsyncVpcClient
    from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator

    with Simulator(ready_after_seconds=0) as simulator:
        client = AsyncVpcClient(
            access_key_id=DEFAULT_ACCESS_KEY_ID,
            access_key_secret=DEFAULT_ACCESS_KEY_SECRET,
            region_id="cn-hangzhou",
            endpoint=simulator.endpoint,
            retry=False,
        )

        async def create() -> str:
            return (await client.create_vpc(cidr_block="172.16.0.0/12")).vpc_id or ""

        async def count() -> int:
            return (await client.describe_vpcs()).total_count or 0

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            vpc_id = asyncio.run(create())
            first_loop_transport = client._http
            assert vpc_id and asyncio.run(count()) == 1
            assert client._http is not first_loop_transport
            asyncio.run(client.close())  # from yet another loop: the connections are dropped
            assert client._http is None
            del first_loop_transport
            gc.collect()
        assert not [w for w in caught if "unclosed" in str(w.message)]  # sockets were closed
