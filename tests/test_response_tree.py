"""Response trees from flat rows: explicit parents, examples, marks, unmarked children, named types."""

from __future__ import annotations

from typing import Any

from generator.extract.raw import RawField, RawNamedType, Warning
from generator.extract.response_tree import ResponseContext, build_response
from generator.model import Field


def row(name: str, type_: str = "String", example: str | None = "x", **kw: Any) -> RawField:
    return RawField(
        name, type_, example, kw.pop("description", f"The {name}."), kw.pop("line", 1), **kw
    )


def build(
    rows: list[RawField],
    example: dict[str, Any] | None = None,
    named: list[RawNamedType] | None = None,
    is_json: bool = True,
) -> tuple[list[Field], list[Warning]]:
    warnings: list[Warning] = []
    context = ResponseContext("doc", "Op", {n.name: n for n in named or []}, warnings, 99)
    return build_response(rows, example, context, example_is_json=is_json), warnings


def names(fields: list[Field]) -> list[str]:
    return [f.name for f in fields]


def by_name(fields: list[Field], name: str) -> Field:
    return next(f for f in fields if f.name == name)


DESCRIBE_VPCS_ROWS = [  # 000 l.1778: marks, grandchildren with the same single mark
    row("Vpcs", "", None),
    row("└CidrBlock", marked=True),
    row("└Tags", "", None, marked=True),
    row("└Key", marked=True),
    row("└Value", marked=True),
    row("└UserCidrs", "", "10.0.0.0/8", marked=True),
    row("└VSwitchIds", "", '{ "VSwitchId": [] }', marked=True),
    row("└VpcId", marked=True),
    row("TotalCount", "Integer", "1"),
    row("RequestId"),
]
DESCRIBE_VPCS_EXAMPLE = {
    "TotalCount": 1,
    "RequestId": "r",
    "Vpcs": {
        "Vpc": [
            {
                "CidrBlock": "10.0.0.0/24",
                "Tags": {"Tag": [{"Key": "env", "Value": "x"}]},
                "UserCidrs": {"UserCidr": []},
                "VSwitchIds": {"VSwitchId": ["vsw-1"]},
                "VpcId": "vpc-1",
            }
        ]
    },
}


def test_marked_rows_nest_by_the_example() -> None:
    fields, warnings = build(DESCRIBE_VPCS_ROWS, DESCRIBE_VPCS_EXAMPLE)
    assert names(fields) == ["Vpcs", "TotalCount", "RequestId"]
    vpcs = fields[0]
    assert (vpcs.type, vpcs.item_name, vpcs.item_type, vpcs.model) == (
        "list",
        "Vpc",
        "object",
        "Vpc",
    )
    assert names(vpcs.fields) == ["CidrBlock", "Tags", "UserCidrs", "VSwitchIds", "VpcId"]
    tags = by_name(vpcs.fields, "Tags")
    assert (tags.type, tags.item_name, tags.model, names(tags.fields)) == (
        "list",
        "Tag",
        "Tag",
        ["Key", "Value"],
    )
    switches = by_name(vpcs.fields, "VSwitchIds")
    assert (switches.type, switches.item_name, switches.item_type) == (
        "list",
        "VSwitchId",
        "string",
    )
    assert by_name(fields, "TotalCount").type == "integer"
    assert warnings == []


def test_marked_rows_without_example_close_a_nested_container_at_a_container_row() -> None:
    fields, _ = build(DESCRIBE_VPCS_ROWS)
    vpcs = fields[0]
    assert names(fields) == ["Vpcs", "TotalCount", "RequestId"]
    assert names(vpcs.fields) == ["CidrBlock", "Tags", "UserCidrs", "VSwitchIds", "VpcId"]
    assert names(by_name(vpcs.fields, "Tags").fields) == ["Key", "Value"]
    user_cidrs = by_name(vpcs.fields, "UserCidrs")
    assert (user_cidrs.type, user_cidrs.item_type) == ("list", "string")
    # the example cell '{ "VSwitchId": [] }' shows the wrapper
    assert by_name(vpcs.fields, "VSwitchIds").item_name == "VSwitchId"


def test_unmarked_children_end_where_the_example_says() -> None:
    # 004 l.474: container row with empty type, children listed flat with no mark
    rows = [
        row("PhysicalConnectionSet", "", None),
        row("AccessPointId"),
        row("ChargeType"),  # absent from the example: stays in the open container
        row("TotalCount", "Integer", "1"),
        row("Spec"),  # after a top-level row: top level
    ]
    example = {
        "TotalCount": 1,
        "PhysicalConnectionSet": {"PhysicalConnectionType": [{"AccessPointId": "ap"}]},
    }
    fields, _ = build(rows, example)
    assert names(fields) == ["PhysicalConnectionSet", "TotalCount", "Spec"]
    assert fields[0].item_name == "PhysicalConnectionType"
    assert names(fields[0].fields) == ["AccessPointId", "ChargeType"]


