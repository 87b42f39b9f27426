"""RAM role ARN: STS AssumeRole signed with a source provider's credentials."""

from __future__ import annotations

import time
from collections.abc import Mapping

from .environment import environment
from .errors import CredentialsProviderError
from .model import CredentialsProvider
from .plans import FetchPlan, NeedCredentials, reraise
from .refreshing import RefreshingProvider
from .sts import ASSUME_ROLE, resolve_sts_endpoint, sts_credentials, sts_request

__all__ = ["DEFAULT_DURATION_SECONDS", "RamRoleArnProvider", "default_session_name"]

DEFAULT_DURATION_SECONDS = 3600


def default_session_name() -> str:
    """A session name when none is given (the official SDKs use a timestamped one too)."""
    return f"aliyun-vpc-python-{int(time.time())}"


class RamRoleArnProvider(RefreshingProvider):
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
        super().__init__(connect_timeout=connect_timeout, read_timeout=read_timeout)
        if not role_arn:
            raise CredentialsProviderError(self.name, "role_arn is required")
        self.source = source
        self.role_arn = role_arn
        self.role_session_name = role_session_name or default_session_name()
        self.duration_seconds = int(duration_seconds)
        self.policy = policy
        self.external_id = external_id
        self.sts_endpoint = resolve_sts_endpoint(
            sts_endpoint, sts_region, enable_vpc, environment(environ)
        )

    def __repr__(self) -> str:
        return f"RamRoleArnProvider(role_arn={self.role_arn!r}, sts_endpoint={self.sts_endpoint!r})"

    def _fetch_plan(self) -> FetchPlan:
        source = reraise((yield NeedCredentials(self.source)))
        params = {
            "RoleArn": self.role_arn,
            "RoleSessionName": self.role_session_name,
            "DurationSeconds": str(self.duration_seconds),
        }
        if self.policy:
            params["Policy"] = self.policy
        if self.external_id:
            params["ExternalId"] = self.external_id
        request = sts_request(self.sts_endpoint, ASSUME_ROLE, params, source, self.timeouts)
        reply = yield request
        secrets = (source.access_key_secret, source.security_token or "")
        return sts_credentials(self.name, ASSUME_ROLE, reply, secrets)
