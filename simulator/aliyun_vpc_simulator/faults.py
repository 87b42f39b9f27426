"""Fault injection: throttling, server errors, dropped connections and latency, drawn per request."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from enum import Enum


class FaultKind(Enum):
    THROTTLE = "throttle"  # the documented "Throttling" error
    SERVER_ERROR = "server_error"  # "ServiceUnavailable" or "InternalError"
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
    """Draws the fault (if any) for each request from one seeded generator."""

    def __init__(self, settings: FaultSettings) -> None:
        self.settings = settings
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
            server_code = self._random.choice(("ServiceUnavailable", "InternalError"))
        if roll < settings.throttle_rate:
            return Fault(FaultKind.THROTTLE, after=False, code="Throttling")
        roll -= settings.throttle_rate
        if roll < settings.error_rate:
            return Fault(FaultKind.SERVER_ERROR, after=after, code=server_code)
        roll -= settings.error_rate
        if roll < settings.drop_rate:
            return Fault(FaultKind.DROP, after=after)
        return None
