"""A create/describe/delete lifecycle through the default senders (sync and async, no transport=)
against the simulator, which verifies every request's signature: v1 and V3, POST and GET."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from signing_configs import SIGNING

from aliyun_vpc import AsyncVpcClient, VpcClient
from aliyun_vpc._asyncio_http import AsyncioSender
from aliyun_vpc._httpcore_pool import HttpcorePoolSender
from aliyun_vpc.config import ClientConfig
from aliyun_vpc.errors import InvalidVpcIdNotFound
from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator

NAME = "名 *~lifecycle"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with Simulator(ready_after_describes=0) as simulator:
        yield simulator.endpoint


def _options(endpoint: str, config: ClientConfig) -> dict[str, object]:
    return {
        "access_key_id": DEFAULT_ACCESS_KEY_ID,
        "access_key_secret": DEFAULT_ACCESS_KEY_SECRET,
        "region_id": "cn-hangzhou",
        "endpoint": endpoint,
        "config": config,
        "retry": False,
    }


@SIGNING
def test_sync_lifecycle(endpoint: str, config: ClientConfig) -> None:
    with VpcClient(**_options(endpoint, config)) as client:  # type: ignore[arg-type]
        assert isinstance(client._sender()._sender, HttpcorePoolSender)
        vpc_id = client.create_vpc(cidr_block="10.0.0.0/8", vpc_name=NAME).vpc_id
        assert vpc_id
        described = client.describe_vpcs(vpc_id=vpc_id)
        assert [vpc.vpc_name for vpc in described.vpcs] == [NAME]
        client.delete_vpc(vpc_id=vpc_id)
        with pytest.raises(InvalidVpcIdNotFound):
            client.delete_vpc(vpc_id=vpc_id)


@SIGNING
def test_async_lifecycle(endpoint: str, config: ClientConfig) -> None:
    async def lifecycle() -> None:
        async with AsyncVpcClient(**_options(endpoint, config)) as client:  # type: ignore[arg-type]
            assert isinstance(client._sender()._sender, AsyncioSender)
            vpc_id = (await client.create_vpc(cidr_block="10.0.0.0/8", vpc_name=NAME)).vpc_id
            assert vpc_id
            described = await client.describe_vpcs(vpc_id=vpc_id)
            assert [vpc.vpc_name for vpc in described.vpcs] == [NAME]
            await client.delete_vpc(vpc_id=vpc_id)
            with pytest.raises(InvalidVpcIdNotFound):
                await client.delete_vpc(vpc_id=vpc_id)

    asyncio.run(lifecycle())
