"""Unit tests of the code generator's building blocks: names, parameter trees, escaping, tables."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.codegen import behaviour
from generator.codegen.errors import build_error_table
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
from generator.codegen.render import docstring, fpart, pystr
from generator.codegen.request_tree import build_tree, split_wire_name
from generator.model import ErrorEntry, Operation, Parameter, Service, Spec


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
    assert split_wire_name("Filter.N.Value.M") == [("Filter", True), ("Value", True)]
    assert split_wire_name("Filter.n.Key") == [("Filter", True), ("Key", False)]
    assert split_wire_name("TagKey.N") == [("TagKey", True)]
    assert split_wire_name("Filter.2.Key") == [("Filter", True), ("Key", False)]
    assert split_wire_name("VpcId") == [("VpcId", False)]


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


def test_behaviour_rules_load_and_require_reasons(tmp_path: Path) -> None:
    rules = behaviour.load_rules()
    assert "Available" in rules.success and "Describe" in rules.read_only_prefixes
    assert all(override["reason"].strip() for override in rules.overrides.values())
    bad = tmp_path / "behaviour.yaml"
    bad.write_text(
        "read_only_prefixes: [Describe]\n"
        "waiter_status: {success: [Available], failure: []}\n"
        "waiter_overrides:\n  DescribeVpcs: {skip: true}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="DescribeVpcs has no reason"):
        behaviour.load_rules(bad)
