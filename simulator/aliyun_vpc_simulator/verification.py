"""Request verification as the real service does it: action, version, key, signature, time, nonce.

Two signatures are accepted, as the service does:
- v1 (HMAC-SHA1): `Signature`, `AccessKeyId`, `Timestamp`, `SignatureNonce` among the query / form
  parameters;
- V3 (ACS3-HMAC-SHA256): an `Authorization` header over a canonical request of the method, path,
  query string, the headers it names in `SignedHeaders` and the SHA-256 of the body; Action,
  Version, time and nonce come from the `x-acs-*` headers (or, for Action/Version, the parameters).
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from aliyun_vpc.signature_v3 import ALGORITHM as V3_ALGORITHM
from aliyun_vpc.signature_v3 import string_to_sign as v3_string_to_sign
from aliyun_vpc.signing import canonicalized_query, sign

from .credential_store import verify_security_token
from .spec_index import OperationSpec, SpecIndex

#: How far a request's Timestamp may be from the server clock, either way.
TIMESTAMP_WINDOW_SECONDS = 15 * 60
SIGNATURE_METHOD = "HMAC-SHA1"
SIGNATURE_VERSION = "1.0"
#: V3 headers a request must carry and sign (`x-acs-content-sha256` is checked against the body).
V3_REQUIRED_HEADERS = (
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
)


@dataclass(frozen=True)
class IncomingRequest:
    """What signature checks read of one request: header names are lower-case."""

    method: str
    path: str
    params: Mapping[str, str]  # query and form parameters merged
    query: Mapping[str, str] = field(default_factory=dict)  # the query string's alone
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def is_v3(self) -> bool:
        """Whether the request carries an ACS3 `Authorization` header."""
        return self.headers.get("authorization", "").startswith("ACS3-")

    @property
    def access_key_id(self) -> str:
        """The caller's AccessKeyId: the v1 parameter or the V3 `Credential` (after `verify`)."""
        if self.is_v3:
            return _authorization_fields(self.headers["authorization"])[0] or ""
        return self.params.get("AccessKeyId", "")


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

    def verify(self, request: IncomingRequest) -> OperationSpec:
        """The called operation, or an `ApiError` naming the first check that failed."""
        if request.is_v3:
            return self._verify_v3(request)
        return self._verify_v1(request.method, request.params)

    def _operation(self, action: str, version: str) -> OperationSpec:
        operation = self._spec.operation(action)
        if operation is None:
            raise self._spec.errors.situation("invalid_parameter", name="Action")
        if version != self._spec.version:
            raise self._spec.errors.situation("invalid_parameter", name="Version")
        return operation

    def _secret(self, access_key_id: str) -> str:
        secret = self._credentials.get(access_key_id)
        if secret is None:
            raise self._spec.errors.situation("unknown_access_key")
        return secret

    def _verify_v1(self, method: str, params: Mapping[str, str]) -> OperationSpec:
        errors = self._spec.errors
        operation = self._operation(
            _require(params, "Action", self._spec), _require(params, "Version", self._spec)
        )
        secret = self._secret(_require(params, "AccessKeyId", self._spec))
        signature = _require(params, "Signature", self._spec)
        if params.get("SignatureMethod", SIGNATURE_METHOD) != SIGNATURE_METHOD:
            raise errors.situation("invalid_parameter", name="SignatureMethod")
        if params.get("SignatureVersion", SIGNATURE_VERSION) != SIGNATURE_VERSION:
            raise errors.situation("invalid_parameter", name="SignatureVersion")
        now = self._clock()
        self._check_time(params.get("Timestamp", params.get("TimeStamp")), "Timestamp", now)
        unsigned = {key: value for key, value in params.items() if key != "Signature"}
        if not _same(sign(method, unsigned, secret), signature):
            raise errors.situation("incomplete_signature")
        verify_security_token(
            self._credentials, params["AccessKeyId"], params.get("SecurityToken"), now
        )
        nonce = _require(params, "SignatureNonce", self._spec)
        self._use_nonce(params["AccessKeyId"], nonce, now)
        return operation

    def _verify_v3(self, request: IncomingRequest) -> OperationSpec:
        errors = self._spec.errors
        headers = request.headers
        for name in V3_REQUIRED_HEADERS:
            if not headers.get(name) and not _in_params(name, request.params):
                raise errors.situation("missing_parameter", name=name)
        operation = self._operation(
            headers.get("x-acs-action") or request.params["Action"],
            headers.get("x-acs-version") or request.params["Version"],
        )
        credential, signed_names, signature = _authorization_fields(headers["authorization"])
        if credential is None or signed_names is None or signature is None:
            raise errors.situation("incomplete_signature")
        secret = self._secret(credential)
        payload_hash = hashlib.sha256(request.body).hexdigest()
        if headers["x-acs-content-sha256"].lower() != payload_hash:
            raise errors.situation("incomplete_signature")
        signed = signed_names.split(";")
        unsigned_acs = [
            name for name in headers if name.startswith("x-acs-") and name not in signed
        ]
        if unsigned_acs or any(name not in headers for name in signed):
            raise errors.situation("incomplete_signature")
        now = self._clock()
        self._check_time(headers["x-acs-date"], "x-acs-date", now)
        canonical = "\n".join(
            (
                request.method.upper(),
                request.path or "/",
                canonicalized_query(request.query),
                "".join(f"{name}:{headers[name].strip()}\n" for name in signed),
                signed_names,
                payload_hash,
            )
        )
        expected = hmac.new(
            secret.encode("utf-8"), v3_string_to_sign(canonical).encode("utf-8"), hashlib.sha256
        ).hexdigest()
        if not _same(expected, signature.lower()):
            raise errors.situation("incomplete_signature")
        verify_security_token(
            self._credentials, credential, headers.get("x-acs-security-token"), now
        )
        self._use_nonce(credential, headers["x-acs-signature-nonce"], now)
        return operation

    def _use_nonce(self, access_key_id: str, nonce: str, now: float) -> None:
        if not self._nonces.add(f"{access_key_id}\n{nonce}", now):
            raise self._spec.errors.situation("nonce_used")

    def _check_time(self, value: str | None, name: str, now: float) -> None:
        if value is None:
            raise self._spec.errors.situation("missing_parameter", name=name)
        try:
            stamp = datetime.fromisoformat(value)
        except ValueError:
            raise self._spec.errors.situation("illegal_timestamp") from None
        if stamp.tzinfo is None or abs(stamp.timestamp() - now) > TIMESTAMP_WINDOW_SECONDS:
            raise self._spec.errors.situation("illegal_timestamp")


def _authorization_fields(value: str) -> tuple[str | None, str | None, str | None]:
    """Credential, SignedHeaders and Signature of an `ACS3-HMAC-SHA256 ...` header (None: absent)."""
    algorithm, _, rest = value.partition(" ")
    if algorithm != V3_ALGORITHM:
        return None, None, None
    fields: dict[str, str] = {}
    for part in rest.split(","):
        key, separator, item = part.strip().partition("=")
        if separator:
            fields[key] = item.strip()
    return fields.get("Credential"), fields.get("SignedHeaders"), fields.get("Signature")


def _same(expected: str, given: str) -> bool:
    """Constant-time comparison that also takes a non-ASCII signature (as a mismatch)."""
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8", "replace"))


def _in_params(header: str, params: Mapping[str, str]) -> bool:
    """Whether x-acs-action / x-acs-version arrived as the Action / Version parameter instead."""
    alias = {"x-acs-action": "Action", "x-acs-version": "Version"}.get(header)
    return alias is not None and bool(params.get(alias))


def _require(params: Mapping[str, str], name: str, spec: SpecIndex) -> str:
    value = params.get(name)
    if not value:
        raise spec.errors.situation("missing_parameter", name=name)
    return value
