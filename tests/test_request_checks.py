"""Bad requests and settings are refused before anything is sent, as `ParamValidationError`
naming what is wrong (never quoting a secret)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest
from hostile_support import SECRET, TOKEN, Answer, raw_server

from aliyun_vpc import AsyncVpcClient, VpcClient
from aliyun_vpc.config import ClientConfig
from aliyun_vpc.credentials import InvalidCredentialsError
from aliyun_vpc.exceptions import ParamValidationError
from aliyun_vpc.models import CreateBandwidthPackageRequest, DescribeVpcsRequest
from aliyun_vpc.retries import RetryPolicy

OK = b'{"RequestId": "r", "TotalCount": 0, "Vpcs": {"Vpc": []}}'


@pytest.fixture
def answer() -> Answer:
    return Answer(200, OK)


@pytest.fixture
def client(answer: Answer) -> Iterator[VpcClient]:
    with (
        raw_server(answer) as url,
        VpcClient(
            access_key_id="AK",
            access_key_secret=SECRET,
            region_id="cn-hangzhou",
            endpoint=url,
            retry=False,
        ) as client,
    ):
        yield client


def test_the_server_is_reached_by_a_good_request(client: VpcClient, answer: Answer) -> None:
    client.describe_vpcs(DescribeVpcsRequest(vpc_name="prod"))
    assert len(answer.requests) == 1 and "Action=DescribeVpcs" in answer.requests[0]


@pytest.mark.parametrize(
    ("call", "names"),
    [
        (lambda c: c.describe_vpcs({"VpcId": "x"}), ("DescribeVpcsRequest", "dict")),
        (
            lambda c: c.delete_vpc(DescribeVpcsRequest(vpc_name="prod")),
            ("DeleteVpcRequest", "DescribeVpcsRequest"),
        ),
        (lambda c: c.describe_vpcs("DescribeVpcs"), ("DescribeVpcsRequest", "str")),
    ],
    ids=["dict", "another-operation", "text"],
)
def test_a_positional_request_of_another_class_is_refused_naming_both(
    client: VpcClient, answer: Answer, call: Any, names: tuple[str, str]
) -> None:
    with pytest.raises(ParamValidationError) as caught:
        call(client)
    assert all(name in str(caught.value) for name in names)
    assert answer.requests == []


async def test_the_async_client_checks_the_request_class_too() -> None:
    async with AsyncVpcClient(
        access_key_id="AK", access_key_secret=SECRET, region_id="cn-hangzhou"
    ) as client:
        with pytest.raises(ParamValidationError, match="DeleteVpcRequest"):
            await client.delete_vpc(DescribeVpcsRequest(vpc_name="prod"))  # type: ignore[call-overload]


LONE = "\ud800"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"vpc_name": f"prod{LONE}"},
        {"vpc_id": LONE},
        {"resource_group_id": f"{SECRET}{LONE}"},
    ],
)
def test_unencodable_text_is_refused_without_echoing_it(
    client: Any, answer: Answer, kwargs: dict[str, str]
) -> None:
    with pytest.raises(ParamValidationError, match="cannot be encoded") as caught:
        client.describe_vpcs(**kwargs)
    text = str(caught.value) + repr(caught.value)
    assert SECRET not in text and LONE not in text and caught.value.__context__ is None
    assert answer.requests == []


@pytest.mark.parametrize("where", ["secret", "token"])
def test_unencodable_credentials_are_refused_without_echoing_them(
    answer: Answer, where: str
) -> None:
    """Refused as the credentials are loaded (by the first call), before anything is sent."""
    secret, token = (SECRET + LONE, None) if where == "secret" else (SECRET, TOKEN + LONE)
    with (
        raw_server(answer) as url,
        VpcClient(
            access_key_id="AK",
            access_key_secret=secret,
            security_token=token,
            region_id="cn-hangzhou",
            endpoint=url,
        ) as client,
        pytest.raises(InvalidCredentialsError) as caught,
    ):
        client.describe_vpcs()
    text = str(caught.value) + repr(caught.value)
    assert SECRET not in text and TOKEN not in text
    assert caught.value.__context__ is None and caught.value.__cause__ is None
    assert answer.requests == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"page_size": 10**4500}, "bits is out of range"),  # int->str would raise ValueError
        ({"page_size": 2**31}, "out of range"),  # beyond the 32-bit Integer
        ({"page_size": 51}, r"out of range; allowed .*\.\.50"),  # documented maximum 50
        ({"page_number": -(2**31) - 1}, "out of range"),
    ],
)
def test_integers_beyond_their_type_or_documented_range_are_refused(
    client: Any, answer: Answer, kwargs: dict[str, int], message: str
) -> None:
    with pytest.raises(ParamValidationError, match=message):
        client.describe_vpcs(**kwargs)
    assert answer.requests == []


@pytest.mark.parametrize(
    ("bandwidth", "ip_count", "accepted"),
    [(5, 1, True), (1000, 50, True), (4, 1, False), (5, 0, False), (5, 51, False)],
)
def test_documented_minimum_and_maximum_are_checked(
    bandwidth: int, ip_count: int, accepted: bool
) -> None:
    request = CreateBandwidthPackageRequest(
        bandwidth=bandwidth, ip_count=ip_count, nat_gateway_id="ngw-1"
    )
    if accepted:
        assert request.to_query()["IpCount"] == str(ip_count)
    else:
        with pytest.raises(ParamValidationError, match="out of range"):
            request.to_query()


def test_a_long_parameter_takes_64_bits() -> None:
    from aliyun_vpc.models import GrantInstanceToCenRequest

    request = GrantInstanceToCenRequest(
        cen_id="cen", cen_owner_id=2**40, instance_id="vpc", instance_type="VPC"
    )
    assert request.to_query()["CenOwnerId"] == str(2**40)
    with pytest.raises(ParamValidationError, match="out of range"):
        GrantInstanceToCenRequest(
            cen_id="cen", cen_owner_id=2**63, instance_id="vpc", instance_type="VPC"
        ).to_query()


def _nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {"Psk": "x"}
    for _ in range(depth):
        value = {"a": value}
    return value


def _self_sharing(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels):
        value = [value, value]
    return value


@pytest.mark.parametrize(
    "ike_config",
    [_nested(1_000), _nested(100_000), _self_sharing(60)],
    ids=["1000", "100000", "2**60-shared"],
)
def test_a_json_parameter_nested_too_deep_or_too_large_is_refused(ike_config: Any) -> None:
    from aliyun_vpc.models import CreateVpnConnectionRequest

    request = CreateVpnConnectionRequest(
        customer_gateway_id="cgw",
        local_subnet="10.0.0.0/8",
        remote_subnet="10.1.0.0/16",
        vpn_gateway_id="vpn",
        ike_config=ike_config,
    )
    with pytest.raises(ParamValidationError, match="CreateVpnConnectionRequest.ike_config"):
        request.to_query()


@pytest.mark.parametrize(
    ("settings", "named", "allowed"),
    [
        ({"http_method": "PUT"}, "http_method", "'POST' or 'GET'"),
        ({"response_format": "YAML"}, "response_format", "'JSON' or 'XML'"),
        ({"signature_version": "v9"}, "signature_version", "'v1' or 'v3'"),
        ({"protocol": "ftp"}, "protocol", "'https' or 'http'"),
        ({"region_id": 123}, "region_id", "text"),
        ({"region_id": "cn-hangzhou\n"}, "region_id", "printable"),
        ({"endpoint": ""}, "endpoint", "non-empty"),
        ({"connect_timeout": -1}, "connect_timeout", "positive"),
        ({"read_timeout": 0}, "read_timeout", "positive"),
        ({"read_timeout": math.inf}, "read_timeout", "positive"),
        ({"read_timeout": "10"}, "read_timeout", "positive"),
        ({"max_connections": 0}, "max_connections", "positive integer"),
        ({"regional_endpoint": "yes"}, "regional_endpoint", "True or False"),
        ({"retry": 3}, "retry", "RetryPolicy"),
        ({"retry": RetryPolicy(max_attempts=0)}, "retry.max_attempts", "positive"),
        ({"retry": RetryPolicy(total_deadline=-5)}, "retry.total_deadline", "positive"),
        ({"retry": RetryPolicy(base_delay=-1)}, "retry.base_delay", "zero or a positive"),
    ],
)
def test_bad_settings_are_refused_when_the_config_is_built(
    settings: dict[str, Any], named: str, allowed: str
) -> None:
    with pytest.raises(ParamValidationError) as caught:
        ClientConfig(**settings)
    assert f"ClientConfig.{named}:" in str(caught.value) and allowed in str(caught.value)


@pytest.mark.parametrize(
    "kwargs",
    [{"region_id": 123}, {"read_timeout": -1}, {"connect_timeout": -0.5}, {"endpoint": 5}],
)
@pytest.mark.parametrize("client_class", [VpcClient, AsyncVpcClient])
def test_bad_settings_are_refused_when_the_client_is_built(
    client_class: type, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(ParamValidationError, match=next(iter(kwargs))):
        client_class(access_key_id="AK", access_key_secret=SECRET, **kwargs)


def test_the_default_settings_are_valid() -> None:
    assert ClientConfig().http_method == "POST"
    assert ClientConfig(region_id="cn-hangzhou", read_timeout=1, retry=RetryPolicy.disabled())
