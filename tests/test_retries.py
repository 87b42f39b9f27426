"""Retries: policy rules, and whole calls through the default senders on an in-memory network
(tests/memory_network.py: a scripted answer or a network failure per attempt) and a loopback socket.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import parse_qsl

import httpx
import pytest
from memory_network import Handler, attach

from aliyun_vpc._client_base import AsyncClientBase, SyncClientBase
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc.exceptions import ServerError, ThrottlingError, TransportError
from aliyun_vpc.retries import Failure, RetryPolicy

DESCRIBE = OperationMeta("DescribeVpcs", "describe_vpcs", "m:Req", "m:Resp", False, True, True)
CREATE = OperationMeta("CreateVpc", "create_vpc", "m:Req", "m:Resp", True, False, True)
DELETE = OperationMeta("DeleteVpc", "delete_vpc", "m:Req", "m:Resp", False, False, True)

FAST = RetryPolicy(max_attempts=5, base_delay=0.001, max_delay=0.002, total_deadline=5.0)
OK = {"RequestId": "r-ok"}
THROTTLED = {"RequestId": "r-t", "Code": "Throttling.User", "Message": "Request was denied"}
UNAVAILABLE = {"RequestId": "r-u", "Code": "ServiceUnavailable", "Message": "try later"}

Outcome = httpx.Response | Exception


def scripted(outcomes: list[Outcome], seen: list[dict[str, str]]) -> Handler:
    """A network answering each attempt with the next outcome (failing with it if an exception)."""
    queue: Iterator[Outcome] = iter(outcomes)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(dict(parse_qsl(request.read().decode())))
        outcome = next(queue)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return handler


def client_with(handler: Handler, policy: RetryPolicy = FAST) -> SyncClientBase:
    client = SyncClientBase(
        access_key_id="AKID", access_key_secret="secret-xyz", region_id="cn-hangzhou", retry=policy
    )
    return attach(client, handler)


# --- the policy as data -------------------------------------------------------------------------


def test_policy_classifies_answers() -> None:
    policy = RetryPolicy()
    assert policy.classify_api_error("Throttling", 400) is Failure.THROTTLED
    assert policy.classify_api_error("Throttling.Api", 503) is Failure.THROTTLED
    assert policy.classify_api_error("ServiceUnavailable", 503) is Failure.MAYBE_PROCESSED
    assert policy.classify_api_error("Whatever", 502) is Failure.MAYBE_PROCESSED
    assert policy.classify_api_error("InvalidParameter", 400) is Failure.FINAL


def test_backoff_is_full_jitter_capped() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=3.0, rng=random.Random(7))
    for retry_number, ceiling in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 3.0), (10, 3.0)]:
        delays = [policy.backoff(retry_number) for _ in range(200)]
        assert all(0.0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8  # spread over the whole range, not a constant


@pytest.mark.parametrize(
    ("failure", "idempotent", "retried"),
    [
        (Failure.NOT_SENT, False, True),
        (Failure.THROTTLED, False, True),
        (Failure.MAYBE_PROCESSED, False, False),
        (Failure.MAYBE_PROCESSED, True, True),
        (Failure.FINAL, True, False),
    ],
)
def test_which_failures_are_retried(failure: Failure, idempotent: bool, retried: bool) -> None:
    delay = FAST.delay_before_retry(failure, attempt=1, idempotent=idempotent, elapsed=0.0)
    assert (delay is not None) is retried


def test_attempts_and_deadline_bound_retries() -> None:
    policy = RetryPolicy(max_attempts=3, base_delay=1.0, max_delay=1.0, total_deadline=10.0)
    args = {"idempotent": True}
    assert policy.delay_before_retry(Failure.NOT_SENT, attempt=2, elapsed=0.0, **args) is not None
    assert policy.delay_before_retry(Failure.NOT_SENT, attempt=3, elapsed=0.0, **args) is None
    assert policy.delay_before_retry(Failure.NOT_SENT, attempt=1, elapsed=10.0, **args) is None
    assert (
        RetryPolicy.disabled().delay_before_retry(Failure.NOT_SENT, attempt=1, elapsed=0, **args)
        is None
    )


# --- whole calls ---------------------------------------------------------------------------------


def test_throttling_then_success_within_budget() -> None:
    seen: list[dict[str, str]] = []
    outcomes: list[Outcome] = [
        httpx.Response(400, json=THROTTLED),
        httpx.Response(503, json=UNAVAILABLE),
        httpx.ConnectError("refused"),
        httpx.Response(200, json=OK),
    ]
    with client_with(scripted(outcomes, seen)) as client:
        assert client._invoke(DESCRIBE, {}) == OK
    assert len(seen) == 4
    assert len({attempt["SignatureNonce"] for attempt in seen}) == 4  # fresh nonce per attempt


def test_client_token_identical_on_every_attempt() -> None:
    seen: list[dict[str, str]] = []
    outcomes: list[Outcome] = [
        httpx.Response(500, json={"Code": "InternalError", "Message": "boom"}),
        httpx.ReadTimeout("slow"),
        httpx.Response(200, json=OK),
    ]
    with client_with(scripted(outcomes, seen)) as client:
        client._invoke(CREATE, {})
    tokens = {attempt["ClientToken"] for attempt in seen}
    assert len(seen) == 3 and len(tokens) == 1


def test_budget_exhausted_raises_last_error() -> None:
    seen: list[dict[str, str]] = []
    outcomes: list[Outcome] = [httpx.Response(400, json=THROTTLED)] * 5
    with client_with(scripted(outcomes, seen)) as client, pytest.raises(ThrottlingError) as caught:
        client._invoke(DESCRIBE, {})
    assert len(seen) == FAST.max_attempts and caught.value.request_id == "r-t"


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("dropped"),
        httpx.Response(503, json=UNAVAILABLE),
    ],
)
def test_non_idempotent_call_not_repeated_after_it_may_have_arrived(failure: Outcome) -> None:
    seen: list[dict[str, str]] = []
    with (
        client_with(scripted([failure, httpx.Response(200, json=OK)], seen)) as client,
        pytest.raises((TransportError, ServerError)),
    ):
        client._invoke(DELETE, {"VpcId": "vpc-1"})
    assert len(seen) == 1


def test_non_idempotent_call_retried_when_nothing_was_sent() -> None:
    seen: list[dict[str, str]] = []
    outcomes: list[Outcome] = [httpx.ConnectTimeout("no route"), httpx.Response(200, json=OK)]
    with client_with(scripted(outcomes, seen)) as client:
        assert client._invoke(DELETE, {"VpcId": "vpc-1"}) == OK
    assert len(seen) == 2


def test_transport_error_after_retries_chains_cause() -> None:
    seen: list[dict[str, str]] = []
    outcomes: list[Outcome] = [httpx.ConnectError("refused")] * 5
    with (
        client_with(scripted(outcomes, seen)) as client,
        pytest.raises(TransportError, match="ConnectError") as caught,
    ):
        client._invoke(DESCRIBE, {})
    assert isinstance(caught.value.__cause__, httpx.ConnectError) and len(seen) == 5


def test_disabled_retries_make_one_attempt() -> None:
    seen: list[dict[str, str]] = []
    outcomes: list[Outcome] = [httpx.Response(400, json=THROTTLED), httpx.Response(200, json=OK)]
    with (
        client_with(scripted(outcomes, seen), RetryPolicy.disabled()) as client,
        pytest.raises(ThrottlingError),
    ):
        client._invoke(DESCRIBE, {})
    assert len(seen) == 1


def test_deadline_honoured_across_slow_failures() -> None:
    seen: list[dict[str, str]] = []

    def slow_unavailable(request: httpx.Request) -> httpx.Response:
        seen.append({})
        time.sleep(0.05)
        return httpx.Response(503, json=UNAVAILABLE)

    policy = RetryPolicy(max_attempts=100, base_delay=0.02, max_delay=0.02, total_deadline=0.3)
    with client_with(slow_unavailable, policy) as client:
        started = time.monotonic()
        with pytest.raises((ServerError, TransportError)):  # the last answer, or the deadline
            client._invoke(DESCRIBE, {})
        elapsed = time.monotonic() - started
    assert elapsed < 0.3 + 0.1
    assert 2 <= len(seen) < 100


@pytest.fixture
def silent_server() -> Iterator[tuple[int, list[int]]]:
    """A loopback server that accepts connections and never answers; yields (port, accept count)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.1)
    accepted: list[int] = []
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            held.append(connection)
            accepted.append(1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], accepted
    stop.set()
    thread.join(timeout=2)
    for connection in held:
        connection.close()
    listener.close()


