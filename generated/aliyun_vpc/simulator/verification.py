"""Request verification as the real service does it: action, version, key, signature, time, nonce."""

from __future__ import annotations

import hmac
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from datetime import datetime

from ..signing import sign
from .credential_store import verify_security_token
from .spec_index import OperationSpec, SpecIndex

#: How far a request's Timestamp may be from the server clock, either way.
TIMESTAMP_WINDOW_SECONDS = 15 * 60
SIGNATURE_METHOD = "HMAC-SHA1"
SIGNATURE_VERSION = "1.0"


class NonceCache:
    """Remembers SignatureNonce values for the timestamp window, never more than `capacity`."""

    def __init__(self, window_seconds: float, capacity: int = 100_000) -> None:
        self._window = window_seconds
        self._capacity = capacity
        self._seen: OrderedDict[str, float] = OrderedDict()  # key -> time seen, oldest first
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._seen)

    def add(self, key: str, now: float) -> bool:
        """Record `key`; False when it was already seen within the window."""
        with self._lock:
            while self._seen:
                oldest, seen_at = next(iter(self._seen.items()))
                if now - seen_at <= self._window and len(self._seen) < self._capacity:
                    break
                del self._seen[oldest]
            if key in self._seen:
                return False
            self._seen[key] = now
            return True


class RequestVerifier:
    """Checks the common parameters of a request and returns the operation it calls."""

    def __init__(
        self,
        spec: SpecIndex,
        credentials: Mapping[str, str],
        clock: Callable[[], float],
        nonce_capacity: int = 100_000,
    ) -> None:
        self._spec = spec
        self._credentials = credentials  # a CredentialStore grows as STS issues keys
        self._clock = clock
        self._nonces = NonceCache(2 * TIMESTAMP_WINDOW_SECONDS, nonce_capacity)

    def verify(self, method: str, params: Mapping[str, str]) -> OperationSpec:
        """The called operation, or an `ApiError` naming the first check that failed."""
        errors = self._spec.errors
        operation = self._spec.operations.get(_require(params, "Action", self._spec))
        if operation is None:
            raise errors.error("InvalidParameter", name="Action")
        if _require(params, "Version", self._spec) != self._spec.version:
            raise errors.error("InvalidParameter", name="Version")
        secret = self._credentials.get(_require(params, "AccessKeyId", self._spec))
        if secret is None:
            raise errors.error("InvalidAccessKeyId.NotFound")
        signature = _require(params, "Signature", self._spec)
        if params.get("SignatureMethod", SIGNATURE_METHOD) != SIGNATURE_METHOD:
            raise errors.error("InvalidParameter", name="SignatureMethod")
        if params.get("SignatureVersion", SIGNATURE_VERSION) != SIGNATURE_VERSION:
            raise errors.error("InvalidParameter", name="SignatureVersion")
        now = self._clock()
        self._check_timestamp(params, now)
        unsigned = {key: value for key, value in params.items() if key != "Signature"}
        if not hmac.compare_digest(sign(method, unsigned, secret), signature):
            raise errors.error("IncompleteSignature")
        verify_security_token(
            self._credentials, params["AccessKeyId"], params.get("SecurityToken"), now
        )
        nonce = _require(params, "SignatureNonce", self._spec)
        if not self._nonces.add(f"{params['AccessKeyId']}\n{nonce}", now):
            raise errors.error("SignatureNonceUsed")
        return operation

    def _check_timestamp(self, params: Mapping[str, str], now: float) -> None:
        value = params.get("Timestamp", params.get("TimeStamp"))
        if value is None:
            raise self._spec.errors.error("MissingParameter", name="Timestamp")
        try:
            stamp = datetime.fromisoformat(value)
        except ValueError:
            raise self._spec.errors.error("IllegalTimestamp") from None
        if stamp.tzinfo is None or abs(stamp.timestamp() - now) > TIMESTAMP_WINDOW_SECONDS:
            raise self._spec.errors.error("IllegalTimestamp")


def _require(params: Mapping[str, str], name: str, spec: SpecIndex) -> str:
    value = params.get(name)
    if not value:
        raise spec.errors.error("MissingParameter", name=name)
    return value
