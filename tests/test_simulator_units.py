"""The simulator's parts on their own: nonce memory, idempotency, wire names, rendering, faults."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from defusedxml import ElementTree

from aliyun_vpc_simulator.faults import FaultInjector, FaultKind, FaultSettings
from aliyun_vpc_simulator.idempotency import IdempotencyCache, ParameterMismatch
from aliyun_vpc_simulator.rendering import (
    coerce,
    encode,
    example_response,
    name_unnamed_wrappers,
    sample_value,
    singular,
)
from aliyun_vpc_simulator.spec_index import SpecIndex, wire_pattern
from aliyun_vpc_simulator.store import ResourceStore, StoredResource
from aliyun_vpc_simulator.verification import NonceCache


def test_nonce_cache_rejects_reuse_within_the_window_only() -> None:
    cache = NonceCache(window_seconds=60)
    assert cache.add("a", now=0)
    assert not cache.add("a", now=30)
    assert cache.add("a", now=100)  # forgotten once the window has passed


def test_nonce_cache_memory_is_bounded() -> None:
    cache = NonceCache(window_seconds=3600, capacity=100)
    for index in range(1000):
        assert cache.add(f"nonce-{index}", now=index / 1000)
    assert len(cache) == 100
    assert not cache.add("nonce-999", now=1)


def test_idempotency_cache_replays_and_detects_mismatch() -> None:
    cache = IdempotencyCache(capacity=2)
    calls: list[int] = []

    def action() -> dict[str, int]:
        calls.append(1)
        return {"n": len(calls)}

    params = {"VpcName": "a", "Signature": "s1", "SignatureNonce": "n1"}
    first = cache.run("k", params, action)
    replay = cache.run("k", {**params, "Signature": "s2", "SignatureNonce": "n2"}, action)
    assert first == replay == {"n": 1}
    with pytest.raises(ParameterMismatch):
        cache.run("k", {**params, "VpcName": "b"}, action)
    cache.run("k2", params, action)
    cache.run("k3", params, action)  # evicts "k"
    assert cache.run("k", params, action) == {"n": 4}


@pytest.mark.parametrize(
    ("name", "type_", "key", "matches"),
    [
        ("Tag.N.Key", "string", "Tag.1.Key", True),
        ("Tag.N.Key", "string", "Tag.12.Key", True),
        ("Tag.N.Key", "string", "Tag.0.Key", False),
        ("Tag.N.Key", "string", "Tag.N.Key", False),
        ("Filter.N.Value.M", "string", "Filter.2.Value.3", True),
        ("ResourceId.N", "list", "ResourceId.4", True),
        ("NextHopList", "list", "NextHopList.1.NextHopId", True),
        ("VpcId", "string", "VpcId.1", False),
    ],
)
def test_wire_pattern(name: str, type_: str, key: str, matches: bool) -> None:
    assert bool(wire_pattern(name, type_).fullmatch(key)) is matches


def test_coerce_types_values_per_field_type() -> None:
    assert coerce("246", "long") == 246
    assert coerce("1.5", "double") == 1.5
    assert coerce("true", "boolean") is True and coerce("False", "boolean") is False
    assert coerce(None, "integer") == 0 and coerce("n/a", "integer") == 0
    assert coerce(7, "string") == "7"


def test_list_fields_keep_their_wire_wrapper() -> None:
    node = {"name": "VSwitchIds", "type": "list", "item_name": "VSwitchId", "item_type": "string"}
    assert sample_value(node, {"VSwitchId": ["vsw-1", "vsw-2"]}) == {
        "VSwitchId": ["vsw-1", "vsw-2"]
    }
    assert sample_value(node, None) == {"VSwitchId": []}
    bare = {"name": "Ids", "type": "list", "item_type": "integer", "example": "3"}
    assert sample_value(bare, None) == [3]


@pytest.mark.parametrize(
    ("name", "item"),
    [
        ("Tags", "Tag"),
        ("FlowLogs", "FlowLog"),
        ("VSwitches", "VSwitch"),
        ("SnatTableEntries", "SnatTableEntry"),
        ("AssociatedPhysicalConnections", "AssociatedPhysicalConnection"),
        ("pmInfo", "pmInfo"),
        ("Address", "Address"),
    ],
)
def test_singular(name: str, item: str) -> None:
    assert singular(name) == item


def test_unnamed_wrappers_take_a_siblings_item_name_else_the_singular() -> None:
    def listed(name: str, item_name: str | None = None) -> dict[str, Any]:
        return {"name": name, "type": "list", "item_name": item_name, "fields": []}

    locks, tags, inner = listed("OperationLocks"), listed("Tags"), listed("snatTableIds")
    operations: list[dict[str, Any]] = [
        {"name": "A", "response": {"fields": [listed("OperationLocks", "LockReason")]}},
        {"name": "B", "response": [{"name": "Set", "type": "object", "fields": [locks, tags]}]},
        {"name": "C", "response": {"fields": [inner, listed("SnatTableIds", "SnatTableId")]}},
    ]
    name_unnamed_wrappers(operations)
    assert (locks["item_name"], tags["item_name"], inner["item_name"]) == (
        "LockReason",
        "Tag",
        "SnatTableId",
    )


def one_key_wrappers_missing(value: Any, path: str = "") -> list[str]:
    """Paths of lists that are not the only member of their object (`{"Vpc": [...]}`)."""
    missing: list[str] = []
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, list) and len(value) != 1:
                missing.append(f"{path}.{key}")
            missing += one_key_wrappers_missing(child, f"{path}.{key}")
    elif isinstance(value, list):
        for child in value:
            missing += one_key_wrappers_missing(child, f"{path}[]")
    return missing


def test_every_list_of_the_packaged_spec_is_rendered_in_its_wrapper() -> None:
    spec = SpecIndex.load()
    answers = {
        name: example_response(operation.response_fields, operation.response_example)
        for name, operation in spec.operations.items()
    }
    assert {name: one_key_wrappers_missing(answer) for name, answer in answers.items()} == {
        name: [] for name in answers
    }
    flow_logs = answers["DescribeFlowLogs"]["FlowLogs"]
    assert list(flow_logs) == ["FlowLog"] and flow_logs["FlowLog"][0]["FlowLogId"]
    table = answers["DescribeRouteTables"]["RouteTables"]["RouteTable"][0]
    assert list(table["VSwitchIds"]) == ["VSwitchId"]


def test_xml_encoding_repeats_list_items_and_escapes() -> None:
    body = {"Vpcs": {"Vpc": [{"VpcName": "a&b", "IsDefault": False}, {"VpcName": "<c>"}]}}
    data, content_type = encode(body, "DescribeVpcsResponse", "XML")
    root = ElementTree.fromstring(data)
    assert content_type.startswith("text/xml")
    assert [vpc.findtext("VpcName") for vpc in root.findall("./Vpcs/Vpc")] == ["a&b", "<c>"]
    assert root.findtext("./Vpcs/Vpc/IsDefault") == "false"


def test_fault_settings_are_checked() -> None:
    with pytest.raises(ValueError):
        FaultSettings(throttle_rate=0.7, error_rate=0.5)
    with pytest.raises(ValueError):
        FaultSettings(drop_rate=-0.1)


def test_throttling_never_follows_the_operation() -> None:
    settings = FaultSettings(throttle_rate=0.5, drop_rate=0.5, seed=5)
    injector = FaultInjector(settings, "Throttling", ["ServiceUnavailable"])
    faults = [injector.draw() for _ in range(400)]
    throttles = [fault for fault in faults if fault and fault.kind is FaultKind.THROTTLE]
    drops = [fault for fault in faults if fault and fault.kind is FaultKind.DROP]
    assert throttles and not any(fault.after for fault in throttles)
    assert {fault.after for fault in drops} == {True, False}


def test_store_is_safe_under_concurrent_updates() -> None:
    store = ResourceStore()
    store.add(StoredResource("vpc", "vpc-1", {"Count": 0}, created_at=0))

    def bump() -> None:
        for _ in range(500):
            with store.transaction():
                current = store.get("vpc", "vpc-1")
                assert current is not None
                store.update("vpc", "vpc-1", {"Count": current.attributes["Count"] + 1})

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    final = store.get("vpc", "vpc-1")
    assert final is not None and final.attributes["Count"] == 2000
