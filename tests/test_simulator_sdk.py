"""Compatibility with a client we did not write: the official aliyun-python-sdk-core / -vpc.

The SDK signs its own requests (RegionId, SignatureType and its own URL encoding included); with
signature verification on, every successful call here proves our verification agrees with it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator

pytest.importorskip("aliyunsdkcore")
pytest.importorskip("aliyunsdkvpc")

from aliyunsdkcore.acs_exception.exceptions import ServerException  # type: ignore[import-untyped]
from aliyunsdkcore.client import AcsClient  # type: ignore[import-untyped]
from aliyunsdkvpc.request.v20160428 import (  # type: ignore[import-untyped]
    CreateVpcRequest,
    DeleteVpcRequest,
    DescribeVpcsRequest,
)

FIXTURE_SPEC = Path(__file__).parent / "fixtures" / "sim_spec.json"


@pytest.fixture
def endpoint_host() -> Iterator[str]:
    with Simulator(spec_path=FIXTURE_SPEC, ready_after_describes=0) as simulator:
        yield simulator.endpoint.removeprefix("http://")


def run(client: AcsClient, request: Any, host: str) -> dict[str, Any]:
    """Send an SDK request to the simulator over plain HTTP and decode the JSON answer."""
    request.set_endpoint(host)
    request.set_protocol_type("http")
    body: dict[str, Any] = json.loads(client.do_action_with_exception(request))
    return body


def test_official_sdk_create_describe_delete(endpoint_host: str) -> None:
    client = AcsClient(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, "cn-hangzhou")
    create = CreateVpcRequest.CreateVpcRequest()
    create.set_VpcName("sdk-vpc")
    create.set_CidrBlock("192.168.0.0/16")
    vpc_id = run(client, create, endpoint_host)["VpcId"]

    listed = run(client, DescribeVpcsRequest.DescribeVpcsRequest(), endpoint_host)
    assert listed["TotalCount"] == 1
    vpc = listed["Vpcs"]["Vpc"][0]
    assert (vpc["VpcId"], vpc["VpcName"], vpc["CidrBlock"], vpc["RegionId"]) == (
        vpc_id,
        "sdk-vpc",
        "192.168.0.0/16",
        "cn-hangzhou",
    )

    delete = DeleteVpcRequest.DeleteVpcRequest()
    delete.set_VpcId(vpc_id)
    run(client, delete, endpoint_host)
    assert run(client, DescribeVpcsRequest.DescribeVpcsRequest(), endpoint_host)["TotalCount"] == 0

    again = DeleteVpcRequest.DeleteVpcRequest()
    again.set_VpcId(vpc_id)
    with pytest.raises(ServerException) as raised:
        run(client, again, endpoint_host)
    assert (raised.value.get_http_status(), raised.value.get_error_code()) == (
        404,
        "InvalidVpcId.NotFound",
    )


def test_official_sdk_with_a_wrong_secret_is_refused(endpoint_host: str) -> None:
    client = AcsClient(DEFAULT_ACCESS_KEY_ID, "wrong-secret", "cn-hangzhou")
    with pytest.raises(ServerException) as raised:
        run(client, DescribeVpcsRequest.DescribeVpcsRequest(), endpoint_host)
    assert raised.value.get_error_code() == "IncompleteSignature"
