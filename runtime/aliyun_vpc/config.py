"""Client configuration and endpoint resolution.

Defaults: HTTPS to the spec's endpoint (`vpc.aliyuncs.com`), POST with a form-encoded body (the
documents show GET; both are accepted by RPC services and are signed the same way, and POST keeps
long list parameters and the signature out of URLs and access logs), JSON responses, signature v1
(HMAC-SHA1).

Every setting is checked when the configuration (and so the client) is built: a wrong type or value
is a `ParamValidationError` naming the setting and the values it accepts.
"""

from __future__ import annotations

import functools
import math
import os
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from ._generated.service import API_VERSION, DEFAULT_HOST
from .exceptions import ParamValidationError
from .retries import RetryPolicy

__all__ = [
    "API_VERSION",
    "DEFAULT_HOST",
    "ENV_REGION_ID",
    "ClientConfig",
    "resolve_endpoint",
    "resolve_region",
]

ENV_REGION_ID = "ALIBABA_CLOUD_REGION_ID"


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """Everything about how a client talks to the service, apart from credentials."""

    region_id: str | None = None
    endpoint: str | None = None  # host or URL; overrides the computed one
    regional_endpoint: bool = False  # vpc.<region>.aliyuncs.com instead of vpc.aliyuncs.com
    protocol: Literal["https", "http"] = "https"
    http_method: Literal["POST", "GET"] = "POST"
    response_format: Literal["JSON", "XML"] = "JSON"
    signature_version: Literal["v1", "v3"] = "v1"
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    user_agent_extra: str | None = None
    max_connections: int = 20
    max_response_size: int = 8 * 1024 * 1024  # bytes; a larger answer is refused while it is read
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    def __post_init__(self) -> None:
        _check_settings(self)


def _check_settings(config: ClientConfig) -> None:
    """Refuse a setting of the wrong type or out of range, naming it and what it accepts."""
    for name, choices in _choices().items():
        if getattr(config, name) not in choices:
            _refuse(name, getattr(config, name), " or ".join(map(repr, choices)))
    for name in ("region_id", "endpoint", "user_agent_extra"):
        value = getattr(config, name)
        if value is not None and not (isinstance(value, str) and value and value.isprintable()):
            _refuse(name, value, "None or non-empty printable text")
    if not isinstance(config.regional_endpoint, bool):
        _refuse("regional_endpoint", config.regional_endpoint, "True or False")
    for name in ("connect_timeout", "read_timeout"):
        if not _positive_number(getattr(config, name)):
            _refuse(name, getattr(config, name), "a positive number of seconds")
    if not _positive_int(config.max_connections):
        _refuse("max_connections", config.max_connections, "a positive integer")
    _check_retry(config.retry)


def _check_retry(retry: Any) -> None:
    if not isinstance(retry, RetryPolicy):
        _refuse("retry", retry, "a RetryPolicy")
    if not _positive_int(retry.max_attempts):
        _refuse("retry.max_attempts", retry.max_attempts, "a positive integer")
    for name in ("base_delay", "max_delay"):
        value = getattr(retry, name)
        if not (_positive_number(value) or value == 0):
            _refuse(f"retry.{name}", value, "zero or a positive number of seconds")
    if retry.total_deadline is not None and not _positive_number(retry.total_deadline):
        _refuse(
            "retry.total_deadline", retry.total_deadline, "None or a positive number of seconds"
        )


@functools.cache
def _choices() -> dict[str, tuple[object, ...]]:
    """The settings typed as a `Literal`, with the values each accepts."""
    hints = typing.get_type_hints(ClientConfig)
    return {
        item.name: typing.get_args(hints[item.name])
        for item in fields(ClientConfig)
        if typing.get_origin(hints[item.name]) is Literal
    }


def _positive_number(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    )


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _refuse(name: str, value: object, allowed: str) -> typing.NoReturn:
    shown = repr(value) if isinstance(value, str | int | float | bool) else type(value).__name__
    raise ParamValidationError(f"ClientConfig.{name}: {shown[:80]} is not allowed; use {allowed}")


def resolve_region(region_id: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The explicit region, else ALIBABA_CLOUD_REGION_ID, else None."""
    env = os.environ if environ is None else environ
    return region_id or env.get(ENV_REGION_ID) or None


def resolve_endpoint(config: ClientConfig, region_id: str | None) -> str:
    """The base URL (scheme and host, no trailing slash) requests go to."""
    endpoint = config.endpoint
    if endpoint is None:
        if config.regional_endpoint and region_id:
            product, _, domain = DEFAULT_HOST.partition(".")
            endpoint = f"{product}.{region_id}.{domain}"
        else:
            endpoint = DEFAULT_HOST
    if "://" not in endpoint:
        endpoint = f"{config.protocol}://{endpoint}"
    return endpoint.rstrip("/")
