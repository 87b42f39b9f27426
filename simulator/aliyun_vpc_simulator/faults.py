"""Fault injection: throttling, server errors, dropped connections and latency, drawn per request."""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum


class FaultKind(Enum):
    THROTTLE = "throttle"  # the documented throttling error (the traits' throttling prefix)
    SERVER_ERROR = "server_error"  # one of the traits' retryable codes
    DROP = "drop"  # the connection is closed without an answer


@dataclass(frozen=True)
class Fault:
    """One injected failure; `after` means the operation took effect before it."""

    kind: FaultKind
    after: bool
    code: str = ""


@dataclass(frozen=True)
class FaultSettings:
    """Rates are probabilities per request (their sum at most 1); latency is added to every answer."""

    throttle_rate: float = 0.0
    error_rate: float = 0.0
    drop_rate: float = 0.0
    latency_ms: float = 0.0
    seed: int | None = None

    def __post_init__(self) -> None:
        rates = (self.throttle_rate, self.error_rate, self.drop_rate)
        if any(rate < 0 for rate in rates) or sum(rates) > 1:
            raise ValueError("fault rates must be >= 0 and add up to at most 1")
        if self.latency_ms < 0:
            raise ValueError("latency_ms must be >= 0")


class FaultInjector:
    """Draws the fault (if any) for each request from one seeded generator; the codes are the
    service's (its throttling code and its retryable server codes, from the spec's traits)."""

    def __init__(
        self, settings: FaultSettings, throttling_code: str, server_codes: Sequence[str]
    ) -> None:
        self.settings = settings
        self._throttling_code = throttling_code
        self._server_codes = tuple(server_codes)
        self._random = random.Random(settings.seed)
        self._lock = threading.Lock()

    @property
    def latency_seconds(self) -> float:
        return self.settings.latency_ms / 1000.0

    def draw(self) -> Fault | None:
        """The fault for the next request. Throttling always comes before the operation."""
        settings = self.settings
        with self._lock:
            roll = self._random.random()
            after = self._random.random() < 0.5
            server_code = self._random.choice(self._server_codes)
        if roll < settings.throttle_rate:
            return Fault(FaultKind.THROTTLE, after=False, code=self._throttling_code)
        roll -= settings.throttle_rate
        if roll < settings.error_rate:
            return Fault(FaultKind.SERVER_ERROR, after=after, code=server_code)
        roll -= settings.error_rate
        if roll < settings.drop_rate:
            return Fault(FaultKind.DROP, after=after)
        return None
