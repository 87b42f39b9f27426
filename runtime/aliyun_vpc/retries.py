"""Retry behaviour as data: which failures are retried, how often, how long to wait between tries.

Rules (`RetryPolicy.delay_before_retry`):
- a connection failure that provably sent nothing (connect error/timeout, pool timeout) is retried
  for every operation;
- a throttling answer (a code starting with the service's throttling prefix) is retried for every
  operation: the service refused the request before processing it;
- anything after which the request may have been processed (read timeout, dropped connection, 5xx,
  one of the service's retryable codes) is retried only for idempotent calls: read-only operations
  and operations carrying an idempotency token (the same token is sent on every attempt);
- an answer longer than `ClientConfig.max_response_size` is final (the same answer would be as large
  again), as are 4xx answers and unreadable bodies;
- attempts are bounded by `max_attempts`, waits by exponential backoff with full jitter, and the whole
  call by `total_deadline` seconds: no retry starts if its wait would cross the deadline.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from enum import Enum

from ._meta import service_traits

__all__ = ["Failure", "RetryPolicy"]


class Failure(Enum):
    """How an attempt failed, as far as retrying is concerned."""

    NOT_SENT = "not_sent"  # connect error/timeout: the server never saw the request
    THROTTLED = "throttled"  # the server refused it (flow control)
    MAYBE_PROCESSED = "maybe_processed"  # read timeout, dropped connection, 5xx, retryable code
    FINAL = "final"  # an answer that retrying cannot change (4xx, parse error, too large)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounded retries with exponential backoff and full jitter; `RetryPolicy.disabled()` never retries."""

    max_attempts: int = 4
    base_delay: float = 0.2
    max_delay: float = 10.0
    total_deadline: float | None = 60.0
    retry_on_status: frozenset[int] = frozenset({500, 502, 503, 504})
    #: None: the service's documented transient codes (`SERVICE.retryable_codes`, from the spec).
    retryable_codes: frozenset[str] | None = None
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    @classmethod
    def disabled(cls) -> RetryPolicy:
        """One attempt only."""
        return cls(max_attempts=1)

    def classify_api_error(self, code: str, http_status: int | None) -> Failure:
        """The failure kind of an error the service answered with."""
        service = service_traits()
        if service.is_throttling(code):
            return Failure.THROTTLED
        retryable = (
            service.retryable_codes if self.retryable_codes is None else self.retryable_codes
        )
        if code in retryable or http_status in self.retry_on_status:
            return Failure.MAYBE_PROCESSED
        return Failure.FINAL

    def backoff(self, retry_number: int) -> float:
        """Full jitter: uniform in [0, min(max_delay, base_delay * 2**retry_number)]."""
        ceiling = min(self.max_delay, self.base_delay * (2**retry_number))
        return self.rng.uniform(0.0, ceiling)

    def delay_before_retry(
        self, failure: Failure, *, attempt: int, idempotent: bool, elapsed: float
    ) -> float | None:
        """Seconds to wait before the next attempt, or None when the call must give up.

        `attempt` counts from 1 (the attempt that just failed); `elapsed` is seconds since the call began.
        """
        if failure is Failure.FINAL or attempt >= self.max_attempts:
            return None
        if failure is Failure.MAYBE_PROCESSED and not idempotent:
            return None
        delay = self.backoff(attempt - 1)
        if self.total_deadline is not None and elapsed + delay >= self.total_deadline:
            return None
        return delay