def test_unmarked_children_without_example_end_at_a_usual_top_level_name() -> None:
    rows = [row("PMInfo", "", None), row("PMName"), row("RequestId")]
    fields, _ = build(rows)
    assert names(fields) == ["PMInfo", "RequestId"]
    assert (fields[0].type, names(fields[0].fields)) == ("object", ["PMName"])


def test_explicit_parent_names_the_list_item() -> None:
    # 001 l.613: 'Vpcs  JSON String' with a sub-table titled 'Vpc'
    rows = [
        row("RequestId"),
        row("Vpcs", "JSON String", None),
        row("VpcId", parent="Vpc"),
        row("IsDefault", "Boolean", None, parent="Vpc"),
    ]
    fields, warnings = build(rows)
    vpcs = by_name(fields, "Vpcs")
    assert (vpcs.type, vpcs.item_name, vpcs.model) == ("list", "Vpc", "Vpc")
    assert [(f.name, f.type) for f in vpcs.fields] == [
        ("VpcId", "string"),
        ("IsDefault", "boolean"),
    ]
    assert warnings == []


def test_array_of_item_row_is_the_wrapper() -> None:
    # 002 l.885: 'TagResources  Array of TagResource' then a typeless 'TagResource' row
    rows = [
        row("TagResources", "Array of TagResource", None),
        row("TagResource", "", None),
        row("TagKey"),
    ]
    fields, _ = build(rows)
    assert len(fields) == 1
    assert (fields[0].type, fields[0].item_name, fields[0].model) == (
        "list",
        "TagResource",
        "TagResource",
    )
    assert names(fields[0].fields) == ["TagKey"]


def test_named_set_type_resolves_to_a_list_of_the_item_type() -> None:
    # 003 l.398 and the Data Type appendix
    named = [
        RawNamedType("PhysicalConnectionSetType", 10, item_type="PhysicalConnectionType"),
        RawNamedType(
            "PhysicalConnectionType",
            20,
            fields=[
                row("PhysicalConnectionId", parent="PhysicalConnectionType"),
                row("CircuitCode", "Long", parent="PhysicalConnectionType"),
            ],
        ),
    ]
    rows = [
        row("PhysicalConnectionSet", "PhysicalConnectionSetType", None),
        row("TotalCount", "Integer"),
    ]
    fields, warnings = build(rows, named=named)
    pcs = fields[0]
    assert (pcs.type, pcs.item_type, pcs.item_name, pcs.model, pcs.doc_type) == (
        "list",
        "object",
        "PhysicalConnectionType",
        "PhysicalConnectionType",
        "PhysicalConnectionSetType",
    )
    assert [(f.name, f.type) for f in pcs.fields] == [
        ("PhysicalConnectionId", "string"),
        ("CircuitCode", "long"),
    ]
    assert names(fields) == ["PhysicalConnectionSet", "TotalCount"]
    assert warnings == []


def test_example_keys_absent_from_the_table_are_added_with_a_warning() -> None:
    # 000 l.9053: DescribeBgpNetworks lists only RequestId
    example = {
        "RequestId": "r",
        "PageSize": 10,
        "BgpNetworks": {"BgpNetwork": [{"DstCidrBlock": "c"}]},
    }
    fields, warnings = build([row("RequestId")], example)
    assert names(fields) == ["RequestId", "PageSize", "BgpNetworks"]
    assert by_name(fields, "PageSize").type == "integer"
    networks = by_name(fields, "BgpNetworks")
    assert (networks.type, networks.item_name, names(networks.fields)) == (
        "list",
        "BgpNetwork",
        ["DstCidrBlock"],
    )
    assert sorted(w.message.split("'")[1] for w in warnings) == ["BgpNetworks", "PageSize"]
    assert all(w.line == 99 for w in warnings)


def test_misspelt_rows_match_their_example_key_and_warn() -> None:
    # 002 l.2349 'Remoteld' and 001 'IpssecConfig'
    rows = [row("IkeConfig", "Struct", None), row("Remoteld"), row("IpssecConfig", "Struct", None)]
    example = {"IkeConfig": {"RemotId": "1"}, "IpsecConfig": {"IpsecPfs": "group2"}}
    fields, warnings = build(rows, example)
    assert names(fields) == ["IkeConfig", "IpssecConfig"]
    assert names(fields[0].fields) == ["Remoteld"]
    assert names(fields[1].fields) == ["IpsecPfs"]
    assert any("spelt 'RemotId'" in w.message for w in warnings)


