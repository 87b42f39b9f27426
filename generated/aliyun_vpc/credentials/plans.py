"""Sans-IO fetch plans and their two drivers, so each provider writes its protocol once.

A plan is a generator that yields steps and returns `Credentials`:
- a `Fetch` (a URL's origin and the package's own `HttpRequest`, sent through the package's default
  senders) is answered with an `HttpResponse` or a `TransportFailure`;
- a `NeedCredentials(provider)` is answered with that provider's credentials, or with the
  `VpcError` it raised (`reraise` turns that back into an exception for plans that do not recover).

`run_sync` drives a plan with blocking I/O, `run_async` with asyncio; neither knows any protocol.
A fresh sender serves each request: refreshes are rare, and no pool outlives its event loop.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass

import httpx

from .._origin import Origin
from .._pipeline import HttpRequest, HttpResponse, TransportFailure
from ..config import ClientConfig
from ..exceptions import VpcError
from .model import Credentials, CredentialsProvider

__all__ = [
    "Fetch",
    "FetchPlan",
    "NeedCredentials",
    "fetch_async",
    "fetch_request",
    "origin_of",
    "reraise",
    "run_async",
    "run_sync",
]


@dataclass(frozen=True, slots=True)
class NeedCredentials:
    """Step: "get me this provider's current credentials"."""

    provider: CredentialsProvider


@dataclass(frozen=True, slots=True)
class Fetch:
    """Step: send `request` to `origin` (scheme://host[:port])."""

    origin: str
    request: HttpRequest


def fetch_request(
    method: str, url: str, headers: dict[str, str], body: bytes | None, read_timeout: float
) -> Fetch:
    """The step that sends one request to an absolute URL, its Host header first as every
    sender expects."""
    origin = origin_of(url)
    parsed = httpx.URL(url)
    target = parsed.raw_path.decode("ascii") or "/"
    host = Origin.parse(origin).host_header
    return Fetch(origin, HttpRequest(method, target, {"host": host, **headers}, body, read_timeout))


Step = Fetch | NeedCredentials
Reply = HttpResponse | TransportFailure | Credentials | VpcError
FetchPlan = Generator[Step, Reply, Credentials]


def reraise(reply: Reply) -> Credentials:
    """The credentials a `NeedCredentials` step got, or its error raised again."""
    if isinstance(reply, VpcError):
        raise reply
    assert isinstance(reply, Credentials), "a NeedCredentials step is answered with credentials"
    return reply


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL in the form the default senders cut requests by."""
    parsed = httpx.URL(url)
    return f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"


def _config(step: Fetch, connect_timeout: float) -> ClientConfig:
    return ClientConfig(
        connect_timeout=connect_timeout, read_timeout=step.request.read_timeout, max_connections=1
    )


def _send_sync(step: Fetch, connect_timeout: float) -> HttpResponse | TransportFailure:
    from .._transport import SyncHttpTransport

    try:
        sender = SyncHttpTransport(_config(step, connect_timeout), step.origin, None)
        try:
            return sender.send(step.request)
        finally:
            sender.close()
    except Exception as error:  # noqa: BLE001 - any sender failure is the provider's typed error
        return TransportFailure(error, sent=True)


async def _send_async(step: Fetch, connect_timeout: float) -> HttpResponse | TransportFailure:
    from .._transport import AsyncHttpTransport

    try:
        sender = AsyncHttpTransport(_config(step, connect_timeout), step.origin, None)
        try:
            return await sender.send(step.request)
        finally:
            await sender.aclose()
    except Exception as error:  # noqa: BLE001 - any sender failure is the provider's typed error
        return TransportFailure(error, sent=True)


def run_sync(plan: FetchPlan, connect_timeout: float) -> Credentials:
    """Run a plan with blocking I/O."""
    try:
        step = next(plan)
        while True:
            reply: Reply
            if isinstance(step, NeedCredentials):
                try:
                    reply = step.provider.get_credentials()
                except VpcError as error:
                    reply = error
            else:
                reply = _send_sync(step, connect_timeout)
            step = plan.send(reply)
    except StopIteration as done:
        result: Credentials = done.value
        return result


async def run_async(plan: FetchPlan, connect_timeout: float) -> Credentials:
    """Run a plan with asyncio I/O."""
    try:
        step = next(plan)
        while True:
            reply: Reply
            if isinstance(step, NeedCredentials):
                try:
                    reply = await fetch_async(step.provider)
                except VpcError as error:
                    reply = error
            else:
                reply = await _send_async(step, connect_timeout)
            step = plan.send(reply)
    except StopIteration as done:
        result: Credentials = done.value
        return result


async def fetch_async(provider: CredentialsProvider) -> Credentials:
    """A provider's credentials without blocking the loop when it can fetch asynchronously
    (static and file-based providers answer at once either way)."""
    fetch = getattr(provider, "get_credentials_async", None)
    if fetch is None:
        return provider.get_credentials()
    credentials: Credentials = await fetch()
    return credentials
