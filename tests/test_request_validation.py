"""Request values of the wrong type are refused before anything is signed or sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from memory_network import attach

from aliyun_vpc import VpcClient
from aliyun_vpc.exceptions import ParamValidationError
from aliyun_vpc.models import CreateVpnConnectionRequest, Tag


@pytest.fixture
def client_and_sent() -> Iterator[tuple[VpcClient, list[httpx.Request]]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"RequestId": "r", "TotalCount": 0})

    with attach(
        VpcClient(
            access_key_id="AKID",
            access_key_secret="secret",
            region_id="cn-hangzhou",
        ),
        handler,
    ) as client:
        yield client, sent


@pytest.mark.parametrize(
    ("method", "kwargs", "message"),
    [
        (
            "describe_vpcs",
            {"page_size": "x"},
            "DescribeVpcsRequest.page_size: expected int, got str",
        ),
        (
            "describe_vpcs",
            {"page_size": True},
            "DescribeVpcsRequest.page_size: expected int, got bool",
        ),
        ("describe_vpcs", {"is_default": "yes"}, "DescribeVpcsRequest.is_default: expected bool"),
        (
            "create_vpc",
            {"cidr_block": ["10.0.0.0/8"]},
            "CreateVpcRequest.cidr_block: expected str, got list",
        ),
        ("create_vpc", {"vpc_name": 1.5}, "CreateVpcRequest.vpc_name: expected str, got float"),
        ("create_vpc", {"vpc_name": True}, "CreateVpcRequest.vpc_name: expected str, got bool"),
        (
            "describe_vpcs",
            {"tags": [{"Key": "env", "Value": "prod"}]},
            "DescribeVpcsRequest.tags: expected a list of Tag, got dict",
        ),
        ("describe_vpcs", {"tags": Tag(key="env")}, "DescribeVpcsRequest.tags: expected a list"),
    ],
)
def test_wrong_types_are_named_and_nothing_is_sent(
    client_and_sent: tuple[VpcClient, list[httpx.Request]],
    method: str,
    kwargs: dict[str, Any],
    message: str,
) -> None:
    client, sent = client_and_sent
    with pytest.raises(ParamValidationError, match=message.replace(".", r"\.")):
        getattr(client, method)(**kwargs)
    assert sent == []


def test_right_types_are_encoded(client_and_sent: tuple[VpcClient, list[httpx.Request]]) -> None:
    client, sent = client_and_sent
    client.describe_vpcs(page_size=50, is_default=False, tags=(Tag(key="env", value="prod"),))
    body = sent[0].read().decode()
    assert "PageSize=50" in body and "IsDefault=false" in body and "Tag.1.Key=env" in body


def test_an_int_is_accepted_where_the_documents_type_an_id_as_text() -> None:
    from aliyun_vpc.models import CreateVirtualBorderRouterRequest

    request = CreateVirtualBorderRouterRequest(
        physical_connection_id="pc-1", vbr_owner_id=1234567890123, vlan_id=100  # type: ignore[arg-type]
    )
    query = request.to_query()
    assert query["VlanId"] == "100" and query["VbrOwnerId"] == "1234567890123"


def test_json_parameters_take_mappings_lists_or_text_only() -> None:
    base = {
        "customer_gateway_id": "cgw",
        "local_subnet": "a",
        "remote_subnet": "b",
        "vpn_gateway_id": "vpn",
    }
    with pytest.raises(ParamValidationError, match="ike_config: expected a dict, list or JSON"):
        CreateVpnConnectionRequest(**base, ike_config=42).to_query()  # type: ignore[arg-type]
    with pytest.raises(ParamValidationError, match="ike_config: not JSON-serialisable"):
        CreateVpnConnectionRequest(**base, ike_config={"Psk": object()}).to_query()


def test_the_message_names_the_type_never_the_value() -> None:
    from aliyun_vpc.models import CreateBgpGroupRequest

    request = CreateBgpGroupRequest(
        peer_asn="65001", router_id="vbr-1", auth_key=b"987654321"  # type: ignore[arg-type]
    )
    with pytest.raises(ParamValidationError) as caught:
        request.to_query()
    assert "auth_key: expected str, got bytes" in str(caught.value)
    assert "987654321" not in str(caught.value)


def test_enum_members_go_out_as_their_value() -> None:
    from aliyun_vpc.models import CreateFlowLogRequest, TrafficType
    from aliyun_vpc.models import CreateFlowLogResourceType as ResourceType

    request = CreateFlowLogRequest(
        resource_id="eni-1",
        resource_type=ResourceType("NetworkInterface"),
        traffic_type=TrafficType.ALL,
        project_name="p",
        log_store_name="l",
    )
    query = request.to_query()
    assert type(query["TrafficType"]) is str and query["TrafficType"] == "All"
    assert query["ResourceType"] == "NetworkInterface"


def test_a_shape_shared_by_operations_is_one_class_and_another_meaning_is_refused() -> None:
    from aliyun_vpc import models

    request = models.DescribeVpcsRequest(tags=[models.Tag(key="env", value="a")])
    assert request.to_query() == {"Tag.1.Key": "env", "Tag.1.Value": "a"}
    tagged = models.TagResourcesRequest(
        resource_type="VPC", resource_ids=["vpc-1"], tags=[models.Tag(key="env", value="a")]
    )
    assert tagged.to_query()["Tag.1.Key"] == "env"  # the same `Tag` for both operations

    shared = models.Filter(key="Status", values=["Active"])  # Key + Value.N, five operations
    query = models.DescribeAccessPointsRequest(type_="VPC", filters=[shared]).to_query()
    assert query["Filter.1.Key"] == "Status" and query["Filter.1.Value.1"] == "Active"
    other = models.DescribeEipAddressesRequestFilter(key="Status", value="Active")  # Key + Value
    with pytest.raises(
        ParamValidationError,
        match="expected a list of Filter, got "
        "aliyun_vpc._generated.models.eip.DescribeEipAddressesRequestFilter",
    ):
        models.DescribeAccessPointsRequest(type_="VPC", filters=[other]).to_query()


def test_former_operation_modules_still_import_with_a_deprecation_warning() -> None:
    from aliyun_vpc import models

    with pytest.warns(DeprecationWarning, match=r"aliyun_vpc\.models\.describe_eip_addresses"):
        from aliyun_vpc.models.describe_eip_addresses import (  # type: ignore[import-not-found]
            DescribeEipAddressesRequest,
            Filter,
        )
    assert DescribeEipAddressesRequest is models.DescribeEipAddressesRequest
    assert Filter is models.DescribeEipAddressesRequestFilter  # the former name of its shape
    with pytest.warns(DeprecationWarning):
        from aliyun_vpc.models import tag_resources  # type: ignore[attr-defined]
    assert tag_resources.Tag is models.Tag


def test_every_former_name_is_still_served() -> None:
    from aliyun_vpc._generated.models._former import FORMER_MODULES

    from generator.codegen.naming import snake_case
    from generator.codegen.shapes import load_former

    recorded = {snake_case(op): sorted(names) for op, names in load_former().items()}
    assert {module: sorted(names) for module, names in FORMER_MODULES.items()} == recorded
