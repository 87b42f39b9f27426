"""Shared shapes: identical nested classes and enums across operations are one named shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.codegen.models import EnumClass, build_module
from generator.codegen.shapes import (
    COMMON_FAMILY,
    ShapeOverride,
    family_module,
    load_overrides,
    share,
)
from generator.diffing.impact import shape_renames
from generator.model import Field, Operation, Parameter, Service, Spec


def _status(op: str, group: str, values: list[str]) -> Operation:
    return Operation(op, "vpc", group, response=[Field("Status", "string", enum=values)])


def _tagged(op: str, group: str) -> Operation:
    return Operation(
        op,
        "vpc",
        group,
        parameters=[Parameter("Tag.N.Key", "string"), Parameter("Tag.N.Value", "string")],
        response=[
            Field(
                "Tags",
                "list",
                item_name="Tag",
                item_type="object",
                fields=[Field("Key", "string"), Field("Value", "string")],
            )
        ],
    )


def _shared(*operations: Operation, overrides: list[ShapeOverride] | None = None):  # type: ignore[no-untyped-def]
    modules = [build_module(op) for op in operations]
    return modules, share(modules, overrides or [])


def test_one_enum_per_value_set_named_by_its_uses() -> None:
    modules, shared = _shared(
        _status("DescribeThings", "Things", ["a", "b"]),
        _status("ListItems", "Items", ["b", "a"]),  # the same set in another order
        _status("DescribeOthers", "Things", ["c"]),
    )
    enums = {e.name: e for family in shared.families for e in family.enums}
    assert sorted(enums) == ["DescribeOthersStatus", "ListItemsStatus"]  # ties: the shorter
    first, second = (m.response.attributes[0].type_ref.targets[0] for m in modules[:2])
    assert first is second and first.family == COMMON_FAMILY  # used in two chapters
    assert enums["DescribeOthersStatus"].family == "things"
    assert shared.local_names[("DescribeThings", "DescribeThingsStatus")] == "ListItemsStatus"


def test_request_and_response_tags_of_every_operation_are_one_class() -> None:
    modules, shared = _shared(_tagged("DescribeThings", "Things"), _tagged("TagItems", "Items"))
    (tag,) = [c for family in shared.families for c in family.classes if not c.root]
    assert tag.name == "Tag" and tag.request_role and tag.response_role
    assert tag.users == ["DescribeThings", "TagItems"]
    for module in modules:
        assert module.request.attributes[0].type_ref.targets == (tag,)
        assert module.response.attributes[0].type_ref.targets == (tag,)
    assert tag.attributes[0].conversion == "_m.STR"
    assert modules[0].request.attributes[0].conversion == "_m.list_of(_m.model(Tag))"
    assert modules[0].response.attributes[0].conversion == "_m.list_of(_m.model(Tag), 'Tag')"


def test_an_override_keeps_a_shape_apart_or_names_it() -> None:
    split = ShapeOverride("differs", "ListItems", "ListItemsStatus", split_as="ItemState")
    rename = ShapeOverride("clearer", "DescribeThings", "DescribeThingsStatus", rename_to="State")
    ops = (_status("DescribeThings", "Things", ["a"]), _status("ListItems", "Things", ["a"]))
    _, shared = _shared(*ops, overrides=[split, rename])
    names = sorted(e.name for family in shared.families for e in family.enums)
    assert names == ["ItemState", "State"]
    with pytest.raises(ValueError, match="match no shape"):
        _shared(*ops, overrides=[ShapeOverride("x", "ListItems", "Nothing", rename_to="Y")])
    assert _shared(*ops, overrides=[ShapeOverride("x", "Absent", "Y", split_as="Z")])  # left aside


def test_the_reviewed_overrides_load_and_every_entry_has_a_reason(tmp_path: Path) -> None:
    assert all(o.reason and (o.split_as or o.rename_to) for o in load_overrides())
    bad = tmp_path / "shape_overrides.yaml"
    bad.write_text("- {operation: A, local: B, rename_to: C}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no reason"):
        load_overrides(bad)


def test_chapter_modules() -> None:
    assert family_module("Border Gateway Protocol (BGP)") == "bgp"
    assert family_module("IPsec-VPN") == "ipsec_vpn"
    assert family_module("NAT Gateway") == "nat_gateway"


def test_diff_names_a_renamed_shape() -> None:
    old = Spec(Service(), [_status("DescribeThings", "Things", ["a", "b"])])
    new = Spec(Service(), [*old.operations, _status("ListItems", "Things", ["a", "b"])])
    assert shape_renames(old, new) == (("DescribeThingsStatus", "ListItemsStatus"),)
    assert shape_renames(old, old) == ()


def test_the_repository_spec_has_one_enum_per_value_set_and_one_tag() -> None:
    from generator.spec_io import load_spec

    spec = load_spec(Path(__file__).resolve().parents[1] / "spec")
    _, shared = _shared(*spec.operations, overrides=load_overrides())
    enums = [e for family in shared.families for e in family.enums]
    assert len({frozenset(e.values) for e in enums}) == len(enums)
    classes = [c for family in shared.families for c in family.classes if not c.root]
    assert [c.name for c in classes].count("Tag") == 1
    for name in ("Filter", "IkeConfig", "IpsecConfig", "Tag"):
        wires = {tuple(a.wire for a in c.attributes) for c in classes if c.name == name}
        assert len(wires) == 1, name
    assert all(isinstance(e, EnumClass) for e in enums)
