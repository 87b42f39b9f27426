"""Golden operations: what a fresh extraction gives, checked against the document lines cited.

Each expectation was verified by reading the document lines in the comments (000 = vpc-en-20190918,
001 = vpc-zh-tw-20220317, 002 = vpn-en-20200917, 003 = ec-en-undated). The spec is built here from
the documents and `spec/overrides.yaml` (`pipeline.build`), not read from the committed files, so
a parser or merge change that moves any of these facts fails the test. No operation is documented
only in the Chinese revision (001): CreateCommonBandwidthPackage is also in 000; its 001 snapshot
is checked on its own.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator import pipeline
from generator.model import Field, Operation

Tree = list[tuple[Any, ...]]


@pytest.fixture(scope="module")
def extraction() -> pipeline.Extraction:
    return pipeline.build(
        pipeline.DEFAULT_SOURCES_DIR, pipeline.DEFAULT_SPEC_DIR / pipeline.OVERRIDES_FILE
    )


def _merged(extraction: pipeline.Extraction, name: str) -> Operation:
    return next(op for op in extraction.operations if op.name == name)


def _snapshot(extraction: pipeline.Extraction, doc: str, name: str) -> Operation:
    snapshot = next(s for s in extraction.snapshots if s.info.id == doc)
    return next(op for op in snapshot.operations if op.name == name)


def _parameters(op: Operation) -> list[tuple[str, str, bool, list[str]]]:
    return [(p.name, p.type, p.required, p.enum) for p in op.parameters]


def _tree(fields: list[Field]) -> Tree:
    """(name, type) for leaves; (name, type, item_name, item_type, children) for containers."""
    return [
        (
            (f.name, f.type, f.item_name, f.item_type, _tree(f.fields))
            if f.type == "list" or f.fields
            else (f.name, f.type)
        )
        for f in fields
    ]


def _errors(op: Operation) -> list[tuple[str, int | None]]:
    return [(e.code, e.http_status) for e in op.errors]


def test_describe_vpcs_merged(extraction: pipeline.Extraction) -> None:
    op = _merged(extraction, "DescribeVpcs")
    # 000 l.1717-1774 (order of the English revision); 001 l.600-604 agrees on the shared rows.
    # 'Isdefault' (000 l.1723) is IsDefault by override (001 l.602); its values 000 l.1726-1729.
    assert _parameters(op) == [
        ("RegionId", "string", False, []),
        ("IsDefault", "boolean", False, ["true", "false"]),
        ("PageNumber", "integer", False, []),
        ("PageSize", "integer", False, []),
        ("ResourceGroupId", "string", False, []),
        ("Tag.N.Key", "string", False, []),  # 000 l.1746 'Tag . N . Key'
        ("Tag.N.Value", "string", False, []),
        ("VpcId", "string", False, []),
        ("VpcName", "string", False, []),
    ]
    # 000 l.1778-1846 (marked rows under 'Vpcs'); wrappers from the JSON examples (001 l.661-685:
    # "Vpcs": {"Vpc": [...]}, "NatGatewayIds": {"NatGatewayIds": []}, "UserCidrs": {"UserCidr":
    # []}, "VSwitchIds": {"VSwitchId": []}); 'Tags' (000 l.1829) is in no example: no wrapper.
    assert _tree(op.response) == [
        (
            "Vpcs",
            "list",
            "Vpc",
            "object",
            [
                ("CidrBlock", "string"),
                ("CreationTime", "string"),
                ("Description", "string"),
                ("Ipv6CidrBlock", "string"),
                ("IsDefault", "boolean"),
                ("NatGatewayIds", "list", "NatGatewayIds", "string", []),
                ("RegionId", "string"),
                ("ResourceGroupId", "string"),
                ("RouterTableIds", "list", "RouterTableIds", "string", []),
                ("Status", "string"),
                ("Tags", "list", None, "object", [("Key", "string"), ("Value", "string")]),
                ("UserCidrs", "list", "UserCidr", "string", []),
                ("VRouterId", "string"),
                ("VSwitchIds", "list", "VSwitchId", "string", []),
                ("VpcId", "string"),
                ("VpcName", "string"),
            ],
        ),
        # 001 l.610/612 type TotalCount and PageSize String; overridden to integer (000 l.1841).
        ("TotalCount", "integer"),
        ("PageNumber", "integer"),
        ("PageSize", "integer"),
        ("RequestId", "string"),
    ]
    assert _errors(op) == [("InternalError", 500)]  # 000 l.1998


def test_create_vpn_connection_merged(extraction: pipeline.Extraction) -> None:
    op = _merged(extraction, "CreateVpnConnection")
    # 002 l.2199-2224; the JSON-valued configurations are String cells with a <pre>{...}</pre>
    # example (l.2212, 2215, 2216, 2224): JSON strings on the wire.
    assert _parameters(op) == [
        ("CustomerGatewayId", "string", True, []),
        ("LocalSubnet", "string", True, []),
        ("RegionId", "string", True, []),
        ("RemoteSubnet", "string", True, []),
        ("VpnGatewayId", "string", True, []),
        ("ClientToken", "string", False, []),
        ("Name", "string", False, []),
        ("EffectImmediately", "boolean", False, ["true", "false"]),
        ("IkeConfig", "json", False, []),
        ("IpsecConfig", "json", False, []),  # 001 l.6011 'IpssecConfig' renamed by override
        ("HealthCheckConfig", "json", False, []),
        ("AutoConfigRoute", "boolean", False, ["true", "false"]),
        ("EnableDpd", "boolean", False, ["true", "false"]),
        ("EnableNatTraversal", "boolean", False, ["true", "false"]),
        ("BgpConfig", "json", False, []),
    ]
    # 002 l.2229-2232
    assert _tree(op.response) == [
        ("VpnConnectionId", "string"),
        ("CreateTime", "long"),
        ("Name", "string"),
        ("RequestId", "string"),
    ]
    # 002 l.2271-2281; 000 l.20477 'Forbbiden.SubUser' is Forbidden.SubUser by override
    assert _errors(op) == [
        ("Forbidden.SubUser", 403),
        ("Forbidden", 403),
        ("Resource.QuotaFull", 400),
        ("InvalidCustomerGatewayInstanceId.NotFound", 404),
        ("InvalidVpnGatewayInstanceId.NotFound", 404),
        ("InvalidVpnConnection.AlreadyExists", 400),
        ("VpnGateway.Configuring", 400),
        ("VpnGateway.FinancialLocked", 400),
        ("QuotaExceeded.PolicyBasedRoute", 400),
    ]


def test_describe_physical_connections_in_the_undated_express_connect_document(
    extraction: pipeline.Extraction,
) -> None:
    op = _snapshot(extraction, "ec-en-undated", "DescribePhysicalConnections")
    # 003 l.384-391: 'Filter.n.Key' / 'Filter.n.Value.m'
    assert _parameters(op) == [
        ("RegionId", "string", True, []),
        ("Filter.N.Key", "string", False, []),
        ("Filter.N.Value.M", "string", False, []),
        ("PageNumber", "integer", False, []),
        ("PageSize", "integer", False, []),
    ]
    # 003 l.398-401 ('PhysicalConnectionSet PhysicalConnectionSetType'; no RequestId row: "all
    # public return parameters"); the named types l.1398-1446: a set of PhysicalConnectionType.
    # 'CircuitCode Long' (l.1445) is a string by override (004 l.482 'String longtel001'), and
    # 'ADLocation' (l.1443) the newer revisions' AdLocation by override.
    members = [
        "PhysicalConnectionId",
        "AccessPointId",
        "Type",
        "Status",
        "BusinessStatus",
        "CreationTime",
        "EnabledTime",
        "LineOperator",
        "Spec",
        "PeerLocation",
        "PortType",
        "RedundantPhysicalConnectionId",
        "Name",
        "Description",
        "AdLocation",
        "PortNumber",
        "CircuitCode",
        "Bandwidth",
    ]
    assert _tree(op.response) == [
        (
            "PhysicalConnectionSet",
            "list",
            "PhysicalConnectionType",
            "object",
            [(name, "string") for name in members],
        ),
        ("TotalCount", "integer"),
        ("PageNumber", "integer"),
        ("PageSize", "integer"),
    ]
    assert op.response[0].fields[members.index("CircuitCode")].doc_type == "Long"
    # 003 l.406-407 (columns: code, message, HTTP status, meaning)
    assert _errors(op) == [
        ("InvalidRegionId.NotFound", 404),
        ("InvalidFilterKey.ValueNotSupported", 404),
    ]


def test_create_common_bandwidth_package_in_the_chinese_document(
    extraction: pipeline.Extraction,
) -> None:
    op = _snapshot(extraction, "vpc-zh-tw-20220317", "CreateCommonBandwidthPackage")
    # 001 l.6471-6477 ('是' = required); InternetChargeType l.6474 lists <i>PayByBandwidth</i>
    # (預設值 = default) and <i>PayBy95</i>; Ratio l.6475 '取值範圍為[10, 100]'.
    assert _parameters(op) == [
        ("RegionId", "string", True, []),
        ("Bandwidth", "integer", True, []),
        ("InternetChargeType", "string", False, ["PayByBandwidth", "PayBy95"]),
        ("Ratio", "integer", False, []),
        ("Name", "string", False, []),
        ("Description", "string", False, []),
    ]
    by_name = {p.name: p for p in op.parameters}
    assert by_name["InternetChargeType"].default == "PayByBandwidth"
    assert (by_name["Ratio"].minimum, by_name["Ratio"].maximum) == (10, 100)
    assert (by_name["Name"].min_length, by_name["Name"].max_length) == (2, 128)  # l.6476
    # 001 l.6482-6483
    assert _tree(op.response) == [("RequestId", "string"), ("BandwidthPackageId", "string")]
    assert _errors(op) == []  # 001 gives no error table for this operation
