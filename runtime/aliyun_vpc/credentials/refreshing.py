"""Temporary credentials kept fresh: fetched once, refreshed before they expire, by one caller.

`RefreshingProvider` caches what its fetch plan returned and fetches again at
`expiration - margin`, the margin being 3 minutes or a third of the credentials' lifetime, whichever
is smaller (so a 3-second credential is refreshed once per lifetime, not on every call).

One refresh for all callers, threads and event loops alike: the first caller to find the cache
due starts the refresh; while it runs, the others keep the current credentials if they are still
valid, and otherwise wait for its outcome (a thread on an event, a task on a future). A failed
refresh while the current credentials are still valid logs a warning and keeps them (trying again
a little later); once they have expired it raises `CredentialsExpiredError` naming the provider.
"""

from __future__ import annotations

import asyncio
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .._logging import LOGGER
from ..exceptions import VpcError
from .errors import CredentialsExpiredError, CredentialsProviderError
from .model import Credentials
from .plans import FetchPlan, run_async, run_sync

__all__ = ["RefreshingProvider", "refresh_time"]

_LOG = LOGGER.getChild("credentials")
MAX_MARGIN_SECONDS = 180.0
#: After a failed refresh with valid credentials in hand, wait this long (at most) to try again.
RETRY_AFTER_FAILURE_SECONDS = 10.0
#: How long a caller waits for another caller's refresh before giving up.
WAIT_FOR_REFRESH_SECONDS = 60.0


def refresh_time(expiration: float | None, fetched_at: float) -> float:
    """When credentials fetched at `fetched_at` should be replaced."""
    if expiration is None:
        return float("inf")
    lifetime = max(0.0, expiration - fetched_at)
    return expiration - min(MAX_MARGIN_SECONDS, lifetime / 3)


@dataclass(eq=False)
class _Refresh:
    """One refresh in flight: its outcome, and who waits for it."""

    done: threading.Event = field(default_factory=threading.Event)
    credentials: Credentials | None = None
    error: VpcError | None = None
    waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = field(
        default_factory=list
    )


class RefreshingProvider(ABC):
    """Base of the providers whose credentials come from a service and expire."""

    name = "refreshing"

    def __init__(self, *, connect_timeout: float = 5.0, read_timeout: float = 10.0) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._state = threading.Lock()  # guards the fields below; never held across I/O
        self._current: Credentials | None = None
        self._refresh_at = 0.0
        self._refresh: _Refresh | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    @property
    def timeouts(self) -> tuple[float, float]:
        """(connect, read) timeouts of the provider's requests."""
        return self.connect_timeout, self.read_timeout

    @abstractmethod
    def _fetch_plan(self) -> FetchPlan:
        """The protocol that fetches new credentials (see `plans`)."""

    def get_credentials(self) -> Credentials:
        """Current credentials, refreshed (blocking) when due."""
        joined = self._join()
        if isinstance(joined, Credentials):
            return joined
        refresh, owner = joined
        if owner:
            with self._settling(refresh):  # KeyboardInterrupt and the like go on after
                fetched = run_sync(self._fetch_plan(), self.connect_timeout)
                self._settle(refresh, fetched, None)
            return self._outcome(refresh)
        if not refresh.done.wait(WAIT_FOR_REFRESH_SECONDS):
            raise CredentialsProviderError(self.name, "timed out waiting for a refresh")
        return self._outcome(refresh)

    async def get_credentials_async(self) -> Credentials:
        """Current credentials, refreshed (without blocking the loop) when due."""
        joined = self._join()
        if isinstance(joined, Credentials):
            return joined
        refresh, owner = joined
        if owner:
            with self._settling(refresh):  # a cancellation goes on after; the next caller retries
                fetched = await run_async(self._fetch_plan(), self.connect_timeout)
                self._settle(refresh, fetched, None)
            return self._outcome(refresh)
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        with self._state:
            if not refresh.done.is_set():
                refresh.waiters.append((loop, waiter))
            else:
                waiter.set_result(None)
        try:
            await asyncio.wait_for(waiter, WAIT_FOR_REFRESH_SECONDS)
        except TimeoutError:
            raise CredentialsProviderError(self.name, "timed out waiting for a refresh") from None
        return self._outcome(refresh)

    def _join(self) -> Credentials | tuple[_Refresh, bool]:
        """Credentials to use at once when no wait is needed (still fresh, or another caller
        refreshes and these are valid); else the refresh in flight, or a new one this caller owns
        (True)."""
        current = self._current
        if current is not None and time.time() < self._refresh_at:
            return current  # the common case, without the lock
        with self._state:
            now = time.time()
            current = self._current
            if current is not None and now < self._refresh_at:
                return current
            refresh = self._refresh
            if refresh is None:
                refresh = self._refresh = _Refresh()
                return refresh, True
            if current is not None and not current.expired(now):
                return current
            return refresh, False

    @contextmanager
    def _settling(self, refresh: _Refresh) -> Iterator[None]:
        """Settles `refresh` with the error its owner's fetch raised: an `Exception` stops there
        (the outcome says what happened), anything else (interrupt, cancellation) goes on after
        the waiters got an error rather than a hang."""
        try:
            yield
        except BaseException as error:
            self._settle(refresh, None, self._typed(error))
            if not isinstance(error, Exception):
                raise

    def _typed(self, error: BaseException) -> VpcError:
        """A refresh failure as a `VpcError` (an unexpected one by its type only: its text could
        hold anything)."""
        if isinstance(error, VpcError):
            return error
        return CredentialsProviderError(self.name, f"refresh failed: {type(error).__name__}")

    def _settle(
        self, refresh: _Refresh, fetched: Credentials | None, error: VpcError | None
    ) -> None:
        """Record a refresh's outcome and wake everyone waiting for it."""
        with self._state:
            now = time.time()
            current = self._current
            if fetched is not None and fetched.expired(now):
                fetched, error = None, CredentialsProviderError(
                    self.name, "the answer's credentials have already expired"
                )
            if fetched is not None:
                self._current, self._refresh_at = fetched, refresh_time(fetched.expiration, now)
                refresh.credentials = fetched
            elif current is not None and not current.expired(now):
                assert current.expiration is not None
                _LOG.warning(
                    "%s: refreshing credentials failed (%s); the current ones stay in use until "
                    "they expire in %.0fs",
                    self.name,
                    error,
                    current.expiration - now,
                )
                retry = min(RETRY_AFTER_FAILURE_SECONDS, (current.expiration - now) / 2)
                self._refresh_at = now + retry
                refresh.credentials = current
            else:
                refresh.error = self._expired(error) if current is not None else error
            self._refresh = None
            refresh.done.set()
            for loop, waiter in refresh.waiters:
                loop.call_soon_threadsafe(_wake, waiter)

    def _expired(self, error: VpcError | None) -> CredentialsExpiredError:
        reason = error.reason if isinstance(error, CredentialsProviderError) else str(error)
        return CredentialsExpiredError(
            self.name, f"the credentials expired and refreshing them failed: {reason}"
        )

    def _outcome(self, refresh: _Refresh) -> Credentials:
        if refresh.credentials is not None:
            return refresh.credentials
        error = refresh.error
        assert error is not None
        if isinstance(error, CredentialsProviderError):  # a fresh object per caller and thread
            raise type(error)(error.provider, error.reason) from None
        raise CredentialsProviderError(self.name, f"{type(error).__name__}: {error}") from None


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)
