"""Sans-IO fetch plans and their two drivers, so each provider writes its protocol once.

A plan is a generator that yields steps and returns `Credentials`:
- an `HttpCall` (the package's own `HttpRequest` and the endpoint it goes to, sent through the
  package's default senders) is answered with an `HttpResponse` or a `TransportFailure`;
- a `NeedCredentials(provider)` is answered with that provider's credentials, or with the
  `VpcError` it raised (`reraise` turns that back into an exception for plans that do not recover).

`run_sync` drives a plan with blocking I/O, `run_async` with asyncio; neither knows any protocol.
A fresh sender serves each request: refreshes are rare, and no pool outlives its event loop.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from .._origin import Origin
from .._pipeline import HttpRequest, HttpResponse, TransportFailure
from ..config import ClientConfig
from ..exceptions import VpcError
from .model import Credentials, CredentialsProvider

__all__ = [
    "FetchPlan",
    "HttpCall",
    "NeedCredentials",
    "base_url",
    "fetch_async",
    "http_call",
    "reraise",
    "run_async",
    "run_sync",
]


@dataclass(frozen=True, slots=True)
class NeedCredentials:
    """Step: "get me this provider's current credentials"."""

    provider: CredentialsProvider


@dataclass(frozen=True, slots=True)
class HttpCall:
    """Step: "send this request to this endpoint (scheme://host[:port])"."""

    endpoint: str
    request: HttpRequest
    read_timeout: float  # the longest wait for the next byte of the answer


Step = HttpCall | NeedCredentials
Reply = HttpResponse | TransportFailure | Credentials | VpcError
FetchPlan = Generator[Step, Reply, Credentials]


def reraise(reply: Reply) -> Credentials:
    """The credentials a `NeedCredentials` step got, or its error raised again."""
    if isinstance(reply, VpcError):
        raise reply
    assert isinstance(reply, Credentials), "a NeedCredentials step is answered with credentials"
    return reply


def base_url(url: str) -> str:
    """`url` checked and normalised (scheme://host[:port][/prefix]); ParamValidationError if it
    is not an http(s) URL with a host."""
    origin = Origin.parse(url)
    return f"{origin.scheme}://{origin.host_header}{origin.path}"


def http_call(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes | None,
    timeouts: tuple[float, float],
) -> HttpCall:
    """A request for `url` (Host header first, as every sender expects), bounded as a whole by
    the connect and read timeouts."""
    origin = Origin.parse(url)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connect_timeout, read_timeout = timeouts
    request = HttpRequest(
        method,
        target,
        {"host": origin.host_header, **headers},
        body,
        time.monotonic() + connect_timeout + read_timeout,
    )
    return HttpCall(f"{origin.scheme}://{origin.host_header}", request, read_timeout)


def _config(call: HttpCall, connect_timeout: float) -> ClientConfig:
    return ClientConfig(
        connect_timeout=connect_timeout, read_timeout=call.read_timeout, max_connections=1
    )


def _send_sync(call: HttpCall, connect_timeout: float) -> HttpResponse | TransportFailure:
    from .._transport import SyncHttpTransport

    try:
        sender = SyncHttpTransport(_config(call, connect_timeout), call.endpoint, None)
        try:
            return sender.send(call.request)
        finally:
            sender.close()
    except Exception as error:  # noqa: BLE001 - any sender failure is the provider's typed error
        return TransportFailure(error, sent=True)


async def _send_async(call: HttpCall, connect_timeout: float) -> HttpResponse | TransportFailure:
    from .._transport import AsyncHttpTransport

    try:
        config = _config(call, connect_timeout)
        sender = AsyncHttpTransport(config, call.endpoint, None)
        try:
            return await sender.send(call.request)
        finally:
            await sender.aclose()
    except Exception as error:  # noqa: BLE001 - any sender failure is the provider's typed error
        return TransportFailure(error, sent=True)


def _advance(plan: FetchPlan, reply: Reply | None) -> Step | Credentials:
    """The plan's next step (`reply` answers the one before; None starts it), or its credentials
    once it is done."""
    try:
        return next(plan) if reply is None else plan.send(reply)
    except StopIteration as done:
        result: Credentials = done.value
        return result


def run_sync(plan: FetchPlan, connect_timeout: float) -> Credentials:
    """Run a plan with blocking I/O."""
    step = _advance(plan, None)
    while not isinstance(step, Credentials):
        reply: Reply
        if isinstance(step, NeedCredentials):
            try:
                reply = step.provider.get_credentials()
            except VpcError as error:
                reply = error
        else:
            reply = _send_sync(step, connect_timeout)
        step = _advance(plan, reply)
    return step


async def run_async(plan: FetchPlan, connect_timeout: float) -> Credentials:
    """Run a plan with asyncio I/O."""
    step = _advance(plan, None)
    while not isinstance(step, Credentials):
        reply: Reply
        if isinstance(step, NeedCredentials):
            try:
                reply = await fetch_async(step.provider)
            except VpcError as error:
                reply = error
        else:
            reply = await _send_async(step, connect_timeout)
        step = _advance(plan, reply)
    return step


async def fetch_async(provider: CredentialsProvider) -> Credentials:
    """A provider's credentials without blocking the loop when it can fetch asynchronously
    (static and file-based providers answer at once either way)."""
    fetch = getattr(provider, "get_credentials_async", None)
    if fetch is None:
        return provider.get_credentials()
    credentials: Credentials = await fetch()
    return credentials
