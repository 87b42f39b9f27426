"""Signature V3 (ACS3-HMAC-SHA256).

No document of this project covers V3; the expected values are computed independently here from
Alibaba Cloud's public description of the algorithm (canonical request -> SHA-256 -> HMAC-SHA256 hex),
written out by hand for fixed inputs, and a signed request from the client is re-verified the way a
server would.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote

import httpx
from memory_network import attach

from aliyun_vpc._client_base import SyncClientBase
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc.config import ClientConfig
from aliyun_vpc.credentials import Credentials
from aliyun_vpc.signature_v3 import canonical_request, sign_headers, string_to_sign

EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def hmac_hex(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def test_canonical_request_layout() -> None:
    headers = {
        "Host": "vpc.aliyuncs.com",
        "x-acs-action": "DescribeVpcs",
        "X-Acs-Date": " 2024-01-02T03:04:05Z ",
        "user-agent": "not signed",
    }
    text, signed = canonical_request(
        "get", "/", {"VpcName": "a b", "PageSize": "10"}, headers, EMPTY_SHA256
    )
    assert signed == "host;x-acs-action;x-acs-date"
    assert text == (
        "GET\n/\nPageSize=10&VpcName=a%20b\n"
        "host:vpc.aliyuncs.com\nx-acs-action:DescribeVpcs\nx-acs-date:2024-01-02T03:04:05Z\n\n"
        f"host;x-acs-action;x-acs-date\n{EMPTY_SHA256}"
    )


def test_sign_headers_matches_independent_computation() -> None:
    body = b"CidrBlock=10.0.0.0%2F8&RegionId=cn-hangzhou"
    headers = sign_headers(
        method="POST",
        host="vpc.aliyuncs.com",
        action="CreateVpc",
        version="2016-04-28",
        query={},
        body=body,
        content_type="application/x-www-form-urlencoded",
        credentials=Credentials("AKID", "v3-secret", "sts-tok"),
        date="2024-01-02T03:04:05Z",
        nonce="n-1",
    )
    body_hash = hashlib.sha256(body).hexdigest()
    canonical = (
        "POST\n/\n\n"
        "content-type:application/x-www-form-urlencoded\n"
        "host:vpc.aliyuncs.com\n"
        "x-acs-action:CreateVpc\n"
        f"x-acs-content-sha256:{body_hash}\n"
        "x-acs-date:2024-01-02T03:04:05Z\n"
        "x-acs-security-token:sts-tok\n"
        "x-acs-signature-nonce:n-1\n"
        "x-acs-version:2016-04-28\n\n"
        "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;"
        f"x-acs-signature-nonce;x-acs-version\n{body_hash}"
    )
    to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
    assert string_to_sign(canonical) == to_sign
    signed = canonical.split("\n")[-2]
    assert headers["authorization"] == (
        f"ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders={signed},"
        f"Signature={hmac_hex('v3-secret', to_sign)}"
    )
    assert headers["x-acs-content-sha256"] == body_hash


def verify_like_a_server(request: httpx.Request, secret: str) -> bool:
    """Rebuild the canonical request from what arrived and check the Authorization signature."""
    authorization = request.headers["authorization"]
    fields = dict(part.split("=", 1) for part in authorization.split(" ", 1)[1].split(","))
    names = fields["SignedHeaders"].split(";")
    pairs = sorted(
        (quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in request.url.params.multi_items()
    )
    canonical = "\n".join(
        [
            request.method,
            request.url.path,
            "&".join(f"{k}={v}" for k, v in pairs),
            "".join(f"{name}:{request.headers[name].strip()}\n" for name in names),
            fields["SignedHeaders"],
            hashlib.sha256(request.content).hexdigest(),
        ]
    )
    to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
    return hmac.compare_digest(fields["Signature"], hmac_hex(secret, to_sign))


def test_client_requests_verify_for_get_and_post() -> None:
    op = OperationMeta("DescribeVpcs", "describe_vpcs", "m:R", "m:S", False, True, True)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        return httpx.Response(200, json={"RequestId": "r"})

    for method in ("GET", "POST"):
        config = ClientConfig(signature_version="v3", http_method=method)
        with attach(
            SyncClientBase(
                access_key_id="AKID",
                access_key_secret="v3-secret",
                region_id="cn-hangzhou",
                config=config,
            ),
            handler,
        ) as client:
            client._invoke(op, {"VpcName": "名 *~"})
    assert [r.method for r in seen] == ["GET", "POST"]
    assert all(verify_like_a_server(r, "v3-secret") for r in seen)
    assert not verify_like_a_server(seen[0], "other-secret")
    assert (
        "Signature" not in seen[0].url.params and "SignatureMethod" not in seen[1].content.decode()
    )
