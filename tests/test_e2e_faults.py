"""250 CreateVpc + 250 DeleteVpc through the async client against a simulator that fails 30% of
requests (10% throttling, 10% InternalError/ServiceUnavailable, 10% dropped connections; a 5xx or
drop strikes before or after the operation took effect, at random).

CreateVpc takes a ClientToken, so the client retries every failure with the same token and the
simulator answers a repeated token with the first result: never a duplicate VPC. DeleteVpc takes
none, so the client retries only throttling (the request provably was not processed) and surfaces
a 5xx or a drop as a typed error; the caller then asks again, and InvalidVpcId.NotFound means the
failed attempt had deleted it.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import pytest
from e2e_support import REGION_ID

from aliyun_vpc import AsyncVpcClient, errors
from aliyun_vpc.exceptions import ServerError, ThrottlingError, TransportError, VpcError
from aliyun_vpc.retries import RetryPolicy
from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator

T = TypeVar("T")

CALLS = 250  # of each: CreateVpc, then DeleteVpc
FAULT_RATE = 0.1  # of each kind
SEED = 20240917
CONCURRENCY = 16
MAX_ATTEMPTS = 5
#: The bound on calls that exhaust their attempts: 250 * 0.3**5 = 0.6 expected.
RARE = 5
RECONCILE_ROUNDS = 10
DEADLINE_SECONDS = 50.0
#: What a call may raise once its retries are over (anything else fails the test).
TYPED_FAILURES = (ThrottlingError, ServerError, TransportError)


@pytest.fixture
def simulator() -> Iterator[Simulator]:
    with Simulator(
        throttle_rate=FAULT_RATE, error_rate=FAULT_RATE, drop_rate=FAULT_RATE, seed=SEED
    ) as running:
        yield running


def faulty_client(simulator: Simulator) -> AsyncVpcClient:
    policy = RetryPolicy(
        max_attempts=MAX_ATTEMPTS, base_delay=0.02, max_delay=0.3, rng=random.Random(SEED)
    )
    return AsyncVpcClient(
        access_key_id=DEFAULT_ACCESS_KEY_ID,
        access_key_secret=DEFAULT_ACCESS_KEY_SECRET,
        region_id=REGION_ID,
        endpoint=simulator.endpoint,
        retry=policy,
        read_timeout=5.0,
    )


async def run_all(call: Callable[[str], Awaitable[T]], arguments: list[str]) -> list[T | VpcError]:
    """`call` on each argument, CONCURRENCY at a time; a typed failure is returned, else raised."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(argument: str) -> T | VpcError:
        async with gate:
            try:
                return await call(argument)
            except TYPED_FAILURES as error:
                return error

    return await asyncio.gather(*(one(argument) for argument in arguments))


def stored_vpcs(simulator: Simulator) -> list[str]:
    assert simulator.service is not None
    return [item.resource_id for item in simulator.service.store.all("vpc")]


async def create_all(client: AsyncVpcClient, simulator: Simulator, tokens: list[str]) -> list[str]:
    """Create one VPC per token; retry exhausted tokens until all answered. The VPC ids by token."""

    async def create(token: str) -> str:
        response = await client.create_vpc(cidr_block="192.168.0.0/16", client_token=token)
        assert response.vpc_id is not None
        return response.vpc_id

    first = await run_all(create, tokens)
    answered = {token: r for token, r in zip(tokens, first, strict=True) if isinstance(r, str)}
    exhausted = [token for token in tokens if token not in answered]
    assert len(exhausted) <= RARE, exhausted
    assert len(set(answered.values())) == len(answered), "two tokens answered with one VPC"
    in_store = set(stored_vpcs(simulator))
    assert set(answered.values()) <= in_store
    # An exhausted call may still have created its VPC (a fault after the operation), no more.
    assert len(answered) <= len(in_store) <= len(answered) + len(exhausted)
    for _ in range(RECONCILE_ROUNDS):
        if len(answered) == len(tokens):
            break
        pending = [token for token in tokens if token not in answered]
        again = await run_all(create, pending)
        answered.update(
            (token, r) for token, r in zip(pending, again, strict=True) if isinstance(r, str)
        )
    assert len(answered) == len(tokens), "some creates never got an answer"
    return [answered[token] for token in tokens]


async def delete_all(client: AsyncVpcClient, vpc_ids: list[str]) -> Counter[str]:
    """Delete every VPC, asking again after a failure; what happened, by outcome."""
    outcomes: Counter[str] = Counter()

    async def delete(vpc_id: str) -> str:
        await client.delete_vpc(vpc_id=vpc_id)
        return "deleted"

    async def gone_or_deleted(vpc_id: str) -> str:
        """Delete again: "again:deleted", or "again:already gone" when the failed attempt did it."""
        try:
            await client.delete_vpc(vpc_id=vpc_id)
        except errors.InvalidVpcIdNotFound:
            return "again:already gone"
        return "again:deleted"

    first = await run_all(delete, vpc_ids)
    pending = []
    for vpc_id, result in zip(vpc_ids, first, strict=True):
        if isinstance(result, VpcError):
            outcomes[
                "first:throttled" if isinstance(result, ThrottlingError) else "first:failed"
            ] += 1
            pending.append(vpc_id)
        else:
            outcomes["first:deleted"] += 1
    for _ in range(RECONCILE_ROUNDS):
        if not pending:
            break
        again = await run_all(gone_or_deleted, pending)
        still = []
        for vpc_id, result in zip(pending, again, strict=True):
            if isinstance(result, str):
                outcomes[result] += 1
            else:
                still.append(vpc_id)
        pending = still
    assert not pending, pending
    return outcomes


async def test_500_create_and_delete_calls_under_30_percent_faults(
    simulator: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="aliyun_vpc")
    tokens = [str(uuid.uuid4()) for _ in range(CALLS)]
    async with faulty_client(simulator) as client:
        vpc_ids = await asyncio.wait_for(create_all(client, simulator, tokens), DEADLINE_SECONDS)
        assert len(set(vpc_ids)) == CALLS
        assert sorted(stored_vpcs(simulator)) == sorted(vpc_ids), "exactly one VPC per token"
        outcomes = await asyncio.wait_for(delete_all(client, vpc_ids), DEADLINE_SECONDS)
    assert stored_vpcs(simulator) == []

    failed = outcomes["first:failed"] + outcomes["first:throttled"]
    assert outcomes["first:deleted"] + failed == CALLS
    assert outcomes["again:deleted"] + outcomes["again:already gone"] == failed
    # Throttling is retried (never processed): only exhausted attempts surface, rarely.
    assert outcomes["first:throttled"] <= RARE
    # With 20% non-retryable faults per delete, both kinds of failed attempt show up.
    assert outcomes["again:already gone"] > 0 and outcomes["again:deleted"] > 0
    retries = [record for record in caplog.records if "retrying in" in record.getMessage()]
    assert len(retries) >= CALLS * FAULT_RATE, "the faults were not injected"
    assert not [
        record for record in caplog.records if record.name.startswith("aliyun_vpc_simulator")
    ], "the simulator failed on a request"
