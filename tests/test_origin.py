"""The endpoint parsed once into what requests are built from (`_origin.Origin`)."""

from __future__ import annotations

import pytest

from aliyun_vpc._origin import Origin
from aliyun_vpc.exceptions import ParamValidationError


@pytest.mark.parametrize(
    ("endpoint", "host", "port", "host_header", "path"),
    [
        ("https://vpc.aliyuncs.com", "vpc.aliyuncs.com", 443, "vpc.aliyuncs.com", ""),
        ("https://VPC.Aliyuncs.com:443", "vpc.aliyuncs.com", 443, "vpc.aliyuncs.com", ""),
        ("http://127.0.0.1:80", "127.0.0.1", 80, "127.0.0.1", ""),
        ("http://127.0.0.1:8080/gw/vpc/", "127.0.0.1", 8080, "127.0.0.1:8080", "/gw/vpc"),
        ("https://host:80", "host", 80, "host:80", ""),
        ("http://[::1]:8080", "::1", 8080, "[::1]:8080", ""),
        ("https://[0:0::1]", "::1", 443, "[::1]", ""),
        ("https://Bücher.example", "xn--bcher-kva.example", 443, "xn--bcher-kva.example", ""),
    ],
)
def test_parts(endpoint: str, host: str, port: int, host_header: str, path: str) -> None:
    origin = Origin.parse(endpoint)
    assert (origin.host, origin.port, origin.host_header, origin.path) == (
        host,
        port,
        host_header,
        path,
    )
    assert origin.target() == f"{path}/" and origin.target("a=1") == f"{path}/?a=1"
    assert origin.url("/") == f"{origin.scheme}://{host_header}/"


@pytest.mark.parametrize(
    "endpoint", ["ftp://host", "http://", "http://host:99999", "http://host:x", "http://a..b\u00e9"]
)
def test_unusable_endpoints_are_refused_by_name(endpoint: str) -> None:
    with pytest.raises(ParamValidationError, match="endpoint"):
        Origin.parse(endpoint)
