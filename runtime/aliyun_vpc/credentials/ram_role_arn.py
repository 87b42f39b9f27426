"""RAM role ARN: STS AssumeRole signed with a source provider's credentials."""

from __future__ import annotations

from collections.abc import Mapping

from .environment import environment
from .errors import CredentialsProviderError
from .model import CredentialsProvider
from .plans import FetchPlan, NeedCredentials, reraise
from .sts import ASSUME_ROLE, DEFAULT_DURATION_SECONDS, StsRoleProvider

__all__ = ["RamRoleArnProvider"]


class RamRoleArnProvider(StsRoleProvider):
    """Assumes `role_arn` with the credentials of `source` (any provider, e.g. `Credentials(...)`
    or another role), refreshing before the role's credentials expire."""

    name = "ram_role_arn"

    def __init__(
        self,
        *,
        source: CredentialsProvider,
        role_arn: str,
        role_session_name: str | None = None,
        duration_seconds: int = DEFAULT_DURATION_SECONDS,
        policy: str | None = None,
        external_id: str | None = None,
        sts_endpoint: str | None = None,
        sts_region: str | None = None,
        enable_vpc: bool | None = None,
        environ: Mapping[str, str] | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 10.0,
    ) -> None:
        if not role_arn:
            raise CredentialsProviderError(self.name, "role_arn is required")
        super().__init__(
            role_arn=role_arn,
            role_session_name=role_session_name,
            duration_seconds=duration_seconds,
            policy=policy,
            sts_endpoint=sts_endpoint,
            sts_region=sts_region,
            enable_vpc=enable_vpc,
            environ=environment(environ),
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
        )
        self.source = source
        self.external_id = external_id

    def __repr__(self) -> str:
        return f"RamRoleArnProvider(role_arn={self.role_arn!r}, sts_endpoint={self.sts_endpoint!r})"

    def _fetch_plan(self) -> FetchPlan:
        source = reraise((yield NeedCredentials(self.source)))
        params = {"ExternalId": self.external_id} if self.external_id else {}
        secrets = (source.access_key_secret, source.security_token or "")
        return (yield from self._assume(ASSUME_ROLE, params, source, secrets))
