"""Every sender (the sync and async defaults, and an injected httpx transport of each kind) keeps
the call's bounds against a hostile loopback server: a server dripping one byte at a time is cut off
at `total_deadline` (so is a request waiting for a pooled connection), an answer past
`max_response_size` is refused while it is read (memory stays bounded for a 50 MB answer) and never
retried, and broken framing or encoding, or anything a caller's transport raises, is a
`TransportError` or another `VpcError`, never a raw httpx/httpcore/h11 (or other) exception."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import socket
import threading
import time
import traceback
import tracemalloc
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any
from unittest import mock

import httpx
import pytest
from loopback_http import json_answer, raw_server

from aliyun_vpc._client_base import AsyncClientBase, SyncClientBase
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc._pipeline import HttpRequest, HttpResponse, TransportFailure
from aliyun_vpc._transport import AsyncHttpTransport, SyncHttpTransport
from aliyun_vpc.config import ClientConfig
from aliyun_vpc.exceptions import (
    ResponseParseError,
    ResponseTooLargeError,
    TransportError,
    VpcError,
)
from aliyun_vpc.retries import RetryPolicy

DESCRIBE = OperationMeta("DescribeVpcs", "describe_vpcs", "m:R", "m:S", False, True, False)
DRIP_PAUSE = 0.5  # seconds between two bytes of a dripping server
DEADLINE = 2.0  # total_deadline of the slow-drip calls

SENDERS = ["sync", "async", "sync-injected", "async-injected", "sync-proxy", "async-proxy"]
PROXY_SETTINGS = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


def call(sender: str, port: int, **options: Any) -> dict[str, Any]:
    """One DescribeVpcs call through `sender` to 127.0.0.1:port, or to a name through an HTTP
    proxy (the environment's) at 127.0.0.1:port for the "-proxy" senders."""
    proxied = sender.endswith("-proxy")
    options = {
        "access_key_id": "AKID",
        "access_key_secret": "secret",
        "region_id": "cn-hangzhou",
        "endpoint": "http://vpc.example.test" if proxied else f"http://127.0.0.1:{port}",
        "connect_timeout": 5.0,
        "read_timeout": 10.0,
        "retry": False,
        **options,
    }
    settings = {name: "" for name in PROXY_SETTINGS + tuple(n.upper() for n in PROXY_SETTINGS)}
    if proxied:
        settings["http_proxy"] = settings["HTTP_PROXY"] = f"http://127.0.0.1:{port}"
    with mock.patch.dict(os.environ, settings):
        return _call(sender, options)


def _call(sender: str, options: dict[str, Any]) -> dict[str, Any]:
    if sender.startswith("sync"):
        transport = httpx.HTTPTransport() if sender == "sync-injected" else None
        with SyncClientBase(transport=transport, **options) as client:
            return client._invoke(DESCRIBE, {})

    async def async_call() -> dict[str, Any]:
        transport = httpx.AsyncHTTPTransport() if sender == "async-injected" else None
        async with AsyncClientBase(transport=transport, **options) as client:
            return await client._invoke(DESCRIBE, {})

    return asyncio.run(async_call())


def _keep_sending(
    conn: socket.socket, first: bytes, piece: bytes, pause: float, limit: int
) -> None:
    """Send `first`, then `piece` every `pause` s, at most `limit` times or until the client left."""
    try:
        conn.sendall(first)
        for _ in range(limit):
            time.sleep(pause)
            conn.sendall(piece)
    except OSError:
        pass


def drip_body(conn: socket.socket, request: bytes) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
    _keep_sending(conn, head, b" ", DRIP_PAUSE, 40)


def drip_head(conn: socket.socket, request: bytes) -> None:
    _keep_sending(conn, b"HTTP/1.1 200 OK\r\n", b"X", DRIP_PAUSE, 40)


@pytest.mark.parametrize("responder", [drip_body, drip_head], ids=["body", "head"])
@pytest.mark.parametrize("sender", SENDERS)
def test_slow_drip_is_cut_off_at_the_deadline(
    sender: str, responder: Callable[[socket.socket, bytes], None]
) -> None:
    if sender == "sync-injected" and responder is drip_head:
        pytest.skip("an injected sync transport is only interrupted between body chunks")
    retry = RetryPolicy(total_deadline=DEADLINE)  # retries allowed, none may start late
    with raw_server(responder) as served:
        started = time.monotonic()
        with pytest.raises(TransportError, match="Timeout"):
            call(sender, served.port, retry=retry)
        elapsed = time.monotonic() - started
    assert DEADLINE - 1 <= elapsed <= DEADLINE + 1, elapsed


@pytest.mark.parametrize("sender", SENDERS)
def test_read_timeout_bounds_the_wait_between_bytes(sender: str) -> None:
    """An answer in four pieces 0.6 s apart passes a 1 s read timeout (it bounds each wait, not
    the whole answer)."""
    body = json.dumps({"RequestId": "slow-but-steady"}).encode()

    def steady(conn: socket.socket, request: bytes) -> None:
        conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode())
        for start in range(0, len(body), len(body) // 4 + 1):
            time.sleep(0.6)
            conn.sendall(body[start : start + len(body) // 4 + 1])

    with raw_server(steady) as served:
        started = time.monotonic()
        assert call(sender, served.port, read_timeout=1.0)["RequestId"] == "slow-but-steady"
    assert time.monotonic() - started > 1.5  # the whole answer took longer than read_timeout


def stream_zeros(total: int) -> Callable[[socket.socket, bytes], None]:
    def respond(conn: socket.socket, request: bytes) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {total}\r\n\r\n".encode()
        piece = b"0" * 65536
        _keep_sending(conn, head, piece, 0, total // len(piece))

    return respond


@pytest.mark.parametrize("sender", SENDERS)
def test_a_50_mb_answer_is_refused_in_bounded_memory(sender: str) -> None:
    with raw_server(stream_zeros(50_000_000)) as served:
        tracemalloc.start()
        try:
            tracemalloc.reset_peak()
            baseline = tracemalloc.get_traced_memory()[0]
            with pytest.raises(TransportError, match=r"max_response_size \(8388608 bytes\)"):
                call(sender, served.port)
            peak = tracemalloc.get_traced_memory()[1] - baseline
        finally:
            tracemalloc.stop()
    assert peak < 100 * 2**20, peak / 2**20
    assert peak < 40 * 2**20, peak / 2**20  # the default limit (8 MiB) plus copies, not 50 MB


@pytest.mark.parametrize("sender", SENDERS)
def test_max_response_size_is_configurable(sender: str) -> None:
    body = json.dumps({"RequestId": "r", "Pad": "x" * 900}).encode()

    def respond(conn: socket.socket, request: bytes) -> None:
        conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)

    with raw_server(respond) as served:
        config = ClientConfig(max_response_size=len(body))
        assert call(sender, served.port, config=config)["RequestId"] == "r"
        config = ClientConfig(max_response_size=len(body) - 1)
        with pytest.raises(TransportError, match=rf"max_response_size \({len(body) - 1} bytes\)"):
            call(sender, served.port, config=config)


@pytest.mark.parametrize("sender", SENDERS)
def test_an_oversized_answer_is_final_never_retried(sender: str) -> None:
    """A read-only call (retried after a dropped connection) gives up at once on an answer past
    max_response_size: one request, a ResponseTooLargeError naming the limit."""
    retry = RetryPolicy(max_attempts=4, base_delay=0.01, total_deadline=30.0)
    with raw_server(stream_zeros(2_000_000)) as served:
        with pytest.raises(
            ResponseTooLargeError, match=r"max_response_size \(100000 bytes\)"
        ) as raised:
            call(sender, served.port, retry=retry, config=ClientConfig(max_response_size=100_000))
        assert len(served.requests) == 1
    assert raised.value.limit == 100_000 and isinstance(raised.value, TransportError)


def _then_close(answer: bytes) -> Callable[[socket.socket, bytes], None]:
    def respond(conn: socket.socket, request: bytes) -> None:
        conn.sendall(answer)
        conn.shutdown(socket.SHUT_RDWR)

    return respond


MALFORMED = {
    "short-content-length": b'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{"RequestId": 1}',
    "bad-chunk-size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    "truncated-chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100\r\n{}",
    "bad-status-line": b"HTTP/1.1 abc\r\n\r\n",
    "not-http": b"SSH-2.0-OpenSSH\r\n\r\n",
    "no-answer": b"",
}


@pytest.mark.parametrize("answer", MALFORMED.values(), ids=MALFORMED.keys())
@pytest.mark.parametrize("sender", SENDERS)
def test_broken_framing_is_a_transport_error(sender: str, answer: bytes) -> None:
    with raw_server(_then_close(answer)) as served, pytest.raises(TransportError):
        call(sender, served.port)


@pytest.mark.parametrize("sender", SENDERS)
def test_content_encoding_is_not_decoded(sender: str) -> None:
    """Nothing asks for compression, so every sender hands on the body's bytes as they came: a
    false `Content-Encoding: gzip` on plain JSON is read as JSON, a compressed body is a
    ResponseParseError (never httpx.DecodingError)."""
    plain = json.dumps({"RequestId": "plain"}).encode()
    packed = gzip.compress(plain)
    for body, expected in ((plain, "plain"), (packed, None)):
        head = f"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {len(body)}\r\n\r\n"
        with raw_server(_then_close(head.encode() + body)) as served:
            if expected is None:
                with pytest.raises(ResponseParseError):
                    call(sender, served.port)
            else:
                assert call(sender, served.port)["RequestId"] == expected


@pytest.mark.parametrize("failure", [httpx.DecodingError("bad gzip"), httpx.ReadError("reset")])
def test_an_injected_transports_httpx_errors_are_transport_errors(failure: Exception) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise failure

    with (
        SyncClientBase(
            access_key_id="AKID",
            access_key_secret="secret",
            region_id="cn-hangzhou",
            retry=False,
            transport=httpx.MockTransport(handler),
        ) as client,
        pytest.raises(TransportError) as raised,
    ):
        client._invoke(DESCRIBE, {})
    assert raised.value.__cause__ is failure and isinstance(raised.value, VpcError)


class _BrokenBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """An answer's body failing with `error` after its first bytes."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __iter__(self) -> Iterator[bytes]:
        yield b'{"RequestId": '
        raise self.error

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b'{"RequestId": '
        raise self.error


class _BuggyTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """A caller's transport failing with `error` (no httpx exception) when asked to send, or,
    with `in_body`, while its answer's body is read."""

    def __init__(self, error: Exception, in_body: bool) -> None:
        self.error = error
        self.in_body = in_body

    def _answer(self) -> httpx.Response:
        if not self.in_body:
            raise self.error
        return httpx.Response(200, stream=_BrokenBody(self.error))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._answer()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self._answer()


SECRET = "Hs7+kQ/secretValue=Zx9w2Lm4"


class _Unprintable(Exception):
    def __str__(self) -> str:
        raise ValueError("no text")


def _foreign_failure(kind: str) -> Exception:
    if kind == "runtime":
        return RuntimeError("transport bug")
    if kind == "oserror":
        return ConnectionResetError(104, "Connection reset by peer")
    if kind == "unprintable":
        return _Unprintable()
    error = RuntimeError("transport bug")  # "secret-in-chain": the secret only in its cause
    error.__cause__ = ValueError(f"bad signature for key {SECRET}")
    return error


@pytest.mark.parametrize("in_body", [False, True], ids=["on-send", "in-body"])
@pytest.mark.parametrize("kind", ["runtime", "oserror", "secret-in-chain", "unprintable"])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_an_injected_transports_other_exceptions_are_transport_errors(
    mode: str, kind: str, in_body: bool
) -> None:
    """Whatever a caller's transport raises is a TransportError naming it; the original stays
    chained as the cause unless it (or anything chained to it) shows a secret."""
    failure = _foreign_failure(kind)
    transport = _BuggyTransport(failure, in_body)
    options: dict[str, Any] = {
        "access_key_id": "AKID",
        "access_key_secret": SECRET,
        "region_id": "cn-hangzhou",
        "retry": False,
        "transport": transport,
    }

    def sync_call() -> None:
        with SyncClientBase(**options) as client:
            client._invoke(DESCRIBE, {})

    async def async_call() -> None:
        async with AsyncClientBase(**options) as client:
            await client._invoke(DESCRIBE, {})

    with pytest.raises(TransportError, match=type(failure).__name__) as raised:
        sync_call() if mode == "sync" else asyncio.run(async_call())
    text = "".join(traceback.format_exception(raised.value)) + repr(raised.value)
    assert SECRET not in text and "secretValue" not in text
    if kind in ("secret-in-chain", "unprintable"):  # a cause whose text cannot be checked goes too
        assert raised.value.__cause__ is None
    else:
        assert raised.value.__cause__ is failure and str(failure) in text


HOLD = 3.0  # seconds a held answer takes


@pytest.mark.parametrize("sender", ["sync", "async", "sync-proxy", "async-proxy"])
def test_waiting_for_a_pooled_connection_ends_at_the_deadline(sender: str) -> None:
    """The sender itself keeps the deadline while a request waits for a connection: with the only
    one busy for HOLD s, a request whose deadline is 1 s away (and whose read timeout is 10 s)
    fails at its deadline, not when the connection frees up."""

    def hold(conn: socket.socket, request: bytes) -> None:
        time.sleep(HOLD)
        conn.sendall(json_answer({"RequestId": "held"}))

    proxied = sender.endswith("-proxy")
    settings = {name: "" for name in PROXY_SETTINGS + tuple(n.upper() for n in PROXY_SETTINGS)}
    config = ClientConfig(max_connections=1, connect_timeout=5.0, read_timeout=10.0)
    with raw_server(hold) as served, mock.patch.dict(os.environ, settings):
        endpoint = f"http://127.0.0.1:{served.port}"
        if proxied:
            os.environ["http_proxy"] = endpoint
            endpoint = "http://vpc.example.test"
        host = endpoint.partition("://")[2]

        def request(seconds: float) -> HttpRequest:
            deadline = time.monotonic() + seconds
            return HttpRequest("GET", "/", {"host": host}, None, deadline)

        if sender.startswith("sync"):
            transport = SyncHttpTransport(config, endpoint, None)
            holder = threading.Thread(target=transport.send, args=(request(HOLD + 5),))
            holder.start()
            time.sleep(0.3)  # the holder has the connection
            started = time.monotonic()
            reply = transport.send(request(1.0))
            elapsed = time.monotonic() - started
            holder.join()
            transport.close()
        else:

            async def both() -> tuple[HttpResponse | TransportFailure, float]:
                transport = AsyncHttpTransport(config, endpoint, None)
                holder = asyncio.ensure_future(transport.send(request(HOLD + 5)))
                await asyncio.sleep(0.3)
                started = time.monotonic()
                reply = await transport.send(request(1.0))
                elapsed = time.monotonic() - started
                await holder
                await transport.aclose()
                return reply, elapsed

            reply, elapsed = asyncio.run(both())
    assert isinstance(reply, TransportFailure), reply
    assert isinstance(reply.error, httpx.TimeoutException), repr(reply.error)
    assert 0.5 <= elapsed <= 1.0 + 1.0, elapsed
