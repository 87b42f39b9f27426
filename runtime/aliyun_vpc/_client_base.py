"""Base classes of the generated `VpcClient` (sync) and `AsyncVpcClient` (asyncio).

Both are thin drivers of the sans-IO `ClientCore`: the generated methods turn typed requests into wire
parameters and call `_invoke(op, params)`, which returns the parsed body dict. `paginate` and
`wait_until` call the generated methods by name, so they work through the typed models.

Constructing a client is cheap: httpx, asyncio and the connection pool load on the first request
(the pool is then reused until `close()`).
"""

from __future__ import annotations

import dataclasses
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Self

from ._meta import OperationMeta, PaginatorMeta, WaiterMeta
from ._pipeline import ClientCore, drive_async, drive_sync
from .config import ClientConfig, resolve_endpoint, resolve_region
from .credentials import CredentialsProvider
from .exceptions import ParamValidationError
from .pagination import PageWalk
from .retries import RetryPolicy
from .waiters import DEFAULT_DELAY, DEFAULT_TIMEOUT, WaitPoll, describe_kwargs

if TYPE_CHECKING:
    import httpx

    from ._transport import AsyncHttpTransport, SyncHttpTransport

__all__ = ["AsyncClientBase", "SyncClientBase"]


class _ClientCommon:
    """Construction and behaviour tables shared by both clients."""

    #: Behaviour tables; None means "load the generated `aliyun_vpc._generated.operations` on first use".
    OPERATIONS: ClassVar[Mapping[str, OperationMeta] | None] = None
    PAGINATORS: ClassVar[Mapping[str, PaginatorMeta] | None] = None
    WAITERS: ClassVar[Mapping[str, WaiterMeta] | None] = None

    def __init__(
        self,
        *,
        access_key_id: str | None = None,
        access_key_secret: str | None = None,
        security_token: str | None = None,
        region_id: str | None = None,
        endpoint: str | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        config: ClientConfig | None = None,
        credentials: CredentialsProvider | None = None,
        connect_timeout: float | None = None,
        read_timeout: float | None = None,
        retry: RetryPolicy | bool | None = None,
    ) -> None:
        config = config or ClientConfig()
        overrides: dict[str, Any] = {"region_id": resolve_region(region_id or config.region_id)}
        if endpoint is not None:
            overrides["endpoint"] = endpoint
        if connect_timeout is not None:
            overrides["connect_timeout"] = connect_timeout
        if read_timeout is not None:
            overrides["read_timeout"] = read_timeout
        if retry is not None:
            overrides["retry"] = _retry_policy(retry)
        config = dataclasses.replace(config, **overrides)
        self._core = ClientCore(
            config,
            resolve_endpoint(config, config.region_id),
            _user_agent(config),
            credentials,
            (access_key_id, access_key_secret, security_token),
        )
        self._injected_transport: Any = transport  # the sync or async kind, per subclass
        self._closed = False

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError(f"{type(self).__name__} has been closed")

    @property
    def config(self) -> ClientConfig:
        """The effective configuration."""
        return self._core.config

    @property
    def region_id(self) -> str | None:
        return self._core.config.region_id

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(endpoint={self._core.endpoint!r}, region_id={self.region_id!r})"
        )

    def _paginator(self, method_name: str) -> PaginatorMeta:
        table = type(self).PAGINATORS
        if table is None:
            from ._generated.operations import PAGINATORS

            table = PAGINATORS
        try:
            return table[method_name]
        except KeyError:
            raise ParamValidationError(f"{method_name!r} cannot be paginated") from None

    def _waiter(self, waiter_name: str) -> tuple[WaiterMeta, OperationMeta]:
        """The waiter and the operation it polls."""
        waiters = type(self).WAITERS
        operations = type(self).OPERATIONS
        if waiters is None or operations is None:
            from ._generated.operations import OPERATIONS, WAITERS

            waiters, operations = waiters or WAITERS, operations or OPERATIONS
        try:
            meta = waiters[waiter_name]
        except KeyError:
            raise ParamValidationError(f"no waiter named {waiter_name!r}") from None
        op = next((op for op in operations.values() if op.name == meta.operation), None)
        if op is None:
            raise ParamValidationError(f"waiter {waiter_name!r} polls unknown {meta.operation}")
        return meta, op


def _retry_policy(retry: RetryPolicy | bool) -> RetryPolicy:
    if isinstance(retry, RetryPolicy):
        return retry
    return RetryPolicy() if retry else RetryPolicy.disabled()