def test_xml_example_single_child_wrapper_counts_as_a_list() -> None:
    rows = [row("VSwitchIds", "", None), row("RequestId")]
    fields, _ = build(rows, {"VSwitchIds": {"VSwitchId": "vsw-1"}, "RequestId": "r"}, is_json=False)
    assert (fields[0].type, fields[0].item_name, fields[0].item_type) == (
        "list",
        "VSwitchId",
        "string",
    )


def test_nameless_request_id_row_is_recovered() -> None:
    # 001 l.561: '⇥String⇥請求ID。'
    fields, warnings = build([RawField("", "String", None, "請求ID。", 7)])
    assert names(fields) == ["RequestId"]
    assert warnings and warnings[0].line == 7


def test_leaf_fields_carry_enum_description_and_source() -> None:
    description = 'The payment status. Valid values: <ul style="list-style-type: none"> • Normal: ok • FinancialLocked: locked'
    fields, _ = build(
        [row("BusinessStatus", "String", "<code>Normal</code>", description=description, line=478)]
    )
    status = fields[0]
    assert status.enum == ["Normal", "FinancialLocked"]
    assert status.example == "Normal"
    assert "<" not in status.description and "- Normal: ok" in status.description
    assert (status.sources[0].doc, status.sources[0].line, status.sources[0].section) == (
        "doc",
        478,
        "Op",
    )


def test_keys_only_one_of_two_examples_shows_are_not_added() -> None:
    # 001 l.731: ModifyVpcAttribute's JSON example is CreateVpc's; its XML example is right
    warnings: list[Warning] = []
    context = ResponseContext("doc", "Op", {}, warnings, 731)
    json_example = {"RequestId": "r", "VpcId": "vpc-1"}
    fields = build_response(
        [row("RequestId")], json_example, context, second_opinion={"RequestId": "r"}
    )
    assert names(fields) == ["RequestId"]
    assert (
        len(warnings) == 1
        and "'VpcId'" in warnings[0].message
        and "not added" in warnings[0].message
    )


def test_marked_rows_fill_a_list_the_example_shows_empty() -> None:
    # 000 l.3137: DescribeVSwitchAttributes, '"CloudResources": {"CloudResourceSetType": []}'
    rows = [
        row("CloudResources", "N/A", "N/A"),
        row("└ResourceCount", "Integer", "1", marked=True),
        row("└ResourceType", marked=True),
        row("RequestId"),
    ]
    example = {"CloudResources": {"CloudResourceSetType": []}, "RequestId": "r"}
    fields, warnings = build(rows, example)
    resources = fields[0]
    assert names(fields) == ["CloudResources", "RequestId"]
    assert (resources.type, resources.item_name, resources.item_type) == (
        "list",
        "CloudResourceSetType",
        "object",
    )
    assert names(resources.fields) == ["ResourceCount", "ResourceType"]
    assert warnings == []


def test_json_wrapper_without_brackets_is_a_list() -> None:
    # 000 l.31411: '"EipAddresses": {"EipAddress": {...}}' in the JSON example
    rows = [row("EipAddresses", "", None), row("IpAddress"), row("RequestId")]
    example = {"EipAddresses": {"EipAddress": {"IpAddress": "59.110.1.1"}}, "RequestId": "r"}
    fields, warnings = build(rows, example)
    eips = fields[0]
    assert (eips.type, eips.item_name, eips.item_type, names(eips.fields)) == (
        "list",
        "EipAddress",
        "object",
        ["IpAddress"],
    )
    assert names(fields) == ["EipAddresses", "RequestId"]
    assert warnings == []


def test_separator_rows_are_dropped_silently_and_nameless_rows_with_a_warning() -> None:
    rows = [
        row("RequestId"),
        RawField("--", "--", "--", "--", 8),
        RawField("", "String", None, "Something.", 9),
    ]
    fields, warnings = build(rows)
    assert names(fields) == ["RequestId"]
    assert [w.line for w in warnings] == [9]


def test_a_name_the_table_repeats_stays_in_the_unshown_container_before_it() -> None:
    # 000 l.12056-12148: DescribeVirtualBorderRouters, single marks at every depth; the example
    # shows the VBR's own LocalGatewayIp but not the associated physical connections
    rows = [
        row("VirtualBorderRouterSet", "", None),
        row("└AssociatedPhysicalConnections", "", None, marked=True),
        row("└CircuitCode", marked=True, line=12076),
        row("└LocalGatewayIp", marked=True, line=12084),
        row("└CircuitCode", marked=True, line=12148),
        row("└LocalGatewayIp", marked=True, line=12175),
        row("└VbrId", marked=True),
        row("RequestId"),
    ]
    example = {
        "RequestId": "r",
        "VirtualBorderRouterSet": {"VirtualBorderRouterType": [{"LocalGatewayIp": "10.1.1.1"}]},
    }
    fields, warnings = build(rows, example)
    vbrs = fields[0]
    assert names(vbrs.fields) == [
        "AssociatedPhysicalConnections",
        "CircuitCode",
        "LocalGatewayIp",
        "VbrId",
    ]
    associated = vbrs.fields[0]
    assert names(associated.fields) == ["CircuitCode", "LocalGatewayIp"]
    assert [f.sources[0].line for f in associated.fields] == [12076, 12084]
    assert by_name(vbrs.fields, "LocalGatewayIp").sources[0].line == 12175
    assert [w.message for w in warnings] == [
        "response list 'AssociatedPhysicalConnections': item wrapper name unknown (no example)"
    ]


