"""The client bases end to end through their default senders on an in-memory network (tests/
memory_network.py): wire format, parsing, errors, options."""

from __future__ import annotations

import re
import subprocess
import sys
import traceback
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from memory_network import attach

from aliyun_vpc._client_base import AsyncClientBase, SyncClientBase
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc._transport import environment_proxy
from aliyun_vpc.config import ClientConfig, resolve_endpoint
from aliyun_vpc.credentials import Credentials
from aliyun_vpc.exceptions import (
    ClientError,
    ParamValidationError,
    ResponseParseError,
    ServerError,
    ThrottlingError,
    VpcApiError,
)
from aliyun_vpc.signing import sign

DESCRIBE = OperationMeta("DescribeVpcs", "describe_vpcs", "m:Req", "m:Resp", False, True, True)
CREATE = OperationMeta("CreateVpc", "create_vpc", "m:Req", "m:Resp", True, False, True)
GLOBAL = OperationMeta("DescribeRegions", "describe_regions", "m:Req", "m:Resp", False, True, False)

SECRET = "S3cr3t-Value-9f"
Handler = Callable[[httpx.Request], httpx.Response]


def wire_params(request: httpx.Request) -> dict[str, str]:
    """The RPC parameters of a request, from its query (GET) or form body (POST)."""
    if request.method == "GET":
        return dict(parse_qsl(urlsplit(str(request.url)).query, keep_blank_values=True))
    return dict(parse_qsl(request.content.decode(), keep_blank_values=True))