def _user_agent(config: ClientConfig) -> str:
    from . import __version__

    python = "{}.{}.{}".format(*sys.version_info)
    agent = f"aliyun-vpc-python/{__version__} Python/{python}"
    return f"{agent} {config.user_agent_extra}" if config.user_agent_extra else agent


_OPEN_LOCK = threading.Lock()  # guards the first-request creation of a sync client's pool


class SyncClientBase(_ClientCommon):
    """Blocking client: one pooled httpx transport; use as a context manager or call `close()`."""

    _http: SyncHttpTransport | None = None

    def _sender(self) -> SyncHttpTransport:
        """The pooled transport, created on the first request."""
        http = self._http
        if http is None:
            with _OPEN_LOCK:
                self._check_open()
                if self._http is None:
                    from ._transport import SyncHttpTransport

                    self._http = SyncHttpTransport(
                        self._core.config, self._core.endpoint, self._injected_transport
                    )
                http = self._http
        return http

    def _invoke(self, op: OperationMeta, params: dict[str, str]) -> dict[str, Any]:
        """Send one operation call (with retries) and return the parsed body."""
        return drive_sync(self._core.call_plan(op, params), self._sender().send, time.sleep)

    def paginate(self, method_name: str, **kwargs: Any) -> Iterator[Any]:
        """Every response page of a paginated operation, e.g. `paginate("describe_vpcs")`."""
        walk = PageWalk(self._paginator(method_name), kwargs)
        method = getattr(self, method_name)
        while walk.request is not None:
            page = method(**walk.request)
            if walk.accept(page):
                yield page

    def wait_until(
        self,
        waiter_name: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        delay: float = DEFAULT_DELAY,
        **kwargs: Any,
    ) -> Any:
        """Poll until the resource reaches a success status; returns the last response."""
        meta, op = self._waiter(waiter_name)
        method = getattr(self, op.method)
        poll = WaitPoll(meta, kwargs, timeout=timeout, delay=delay)
        request = describe_kwargs(meta, op.request_class, kwargs)
        while True:
            response = method(**request)
            pause = poll.after(response)
            if pause is None:
                return response
            time.sleep(pause)

    def close(self) -> None:
        """Close the pooled connections; the client cannot be used afterwards."""
        with _OPEN_LOCK:
            http, self._http, self._closed = self._http, None, True
        if http is not None:
            http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClientBase(_ClientCommon):
    """Asyncio client: one pooled async httpx transport; use `async with` or await `close()`."""

    _http: AsyncHttpTransport | None = None

    def _sender(self) -> AsyncHttpTransport:
        """The pooled transport, created on the first request (and again on another event loop)."""
        http = self._http
        if http is None or not http.serves_running_loop():
            self._check_open()
            from ._transport import AsyncHttpTransport

            if http is not None:
                http.abandon()
            http = self._http = AsyncHttpTransport(
                self._core.config, self._core.endpoint, self._injected_transport
            )
        return http

    async def _invoke(self, op: OperationMeta, params: dict[str, str]) -> dict[str, Any]:
        """Send one operation call (with retries) and return the parsed body."""
        credentials = await self._core.credentials_async()
        plan = self._core.call_plan(op, params, credentials)
        return await drive_async(plan, self._sender().send, _sleep)

    async def paginate(self, method_name: str, **kwargs: Any) -> AsyncIterator[Any]:
        """Every response page of a paginated operation, as an async iterator."""
        walk = PageWalk(self._paginator(method_name), kwargs)
        method = getattr(self, method_name)
        while walk.request is not None:
            page = await method(**walk.request)
            if walk.accept(page):
                yield page

    async def wait_until(
        self,
        waiter_name: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        delay: float = DEFAULT_DELAY,
        **kwargs: Any,
    ) -> Any:
        """Poll until the resource reaches a success status; returns the last response."""
        meta, op = self._waiter(waiter_name)
        method = getattr(self, op.method)
        poll = WaitPoll(meta, kwargs, timeout=timeout, delay=delay)
        request = describe_kwargs(meta, op.request_class, kwargs)
        while True:
            response = await method(**request)
            pause = poll.after(response)
            if pause is None:
                return response
            await _sleep(pause)

    async def close(self) -> None:
        """Close the pooled connections; the client cannot be used afterwards."""
        http, self._http, self._closed = self._http, None, True
        if http is None:
            return
        if http.serves_running_loop():
            await http.aclose()
        else:
            http.abandon()  # opened on another, maybe closed, event loop

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


async def _sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)
