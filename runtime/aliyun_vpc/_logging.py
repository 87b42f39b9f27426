"""The package logger and redaction of what must never be logged."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping

__all__ = ["CREDENTIAL_PARAMS", "LOGGER", "is_sensitive", "redact_params"]

LOGGER = logging.getLogger("aliyun_vpc")

#: The parameters and headers the runtime itself adds that carry credentials or are derived from
#: them. An operation's own secret parameters (a BGP AuthKey, IkeConfig holding the IPsec Psk) are
#: not listed here: the spec marks them `sensitive: true` and `OperationMeta.sensitive` carries them.
CREDENTIAL_PARAMS = frozenset(
    {"Signature", "SecurityToken", "AccessKeyId", "authorization", "x-acs-security-token"}
)


def is_sensitive(key: str, sensitive: Collection[str] = ()) -> bool:
    """Whether the value of wire parameter `key` is secret: a credential, or one of `sensitive`
    (spec names, where `N`/`M` stand for a list index: `Foo.N.Password` covers `Foo.3.Password`)."""
    if key in CREDENTIAL_PARAMS or key in sensitive:
        return True
    if "." not in key:
        return False
    indexless = ".".join("N" if part.isdigit() else part for part in key.split("."))
    return any(
        ".".join("N" if part in ("M", "N") or part.isdigit() else part for part in name.split("."))
        == indexless
        for name in sensitive
        if "." in name
    )


def redact_params(params: Mapping[str, str], sensitive: Collection[str] = ()) -> dict[str, str]:
    """A copy of `params` with secret values (see `is_sensitive`) replaced by '***'."""
    return {key: "***" if is_sensitive(key, sensitive) else value for key, value in params.items()}
