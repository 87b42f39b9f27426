"""Waiters through a test-local fake client whose Describe method walks a status script, then the
generated waiters end to end against the simulator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import attrs
import pytest
from aliyun_vpc._generated.operations import WAITERS
from e2e_support import REGION_ID, create_resource, wire_value
from test_e2e_lifecycle import dependencies

from aliyun_vpc import AsyncVpcClient, VpcClient
from aliyun_vpc._client_base import AsyncClientBase, SyncClientBase
from aliyun_vpc._meta import OperationMeta, WaiterMeta
from aliyun_vpc.exceptions import ParamValidationError, WaiterFailureError, WaiterTimeoutError
from aliyun_vpc.models import (
    DescribePhysicalConnectionsRequest,
    Filter,
)
from aliyun_vpc.waiters import WaitPoll, describe_kwargs
from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator
from aliyun_vpc_simulator.families import ResourceFamily, packaged_families

VPC_AVAILABLE = WaiterMeta(
    "vpc_available", "DescribeVpcs", "vpc_id", "vpcs", "status", ("Available",), ("Deleted",)
)
OPERATIONS = {"DescribeVpcs": OperationMeta("DescribeVpcs", "describe_vpcs", False, True, True)}


@attrs.frozen
class Vpc:
    vpc_id: str
    status: str


@attrs.frozen
class DescribeVpcsResponse:
    vpcs: list[Vpc]


def response_for(status: str | None, vpc_id: str) -> DescribeVpcsResponse:
    return DescribeVpcsResponse([] if status is None else [Vpc(vpc_id, status)])


class FakeSync(SyncClientBase):
    OPERATIONS = OPERATIONS
    WAITERS: ClassVar[dict[str, WaiterMeta]] = {"vpc_available": VPC_AVAILABLE}

    def __init__(self, statuses: list[str | None]) -> None:
        super().__init__(access_key_id="a", access_key_secret="b", region_id="cn-hangzhou")
        self.statuses = iter(statuses)
        self.calls: list[dict[str, Any]] = []

    def describe_vpcs(self, **kwargs: Any) -> DescribeVpcsResponse:
        self.calls.append(kwargs)
        return response_for(next(self.statuses), kwargs["vpc_id"])


class FakeAsync(AsyncClientBase):
    OPERATIONS = OPERATIONS
    WAITERS = FakeSync.WAITERS

    def __init__(self, statuses: list[str | None]) -> None:
        super().__init__(access_key_id="a", access_key_secret="b", region_id="cn-hangzhou")
        self.statuses = iter(statuses)
        self.polls = 0

    async def describe_vpcs(self, **kwargs: Any) -> DescribeVpcsResponse:
        self.polls += 1
        return response_for(next(self.statuses), kwargs["vpc_id"])


def test_waits_through_missing_and_pending_to_success() -> None:
    with FakeSync([None, "Pending", "Pending", "Available"]) as client:
        response = client.wait_until("vpc_available", vpc_id="vpc-1", delay=0.001, timeout=5)
        assert response.vpcs == [Vpc("vpc-1", "Available")]
        assert client.calls == [{"vpc_id": "vpc-1"}] * 4


def test_failure_status_raises() -> None:
    with (
        FakeSync(["Pending", "Deleted", "Available"]) as client,
        pytest.raises(WaiterFailureError) as caught,
    ):
        client.wait_until("vpc_available", vpc_id="vpc-1", delay=0.001)
    assert caught.value.last_status == "Deleted" and caught.value.waiter == "vpc_available"


def test_timeout_names_last_status() -> None:
    with FakeSync(["Pending"] * 1000) as client:
        with pytest.raises(WaiterTimeoutError, match="Pending") as caught:
            client.wait_until("vpc_available", vpc_id="vpc-1", delay=0.01, timeout=0.05)
        assert 2 <= len(client.calls) <= 8
    assert caught.value.last_status == "Pending"


def test_missing_id_argument_and_unknown_waiter() -> None:
    with FakeSync([]) as client:
        with pytest.raises(ParamValidationError, match="vpc_id"):
            client.wait_until("vpc_available")
        with pytest.raises(ParamValidationError, match="vswitch_available"):
            client.wait_until("vswitch_available", vswitch_id="vsw-1")


def test_poll_cuts_last_wait_to_the_deadline() -> None:
    now = [0.0]
    poll = WaitPoll(VPC_AVAILABLE, {"vpc_id": "v"}, timeout=5.0, delay=2.0, clock=lambda: now[0])
    pending = response_for("Pending", "v")
    assert poll.after(pending) == 2.0
    now[0] = 4.0
    assert poll.after(pending) == 1.0
    now[0] = 5.0
    with pytest.raises(WaiterTimeoutError):
        poll.after(response_for(None, "v"))
    assert poll.last_status is None


async def test_async_waiter() -> None:
    async with FakeAsync(["Pending", "Available"]) as client:
        response = await client.wait_until("vpc_available", vpc_id="vpc-9", delay=0.001)
        assert response.vpcs[0].status == "Available" and client.polls == 2
    async with FakeAsync(["Pending"] * 100) as client:
        with pytest.raises(WaiterTimeoutError):
            await client.wait_until("vpc_available", vpc_id="vpc-9", delay=0.01, timeout=0.03)


PHYSICAL_CONNECTION_ENABLED = WaiterMeta(
    "physical_connection_enabled",
    "DescribePhysicalConnections",
    "physical_connection_id",
    "physical_connection_set",
    "status",
    ("Enabled",),
    (),
    filter_key="PhysicalConnectionId",
    filter_argument="filters",
    filter_model=lambda: Filter,
)


def test_describe_kwargs_pass_the_id_argument_or_a_filter_on_it() -> None:
    assert describe_kwargs(VPC_AVAILABLE, {"vpc_id": "vpc-1"}) == {"vpc_id": "vpc-1"}
    given = [Filter(key="Type", values=["VPC"])]
    kwargs = {"physical_connection_id": "pc-1", "filters": given, "page_size": 5}
    request = describe_kwargs(PHYSICAL_CONNECTION_ENABLED, kwargs)
    assert request == {
        "page_size": 5,
        "filters": [*given, Filter(key="PhysicalConnectionId", values=["pc-1"])],
    }
    query = DescribePhysicalConnectionsRequest(**request).to_query()
    assert query["Filter.2.Key"] == "PhysicalConnectionId" and query["Filter.2.Value.1"] == "pc-1"
    assert kwargs["filters"] == given  # the caller's list is left alone


def test_a_generated_filter_waiter_names_the_filter_class_the_generator_knew() -> None:
    meta = WAITERS["physical_connection_enabled"]
    assert meta.filter_model is not None and meta.filter_model() is Filter
    assert meta.filter_argument == "filters"


# -- against the simulator -----------------------------------------------------------------------

SIMULATED = {family.describe: family for family in packaged_families() if family.ready_status}


def _simulated_waiters() -> list[Any]:
    return [
        pytest.param(meta, SIMULATED[meta.operation], id=name)
        for name, meta in WAITERS.items()
        if meta.operation in SIMULATED
    ]


@pytest.fixture
def simulator() -> Iterator[Simulator]:
    # A resource reaches its ready status on its second describe (never by the clock).
    with Simulator(ready_after_seconds=3600, ready_after_describes=2) as running:
        yield running


def _client(simulator: Simulator, kind: type[Any]) -> Any:
    return kind(
        access_key_id=DEFAULT_ACCESS_KEY_ID,
        access_key_secret=DEFAULT_ACCESS_KEY_SECRET,
        region_id=REGION_ID,
        endpoint=simulator.endpoint,
        retry=False,
    )


def _create_two(client: VpcClient, family: ResourceFamily) -> str:
    """Create two resources of `family` (and their parents); the id of the second."""
    parents: dict[str, str] = {}
    for needed in dependencies(family):
        parents[needed.id_field] = create_resource(client, needed, parents)
    create_resource(client, family, parents)
    return create_resource(client, family, parents)


def _waited_for(meta: WaiterMeta, response: Any, family: ResourceFamily) -> tuple[str, str]:
    items = getattr(response, meta.items)
    assert len(items) == 1  # the call selected the one resource (by id or by filter)
    return wire_value(items[0], family.id_field), str(getattr(items[0], meta.status))


def test_generated_waiters_on_the_simulator() -> None:
    simulated = {param.id for param in _simulated_waiters()}
    assert {"physical_connection_enabled", "vpn_gateway_active", "vpc_available"} <= simulated


@pytest.mark.parametrize(("meta", "family"), _simulated_waiters())
def test_waiter_reaches_ready_status(
    simulator: Simulator, meta: WaiterMeta, family: ResourceFamily
) -> None:
    with _client(simulator, VpcClient) as client:
        target = _create_two(client, family)
        response = client.wait_until(
            meta.name, delay=0.001, timeout=10, **{meta.id_argument: target}
        )
    assert _waited_for(meta, response, family) == (target, family.ready_status)


async def test_async_filter_selected_waiter(simulator: Simulator) -> None:
    meta = WAITERS["physical_connection_enabled"]
    family = SIMULATED[meta.operation]
    with _client(simulator, VpcClient) as client:
        target = _create_two(client, family)
    async with _client(simulator, AsyncVpcClient) as client:
        response = await client.wait_until(
            meta.name, delay=0.001, timeout=10, physical_connection_id=target
        )
    assert _waited_for(meta, response, family) == (target, "Enabled")
