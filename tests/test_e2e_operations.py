"""Every operation of the packaged spec, called through the generated sync and async clients.

The required parameters come from the documents' examples; ids of the simulator's stateful
families are replaced by resources created first (a Delete gets a fresh one of its own), so every
call is expected to succeed and parse into its response model. Where the spec itself makes the
documented example unusable, the case is a strict xfail naming the defect.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from e2e_support import (
    REGION_ID,
    create_resource,
    family_by_operation,
    id_values,
    operation,
    operation_meta,
    request_kwargs,
    spec_operations,
    wire_value,
)

from aliyun_vpc import AsyncVpcClient, VpcClient, errors
from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator
from aliyun_vpc_simulator.families import packaged_families

#: Operations whose documented example contradicts the spec's own constraints (spec defects,
#: reported; fix with an override in spec/overrides.yaml, then drop the entry: the xfail is strict).
SPEC_DEFECTS: dict[str, str] = {}


def _cases() -> list[Any]:
    cases = []
    for action in sorted(spec_operations()):
        marks = []
        if action in SPEC_DEFECTS:
            marks.append(
                pytest.mark.xfail(
                    strict=True, raises=errors.InvalidParameter, reason=SPEC_DEFECTS[action]
                )
            )
        cases.append(pytest.param(action, marks=marks, id=action))
    return cases


@pytest.fixture(scope="module")
def simulator() -> Iterator[Simulator]:
    with Simulator() as running:
        yield running


def client_options(simulator: Simulator) -> dict[str, Any]:
    return {
        "access_key_id": DEFAULT_ACCESS_KEY_ID,
        "access_key_secret": DEFAULT_ACCESS_KEY_SECRET,
        "region_id": REGION_ID,
        "endpoint": simulator.endpoint,
        "retry": False,
    }


@pytest.fixture(scope="module")
def client(simulator: Simulator) -> Iterator[VpcClient]:
    with VpcClient(**client_options(simulator)) as opened:
        yield opened


@pytest.fixture(scope="module")
def world(client: VpcClient) -> dict[str, str]:
    """One resource of every stateful family (parents first): id field -> resource id."""
    ids: dict[str, str] = {}
    for family in packaged_families():
        ids[family.id_field] = create_resource(client, family, ids)
    return ids


def call_values(action: str, client: VpcClient, world: dict[str, str]) -> dict[str, str]:
    """The ids to send: the world's, or a fresh resource for a Delete of a stateful family."""
    values = id_values(action, world)
    family, verb = family_by_operation().get(action, (None, ""))
    if family is not None and verb == "delete":
        values[family.id_field] = create_resource(client, family, world)
    return values


def check_response(action: str, response: Any, sent: dict[str, str]) -> None:
    """The response is the operation's model, fully parsed, with a request id."""
    assert isinstance(response, operation(action).response_class)
    assert set(response.extra) <= {"RequestId"}, response.extra
    request_id = getattr(response, "request_id", None) or response.extra.get("RequestId")
    assert isinstance(request_id, str) and request_id
    documented = (spec_operations()[action].get("response") or {}).get("fields", [])
    unset = [node["name"] for node in documented if wire_value(response, node["name"]) is None]
    assert not unset, f"documented fields not parsed: {unset}"
    family, verb = family_by_operation().get(action, (None, ""))
    if family is not None and verb == "create":
        assert str(wire_value(response, family.id_field)).startswith(family.id_prefix)
    if family is not None and verb == "show":
        assert wire_value(response, family.id_field) == sent[family.id_field]


def test_every_spec_operation_has_a_generated_method() -> None:
    assert {operation_meta(action).name for action in spec_operations()} == set(spec_operations())
    assert all(hasattr(VpcClient, operation_meta(a).method) for a in spec_operations())
    assert all(hasattr(AsyncVpcClient, operation_meta(a).method) for a in spec_operations())


@pytest.mark.parametrize("action", _cases())
def test_sync_call(action: str, client: VpcClient, world: dict[str, str]) -> None:
    sent = call_values(action, client, world)
    method = getattr(client, operation_meta(action).method)
    check_response(action, method(**request_kwargs(action, sent)), sent)


@pytest.mark.parametrize("action", _cases())
async def test_async_call(
    action: str, simulator: Simulator, client: VpcClient, world: dict[str, str]
) -> None:
    sent = call_values(action, client, world)
    async with AsyncVpcClient(**client_options(simulator)) as async_client:
        method = getattr(async_client, operation_meta(action).method)
        check_response(action, await method(**request_kwargs(action, sent)), sent)
