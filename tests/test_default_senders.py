"""The clients' default senders on a loopback server: the sync one drives httpx's connection pool
(httpcore) directly, the async one the package's asyncio transport; neither builds httpx objects."""

from __future__ import annotations

import asyncio
import http.server
import json
import threading
from collections.abc import Callable, Iterator
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlsplit

import httpcore
import httpx
import pytest
from aliyun_vpc._asyncio_http import AsyncioSender
from aliyun_vpc._client_base import AsyncClientBase, SyncClientBase
from aliyun_vpc._httpcore_pool import HttpcorePoolSender, as_httpx_error
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc._transport import SyncHttpTransport
from aliyun_vpc.config import ClientConfig

DESCRIBE = OperationMeta("DescribeVpcs", "describe_vpcs", "m:R", "m:S", True, True, False)


class _Recorder(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the service
    seen: ClassVar[list[dict[str, object]]] = []
    connections: ClassVar[list[int]] = []

    def setup(self) -> None:
        super().setup()
        self.connections.append(1)

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length).decode()
        self.seen.append(
            {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
        )
        payload = json.dumps({"RequestId": "r-1", "TotalCount": 0}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[dict[str, object]]]]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.timeout = 0.1
    _Recorder.seen = []
    _Recorder.connections = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)


def _client_options(endpoint: str, http_method: str) -> dict[str, Any]:
    return {
        "access_key_id": "AKID",
        "access_key_secret": "secret",
        "region_id": "cn-hangzhou",
        "endpoint": endpoint,
        "config": ClientConfig(http_method=http_method),
    }


def _sync_calls(endpoint: str, http_method: str) -> None:
    with SyncClientBase(**_client_options(endpoint, http_method)) as client:
        assert isinstance(client._sender()._sender, HttpcorePoolSender)
        for _ in range(2):  # the second call reuses the kept-alive connection
            assert client._invoke(DESCRIBE, {"PageSize": "10"})["RequestId"] == "r-1"


def _async_calls(endpoint: str, http_method: str) -> None:
    async def calls() -> None:
        async with AsyncClientBase(**_client_options(endpoint, http_method)) as client:
            assert isinstance(client._sender()._sender, AsyncioSender)
            for _ in range(2):
                assert (await client._invoke(DESCRIBE, {"PageSize": "10"}))["RequestId"] == "r-1"

    asyncio.run(calls())


@pytest.mark.parametrize("calls", [_sync_calls, _async_calls], ids=["sync", "async"])
@pytest.mark.parametrize("http_method", ["GET", "POST"])
@pytest.mark.parametrize("prefix", ["", "/gateway/vpc"])
def test_default_sender_sends_the_signed_request(
    recorder: tuple[str, list[dict[str, object]]],
    calls: Callable[[str, str], None],
    http_method: str,
    prefix: str,
) -> None:
    base, seen = recorder
    calls(base + prefix, http_method)
    assert len(seen) == 2 and len(_Recorder.connections) == 1  # kept alive, reused
    request = seen[0]
    headers = {key.lower(): value for key, value in request["headers"].items()}  # type: ignore[union-attr]
    assert request["method"] == http_method
    assert headers["host"] == urlsplit(base).netloc
    path = urlsplit(str(request["path"]))
    assert path.path == prefix + "/"
    params = dict(parse_qsl(path.query if http_method == "GET" else str(request["body"])))
    assert params["Action"] == "DescribeVpcs" and params["PageSize"] == "10"
    assert params["Signature"] and params["AccessKeyId"] == "AKID"
    if http_method == "POST":
        assert headers["content-type"] == "application/x-www-form-urlencoded"
        assert int(headers["content-length"]) == len(str(request["body"]).encode())


def test_injected_transport_or_proxy_uses_httpx(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    endpoint = "https://vpc.aliyuncs.com"
    assert isinstance(SyncHttpTransport(ClientConfig(), endpoint, None)._sender, HttpcorePoolSender)
    mock = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    injected = SyncHttpTransport(ClientConfig(), endpoint, mock)
    assert not isinstance(injected._sender, HttpcorePoolSender)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    proxied = SyncHttpTransport(ClientConfig(), endpoint, None)
    assert not isinstance(proxied._sender, HttpcorePoolSender)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (httpcore.ConnectError("refused"), httpx.ConnectError),
        (httpcore.ConnectTimeout("slow"), httpx.ConnectTimeout),
        (httpcore.PoolTimeout("busy"), httpx.PoolTimeout),
        (httpcore.ReadTimeout("slow"), httpx.ReadTimeout),
        (httpcore.RemoteProtocolError("dropped"), httpx.RemoteProtocolError),
        (httpcore.WriteError("broken pipe"), httpx.WriteError),
    ],
)
def test_httpcore_errors_become_httpx_errors(error: Exception, expected: type) -> None:
    mapped = as_httpx_error(error)
    assert type(mapped) is expected and str(mapped) == str(error)


def test_other_errors_pass_through() -> None:
    error = ValueError("not a transport error")
    assert as_httpx_error(error) is error
