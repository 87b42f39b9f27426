"""Refreshing before expiry: one refresh per lifetime for all callers (threads and tasks), the
old credentials kept (with a warning) while a refresh fails, a typed error once they expire, and a
client with no arguments living on a credentials URI through several expiries."""

from __future__ import annotations

import asyncio
import itertools
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aliyun_vpc import AsyncVpcClient, VpcClient
from aliyun_vpc.credentials import (
    CredentialsExpiredError,
    CredentialsProviderError,
    CredentialsUriProvider,
)
from aliyun_vpc.credentials.refreshing import refresh_time
from aliyun_vpc_simulator import Simulator
from aliyun_vpc_simulator.credential_endpoints import CredentialsUriServer, SeenRequest


def test_refresh_margin_is_three_minutes_or_a_third_of_a_short_lifetime() -> None:
    assert refresh_time(10_000.0 + 3600, 10_000.0) == 10_000.0 + 3600 - 180
    assert refresh_time(10_000.0 + 3, 10_000.0) == 10_000.0 + 2
    assert refresh_time(None, 10_000.0) == float("inf")


@pytest.fixture()
def short_lived() -> Iterator[tuple[Simulator, CredentialsUriServer]]:
    with Simulator(credential_lifetime_seconds=5) as simulator:
        yield simulator, simulator.serve_credentials_uri()


def test_one_refresh_per_expiry_for_32_tasks_and_8_threads(
    short_lived: tuple[Simulator, CredentialsUriServer],
) -> None:
    sim, uri = short_lived
    provider = CredentialsUriProvider(uri.endpoint)
    duration = 11.0  # two to three 4-5 s lifetimes (the simulator's expiry is a whole second)
    stop_at = time.monotonic() + duration
    failures: list[BaseException] = []
    calls = {"sync": 0, "async": 0}
    lock = threading.Lock()

    def thread_caller(client: VpcClient) -> None:
        while time.monotonic() < stop_at:
            try:
                client.describe_vpcs()
            except Exception as error:  # noqa: BLE001 - collected and asserted below
                failures.append(error)
            with lock:
                calls["sync"] += 1
            time.sleep(0.05)

    async def task_caller(client: AsyncVpcClient) -> None:
        while time.monotonic() < stop_at:
            try:
                await client.describe_vpcs()
            except Exception as error:  # noqa: BLE001 - collected and asserted below
                failures.append(error)
            calls["async"] += 1
            await asyncio.sleep(0.05)

    async def tasks() -> None:
        async with AsyncVpcClient(
            credentials=provider, region_id="cn-hangzhou", endpoint=sim.endpoint
        ) as client:
            await asyncio.gather(*(task_caller(client) for _ in range(32)))

    with VpcClient(credentials=provider, region_id="cn-hangzhou", endpoint=sim.endpoint) as sync:
        threads = [threading.Thread(target=thread_caller, args=(sync,)) for _ in range(8)]
        for thread in threads:
            thread.start()
        asyncio.run(tasks())
        for thread in threads:
            thread.join(30)
    assert failures == []
    assert calls["sync"] > 8 and calls["async"] > 32
    fetched = [request.at for request in uri.requests]
    gaps = [later - earlier for earlier, later in itertools.pairwise(fetched)]
    assert len(fetched) >= 3, gaps
    # One refresh per lifetime: never two close together (no stampede), always before expiry.
    assert all(2.5 <= gap < 5.0 for gap in gaps), gaps


class FlakyUri(CredentialsUriServer):
    """A credentials URI that answers 500 while `failing` is set."""

    failing = False

    def answer(self, request: SeenRequest) -> tuple[int, bytes | dict[str, Any]]:
        if self.failing:
            return 500, {"Code": "ServiceUnavailable", "Message": "down for maintenance"}
        return super().answer(request)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_failed_refresh_keeps_valid_credentials_then_raises_once_expired(
    mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    sim = Simulator(credential_lifetime_seconds=3)
    server = FlakyUri(sim.credentials)
    provider = CredentialsUriProvider(server.endpoint)

    def get() -> Any:
        if mode == "sync":
            return provider.get_credentials()
        return asyncio.run(provider.get_credentials_async())

    try:
        first = get()
        assert first.expiration is not None
        server.failing = True
        time.sleep(max(0.0, provider._refresh_at - time.time()) + 0.05)
        with caplog.at_level(logging.DEBUG, logger="aliyun_vpc"):
            assert get() == first  # refresh failed, the current ones are still valid
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert any("credentials_uri: refreshing credentials failed" in w for w in warnings)
        assert any("HTTP 500 ServiceUnavailable" in w for w in warnings)
        time.sleep(max(0.0, first.expiration - time.time()) + 0.05)
        with pytest.raises(CredentialsExpiredError) as caught:
            get()
        assert caught.value.provider == "credentials_uri"
        assert "expired and refreshing them failed" in str(caught.value)
        server.failing = False
        assert get().access_key_id != first.access_key_id  # recovers once the URI answers
    finally:
        server.stop()
    logged = caplog.text + str(caught.value)
    assert first.access_key_secret not in logged and first.security_token not in logged


def test_client_without_arguments_lives_on_a_credentials_uri(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("ALIBABA_CLOUD_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))  # no profile files
    with Simulator(credential_lifetime_seconds=3) as sim:
        uri = sim.serve_credentials_uri()
        monkeypatch.setenv("ALIBABA_CLOUD_CREDENTIALS_URI", uri.endpoint)
        with VpcClient(region_id="cn-hangzhou", endpoint=sim.endpoint) as client:
            stop_at = time.monotonic() + 7.5
            calls = 0
            while time.monotonic() < stop_at:
                client.describe_vpcs()  # raises if a call ever used expired credentials
                calls += 1
                time.sleep(0.1)
    assert calls > 20
    assert len(uri.requests) >= 3  # several 2-3 s lifetimes, each refreshed


class SlowUri(CredentialsUriServer):
    """A credentials URI that waits `delay` seconds before answering."""

    delay = 0.0

    def answer(self, request: SeenRequest) -> tuple[int, bytes | dict[str, Any]]:
        time.sleep(self.delay)
        return super().answer(request)


async def test_a_cancelled_refresh_leaves_no_one_waiting() -> None:
    server = SlowUri(Simulator().credentials)
    server.delay = 1.0
    provider = CredentialsUriProvider(server.endpoint)
    try:
        owner = asyncio.create_task(provider.get_credentials_async())
        await asyncio.sleep(0.2)  # the owner's request is in flight
        waiter = asyncio.create_task(provider.get_credentials_async())
        await asyncio.sleep(0.1)
        owner.cancel()
        with pytest.raises(CredentialsProviderError, match="refresh failed: CancelledError"):
            await asyncio.wait_for(waiter, 5)
        server.delay = 0.0
        assert (await provider.get_credentials_async()).provider == "credentials_uri"
    finally:
        server.stop()
