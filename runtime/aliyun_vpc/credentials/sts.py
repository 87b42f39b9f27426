"""The STS API (product Sts, version 2015-04-01) as the role providers call it.

`AssumeRole` is signed with the source credentials by the package's own v1 signer
(`signing.RpcSigner`); `AssumeRoleWithOIDC` is authenticated by the OIDC token it carries and is not
signed, as the official SDKs send it. Both go as a form-encoded POST (tokens stay out of URLs) and
answer `{"Credentials": {"AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"}}`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping

from ..signing import RpcSigner, canonicalized_query, percent_encode
from .answers import credentials_from, parse_json_object
from .environment import ENV_STS_REGION, ENV_VPC_ENDPOINT_ENABLED, env_flag
from .errors import CredentialsProviderError
from .model import Credentials
from .plans import FetchPlan, HttpCall, base_url, http_call
from .refreshing import RefreshingProvider

__all__ = [
    "ASSUME_ROLE",
    "ASSUME_ROLE_WITH_OIDC",
    "DEFAULT_DURATION_SECONDS",
    "STS_VERSION",
    "StsRoleProvider",
    "default_session_name",
    "resolve_sts_endpoint",
    "sts_credentials",
    "sts_request",
]

STS_VERSION = "2015-04-01"
ASSUME_ROLE = "AssumeRole"
ASSUME_ROLE_WITH_OIDC = "AssumeRoleWithOIDC"
DEFAULT_STS_HOST = "sts.aliyuncs.com"
_FORM = "application/x-www-form-urlencoded"
DEFAULT_DURATION_SECONDS = 3600


def default_session_name() -> str:
    """A session name when none is given (the official SDKs use a timestamped one too)."""
    return f"aliyun-vpc-python-{int(time.time())}"


def resolve_sts_endpoint(
    endpoint: str | None,
    region: str | None,
    vpc: bool | None,
    environ: Mapping[str, str],
) -> str:
    """The STS base URL: `endpoint` as given (host or URL), else `sts[-vpc].<region>.aliyuncs.com`
    from `region`/ALIBABA_CLOUD_STS_REGION and `vpc`/ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED, else
    `sts.aliyuncs.com`."""
    if not endpoint:
        region = region or environ.get(ENV_STS_REGION) or None
        use_vpc = env_flag(environ, ENV_VPC_ENDPOINT_ENABLED) if vpc is None else vpc
        prefix = "sts-vpc" if use_vpc else "sts"
        endpoint = f"{prefix}.{region}.aliyuncs.com" if region else DEFAULT_STS_HOST
    if "://" not in endpoint:
        endpoint = f"https://{endpoint}"
    return base_url(endpoint)


def sts_request(
    endpoint: str,
    action: str,
    params: Mapping[str, str],
    signer: Credentials | None,
    timeouts: tuple[float, float],
) -> HttpCall:
    """A POST of one STS action; signed v1 with `signer`'s keys when given."""
    common = {
        "Action": action,
        "Version": STS_VERSION,
        "Format": "JSON",
        "Timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "SignatureNonce": os.urandom(16).hex(),
    }
    full = {**params, **common}
    if signer is not None:
        full.update(
            AccessKeyId=signer.access_key_id,
            SignatureMethod="HMAC-SHA1",
            SignatureVersion="1.0",
        )
        if signer.security_token:
            full["SecurityToken"] = signer.security_token
    body = canonicalized_query(full)
    if signer is not None:
        signature = RpcSigner(signer.access_key_secret).sign_canonical("POST", body)
        body = f"{body}&Signature={percent_encode(signature)}"
    headers = {"content-type": _FORM, "accept": "application/json"}
    return http_call("POST", endpoint + "/", headers, body.encode("ascii"), timeouts)


def sts_credentials(
    provider: str,
    action: str,
    reply: object,
    secrets: tuple[str, ...],
) -> Credentials:
    """The credentials of an STS answer, or a `CredentialsProviderError` saying what went wrong
    (the service's code and message, with `secrets` masked)."""
    answer = parse_json_object(provider, f"STS {action}", reply, secrets)
    nested = answer.get("Credentials")
    if not isinstance(nested, dict):
        raise CredentialsProviderError(provider, f"STS {action} answer has no Credentials object")
    return credentials_from(provider, f"STS {action}", nested)


class StsRoleProvider(RefreshingProvider):
    """Base of the providers that assume a role through STS: the role, its session settings,
    the STS endpoint, and the call."""

    def __init__(
        self,
        *,
        role_arn: str,
        role_session_name: str | None,
        duration_seconds: int,
        policy: str | None,
        sts_endpoint: str | None,
        sts_region: str | None,
        enable_vpc: bool | None,
        environ: Mapping[str, str],
        connect_timeout: float,
        read_timeout: float,
    ) -> None:
        super().__init__(connect_timeout=connect_timeout, read_timeout=read_timeout)
        self.role_arn = role_arn
        self.role_session_name = role_session_name or default_session_name()
        self.duration_seconds = int(duration_seconds)
        self.policy = policy
        self.sts_endpoint = resolve_sts_endpoint(sts_endpoint, sts_region, enable_vpc, environ)

    def _assume(
        self,
        action: str,
        params: Mapping[str, str],
        signer: Credentials | None,
        secrets: tuple[str, ...],
    ) -> FetchPlan:
        """Plan: `action` for the role with `params` added (and the policy, when one is set)."""
        full = {
            "RoleArn": self.role_arn,
            "RoleSessionName": self.role_session_name,
            "DurationSeconds": str(self.duration_seconds),
            **params,
        }
        if self.policy:
            full["Policy"] = self.policy
        reply = yield sts_request(self.sts_endpoint, action, full, signer, self.timeouts)
        return sts_credentials(self.name, action, reply, secrets)
