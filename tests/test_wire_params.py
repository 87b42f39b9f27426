"""The flattening rule of request parameters (`aliyun_vpc._wire_params`), written once."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from aliyun_vpc._wire_params import (
    documented_path,
    flatten,
    position_key,
    unflatten,
    wire_pattern,
)

TREE = {
    "VpcId": "vpc-1",
    "Tag": [{"Key": "env", "Value": "a"}, {"Key": "team"}],
    "Filter": [{"Key": "Status", "Value": ["Active", "Inactive"]}],
    "Spec": {"Size": "10"},
}
FLAT = {
    "VpcId": "vpc-1",
    "Tag.1.Key": "env",
    "Tag.1.Value": "a",
    "Tag.2.Key": "team",
    "Filter.1.Key": "Status",
    "Filter.1.Value.1": "Active",
    "Filter.1.Value.2": "Inactive",
    "Spec.Size": "10",
}


def test_a_tree_flattens_to_positions_from_one_and_dotted_keys() -> None:
    assert flatten(TREE) == FLAT
    assert list(flatten(TREE)) == list(FLAT)  # the tree's order


def test_wire_parameters_unflatten_to_the_tree() -> None:
    assert unflatten(FLAT) == TREE


def test_positions_order_the_list_and_a_gap_closes_up() -> None:
    flat = {"Tag.10.Key": "j", "Tag.2.Key": "b", "Tag.1.Key": "a"}
    assert unflatten(flat) == {"Tag": [{"Key": "a"}, {"Key": "b"}, {"Key": "j"}]}


def test_a_name_that_is_also_a_prefix_keeps_the_nested_values() -> None:
    assert unflatten({"Tag.1": "x", "Tag.1.Key": "k"}) == {"Tag": [{"Key": "k"}]}
    assert unflatten({"Tag.1.Key": "k", "Tag.1": "x"}) == {"Tag": [{"Key": "k"}]}


def test_documented_names_read_as_list_paths() -> None:
    assert documented_path("Filter.N.Value.M") == [("Filter", True), ("Value", True)]
    assert documented_path("Tag.n.Key") == [("Tag", True), ("Key", False)]
    assert documented_path("Filter.2.Key") == [("Filter", True), ("Key", False)]
    assert documented_path("VpcId") == [("VpcId", False)]


def test_a_documented_name_stands_for_its_wire_names() -> None:
    assert position_key("Filter.N.Value.M") == "Filter.1.Value.1"
    assert position_key("Tag.N.Key", 3) == "Tag.3.Key"
    pattern = wire_pattern("Tag.N.Key")
    assert pattern.fullmatch("Tag.12.Key") and pattern.fullmatch("tag.1.key")
    assert not pattern.fullmatch("Tag.0.Key") and not pattern.fullmatch("Tag.1.Key.1")
    assert wire_pattern("Policy", structured=True).fullmatch("Policy.1.Name")
    assert not wire_pattern("Policy").fullmatch("Policy.1.Name")


_names = st.from_regex(r"[A-Z][a-zA-Z]{0,6}", fullmatch=True)
_trees: st.SearchStrategy[Any] = st.recursive(
    st.text(max_size=5),
    lambda inner: st.lists(inner, min_size=1, max_size=3)
    | st.dictionaries(_names, inner, min_size=1, max_size=3),
    max_leaves=12,
)


@given(st.dictionaries(_names, _trees, max_size=4))
def test_unflatten_inverts_flatten(tree: dict[str, Any]) -> None:
    assert unflatten(flatten(tree)) == _without_empty(tree)


def _without_empty(value: Any) -> Any:
    """What survives the wire: empty lists and objects send nothing."""
    if isinstance(value, dict):
        kept = {key: _without_empty(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in ({}, [])}
    if isinstance(value, list):
        kept_items = [_without_empty(item) for item in value]
        return [item for item in kept_items if item not in ({}, [])]
    return value


def test_the_top_level_stays_an_object_even_with_numeric_names() -> None:
    assert unflatten({"1": "a", "2.Key": "b"}) == {"1": "a", "2": {"Key": "b"}}
