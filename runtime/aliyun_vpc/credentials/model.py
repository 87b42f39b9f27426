"""What a credential is, how providers hand them out, and the checks every loaded secret passes.

A `Credentials` never shows its secret or token in repr/str, and refuses (at construction) any key,
secret or token holding a control character (CR, LF, NUL...) or text UTF-8 cannot encode (a lone
surrogate): such a value would otherwise end up in an HTTP header or a signature and, from there, in
an error message. The refusal names the field and the character's position, never the value.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Protocol

from .errors import InvalidCredentialsError

__all__ = [
    "AsyncCredentialsProvider",
    "Credentials",
    "CredentialsProvider",
    "check_secret_text",
    "strip_one_newline",
]


#: C0 controls (CR, LF, NUL, ESC...), DEL, C1 controls, and surrogates (unencodable alone).
_UNSENDABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def check_secret_text(value: str, what: str, provider: str) -> str:
    """`value` unchanged when it can travel in a header; else `InvalidCredentialsError` naming
    `what` and the position of the first bad character (never the value)."""
    if not isinstance(value, str):
        raise InvalidCredentialsError(provider, f"{what} is a {type(value).__name__}, not text")
    bad = _UNSENDABLE.search(value)
    if bad is not None:
        code = ord(bad.group())
        kind = "a lone surrogate (not encodable)" if code >= 0xD800 else "a control character"
        raise InvalidCredentialsError(
            provider, f"{what} holds {kind} (U+{code:04X}) at position {bad.start()}"
        )
    return value


def strip_one_newline(text: str) -> str:
    """A token file's content without the one line ending an editor or `echo` leaves at its end.

    Only one "\\n" (or "\\r\\n") is removed; any other control character, or a second newline, is
    left for `check_secret_text` to refuse rather than silently repaired.
    """
    if text.endswith("\r\n"):
        return text[:-2]
    return text.removesuffix("\n")


@dataclass(frozen=True, slots=True)
class Credentials:
    """An AccessKey pair, plus the STS token for temporary credentials and when they expire
    (seconds since the epoch; None for long-lived keys)."""

    access_key_id: str
    access_key_secret: str = field(repr=False)
    security_token: str | None = field(default=None, repr=False)
    expiration: float | None = None
    provider: str = field(default="static", compare=False)

    def __post_init__(self) -> None:
        check_secret_text(self.access_key_id, "AccessKeyId", self.provider)
        check_secret_text(self.access_key_secret, "AccessKeySecret", self.provider)
        if self.security_token is not None:
            check_secret_text(self.security_token, "SecurityToken", self.provider)

    def __repr__(self) -> str:
        token = ", security_token=***" if self.security_token else ""
        expires = ""
        if self.expiration is not None:
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.expiration))
            expires = f", expiration={stamp}"
        return (
            f"Credentials(access_key_id={self.access_key_id!r}, access_key_secret=***"
            f"{token}{expires}, provider={self.provider!r})"
        )

    __str__ = __repr__

    def expired(self, now: float) -> bool:
        """Whether these credentials are no longer accepted at `now`."""
        return self.expiration is not None and now >= self.expiration

    def get_credentials(self) -> Credentials:
        """Static credentials are their own provider."""
        return self


class CredentialsProvider(Protocol):
    """Anything that hands out current credentials (e.g. a refreshing STS source)."""

    def get_credentials(self) -> Credentials: ...


class AsyncCredentialsProvider(CredentialsProvider, Protocol):
    """A provider that can also fetch without blocking the event loop."""

    async def get_credentials_async(self) -> Credentials: ...
