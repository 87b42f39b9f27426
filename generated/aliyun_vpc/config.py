"""Client configuration and endpoint resolution.

Defaults: HTTPS to `vpc.aliyuncs.com`, POST with a form-encoded body (the documents show GET; both are
accepted by RPC services and are signed the same way, and POST keeps long list parameters and the
signature out of URLs and access logs), JSON responses, signature v1 (HMAC-SHA1).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from .retries import RetryPolicy

__all__ = [
    "API_VERSION",
    "DEFAULT_HOST",
    "ENV_REGION_ID",
    "ClientConfig",
    "resolve_endpoint",
    "resolve_region",
]

API_VERSION = "2016-04-28"
DEFAULT_HOST = "vpc.aliyuncs.com"
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


def resolve_region(region_id: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The explicit region, else ALIBABA_CLOUD_REGION_ID, else None."""
    env = os.environ if environ is None else environ
    return region_id or env.get(ENV_REGION_ID) or None


def resolve_endpoint(config: ClientConfig, region_id: str | None) -> str:
    """The base URL (scheme and host, no trailing slash) requests go to."""
    endpoint = config.endpoint
    if endpoint is None:
        if config.regional_endpoint and region_id:
            endpoint = f"vpc.{region_id}.aliyuncs.com"
        else:
            endpoint = DEFAULT_HOST
    if "://" not in endpoint:
        endpoint = f"{config.protocol}://{endpoint}"
    return endpoint.rstrip("/")
