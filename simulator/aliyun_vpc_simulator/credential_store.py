"""The keys the simulator accepts: configured long-lived pairs, and temporary STS credentials
(issued by its STS, metadata or credentials-URI stand-ins, or configured) each bound to a
SecurityToken and an expiry.

The SecurityToken checks answer with the live service's codes (the documents do not list them):
an unknown token `InvalidSecurityToken.Malformed`, a token of another key
`InvalidSecurityToken.MismatchWithAccessKey`, an expired one `InvalidSecurityToken.Expired`, a
temporary key without its token `MissingSecurityToken`.
"""

from __future__ import annotations

import hmac
import math
import os
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .errors import ApiError

__all__ = ["CredentialStore", "TemporaryKey", "verify_security_token"]

#: Expired temporary keys are forgotten this long after their expiry (bounds the store).
FORGET_AFTER_SECONDS = 15 * 60


@dataclass(frozen=True)
class TemporaryKey:
    """An STS key pair, its token, and when it stops being accepted (None: never)."""

    access_key_id: str
    access_key_secret: str
    security_token: str
    expires_at: float | None

    def __repr__(self) -> str:
        return f"TemporaryKey({self.access_key_id!r}, expires_at={self.expires_at!r})"


def _token_error(code: str, message: str) -> ApiError:
    return ApiError(code, 400, message)


class CredentialStore(Mapping[str, str]):
    """AccessKeyId -> secret for every key the simulator accepts; thread-safe."""

    def __init__(self, permanent: Mapping[str, str], lifetime_seconds: float = 3600.0) -> None:
        self._permanent = dict(permanent)
        self._temporary: dict[str, TemporaryKey] = {}
        self._lock = threading.Lock()
        self.lifetime_seconds = lifetime_seconds

    def __getitem__(self, key: str) -> str:
        temporary = self._temporary.get(key)
        if temporary is not None:
            return temporary.access_key_secret
        return self._permanent[key]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._permanent, *list(self._temporary)])

    def __len__(self) -> int:
        return len(self._permanent) + len(self._temporary)

    def add_temporary(self, key: TemporaryKey) -> None:
        """Accept `key` (e.g. a token configured for a test) until it expires."""
        with self._lock:
            self._temporary[key.access_key_id] = key

    def issue(self, now: float, duration_seconds: float | None = None) -> TemporaryKey:
        """New temporary credentials living `duration_seconds`, at most the store's lifetime
        (the expiry is a whole second, as the `Expiration` text carries it)."""
        lifetime = self.lifetime_seconds
        if duration_seconds is not None:
            lifetime = min(lifetime, duration_seconds)
        key = TemporaryKey(
            "STS." + os.urandom(12).hex(),
            os.urandom(18).hex(),
            "CAIS" + os.urandom(48).hex(),
            float(math.floor(now + lifetime)),
        )
        with self._lock:
            self._forget_expired(now)
            self._temporary[key.access_key_id] = key
        return key

    def _forget_expired(self, now: float) -> None:
        stale = [
            key_id
            for key_id, key in self._temporary.items()
            if key.expires_at is not None and key.expires_at + FORGET_AFTER_SECONDS < now
        ]
        for key_id in stale:
            del self._temporary[key_id]

    def check_token(self, access_key_id: str, token: str | None, now: float) -> None:
        """Raise the service's error when `token` does not belong with `access_key_id` now."""
        temporary = self._temporary.get(access_key_id)
        if temporary is None:
            if token:
                raise _token_error(
                    "InvalidSecurityToken.MismatchWithAccessKey",
                    "Specified SecurityToken mismatch with the AccessKey.",
                )
            return
        if not token:
            raise _token_error("MissingSecurityToken", "SecurityToken is mandatory for this key.")
        if not hmac.compare_digest(token.encode(), temporary.security_token.encode()):
            known = any(
                hmac.compare_digest(token.encode(), key.security_token.encode())
                for key in list(self._temporary.values())
            )
            if known:
                raise _token_error(
                    "InvalidSecurityToken.MismatchWithAccessKey",
                    "Specified SecurityToken mismatch with the AccessKey.",
                )
            raise _token_error(
                "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed."
            )
        if temporary.expires_at is not None and now >= temporary.expires_at:
            raise _token_error(
                "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."
            )


def verify_security_token(
    credentials: Mapping[str, str], access_key_id: str, token: str | None, now: float
) -> None:
    """The token check for any credentials mapping: a `CredentialStore` checks it, a plain
    mapping (no temporary keys) accepts no token at all."""
    if isinstance(credentials, CredentialStore):
        credentials.check_token(access_key_id, token, now)
    elif token:
        raise _token_error(
            "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed."
        )
