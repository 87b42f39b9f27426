"""The clients' default senders on a loopback server: the sync one drives httpx's connection pool
(httpcore) directly, the async one the package's asyncio transport; neither builds httpx objects."""

from __future__ import annotations

import asyncio
from base64 import b64encode
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpcore
import httpx
import pytest
from loopback_http import Served, json_server, raw_server, split_request

from aliyun_vpc._asyncio_http import AsyncioSender
from aliyun_vpc._client_base import AsyncClientBase, SyncClientBase
from aliyun_vpc._httpcore_pool import HttpcorePoolSender, as_httpx_error
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc._transport import SyncHttpTransport
from aliyun_vpc.config import ClientConfig

DESCRIBE = OperationMeta("DescribeVpcs", "describe_vpcs", "m:R", "m:S", True, True, False)


@pytest.fixture
def recorder() -> Iterator[tuple[str, Served]]:
    with json_server({"RequestId": "r-1", "TotalCount": 0}) as served:
        yield f"http://127.0.0.1:{served.port}", served


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
    recorder: tuple[str, Served],
    calls: Callable[[str, str], None],
    http_method: str,
    prefix: str,
) -> None:
    base, served = recorder
    calls(base + prefix, http_method)
    assert len(served.requests) == 2 and served.connections == 1  # kept alive, reused
    request = served.requests[0]
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


def _no_proxy_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def test_injected_transport_uses_httpx_and_a_proxy_the_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _no_proxy_settings(monkeypatch)
    endpoint = "https://vpc.aliyuncs.com"
    assert isinstance(SyncHttpTransport(ClientConfig(), endpoint, None)._sender, HttpcorePoolSender)
    mock = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    injected = SyncHttpTransport(ClientConfig(), endpoint, mock)
    assert not isinstance(injected._sender, HttpcorePoolSender)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    proxied = SyncHttpTransport(ClientConfig(), endpoint, None)
    assert isinstance(proxied._sender, HttpcorePoolSender)


def test_sync_default_sender_through_an_environment_proxy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The request reaches an HTTP proxy in absolute form, with one Host header and the proxy's
    credentials; the answer comes back through it."""
    _no_proxy_settings(monkeypatch)
    with raw_server() as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"http://user:p%40ss@127.0.0.1:{proxy.port}")
        options = _client_options("http://vpc.example.test:8080", "POST")
        options["config"] = ClientConfig(signature_version="v3")  # signs the endpoint's host
        with SyncClientBase(**options) as client:
            assert client._invoke(DESCRIBE, {})["RequestId"] == "raw-1"
    request = split_request(proxy.requests[0])
    assert (request.method, request.target) == ("POST", "http://vpc.example.test:8080/")
    assert request.values("host") == ["vpc.example.test:8080"]
    assert request.values("proxy-authorization") == ["Basic " + b64encode(b"user:p@ss").decode()]


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
