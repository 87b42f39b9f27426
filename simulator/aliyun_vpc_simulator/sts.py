"""A stand-in for STS (2015-04-01) on the simulator's endpoint: AssumeRole and AssumeRoleWithOIDC.

Requests whose Version is STS's are answered here; everything else goes on to the Vpc service.
AssumeRole is verified like any call (signature, key, SecurityToken, timestamp, nonce) by the same
`RequestVerifier`, against a small STS spec; AssumeRoleWithOIDC is authenticated by its OIDC token
(any non-empty token, or one of `oidc_tokens` when given). Both issue temporary credentials from
the `CredentialStore`, which the simulator then accepts for Vpc calls until they expire.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Collection, Mapping
from typing import Any

from aliyun_vpc.credentials.sts import STS_VERSION

from .credential_store import CredentialStore, TemporaryKey
from .errors import ApiError
from .rendering import encode, error_body
from .service import Reply
from .spec_index import SpecIndex
from .validation import validate
from .verification import IncomingRequest, RequestVerifier

__all__ = ["STS_SPEC", "STS_VERSION", "StsService"]


_ROLE_ARN = re.compile(r"acs:ram::\d+:role/[\w.@+=,-]+", re.ASCII)
_OIDC_PROVIDER_ARN = re.compile(r"acs:ram::\d+:oidc-provider/[\w.@+=,-]+", re.ASCII)


def _param(name: str, required: bool = False, **rule: Any) -> dict[str, Any]:
    return {"name": name, "type": rule.pop("type", "string"), "required": required, **rule}


_COMMON_ROLE_PARAMETERS = [
    _param("RoleArn", required=True),
    _param("DurationSeconds", type="long", minimum=900, maximum=43200),
    _param("Policy", max_length=2048),
]

#: STS's request parameters as its API reference documents them, in the simulator's spec form.
STS_SPEC: dict[str, Any] = {
    "service": {"version": STS_VERSION, "endpoint": "sts.aliyuncs.com"},
    "operations": [
        {
            "name": "AssumeRole",
            "parameters": [
                *_COMMON_ROLE_PARAMETERS,
                _param("RoleSessionName", required=True, min_length=2, max_length=64),
                _param("ExternalId", min_length=2, max_length=1224),
            ],
        },
        {
            "name": "AssumeRoleWithOIDC",
            "parameters": [
                *_COMMON_ROLE_PARAMETERS,
                _param("OIDCProviderArn", required=True),
                _param("OIDCToken", required=True, max_length=10000),
                _param("RoleSessionName", min_length=2, max_length=64),
            ],
        },
    ],
}


class StsService:
    """Answers the STS actions; `calls` records each accepted one (action and parameters)."""

    def __init__(
        self,
        store: CredentialStore,
        oidc_tokens: Collection[str] | None = None,
        clock: Callable[[], float] = time.time,
        simulator_data: Mapping[str, Any] | None = None,
    ) -> None:
        # the common errors and situations are the simulator's (the Vpc spec data's `simulator`)
        self.spec = SpecIndex({**STS_SPEC, "simulator": simulator_data or {}})
        self._store = store
        self._oidc_tokens = None if oidc_tokens is None else frozenset(oidc_tokens)
        self._clock = clock
        self._verifier = RequestVerifier(self.spec, store, clock)
        self._lock = threading.Lock()
        self.calls: list[dict[str, str]] = []

    @staticmethod
    def serves(params: Mapping[str, str]) -> bool:
        """Whether a request is for STS (its Version), not for the Vpc service."""
        return params.get("Version") == STS_VERSION

    def handle(self, request: IncomingRequest) -> Reply:
        """Answer one STS request (errors in the service's error shape)."""
        params = request.params
        request_id = str(uuid.uuid4()).upper()
        response_format = params.get("Format", "JSON")
        try:
            body = self._answer(request)
        except ApiError as error:
            data, content_type = encode(
                error_body(error, request_id, self.spec.host_id), "Error", response_format
            )
            return Reply(error.http_status, data, content_type)
        body["RequestId"] = request_id
        data, content_type = encode(body, f"{params['Action']}Response", response_format)
        return Reply(200, data, content_type)

    def _answer(self, request: IncomingRequest) -> dict[str, Any]:
        params = request.params
        errors = self.spec.errors
        if request.path != "/":
            raise errors.situation("unsupported_operation")
        action = params.get("Action", "")
        if action == "AssumeRoleWithOIDC":
            operation = self.spec.operations[action]
            self._check_oidc(params)
        else:
            operation = self._verifier.verify(request)
        validate(operation, params, self.spec)
        if not _ROLE_ARN.fullmatch(params["RoleArn"]):
            raise ApiError("InvalidParameter.RoleArn", 400, "The parameter RoleArn is wrong.")
        with self._lock:
            self.calls.append(dict(params))
        duration = float(params.get("DurationSeconds", "3600"))
        key = self._store.issue(self._clock(), duration)
        return _answer(key, params)

    def _check_oidc(self, params: Mapping[str, str]) -> None:
        if not _OIDC_PROVIDER_ARN.fullmatch(params.get("OIDCProviderArn", "")):
            raise ApiError(
                "InvalidParameter.OIDCProviderArn", 400, "The parameter OIDCProviderArn is wrong."
            )
        token = params.get("OIDCToken", "")
        if not token or (self._oidc_tokens is not None and token not in self._oidc_tokens):
            raise ApiError("AuthenticationFail.OIDCToken.Invalid", 400, "OIDCToken is invalid.")


def _answer(key: TemporaryKey, params: Mapping[str, str]) -> dict[str, Any]:
    assert key.expires_at is not None
    expiration = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(key.expires_at))
    session = params.get("RoleSessionName", "session")
    role = params["RoleArn"].rsplit("/", 1)[-1]
    return {
        "AssumedRoleUser": {
            "AssumedRoleId": f"{zlib.crc32(role.encode())}:{session}",
            "Arn": f"{params['RoleArn'].replace(':role/', ':assumed-role/')}/{session}",
        },
        "Credentials": {
            "AccessKeyId": key.access_key_id,
            "AccessKeySecret": key.access_key_secret,
            "SecurityToken": key.security_token,
            "Expiration": expiration,
        },
    }
