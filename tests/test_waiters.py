"""Waiters through a test-local fake client whose Describe method walks a status script."""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
import pytest
from aliyun_vpc._client_base import AsyncClientBase, SyncClientBase
from aliyun_vpc._meta import OperationMeta, WaiterMeta
from aliyun_vpc.exceptions import ParamValidationError, WaiterFailureError, WaiterTimeoutError
from aliyun_vpc.waiters import WaitPoll

VPC_AVAILABLE = WaiterMeta(
    "vpc_available", "DescribeVpcs", "vpc_id", "vpcs", "status", ("Available",), ("Deleted",)
)
OPERATIONS = {
    "DescribeVpcs": OperationMeta("DescribeVpcs", "describe_vpcs", "m:R", "m:S", False, True, True)
}


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
