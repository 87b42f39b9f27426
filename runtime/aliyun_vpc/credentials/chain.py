"""The default chain, in the official SDKs' order, and what a client uses when given no provider.

environment → OIDC role (when ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and
ALIBABA_CLOUD_OIDC_TOKEN_FILE are all set) → CLI profile (unless
ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true) → ini profile → ECS RAM role (unless
ALIBABA_CLOUD_ECS_METADATA_DISABLED=true) → credentials URI (when ALIBABA_CLOUD_CREDENTIALS_URI is
set). The first provider that answers wins and serves every later call (refreshing as it does);
until one answers, each call tries the chain again. When none does, `CredentialsNotFoundError`
names every provider tried and why it declined.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ..exceptions import CredentialsNotFoundError, VpcError
from .ecs_metadata import EcsRamRoleProvider
from .environment import (
    ENV_CLI_PROFILE_DISABLED,
    ENV_CREDENTIALS_FILE,
    ENV_CREDENTIALS_URI,
    ENV_OIDC_PROVIDER_ARN,
    ENV_OIDC_TOKEN_FILE,
    ENV_ROLE_ARN,
    EnvironmentProvider,
    env_flag,
    environment,
)
from .model import Credentials, CredentialsProvider
from .oidc import OidcRoleArnProvider
from .plans import FetchPlan, NeedCredentials, fetch_async, run_async, run_sync
from .profiles import CliProfileProvider, IniProfileProvider, ServiceEndpoints
from .uri import CredentialsUriProvider

__all__ = ["DefaultCredentialsChain", "credentials_provider"]

Candidate = tuple[str, Callable[[], CredentialsProvider] | str]


class DefaultCredentialsChain:
    """The official default chain; `sts_endpoint`/`metadata_endpoint` redirect the providers it
    builds (tests, air-gapped networks), `home` replaces the home directory of the profile files."""

    def __init__(
        self,
        *,
        environ: Mapping[str, str] | None = None,
        home: Path | None = None,
        sts_endpoint: str | None = None,
        metadata_endpoint: str | None = None,
    ) -> None:
        self._environ = environ
        self._home = home
        self._endpoints = ServiceEndpoints(sts_endpoint, metadata_endpoint)
        self._chosen: CredentialsProvider | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"DefaultCredentialsChain(chosen={self._chosen!r})"

    def get_credentials(self) -> Credentials:
        chosen = self._chosen
        if chosen is not None:
            return chosen.get_credentials()
        return run_sync(self._search(), 0.0)

    async def get_credentials_async(self) -> Credentials:
        chosen = self._chosen
        if chosen is not None:
            return await fetch_async(chosen)
        return await run_async(self._search(), 0.0)

    def candidates(self) -> Iterator[Candidate]:
        """(name, factory) for each provider in order, or (name, why it is skipped)."""
        env = environment(self._environ)
        environ, endpoints = self._environ, self._endpoints
        yield "environment", lambda: EnvironmentProvider(environ)
        oidc_vars = (ENV_ROLE_ARN, ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE)
        if all(env.get(name) for name in oidc_vars):
            yield "oidc_role_arn", lambda: OidcRoleArnProvider(
                environ=environ, sts_endpoint=endpoints.sts_endpoint
            )
        else:
            yield "oidc_role_arn", "not all of " + ", ".join(oidc_vars) + " are set"
        if env_flag(env, ENV_CLI_PROFILE_DISABLED):
            yield "cli_profile", f"{ENV_CLI_PROFILE_DISABLED}=true"
        else:
            cli_path = self._home / ".aliyun" / "config.json" if self._home else None
            yield "cli_profile", lambda: CliProfileProvider(
                path=cli_path, endpoints=endpoints, environ=environ
            )
        ini_path = self._ini_path(env)
        yield "ini_profile", lambda: IniProfileProvider(
            path=ini_path, endpoints=endpoints, environ=environ
        )
        yield "ecs_ram_role", lambda: EcsRamRoleProvider(
            metadata_endpoint=endpoints.metadata_endpoint, environ=environ
        )
        if env.get(ENV_CREDENTIALS_URI):
            yield "credentials_uri", lambda: CredentialsUriProvider(environ=environ)
        else:
            yield "credentials_uri", f"{ENV_CREDENTIALS_URI} is not set"

    def _ini_path(self, env: Mapping[str, str]) -> Path | None:
        if self._home is None or env.get(ENV_CREDENTIALS_FILE):
            return None
        return self._home / ".alibabacloud" / "credentials"

    def _search(self) -> FetchPlan:
        tried: list[str] = []
        for name, factory in self.candidates():
            if isinstance(factory, str):
                tried.append(f"{name} (skipped: {factory})")
                continue
            try:
                provider = factory()
            except VpcError as error:
                tried.append(f"{name} ({_reason(error)})")
                continue
            reply = yield NeedCredentials(provider)
            if isinstance(reply, Credentials):
                with self._lock:
                    self._chosen = self._chosen or provider
                return reply
            tried.append(f"{name} ({_reason(reply)})")
        raise CredentialsNotFoundError(tried)


def _reason(error: object) -> str:
    return str(getattr(error, "reason", error))


def credentials_provider(
    access_key_id: str | None = None,
    access_key_secret: str | None = None,
    security_token: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
) -> CredentialsProvider:
    """What a client given these arguments uses: static credentials when both keys are given,
    else the default chain. Half a key pair is an error, never a fall-through to the chain (which
    could silently sign with another account's keys)."""
    if access_key_id and access_key_secret:
        return Credentials(access_key_id, access_key_secret, security_token or None)
    if access_key_id or access_key_secret or security_token:
        raise CredentialsNotFoundError(
            [
                "explicit arguments (need both access_key_id and access_key_secret;"
                + " the default chain was not consulted)"
            ]
        )
    return DefaultCredentialsChain(environ=environ)
