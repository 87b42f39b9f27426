"""The package logger and redaction of what must never be logged."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from .signing import percent_encode

__all__ = ["LOGGER", "SENSITIVE_PARAMS", "redact_params", "redact_text"]

LOGGER = logging.getLogger("aliyun_vpc")

#: Request parameters and headers whose values are credentials or derived from them, and the
#: operation parameters that carry user secrets (BGP MD5 key; IkeConfig holds the IPsec Psk).
SENSITIVE_PARAMS = frozenset(
    {
        "Signature",
        "SecurityToken",
        "AccessKeyId",
        "authorization",
        "x-acs-security-token",
        "AuthKey",
        "IkeConfig",
    }
)


def redact_params(params: Mapping[str, str]) -> dict[str, str]:
    """A copy of `params` with credential-bearing values replaced by '***'."""
    return {key: "***" if key in SENSITIVE_PARAMS else value for key, value in params.items()}


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret replaced by '***', also in the percent-encoded forms a signed
    request holds (once in the query, twice in the string to sign that the service may echo back
    in a SignatureDoesNotMatch message)."""
    forms: set[str] = set()
    for secret in secrets:
        if secret:
            once = percent_encode(secret)
            forms.update((secret, once, percent_encode(once)))
    for form in sorted(forms, key=len, reverse=True):  # longest first: forms contain each other
        text = text.replace(form, "***")
    return text