def _loopback_client(port: int, read_timeout: float) -> SyncClientBase:
    return SyncClientBase(
        access_key_id="AKID",
        access_key_secret="secret-xyz",
        region_id="cn-hangzhou",
        endpoint=f"http://127.0.0.1:{port}",
        read_timeout=read_timeout,
        retry=FAST,
    )


def test_read_timeout_on_loopback_not_repeated_for_non_idempotent(
    silent_server: tuple[int, list[int]],
) -> None:
    port, accepted = silent_server
    started = time.monotonic()
    with (
        _loopback_client(port, read_timeout=0.2) as client,
        pytest.raises(TransportError, match="ReadTimeout"),
    ):
        client._invoke(DELETE, {"VpcId": "vpc-1"})
    assert time.monotonic() - started < 1.5
    assert len(accepted) == 1


def test_read_timeout_on_loopback_retried_for_read_only(
    silent_server: tuple[int, list[int]],
) -> None:
    port, accepted = silent_server
    with (
        _loopback_client(port, read_timeout=0.1) as client,
        pytest.raises(TransportError, match="ReadTimeout"),
    ):
        client._invoke(DESCRIBE, {})
    assert len(accepted) >= 2  # a timed-out connection is dropped, each retry opens a new one


def test_connection_refused_on_loopback_is_transport_error() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with (
        _loopback_client(port, read_timeout=1.0) as client,
        pytest.raises(TransportError, match="ConnectError"),
    ):
        client._invoke(DELETE, {"VpcId": "vpc-1"})