def test_a_name_already_shown_higher_up_stays_in_the_container_the_example_shows_empty() -> None:
    # 000 l.27869/27886: DescribeGlobalAccelerationInstances, the instance's IpAddress, then the
    # public IP address's ('"PublicIpAddresses": {"PublicIpAddress": []}' in the example)
    rows = [
        row("Instances", "N/A", "N/A"),
        row("└BackendServers", "N/A", "N/A", marked=True),
        row("└RegionId", marked=True),
        row("└IpAddress", marked=True),
        row("└PublicIpAddresses", "N/A", "N/A", marked=True),
        row("└IpAddress", marked=True),
        row("└RegionId", marked=True),
    ]
    example = {
        "Instances": {
            "Instance": [
                {
                    "BackendServers": {"BackendServer": [{"RegionId": "cn-beijing"}]},
                    "IpAddress": "47.98.99.1",
                    "PublicIpAddresses": {"PublicIpAddress": []},
                    "RegionId": "cn-hangzhou",
                }
            ]
        }
    }
    fields, _ = build(rows, example)
    instance_fields = fields[0].fields
    assert names(instance_fields) == [
        "BackendServers",
        "IpAddress",
        "PublicIpAddresses",
        "RegionId",
    ]
    assert names(by_name(instance_fields, "BackendServers").fields) == ["RegionId"]
    assert names(by_name(instance_fields, "PublicIpAddresses").fields) == ["IpAddress"]


def test_unmarked_container_row_after_an_unshown_container_is_its_sibling() -> None:
    # 004 l.1613-1630: no marks; 'Associated PhysicalConnections' follows 'Associated Cens'
    rows = [
        row("VirtualBorderRouterSet", "", None),
        row("AssociatedCens", "", None),
        row("CenId"),
        row("AssociatedPhysicalConnections", "", None),
        row("CircuitCode"),
        row("CircuitCode"),
        row("VbrId"),
    ]
    example = {"VirtualBorderRouterSet": {"VirtualBorderRouterType": [{"VbrId": "vbr-1"}]}}
    fields, _ = build(rows, example)
    vbr_fields = fields[0].fields
    assert names(vbr_fields) == [
        "AssociatedCens",
        "AssociatedPhysicalConnections",
        "CircuitCode",
        "VbrId",
    ]
    assert names(vbr_fields[0].fields) == ["CenId"]
    assert names(vbr_fields[1].fields) == ["CircuitCode"]


def test_a_repeated_row_is_merged_into_the_first_and_its_sub_table_follows() -> None:
    # 001 l.4950/4954: 'CustomerGateways' twice, then the 'CustomerGateway' sub-table
    rows = [
        row("CustomerGateways", "List", None, line=4950),
        row("TotalCount", "Integer", None),
        row("CustomerGateways", "List", None, line=4954),
        row("CustomerGatewayId", parent="CustomerGateways"),
        row("Name", parent="CustomerGateways"),
    ]
    fields, warnings = build(rows)
    assert names(fields) == ["CustomerGateways", "TotalCount"]
    assert names(fields[0].fields) == ["CustomerGatewayId", "Name"]
    assert fields[0].sources[0].line == 4950
    assert any("'CustomerGateways' repeats line 4950" in w.message for w in warnings)


def test_an_example_showing_the_table_inside_a_list_is_not_used() -> None:
    # 002 l.3234: ModifySslVpnServer's examples are DescribeSslVpnServers'
    rows = [row("RequestId"), row("SslVpnServerId"), row("Name"), row("Port", "Integer", "1194")]
    example = {
        "RequestId": "r",
        "TotalCount": 1,
        "SslVpnServers": {"SslVpnServer": [{"SslVpnServerId": "vss-1", "Name": "a", "Port": 1}]},
    }
    fields, warnings = build(rows, example)
    assert names(fields) == ["RequestId", "SslVpnServerId", "Name", "Port"]
    message = (
        "response example shows the table's fields inside the list 'SslVpnServers' (another "
        "operation's example): not used for the response"
    )
    assert [w.message for w in warnings] == [message]
