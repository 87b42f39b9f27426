"""HTTPS through the default senders against a loopback TLS server: certificates are verified
(the CA comes from SSL_CERT_FILE, as httpx reads it), an untrusted one fails before anything is sent.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from loopback_http import json_server

from aliyun_vpc._client_base import AsyncClientBase, SyncClientBase
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc.exceptions import TransportError

DESCRIBE = OperationMeta("DescribeVpcs", "describe_vpcs", "m:R", "m:S", True, True, False)
DELETE = OperationMeta("DeleteVpc", "delete_vpc", "m:R", "m:S", False, False, False)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_endpoint(ca: trustme.CA) -> Iterator[str]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost").configure_cert(context)
    with json_server({"RequestId": "tls-1"}, context) as served:
        yield f"https://localhost:{served.port}"


def _options(endpoint: str) -> dict[str, object]:
    return {
        "access_key_id": "AKID",
        "access_key_secret": "secret",
        "region_id": "cn-hangzhou",
        "endpoint": endpoint,
        "retry": False,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
    }


def _trust(ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


def test_sync_https_with_a_trusted_certificate(
    tls_endpoint: str, ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _trust(ca, tmp_path, monkeypatch)
    with SyncClientBase(**_options(tls_endpoint)) as client:  # type: ignore[arg-type]
        assert client._invoke(DESCRIBE, {})["RequestId"] == "tls-1"


def test_async_https_with_a_trusted_certificate(
    tls_endpoint: str, ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _trust(ca, tmp_path, monkeypatch)

    async def call() -> str:
        async with AsyncClientBase(**_options(tls_endpoint)) as client:  # type: ignore[arg-type]
            return str((await client._invoke(DESCRIBE, {}))["RequestId"])

    assert asyncio.run(call()) == "tls-1"


def test_an_untrusted_certificate_is_refused(
    tls_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)  # the default bundle: not our test CA
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with (
        SyncClientBase(**_options(tls_endpoint)) as client,  # type: ignore[arg-type]
        pytest.raises(TransportError, match="ConnectError.*CERTIFICATE_VERIFY_FAILED"),
    ):
        client._invoke(DELETE, {"VpcId": "vpc-1"})

    async def call() -> None:
        async with AsyncClientBase(**_options(tls_endpoint)) as client:  # type: ignore[arg-type]
            await client._invoke(DELETE, {"VpcId": "vpc-1"})

    with pytest.raises(TransportError, match="ConnectError.*CERTIFICATE_VERIFY_FAILED"):
        asyncio.run(call())