async def test_async_retries_share_the_core() -> None:
    seen: list[str] = []
    outcomes: Iterator[Outcome] = iter(
        [
            httpx.Response(400, json=THROTTLED),
            httpx.ConnectError("refused"),
            httpx.ReadTimeout("slow"),
            httpx.Response(200, json=OK),
        ]
    )

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(dict(parse_qsl(request.read().decode()))["ClientToken"])
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    async with AsyncClientBase(
        access_key_id="AKID",
        access_key_secret="secret-xyz",
        region_id="cn-hangzhou",
        retry=FAST,
    ) as client:
        attach(client, handler)
        assert await client._invoke(CREATE, {}) == OK
    assert len(seen) == 4 and len(set(seen)) == 1


def test_retry_sleeps_follow_the_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    policy = RetryPolicy(
        max_attempts=4, base_delay=1.0, max_delay=4.0, total_deadline=None, rng=random.Random(1)
    )
    expected = RetryPolicy(
        max_attempts=4, base_delay=1.0, max_delay=4.0, total_deadline=None, rng=random.Random(1)
    )
    seen: list[dict[str, str]] = []
    with (
        client_with(scripted([httpx.Response(400, json=THROTTLED)] * 4, seen), policy) as client,
        pytest.raises(ThrottlingError),
    ):
        client._invoke(DESCRIBE, {})
    assert slept == [expected.backoff(n) for n in range(3)]
