"""The bytes the default senders put on the wire, read back by a loopback server: the request line
for every endpoint form (own port, explicit default port, TLS on :443, an internationalised host,
a path prefix), exactly one Host header with signature v1 and V3, a V3 signature a server can verify,
and the same bytes from the default senders as from an injected httpx transport."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import socket
import ssl
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import httpx
import pytest
import trustme
from loopback_http import WireRequest, raw_server, split_request
from signing_configs import SIGNING

from aliyun_vpc import _pipeline
from aliyun_vpc._client_base import AsyncClientBase, SyncClientBase
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc.config import ClientConfig

DESCRIBE = OperationMeta("DescribeVpcs", "describe_vpcs", "m:R", "m:S", True, True, False)
SECRET = "wire-secret"
IDN_HOST = "bücher.example"
IDN_ASCII = "xn--bcher-kva.example"

Send = Callable[[str, ClientConfig], dict[str, Any]]


def _options(endpoint: str, config: ClientConfig) -> dict[str, Any]:
    return {
        "access_key_id": "AKID",
        "access_key_secret": SECRET,
        "region_id": "cn-hangzhou",
        "endpoint": endpoint,
        "config": config,
        "retry": False,
        "connect_timeout": 5.0,
        "read_timeout": 5.0,
    }


def send_sync(endpoint: str, config: ClientConfig, transport: Any = None) -> dict[str, Any]:
    with SyncClientBase(**_options(endpoint, config), transport=transport) as client:
        return client._invoke(DESCRIBE, {"VpcName": "名 *~", "ClientToken": "wire-token"})


def send_async(endpoint: str, config: ClientConfig, transport: Any = None) -> dict[str, Any]:
    async def call() -> dict[str, Any]:
        async with AsyncClientBase(**_options(endpoint, config), transport=transport) as client:
            return await client._invoke(DESCRIBE, {"VpcName": "名 *~", "ClientToken": "wire-token"})

    return asyncio.run(call())


SENDERS = pytest.mark.parametrize("send", [send_sync, send_async], ids=["sync", "async"])


def verify_v3(request: WireRequest, secret: str) -> bool:
    """Rebuild the canonical request from the bytes that arrived and check the signature."""
    (authorization,) = request.values("authorization")
    fields = dict(part.split("=", 1) for part in authorization.split(" ", 1)[1].split(","))
    names = fields["SignedHeaders"].split(";")
    url = urlsplit(request.target)
    pairs = sorted(
        (quote(k, safe="-_.~"), quote(v, safe="-_.~"))
        for k, v in parse_qsl(url.query, keep_blank_values=True)
    )
    canonical_headers = ""
    for name in names:
        (value,) = request.values(name)
        canonical_headers += f"{name}:{value.strip()}\n"
    canonical = "\n".join(
        [
            request.method,
            url.path,
            "&".join(f"{k}={v}" for k, v in pairs),
            canonical_headers,
            fields["SignedHeaders"],
            hashlib.sha256(request.body).hexdigest(),
        ]
    )
    to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
    expected = hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(fields["Signature"], expected)


def check_request(raw: bytes, config: ClientConfig, host: str, target_path: str) -> None:
    request = split_request(raw)
    assert request.version == "HTTP/1.1"
    assert request.method == config.http_method
    assert urlsplit(request.target).path == target_path
    assert request.target.startswith("/")
    assert request.values("host") == [host]  # exactly one Host header
    if config.signature_version == "v3":
        assert verify_v3(request, SECRET) and not verify_v3(request, "other")
        assert request.values("x-acs-action") == ["DescribeVpcs"]
    else:
        wire = request.body.decode() if request.method == "POST" else urlsplit(request.target).query
        params = dict(parse_qsl(wire))
        assert params["Action"] == "DescribeVpcs" and params["VpcName"] == "名 *~"
    if request.body:
        assert request.values("content-length") == [str(len(request.body))]


@SENDERS
@SIGNING
@pytest.mark.parametrize("prefix", ["", "/gateway/vpc"])
def test_own_port(send: Send, config: ClientConfig, prefix: str) -> None:
    with raw_server() as served:
        assert send(f"http://127.0.0.1:{served.port}{prefix}", config)["RequestId"] == "raw-1"
    check_request(served.requests[0], config, f"127.0.0.1:{served.port}", prefix + "/")


def _bind_or_skip(port: int) -> None:
    probe = socket.socket()
    try:
        probe.bind(("127.0.0.1", port))
    except OSError as error:
        pytest.skip(f"127.0.0.1:{port} is not available here: {error}")
    finally:
        probe.close()


@SENDERS
@SIGNING
def test_explicit_default_http_port(send: Send, config: ClientConfig) -> None:
    _bind_or_skip(80)
    with raw_server(port=80) as served:
        assert send("http://127.0.0.1:80", config)["RequestId"] == "raw-1"
    assert served.requests[0].startswith(f"{config.http_method} /".encode())  # not ":80/"
    check_request(served.requests[0], config, "127.0.0.1", "/")


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def trusted(ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ssl.SSLContext:
    """The server's TLS context for "localhost"; the clients trust its CA (SSL_CERT_FILE)."""
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", IDN_ASCII).configure_cert(context)
    return context


