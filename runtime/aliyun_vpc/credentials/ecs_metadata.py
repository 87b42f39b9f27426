"""ECS instance RAM role: credentials from the instance metadata service (IMDS).

IMDSv2 first: `PUT /latest/api/token` with a TTL header, then the token in the
`X-aliyun-ecs-metadata-token` header of each read. When the token cannot be had, the reads go
without it (IMDSv1) unless ALIBABA_CLOUD_IMDSV1_DISABLED=true. The role is
ALIBABA_CLOUD_ECS_METADATA's, or the one the service lists. ALIBABA_CLOUD_ECS_METADATA_DISABLED=true
turns the provider off (in the chain and in profiles alike).
"""

from __future__ import annotations

from collections.abc import Mapping

from .._pipeline import HttpResponse, TransportFailure
from .answers import credentials_from, parse_json_object
from .environment import (
    ENV_ECS_METADATA,
    ENV_ECS_METADATA_DISABLED,
    ENV_IMDSV1_DISABLED,
    env_flag,
    environment,
)
from .errors import CredentialsProviderError, ProviderUnavailable
from .model import check_secret_text
from .plans import FetchPlan, HttpCall, base_url, http_call
from .refreshing import RefreshingProvider

__all__ = ["DEFAULT_METADATA_ENDPOINT", "EcsRamRoleProvider"]

DEFAULT_METADATA_ENDPOINT = "http://100.100.100.200"
TOKEN_PATH = "/latest/api/token"
CREDENTIALS_PATH = "/latest/meta-data/ram/security-credentials/"
TOKEN_TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds"
TOKEN_HEADER = "X-aliyun-ecs-metadata-token"
TOKEN_TTL_SECONDS = 21600


class EcsRamRoleProvider(RefreshingProvider):
    """The instance's RAM role credentials, refreshed before they expire."""

    name = "ecs_ram_role"

    def __init__(
        self,
        *,
        role_name: str | None = None,
        disable_imds_v1: bool | None = None,
        metadata_endpoint: str | None = None,
        environ: Mapping[str, str] | None = None,
        connect_timeout: float = 1.0,
        read_timeout: float = 1.0,
    ) -> None:
        super().__init__(connect_timeout=connect_timeout, read_timeout=read_timeout)
        env = environment(environ)
        if env_flag(env, ENV_ECS_METADATA_DISABLED):
            raise ProviderUnavailable(self.name, f"{ENV_ECS_METADATA_DISABLED}=true")
        self.role_name = role_name or env.get(ENV_ECS_METADATA) or None
        self.disable_imds_v1 = (
            env_flag(env, ENV_IMDSV1_DISABLED) if disable_imds_v1 is None else disable_imds_v1
        )
        self.metadata_endpoint = base_url(metadata_endpoint or DEFAULT_METADATA_ENDPOINT)

    def __repr__(self) -> str:
        return (
            f"EcsRamRoleProvider(role_name={self.role_name!r}, "
            f"metadata_endpoint={self.metadata_endpoint!r})"
        )

    def _get(self, path: str, token: str | None) -> HttpCall:
        headers = {TOKEN_HEADER: token} if token else {}
        return http_call("GET", self.metadata_endpoint + path, headers, None, self.timeouts)

    def _fetch_plan(self) -> FetchPlan:
        token_reply = yield http_call(
            "PUT",
            self.metadata_endpoint + TOKEN_PATH,
            {TOKEN_TTL_HEADER: str(TOKEN_TTL_SECONDS)},
            None,
            self.timeouts,
        )
        if isinstance(token_reply, TransportFailure) and not token_reply.sent:
            raise CredentialsProviderError(
                self.name, f"metadata service unreachable ({type(token_reply.error).__name__})"
            )
        token = None
        if isinstance(token_reply, HttpResponse) and token_reply.status == 200:
            token = self._text(token_reply, "the metadata token")
        elif self.disable_imds_v1:
            raise CredentialsProviderError(
                self.name,
                f"no IMDSv2 token ({_describe(token_reply)}) and {ENV_IMDSV1_DISABLED}=true",
            )
        role = self.role_name
        if role is None:
            listing = yield self._get(CREDENTIALS_PATH, token)
            if not (isinstance(listing, HttpResponse) and listing.status == 200):
                raise CredentialsProviderError(
                    self.name, f"cannot list the instance's RAM role ({_describe(listing)})"
                )
            role = self._text(listing, "the role name").strip().split("\n")[0].strip()
            if not role:
                raise CredentialsProviderError(self.name, "the instance has no RAM role attached")
        reply = yield self._get(CREDENTIALS_PATH + role, token)
        what = f"metadata service (role {role!r})"
        answer = parse_json_object(self.name, what, reply)
        if answer.get("Code") != "Success":
            raise CredentialsProviderError(self.name, f"{what} answer's Code is not Success")
        return credentials_from(self.name, what, answer)

    def _text(self, reply: HttpResponse, what: str) -> str:
        try:
            text = reply.content.decode("utf-8")
        except UnicodeDecodeError:
            raise CredentialsProviderError(self.name, f"{what} is not UTF-8 text") from None
        return check_secret_text(text.strip(), what, self.name)


def _describe(reply: object) -> str:
    if isinstance(reply, HttpResponse):
        return f"HTTP {reply.status}"
    return f"unreachable: {type(getattr(reply, 'error', reply)).__name__}"