def recording(response: httpx.Response, seen: list[httpx.Request]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        return response

    return handler


def sync_client(handler: Handler, **options: Any) -> SyncClientBase:
    options.setdefault("region_id", "cn-hangzhou")
    options.setdefault("retry", False)
    return attach(
        SyncClientBase(access_key_id="AKID", access_key_secret=SECRET, **options), handler
    )


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_request_carries_signed_common_params(method: str) -> None:
    seen: list[httpx.Request] = []
    ok = httpx.Response(200, json={"RequestId": "r-1", "Vpcs": {"Vpc": []}})
    with sync_client(recording(ok, seen), config=ClientConfig(http_method=method)) as client:
        body = client._invoke(DESCRIBE, {"PageSize": "10", "VpcName": "a b*~"})
    assert body == {"RequestId": "r-1", "Vpcs": {"Vpc": []}}
    (request,) = seen
    assert request.method == method
    params = wire_params(request)
    signature = params.pop("Signature")
    assert signature == sign(method, params, SECRET)
    assert params["Action"] == "DescribeVpcs"
    assert params["Version"] == "2016-04-28"
    assert params["Format"] == "JSON"
    assert params["SignatureMethod"] == "HMAC-SHA1"
    assert params["SignatureVersion"] == "1.0"
    assert params["AccessKeyId"] == "AKID"
    assert params["RegionId"] == "cn-hangzhou"
    assert params["VpcName"] == "a b*~"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", params["Timestamp"])
    assert "SecurityToken" not in params
    assert request.url.host == "vpc.aliyuncs.com" and request.url.scheme == "https"
    assert request.headers["user-agent"].startswith("aliyun-vpc-python/")
    if method == "POST":
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        assert request.url.query == b""


def test_nonce_is_unique_per_call_and_security_token_sent() -> None:
    seen: list[httpx.Request] = []
    ok = httpx.Response(200, json={"RequestId": "r"})
    client = attach(
        SyncClientBase(
            credentials=Credentials("STS.id", SECRET, "tok-123"), region_id="cn-beijing"
        ),
        recording(ok, seen),
    )
    with client:
        client._invoke(DESCRIBE, {})
        client._invoke(DESCRIBE, {})
    nonces = {wire_params(r)["SignatureNonce"] for r in seen}
    assert len(nonces) == 2
    assert all(wire_params(r)["SecurityToken"] == "tok-123" for r in seen)


def test_region_and_client_token_filled_but_explicit_values_kept() -> None:
    seen: list[httpx.Request] = []
    ok = httpx.Response(200, json={"RequestId": "r", "VpcId": "vpc-1"})
    with sync_client(recording(ok, seen)) as client:
        client._invoke(CREATE, {})
        client._invoke(CREATE, {"RegionId": "eu-central-1", "ClientToken": "mine"})
        client._invoke(GLOBAL, {})
    first, second, third = (wire_params(r) for r in seen)
    assert first["RegionId"] == "cn-hangzhou"
    assert re.fullmatch(r"[0-9a-f-]{36}", first["ClientToken"])
    assert (second["RegionId"], second["ClientToken"]) == ("eu-central-1", "mine")
    assert "RegionId" not in third and "ClientToken" not in third


def test_missing_region_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALIBABA_CLOUD_REGION_ID", raising=False)
    seen: list[httpx.Request] = []
    with (
        sync_client(recording(httpx.Response(200, json={}), seen), region_id=None) as client,
        pytest.raises(ParamValidationError, match="RegionId"),
    ):
        client._invoke(DESCRIBE, {})
    assert seen == []


def test_region_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_REGION_ID", "ap-southeast-1")
    with sync_client(lambda r: httpx.Response(200, json={}), region_id=None) as client:
        assert client.region_id == "ap-southeast-1"


@pytest.mark.parametrize(
    ("config", "region", "expected"),
    [
        (ClientConfig(), "cn-hangzhou", "https://vpc.aliyuncs.com"),
        (
            ClientConfig(regional_endpoint=True),
            "cn-hangzhou",
            "https://vpc.cn-hangzhou.aliyuncs.com",
        ),
        (ClientConfig(regional_endpoint=True), None, "https://vpc.aliyuncs.com"),
        (ClientConfig(endpoint="http://127.0.0.1:8080/"), "x", "http://127.0.0.1:8080"),
        (
            ClientConfig(endpoint="vpc.example.test", protocol="http"),
            None,
            "http://vpc.example.test",
        ),
    ],
)
def test_endpoint_resolution(config: ClientConfig, region: str | None, expected: str) -> None:
    assert resolve_endpoint(config, region) == expected


def test_custom_endpoint_is_used() -> None:
    seen: list[httpx.Request] = []
    ok = httpx.Response(200, json={})
    with sync_client(recording(ok, seen), endpoint="http://127.0.0.1:9") as client:
        client._invoke(DESCRIBE, {})
    assert str(seen[0].url) == "http://127.0.0.1:9/"


XML_BODY = b"""<?xml version="1.0" encoding="UTF-8"?>
<DescribeVpcsResponse><RequestId>r-x</RequestId><TotalCount>2</TotalCount>
<Vpcs><Vpc><VpcId>vpc-1</VpcId></Vpc><Vpc><VpcId>vpc-2</VpcId></Vpc></Vpcs></DescribeVpcsResponse>"""


def test_xml_format_requested_and_parsed_to_json_shape() -> None:
    seen: list[httpx.Request] = []
    ok = httpx.Response(200, content=XML_BODY)
    with sync_client(recording(ok, seen), config=ClientConfig(response_format="XML")) as client:
        body = client._invoke(DESCRIBE, {})
    assert wire_params(seen[0])["Format"] == "XML"
    assert body == {
        "RequestId": "r-x",
        "TotalCount": "2",
        "Vpcs": {"Vpc": [{"VpcId": "vpc-1"}, {"VpcId": "vpc-2"}]},
    }


ERROR_JSON = {
    "RequestId": "req-9",
    "HostId": "vpc.aliyuncs.com",
    "Code": "InvalidVpcName.Malformed",
    "Message": "The specified VpcName is invalid.",
    "Recommend": "https://example.test/diagnose",
}


@pytest.mark.parametrize(
    ("status", "body", "family"),
    [
        (400, ERROR_JSON, ClientError),
        (404, {**ERROR_JSON, "Code": "InvalidRegionId.NotFound"}, ClientError),
        (500, {**ERROR_JSON, "Code": "InternalError"}, ServerError),
        (503, {**ERROR_JSON, "Code": "ServiceUnavailable"}, ServerError),
        (400, {**ERROR_JSON, "Code": "Throttling.User"}, ThrottlingError),
        (200, ERROR_JSON, ClientError),
    ],
)
def test_error_answers_raise_typed_errors(
    status: int, body: dict[str, str], family: type[VpcApiError]
) -> None:
    with (
        sync_client(lambda r: httpx.Response(status, json=body)) as client,
        pytest.raises(family) as caught,
    ):
        client._invoke(DESCRIBE, {})
    error = caught.value
    from aliyun_vpc.errors import ERRORS_BY_CODE

    # A documented code raises its own generated class, within the family of its HTTP status.
    assert type(error) is ERRORS_BY_CODE.get(body["Code"], family)
    assert isinstance(error, family)
    assert (error.code, error.message) == (body["Code"], body["Message"])
    assert (error.request_id, error.host_id, error.recommend) == (
        "req-9",
        "vpc.aliyuncs.com",
        "https://example.test/diagnose",
    )
    assert error.http_status == status and error.operation == "DescribeVpcs"
    assert body["Code"] in str(error) and "req-9" in str(error)


def test_xml_error_body() -> None:
    xml = (
        b"<Error><RequestId>r-e</RequestId><HostId>h</HostId><Code>Forbidden.RAM</Code>"
        b"<Message>denied</Message></Error>"
    )
    config = ClientConfig(response_format="XML")
    with (
        sync_client(lambda r: httpx.Response(403, content=xml), config=config) as client,
        pytest.raises(ClientError) as caught,
    ):
        client._invoke(DESCRIBE, {})
    assert (caught.value.code, caught.value.request_id, caught.value.http_status) == (
        "Forbidden.RAM",
        "r-e",
        403,
    )


def test_documented_code_maps_to_generated_class(monkeypatch: pytest.MonkeyPatch) -> None:
    from aliyun_vpc import parsing

    class InvalidVpcNameMalformed(ClientError):
        pass

    table = {"InvalidVpcName.Malformed": InvalidVpcNameMalformed}
    monkeypatch.setattr(parsing, "_ERRORS_BY_CODE", table)
    undocumented = {**ERROR_JSON, "Code": "Some.Undocumented"}
    answers = iter([ERROR_JSON, undocumented])
    with sync_client(lambda r: httpx.Response(400, json=next(answers))) as client:
        with pytest.raises(InvalidVpcNameMalformed):
            client._invoke(DESCRIBE, {})
        with pytest.raises(ClientError) as caught:
            client._invoke(DESCRIBE, {})
    assert type(caught.value) is ClientError and caught.value.code == "Some.Undocumented"


@pytest.mark.parametrize(
    "content",
    [b'{"RequestId": "r", "Vpcs": {"Vpc": [', b"<html>oops</html>", b"[1, 2]", b"", b"\xff\xfe"],
)
def test_unreadable_success_body_is_a_parse_error(content: bytes) -> None:
    with (
        sync_client(lambda r: httpx.Response(200, content=content)) as client,
        pytest.raises(ResponseParseError) as caught,
    ):
        client._invoke(DESCRIBE, {})
    assert caught.value.http_status == 200
    rendered = "".join(traceback.format_exception(caught.value))
    assert "JSONDecodeError" not in rendered and "UnicodeDecodeError" not in rendered


def test_truncated_xml_is_a_parse_error() -> None:
    config = ClientConfig(response_format="XML")
    truncated = XML_BODY[: len(XML_BODY) // 2]
    with (
        sync_client(lambda r: httpx.Response(200, content=truncated), config=config) as client,
        pytest.raises(ResponseParseError),
    ):
        client._invoke(DESCRIBE, {})


def test_unreadable_error_body_keeps_http_family() -> None:
    with (
        sync_client(lambda r: httpx.Response(502, content=b"<html>Bad gateway</html>")) as client,
        pytest.raises(ServerError) as caught,
    ):
        client._invoke(DESCRIBE, {})
    assert caught.value.code == "HTTP502" and caught.value.http_status == 502


def test_xml_entities_are_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;">]><R><RequestId>&b;</RequestId></R>'
    )
    config = ClientConfig(response_format="XML")
    with (
        sync_client(lambda r: httpx.Response(200, content=bomb), config=config) as client,
        pytest.raises(ResponseParseError),
    ):
        client._invoke(DESCRIBE, {})


def test_signature_v3_opt_in_sends_authorization_header() -> None:
    seen: list[httpx.Request] = []
    ok = httpx.Response(200, json={"RequestId": "r"})
    config = ClientConfig(signature_version="v3")
    with sync_client(recording(ok, seen), config=config) as client:
        client._invoke(DESCRIBE, {"PageSize": "5"})
    (request,) = seen
    assert request.headers["x-acs-action"] == "DescribeVpcs"
    assert request.headers["x-acs-version"] == "2016-04-28"
    assert request.headers["authorization"].startswith("ACS3-HMAC-SHA256 Credential=AKID,")
    assert wire_params(request) == {"PageSize": "5", "RegionId": "cn-hangzhou"}


def test_timeouts_and_retry_options_reach_config() -> None:
    with sync_client(lambda r: httpx.Response(200), connect_timeout=1.5, read_timeout=7) as client:
        assert (client.config.connect_timeout, client.config.read_timeout) == (1.5, 7)
        assert client.config.retry.max_attempts == 1


async def test_async_client_round_trip_and_errors() -> None:
    seen: list[httpx.Request] = []
    answers = iter(
        [
            httpx.Response(200, json={"RequestId": "r-a"}),
            httpx.Response(400, json={"Code": "Throttling", "Message": "slow down"}),
        ]
    )

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return next(answers)

    async with AsyncClientBase(
        access_key_id="AKID", access_key_secret=SECRET, region_id="cn-hangzhou", retry=False
    ) as client:
        attach(client, handler)
        body = await client._invoke(CREATE, {"CidrBlock": "10.0.0.0/8"})
        with pytest.raises(ThrottlingError):
            await client._invoke(DESCRIBE, {})
    assert body == {"RequestId": "r-a"}
    params = wire_params(seen[0])
    assert params.pop("Signature") == sign("POST", params, SECRET)
    assert params["CidrBlock"] == "10.0.0.0/8"


def test_repr_shows_endpoint_not_credentials() -> None:
    with sync_client(lambda r: httpx.Response(200)) as client:
        text = repr(client) + repr(client._core)
    assert "vpc.aliyuncs.com" in text and SECRET not in text and "AKID" not in text


def test_construction_loads_no_http_stack_until_the_first_request() -> None:
    code = (
        "import sys, aliyun_vpc\n"
        "c = aliyun_vpc.VpcClient(access_key_id='a', access_key_secret='b', region_id='r')\n"
        "print(sorted(m for m in ('httpx', 'httpcore', 'asyncio', 'ssl', 'msgspec') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_closed_client_refuses_calls() -> None:
    client = sync_client(lambda r: httpx.Response(200, json={}))
    client._invoke(DESCRIBE, {})
    client.close()
    with pytest.raises(RuntimeError, match="closed"):
        client._invoke(DESCRIBE, {})


async def test_closed_async_client_refuses_calls() -> None:
    client = AsyncClientBase(region_id="r", credentials=Credentials("AKID", SECRET))
    await client.close()
    with pytest.raises(RuntimeError, match="closed"):
        await client._invoke(DESCRIBE, {})


@pytest.mark.parametrize(
    ("environ", "endpoint", "expected"),
    [
        ({}, "https://vpc.aliyuncs.com", None),
        ({"HTTPS_PROXY": "http://proxy:3128"}, "https://vpc.aliyuncs.com", "http://proxy:3128"),
        ({"HTTPS_PROXY": "http://proxy:3128"}, "http://127.0.0.1:8080", None),
        ({"HTTP_PROXY": "proxy:3128"}, "http://127.0.0.1:8080", "http://proxy:3128"),
        ({"ALL_PROXY": "socks5://s:1080"}, "https://vpc.aliyuncs.com", "socks5://s:1080"),
        (
            {"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": ".aliyuncs.com"},
            "https://vpc.aliyuncs.com",
            None,
        ),
    ],
)
def test_environment_proxy(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], endpoint: str, expected: str | None
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert environment_proxy(endpoint) == expected