@pytest.fixture
def redirects(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, int], int]:
    """Name resolution as the test sets it: {(ASCII name, port): loopback port} (both senders
    resolve with socket.getaddrinfo), so a name and a well-known port reach a loopback server.
    Any other form of a name (e.g. not IDNA-encoded) resolves as usual."""
    table: dict[tuple[str, int], int] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        loopback = table.get((name, int(port or 0)))
        if loopback is not None:
            host, port = "127.0.0.1", loopback
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@SENDERS
@SIGNING
def test_explicit_default_http_port_of_a_name(
    send: Send, config: ClientConfig, redirects: dict[tuple[str, int], int]
) -> None:
    """As above where port 80 cannot be bound: localhost:80 resolves to the server's port."""
    with raw_server() as served:
        redirects["localhost", 80] = served.port
        assert send("http://localhost:80", config)["RequestId"] == "raw-1"
    assert served.requests[0].startswith(f"{config.http_method} /".encode())
    check_request(served.requests[0], config, "localhost", "/")


@SENDERS
@SIGNING
def test_explicit_default_https_port(
    send: Send,
    config: ClientConfig,
    trusted: ssl.SSLContext,
    redirects: dict[tuple[str, int], int],
) -> None:
    with raw_server(ssl_context=trusted) as served:
        redirects["localhost", 443] = served.port  # the client connects to localhost:443
        assert send("https://localhost:443", config)["RequestId"] == "raw-1"
    check_request(served.requests[0], config, "localhost", "/")


@SENDERS
@SIGNING
def test_internationalised_host(
    send: Send, config: ClientConfig, redirects: dict[tuple[str, int], int]
) -> None:
    with raw_server() as served:
        redirects[IDN_ASCII, served.port] = served.port
        assert send(f"http://{IDN_HOST}:{served.port}", config)["RequestId"] == "raw-1"
    check_request(served.requests[0], config, f"{IDN_ASCII}:{served.port}", "/")


@SENDERS
@pytest.mark.parametrize("signature", ["v1", "v3"])
def test_https_with_idn_host_on_own_port(
    send: Send,
    signature: str,
    trusted: ssl.SSLContext,
    redirects: dict[tuple[str, int], int],
) -> None:
    config = ClientConfig(signature_version=signature)  # type: ignore[arg-type]
    with raw_server(ssl_context=trusted) as served:
        redirects[IDN_ASCII, served.port] = served.port
        assert send(f"https://{IDN_HOST}:{served.port}", config)["RequestId"] == "raw-1"
    check_request(served.requests[0], config, f"{IDN_ASCII}:{served.port}", "/")


@pytest.fixture
def frozen_signing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every signed request gets the same timestamp and nonce (the pipeline's clock and random
    source replaced in that module only), so two calls produce the same bytes."""
    fixed = time.gmtime(1_700_000_000)
    clock = types.SimpleNamespace(
        gmtime=lambda: fixed, strftime=time.strftime, monotonic=time.monotonic
    )
    monkeypatch.setattr(_pipeline, "time", clock)
    monkeypatch.setattr(_pipeline, "os", types.SimpleNamespace(urandom=lambda n: b"\x07" * n))


@pytest.mark.parametrize(
    ("send", "injected"),
    [(send_sync, httpx.HTTPTransport), (send_async, httpx.AsyncHTTPTransport)],
    ids=["sync", "async"],
)
@SIGNING
@pytest.mark.parametrize("prefix", ["", "/gateway/vpc"])
def test_default_sender_and_injected_transport_send_the_same_bytes(
    send: Callable[..., dict[str, Any]],
    injected: Callable[[], Any],
    config: ClientConfig,
    prefix: str,
    frozen_signing: None,
) -> None:
    with raw_server() as served:
        endpoint = f"http://127.0.0.1:{served.port}{prefix}"
        send(endpoint, config)
        send(endpoint, config, injected())
    default, through_httpx = served.requests
    assert default == through_httpx  # method, target, every header line in order, body
    check_request(default, config, f"127.0.0.1:{served.port}", prefix + "/")
