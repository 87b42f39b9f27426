"""OIDC role (RRSA on ACK): STS AssumeRoleWithOIDC with the token file, re-read at every refresh."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .environment import (
    ENV_OIDC_PROVIDER_ARN,
    ENV_OIDC_TOKEN_FILE,
    ENV_ROLE_ARN,
    ENV_ROLE_SESSION_NAME,
    environment,
)
from .errors import CredentialsProviderError, ProviderUnavailable
from .model import check_secret_text, strip_one_newline
from .plans import FetchPlan
from .ram_role_arn import DEFAULT_DURATION_SECONDS, default_session_name
from .refreshing import RefreshingProvider
from .sts import ASSUME_ROLE_WITH_OIDC, resolve_sts_endpoint, sts_credentials, sts_request

__all__ = ["OidcRoleArnProvider"]


class OidcRoleArnProvider(RefreshingProvider):
    """Assumes `role_arn` through `oidc_provider_arn` with the token in `oidc_token_file` (which
    Kubernetes rotates: it is read again for every refresh). Arguments left out come from
    ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE and
    ALIBABA_CLOUD_ROLE_SESSION_NAME."""

    name = "oidc_role_arn"

    def __init__(
        self,
        *,
        role_arn: str | None = None,
        oidc_provider_arn: str | None = None,
        oidc_token_file: str | Path | None = None,
        role_session_name: str | None = None,
        duration_seconds: int = DEFAULT_DURATION_SECONDS,
        policy: str | None = None,
        sts_endpoint: str | None = None,
        sts_region: str | None = None,
        enable_vpc: bool | None = None,
        environ: Mapping[str, str] | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 10.0,
    ) -> None:
        super().__init__(connect_timeout=connect_timeout, read_timeout=read_timeout)
        env = environment(environ)
        self.role_arn = role_arn or env.get(ENV_ROLE_ARN) or ""
        self.oidc_provider_arn = oidc_provider_arn or env.get(ENV_OIDC_PROVIDER_ARN) or ""
        token_file = oidc_token_file or env.get(ENV_OIDC_TOKEN_FILE) or ""
        missing = [
            name
            for name, value in (
                (ENV_ROLE_ARN, self.role_arn),
                (ENV_OIDC_PROVIDER_ARN, self.oidc_provider_arn),
                (ENV_OIDC_TOKEN_FILE, token_file),
            )
            if not value
        ]
        if missing:
            raise ProviderUnavailable(self.name, "not set: " + ", ".join(missing))
        self.oidc_token_file = Path(token_file)
        self.role_session_name = (
            role_session_name or env.get(ENV_ROLE_SESSION_NAME) or default_session_name()
        )
        self.duration_seconds = int(duration_seconds)
        self.policy = policy
        self.sts_endpoint = resolve_sts_endpoint(sts_endpoint, sts_region, enable_vpc, env)

    def __repr__(self) -> str:
        return (
            f"OidcRoleArnProvider(role_arn={self.role_arn!r}, "
            f"oidc_token_file={str(self.oidc_token_file)!r}, sts_endpoint={self.sts_endpoint!r})"
        )

    def _read_token(self) -> str:
        try:
            text = self.oidc_token_file.read_bytes().decode("utf-8")  # no newline translation
        except (OSError, UnicodeDecodeError) as error:
            raise CredentialsProviderError(
                self.name,
                f"cannot read the OIDC token file {str(self.oidc_token_file)!r} "
                f"({type(error).__name__})",
            ) from None
        token = check_secret_text(strip_one_newline(text), "the OIDC token file", self.name)
        if not token:
            raise CredentialsProviderError(self.name, "the OIDC token file is empty")
        return token

    def _fetch_plan(self) -> FetchPlan:
        token = self._read_token()
        params = {
            "RoleArn": self.role_arn,
            "OIDCProviderArn": self.oidc_provider_arn,
            "OIDCToken": token,
            "RoleSessionName": self.role_session_name,
            "DurationSeconds": str(self.duration_seconds),
        }
        if self.policy:
            params["Policy"] = self.policy
        reply = yield sts_request(
            self.sts_endpoint, ASSUME_ROLE_WITH_OIDC, params, None, self.timeouts
        )
        return sts_credentials(self.name, ASSUME_ROLE_WITH_OIDC, reply, (token,))
