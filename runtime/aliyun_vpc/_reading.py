"""The bounds every sender keeps while it talks to the server, sync or async, whatever its HTTP layer.

- Time: each socket operation waits at most its timeout (`read_timeout` between two reads), cut to
  what is left before the call's deadline (`RetryPolicy.total_deadline`); past the deadline the call
  stops with a timeout.
- Size: an answer's body is counted as it arrives and refused once it passes `max_response_size`,
  so at most that much is ever held.

Failures are httpx exceptions, which the client turns into `aliyun_vpc.exceptions.TransportError`;
`ResponseTooLarge` (an `httpx.TransportError`) becomes its subclass `ResponseTooLargeError`, never
retried: the same answer would be as large again.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import httpx

__all__ = ["AnswerBody", "ResponseTooLarge", "time_left", "timeouts_within"]


class ResponseTooLarge(httpx.TransportError):
    """The answer's body is larger than the client's `max_response_size` (`limit` bytes)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"the answer is larger than max_response_size ({limit} bytes)")


def time_left(
    timeout: float | None, deadline: float | None, expired: type[Exception] = httpx.ReadTimeout
) -> float | None:
    """`timeout` cut to the time left before `deadline` (a `time.monotonic()` value or None);
    raises `expired` when nothing is left."""
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the call's total_deadline has passed")
    return left if timeout is None or timeout > left else timeout


def timeouts_within(
    timeouts: Mapping[str, float | None], deadline: float | None
) -> dict[str, float | None]:
    """Each of `timeouts` (connect, read, write, pool) cut to the time left before `deadline`."""
    return {name: time_left(value, deadline) for name, value in timeouts.items()}


class AnswerBody:
    """An answer's body chunks as they arrive, refused past `limit` bytes (before being kept)."""

    __slots__ = ("_chunks", "_limit", "_size")

    def __init__(self, limit: int) -> None:
        self._chunks: list[bytes] = []
        self._limit = limit
        self._size = 0

    def add(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self._limit:
            raise ResponseTooLarge(self._limit)
        self._chunks.append(chunk)

    def content(self) -> bytes:
        chunks = self._chunks
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
