"""The package logger and redaction of what must never be logged."""

from __future__ import annotations

import logging
from collections.abc import Mapping

__all__ = ["LOGGER", "SENSITIVE_PARAMS", "redact_params"]

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
