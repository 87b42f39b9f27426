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
from .sts import ASSUME_ROLE_WITH_OIDC, DEFAULT_DURATION_SECONDS, StsRoleProvider

__all__ = ["OidcRoleArnProvider"]


class OidcRoleArnProvider(StsRoleProvider):
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
        env = environment(environ)
        role_arn = role_arn or env.get(ENV_ROLE_ARN) or ""
        oidc_provider_arn = oidc_provider_arn or env.get(ENV_OIDC_PROVIDER_ARN) or ""
        token_file = oidc_token_file or env.get(ENV_OIDC_TOKEN_FILE) or ""
        missing = [
            name
            for name, value in (
                (ENV_ROLE_ARN, role_arn),
                (ENV_OIDC_PROVIDER_ARN, oidc_provider_arn),
                (ENV_OIDC_TOKEN_FILE, token_file),
            )
            if not value
        ]
        if missing:
            raise ProviderUnavailable(self.name, "not set: " + ", ".join(missing))
        super().__init__(
            role_arn=role_arn,
            role_session_name=role_session_name or env.get(ENV_ROLE_SESSION_NAME),
            duration_seconds=duration_seconds,
            policy=policy,
            sts_endpoint=sts_endpoint,
            sts_region=sts_region,
            enable_vpc=enable_vpc,
            environ=env,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
        )
        self.oidc_provider_arn = oidc_provider_arn
        self.oidc_token_file = Path(token_file)

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
        params = {"OIDCProviderArn": self.oidc_provider_arn, "OIDCToken": token}
        return (yield from self._assume(ASSUME_ROLE_WITH_OIDC, params, None, (token,)))
