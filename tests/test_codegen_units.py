"""Unit tests of the code generator's building blocks: names, parameter trees, escaping, tables."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aliyun_vpc._wire_params import documented_path
from generator.codegen.errors import build_error_table
from generator.codegen.models import build_module
from generator.codegen.naming import (
    attribute_name,
    class_name,
    enum_member_name,
    export_order,
    method_name,
    plural,
    snake_case,
    unique,
)
from generator.codegen.proposer import propose_waiter
from generator.codegen.render import docstring, fpart, pystr
from generator.codegen.request_tree import build_tree
from generator.codegen.traits import load_behaviour
from generator.model import ErrorEntry, Field, Operation, Parameter, Service, Spec
from generator.spec_io import load_spec


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("VpcId", "vpc_id"),
        ("VSwitchIds", "v_switch_ids"),
        ("Ipv6CidrBlock", "ipv6_cidr_block"),
        ("DescribeVpcs", "describe_vpcs"),
        ("dstCidrBlock", "dst_cidr_block"),
        ("Tag . N . Key", "tag_n_key"),
        ("1stHop", "n1st_hop"),
    ],
)
def test_snake_case(wire: str, expected: str) -> None:
    assert snake_case(wire) == expected


@pytest.mark.parametrize(
    ("wire", "expected"),
    [("Type", "type_"), ("Id", "id_"), ("Class", "class_"), ("Extra", "extra_"), ("Name", "name")],
)
def test_attribute_names_avoid_keywords_builtins_and_members(wire: str, expected: str) -> None:
    assert attribute_name(wire) == expected


def test_method_names_avoid_client_members() -> None:
    assert method_name("DescribeVpcs") == "describe_vpcs"
    assert method_name("Paginate") == "paginate_"


def test_class_and_member_names() -> None:
    assert class_name("InvalidVpcId.NotFound") == "InvalidVpcIdNotFound"
    assert class_name("vpc") == "Vpc"
    assert class_name("1Bad", digit_prefix="E") == "E1Bad"
    assert enum_member_name("ipsec_sa_established") == "IPSEC_SA_ESTABLISHED"
    assert enum_member_name("1000Base-T") == "V1000_BASE_T"
    assert enum_member_name("Allocation Failed") == "ALLOCATION_FAILED"
    assert enum_member_name("---") == "EMPTY"


def test_plural_and_unique() -> None:
    assert [plural(n) for n in ("tag", "tag_key", "address", "entry", "ids", "key")] == [
        "tags",
        "tag_keys",
        "addresses",
        "entries",
        "ids",
        "keys",
    ]
    taken: set[str] = set()
    assert [unique("a", taken) for _ in range(3)] == ["a", "a_2", "a_3"]


def test_export_order_matches_isort_style() -> None:
    assert export_order(["b", "Tag", "ERRORS", "Abc", "a", "Tag"]) == [
        "ERRORS",
        "Abc",
        "Tag",
        "a",
        "b",
    ]


def test_wire_names_split_into_list_segments() -> None:
    assert documented_path("Filter.N.Value.M") == [("Filter", True), ("Value", True)]
    assert documented_path("Filter.n.Key") == [("Filter", True), ("Key", False)]
    assert documented_path("TagKey.N") == [("TagKey", True)]
    assert documented_path("Filter.2.Key") == [("Filter", True), ("Key", False)]
    assert documented_path("VpcId") == [("VpcId", False)]


def test_tree_groups_indexed_parameters_in_documented_order() -> None:
    params = [
        Parameter("RegionId", "string", required=True),
        Parameter("Filter.N.Key", "string"),
        Parameter("Filter.N.Value.M", "string"),
        Parameter("TagKey.N", "list", required=True),
    ]
    nodes = build_tree(params)
    assert [(n.wire, n.indexed, n.required) for n in nodes] == [
        ("RegionId", False, True),
        ("Filter", True, False),
        ("TagKey", True, True),
    ]
    filter_node = nodes[1]
    assert [(c.wire, c.indexed) for c in filter_node.children.values()] == [
        ("Key", False),
        ("Value", True),
    ]
    assert [p.name for p in filter_node.leaves()] == ["Filter.N.Key", "Filter.N.Value.M"]


NASTY_TEXTS = [
    'He said "hi"',
    'ends with a quote"',
    'triple """ inside and """"" more',
    "back\\slash \\n \\N{BULLET} \\",
    "non-ASCII: 取值範圍 • é — ✓",
    "braces {prefix} and {{x}}",
    "tab\tand\r\nwindows line\x00nul\x1bescape",
]


def _docstring_value(literal: str) -> str:
    module = ast.parse(f"{literal}\n")
    value = ast.get_docstring(module, clean=False)
    assert value is not None
    return value


@pytest.mark.parametrize("text", NASTY_TEXTS)
def test_docstring_literal_round_trips(text: str) -> None:
    expected = text.strip().replace("\r\n", "\n")
    assert _docstring_value(docstring(text)).rstrip("\n") == expected


@given(st.text(min_size=1).filter(lambda t: t.strip() and "\r" not in t))
def test_docstring_literal_round_trips_any_text(text: str) -> None:
    assert _docstring_value(docstring(text)).rstrip("\n") == text.strip()


@given(st.text())
def test_string_and_fstring_literals_round_trip(text: str) -> None:
    assert ast.literal_eval(pystr(text)) == text
    prefix = "p."
    assert eval(f'f"{{prefix}}{fpart(text)}"') == prefix + text


def _spec_with_errors(entries: list[tuple[str, int | None]]) -> Spec:
    op = Operation(
        name="DoThing",
        product="vpc",
        group="g",
        errors=[ErrorEntry(code=code, http_status=status) for code, status in entries],
    )
    return Spec(
        service=Service(common_errors=[ErrorEntry("Throttling.User", 400)]), operations=[op]
    )


def test_error_table_families_names_and_order() -> None:
    table = build_error_table(
        _spec_with_errors(
            [
                ("InternalError", 500),
                ("a.b", 400),
                ("A.B", 404),
                ("ErrorCode", 400),
                ("1Bad", None),
                ("InternalError", 500),
            ]
        )
    )
    rows = {e.code: (e.class_name, e.member, e.family) for e in table.classes}
    assert rows == {
        "1Bad": ("E1Bad", "V1_BAD", "ClientError"),
        "A.B": ("AB", "A_B", "ClientError"),
        "a.b": ("AB2", "A_B_2", "ClientError"),
        "ErrorCode": ("ErrorCodeError", "ERROR_CODE", "ClientError"),
        "InternalError": ("InternalError", "INTERNAL_ERROR", "ServerError"),
        "Throttling.User": ("ThrottlingUser", "THROTTLING_USER", "ThrottlingError"),
    }
    assert [e.code for e in table.by_operation["DoThing"]] == [
        "1Bad",
        "A.B",
        "a.b",
        "ErrorCode",
        "InternalError",
    ]


def test_behaviour_file_loads_traits_and_rules() -> None:
    loaded = load_behaviour()
    assert "Available" in loaded.waiter_rule.success
    assert "Describe" in loaded.traits.read_only_prefixes
    assert loaded.traits.is_throttling(loaded.traits.throttling_prefix + ".User")


def test_behaviour_file_reports_broken_yaml_and_missing_keys_by_file(tmp_path: Path) -> None:
    bad = tmp_path / "behaviour.yaml"
    bad.write_text("traits: [Describe\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"^{re.escape(str(bad))}:2: invalid YAML"):
        load_behaviour(bad)
    bad.write_text("traits: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing key 'propose'"):
        load_behaviour(bad)


def _gateway_describe(
    status_enum: list[str], request_status: list[str], filter_key_doc: str | None
) -> Operation:
    """A Describe operation listing `Gateway` items; selected by GatewayId, or by Filter.N."""
    selector = (
        [Parameter("GatewayId", "string")]
        if filter_key_doc is None
        else [
            Parameter("Filter.N.Key", "string", description=filter_key_doc),
            Parameter("Filter.N.Value.M", "string"),
        ]
    )
    items = [Field("GatewayId", "string"), Field("Status", "string", enum=status_enum)]
    return Operation(
        name="DescribeGateways",
        product="vpc",
        group="G",
        parameters=[*selector, Parameter("Status", "string", enum=request_status)],
        response=[
            Field(
                "GatewaySet",
                "list",
                item_name="GatewayType",
                item_type="object",
                model="GatewayType",
                fields=items,
            )
        ],
    )


def _waiter(op: Operation) -> tuple[str, dict[str, Any]] | None:
    return propose_waiter(build_module(op), load_behaviour(), set())


def test_waiter_takes_request_status_values_when_the_items_document_none() -> None:
    proposed = _waiter(_gateway_describe([], ["init", "active", "Failed"], None))
    assert proposed == (
        "gateway_active",
        {
            "operation": "DescribeGateways",
            "id_parameter": "GatewayId",
            "items": "GatewaySet",
            "status": "Status",
            "success": ["active"],
            "failure": ["Failed"],
        },
    )
    assert _waiter(_gateway_describe([], [], None)) is None  # no documented values anywhere


def test_item_status_values_win_over_request_status_values() -> None:
    proposed = _waiter(_gateway_describe(["Pending", "Available"], ["active"], None))
    assert proposed is not None and proposed[1]["success"] == ["Available"]


def test_filter_selected_waiter_needs_the_id_as_a_documented_filter_key() -> None:
    keys = "The filter key. Supported keys:\n- AccessPointId: the point\n- GatewayId: the gateway"
    proposed = _waiter(_gateway_describe(["Initial", "Enabled", "Rejected"], [], keys))
    assert proposed is not None
    name, entry = proposed
    assert (name, entry["filter_key"], "id_parameter" in entry) == (
        "gateway_enabled",
        "GatewayId",
        False,
    )
    assert (entry["success"], entry["failure"]) == (["Enabled"], ["Rejected"])
    undocumented = "The filter key. Value range of N: 1 to 5. GatewayId is mentioned in prose."
    assert _waiter(_gateway_describe(["Enabled"], [], undocumented)) is None


def test_waiters_of_the_documents() -> None:
    spec = load_spec(Path(__file__).resolve().parents[1] / "spec")
    rows = {
        entry["operation"]: (name, entry)
        for name, entry in (
            proposed for proposed in (_waiter(op) for op in spec.operations) if proposed is not None
        )
    }
    name, gateway = rows["DescribeVpnGateways"]
    assert (name, gateway["id_parameter"], gateway["success"]) == (
        "vpn_gateway_active",
        "VpnGatewayId",
        ["active"],
    )
    name, connection = rows["DescribePhysicalConnections"]
    assert (name, connection["filter_key"]) == (
        "physical_connection_enabled",
        "PhysicalConnectionId",
    )
    assert connection["success"] == ["Enabled"]
    assert set(connection["failure"]) == {"Rejected", "Canceled", "AllocationFailed", "Terminated"}
    # VBR Status values are undocumented, route tables and customer gateways have no Status, and
    # IPsec connections cannot be selected by a VpnConnectionId parameter.
    assert not {
        "DescribeVirtualBorderRouters",
        "DescribeRouteTables",
        "DescribeCustomerGateways",
        "DescribeVpnConnections",
    } & set(rows)


def _enum_operation() -> Operation:
    """Request parameters with documented values next to a response enum of the same name."""
    return Operation(
        name="DescribeThings",
        product="vpc",
        group="G",
        parameters=[
            Parameter("Status", "string", enum=["Available", "Pending"]),
            Parameter("ChargeType", "string", enum=["PrePaid", "PostPaid"], required=True),
            Parameter("Filter.N.Key", "string", enum=["Name", "Status"]),
            Parameter("Mode", "string", enum=["a", "b"]),
            Parameter("AutoPay", "boolean", enum=["true", "false"]),
            Parameter("Period", "integer", enum=["1", "2"]),
        ],
        response=[
            Field("Status", "string", enum=["Available", "Pending"]),
            Field("Mode", "string", enum=["a", "b", "c"]),
        ],
    )


def test_request_enums_reuse_response_enums_or_are_named_after_the_parameter() -> None:
    module = build_module(_enum_operation())
    annotations = {attr.wire: attr.annotation for attr in module.request.attributes}
    assert annotations == {
        "Status": "DescribeThingsStatus | str | None",  # the response enum: same name and values
        "ChargeType": "ChargeType | str",
        "Filter": "list[Filter] | None",
        "Mode": "Mode | str | None",  # the response `Mode` documents other values
        "AutoPay": "bool | None",
        "Period": "int | None",
    }
    (filter_class,) = [c for c in module.classes if c.name == "Filter"]
    assert [a.annotation for a in filter_class.attributes] == ["FilterKey | str | None"]
    enums = {enum.name: [value for _, value in enum.members] for enum in module.enums}
    assert enums == {
        "DescribeThingsStatus": ["Available", "Pending"],
        "DescribeThingsMode": ["a", "b", "c"],
        "ChargeType": ["PrePaid", "PostPaid"],
        "FilterKey": ["Name", "Status"],
        "Mode": ["a", "b"],
    }
    assert {a.wire: a.conversion for a in module.request.attributes} == {
        "Status": "_m.enum(DescribeThingsStatus)",
        "ChargeType": "_m.enum(ChargeType)",
        "Filter": "_m.list_of(_m.model(Filter))",
        "Mode": "_m.enum(Mode)",
        "AutoPay": "_m.BOOL",
        "Period": "_m.INT",
    }


def test_a_request_enum_name_already_taken_gets_a_number() -> None:
    op = _enum_operation()
    op.response.append(Field("Detail", "object", model="ChargeType", fields=[Field("A", "string")]))
    module = build_module(op)
    assert {a.wire: a.annotation for a in module.request.attributes}["ChargeType"] == (
        "ChargeType2 | str"
    )
    assert "ChargeType" in {c.name for c in module.classes}
