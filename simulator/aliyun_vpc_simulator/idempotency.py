"""ClientToken idempotency: the same token with the same parameters gets the first result again."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

#: Parameters that differ between two sends of the same request (signing and transport only).
VOLATILE_PARAMETERS = frozenset(
    {"Signature", "SignatureNonce", "Timestamp", "TimeStamp", "Format", "SignatureType"}
)


class ParameterMismatch(Exception):
    """The token was used before with other parameters."""


class IdempotencyCache:
    """Results by (key, token), the most recent `capacity` of them."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._results: OrderedDict[str, tuple[tuple[tuple[str, str], ...], Any]] = OrderedDict()
        self._lock = threading.Lock()

    def run(self, key: str, params: Mapping[str, str], action: Callable[[], Any]) -> Any:
        """The cached result for `key` when `params` match, else `action()` (cached on success).

        Requests with a token are serialised so two concurrent sends create one resource.
        """
        fingerprint = tuple(
            sorted((k, v) for k, v in params.items() if k not in VOLATILE_PARAMETERS)
        )
        with self._lock:
            if key in self._results:
                seen, result = self._results[key]
                if seen != fingerprint:
                    raise ParameterMismatch(key)
                self._results.move_to_end(key)
                return result
            result = action()
            self._results[key] = (fingerprint, result)
            if len(self._results) > self._capacity:
                self._results.popitem(last=False)
            return result
