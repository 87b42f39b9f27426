"""The environment variables the official Alibaba Cloud SDKs read, and the environment provider."""

from __future__ import annotations

import os
from collections.abc import Mapping

from .errors import ProviderUnavailable
from .model import Credentials

__all__ = [
    "ENV_ACCESS_KEY_ID",
    "ENV_ACCESS_KEY_SECRET",
    "ENV_CLI_PROFILE_DISABLED",
    "ENV_CREDENTIALS_FILE",
    "ENV_CREDENTIALS_URI",
    "ENV_ECS_METADATA",
    "ENV_ECS_METADATA_DISABLED",
    "ENV_IMDSV1_DISABLED",
    "ENV_OIDC_PROVIDER_ARN",
    "ENV_OIDC_TOKEN_FILE",
    "ENV_PROFILE",
    "ENV_ROLE_ARN",
    "ENV_ROLE_SESSION_NAME",
    "ENV_SECURITY_TOKEN",
    "ENV_STS_REGION",
    "ENV_VPC_ENDPOINT_ENABLED",
    "EnvironmentProvider",
]  # what the package re-exports; env_flag and environment serve the providers

ENV_ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID"
ENV_ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
ENV_SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN"
ENV_ROLE_ARN = "ALIBABA_CLOUD_ROLE_ARN"
ENV_OIDC_PROVIDER_ARN = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN"
ENV_OIDC_TOKEN_FILE = "ALIBABA_CLOUD_OIDC_TOKEN_FILE"
ENV_ROLE_SESSION_NAME = "ALIBABA_CLOUD_ROLE_SESSION_NAME"
ENV_ECS_METADATA = "ALIBABA_CLOUD_ECS_METADATA"
ENV_ECS_METADATA_DISABLED = "ALIBABA_CLOUD_ECS_METADATA_DISABLED"
ENV_IMDSV1_DISABLED = "ALIBABA_CLOUD_IMDSV1_DISABLED"
ENV_CREDENTIALS_URI = "ALIBABA_CLOUD_CREDENTIALS_URI"
ENV_PROFILE = "ALIBABA_CLOUD_PROFILE"
ENV_CLI_PROFILE_DISABLED = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED"
ENV_CREDENTIALS_FILE = "ALIBABA_CLOUD_CREDENTIALS_FILE"
ENV_STS_REGION = "ALIBABA_CLOUD_STS_REGION"
ENV_VPC_ENDPOINT_ENABLED = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED"


def environment(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    """The given mapping, or the process environment."""
    return os.environ if environ is None else environ


def env_flag(environ: Mapping[str, str], name: str) -> bool:
    """Whether a boolean variable is set to "true" (any case), as the official SDKs read them."""
    return environ.get(name, "").strip().lower() == "true"


class EnvironmentProvider:
    """ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (and _SECURITY_TOKEN), read at every call."""

    name = "environment"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = environ

    def __repr__(self) -> str:
        return "EnvironmentProvider()"

    def get_credentials(self) -> Credentials:
        env = environment(self._environ)
        key_id, secret = env.get(ENV_ACCESS_KEY_ID), env.get(ENV_ACCESS_KEY_SECRET)
        if not (key_id and secret):
            raise ProviderUnavailable(
                self.name, f"{ENV_ACCESS_KEY_ID} and {ENV_ACCESS_KEY_SECRET} are not both set"
            )
        return Credentials(key_id, secret, env.get(ENV_SECURITY_TOKEN) or None, provider=self.name)
