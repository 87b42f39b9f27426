"""Polling until a resource reaches a status (sans-IO; the clients' `wait_until` drive it).

`WaitPoll.after(response)` reads the status of the first resource the Describe call returned (the
call is filtered by the resource id: `describe_kwargs` passes it as the id argument, or for a
filter-selected waiter as `Filter.1.Key=<filter_key>&Filter.1.Value.1=<id>`) and answers None when it is a success status, raises
`WaiterFailureError` on a failure status, raises `WaiterTimeoutError` (naming the last status seen)
once the deadline has passed, and otherwise returns the seconds to wait (the last wait is cut short
so one final poll happens at the deadline).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from ._meta import WaiterMeta, service_traits
from .exceptions import ParamValidationError, WaiterFailureError, WaiterTimeoutError
from .pagination import attribute_path

__all__ = ["DEFAULT_DELAY", "DEFAULT_TIMEOUT", "WaitPoll", "describe_kwargs", "resource_status"]

DEFAULT_TIMEOUT = 300.0
DEFAULT_DELAY = 2.0


def resource_status(meta: WaiterMeta, response: Any) -> str | None:
    """The status of the first listed resource, or None when none is listed (yet)."""
    items = attribute_path(response, meta.items)
    if not isinstance(items, Sequence) or isinstance(items, str) or not items:
        return None
    status = getattr(items[0], meta.status, None)
    return None if status is None else str(status)


def describe_kwargs(meta: WaiterMeta, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The Describe call's keyword arguments; for a filter-selected waiter the id argument becomes
    a filter (of the generated `meta.filter_model`, in `meta.filter_argument`) on `meta.filter_key`.
    """
    if meta.filter_key is None or meta.filter_argument is None or meta.filter_model is None:
        return kwargs
    import attrs  # here: the models load it with the first call, constructing a client need not

    service = service_traits()
    filter_class = meta.filter_model()
    wire = {f.metadata.get("wire"): f.name for f in attrs.fields(filter_class)}
    selected = filter_class(
        **{
            wire[service.filter_key]: meta.filter_key,
            wire[service.filter_value]: [kwargs[meta.id_argument]],
        }
    )
    argument = meta.filter_argument
    rest = {name: value for name, value in kwargs.items() if name != meta.id_argument}
    return {**rest, argument: [*(rest.get(argument) or ()), selected]}


class WaitPoll:
    """The state of one wait: deadline, poll interval, last status seen."""

    def __init__(
        self,
        meta: WaiterMeta,
        kwargs: dict[str, Any],
        *,
        timeout: float,
        delay: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not kwargs.get(meta.id_argument):
            raise ParamValidationError(
                f"waiter {meta.name!r} needs the {meta.id_argument} argument"
            )
        self.meta = meta
        self.last_status: str | None = None
        self._delay = delay
        self._clock = clock
        self._deadline = clock() + timeout

    def after(self, response: Any) -> float | None:
        """None when done; else seconds to sleep before polling again (or raise, see module doc)."""
        status = resource_status(self.meta, response)
        self.last_status = status
        if status in self.meta.success:
            return None
        if status in self.meta.failure:
            raise WaiterFailureError(
                f"waiter {self.meta.name!r}: resource reached failure status {status!r}",
                waiter=self.meta.name,
                last_status=status,
            )
        remaining = self._deadline - self._clock()
        if remaining <= 0:
            raise WaiterTimeoutError(
                f"waiter {self.meta.name!r} timed out; last status seen: "
                f"{status if status is not None else 'resource not listed'}",
                waiter=self.meta.name,
                last_status=status,
            )
        return min(self._delay, remaining)
