"""Reading the JSON answers of credential services: status, object, and the credential fields."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from .._pipeline import HttpResponse, TransportFailure
from .errors import CredentialsProviderError
from .model import Credentials

__all__ = ["credentials_from", "parse_expiration", "parse_json_object"]


def parse_json_object(
    provider: str, what: str, reply: object, secrets: tuple[str, ...] = ()
) -> dict[str, object]:
    """The JSON object of a 200 answer; a typed error for a transport failure, an error status
    (naming the service's Code and masked Message) or a body that is not a JSON object."""
    if isinstance(reply, TransportFailure):
        raise CredentialsProviderError(
            provider, f"{what} unreachable ({type(reply.error).__name__})"
        )
    assert isinstance(reply, HttpResponse), "an HTTP step is answered with a response"
    try:
        answer = json.loads(reply.content)
    except ValueError:
        answer = None
    if reply.status != 200:
        detail = ""
        if isinstance(answer, dict) and isinstance(answer.get("Code"), str):
            message = answer.get("Message")
            text = f"{answer['Code']}: {message}" if isinstance(message, str) else answer["Code"]
            detail = " " + text[:300]
        error = CredentialsProviderError(provider, f"{what} answered HTTP {reply.status}{detail}")
        error.redact(secrets)
        raise error
    if not isinstance(answer, dict):
        raise CredentialsProviderError(provider, f"{what} answer is not a JSON object")
    return answer


def credentials_from(provider: str, what: str, fields: Mapping[str, object]) -> Credentials:
    """Credentials from the AccessKeyId/AccessKeySecret/SecurityToken/Expiration fields."""
    values = [fields.get(name) for name in ("AccessKeyId", "AccessKeySecret", "SecurityToken")]
    if not all(isinstance(value, str) and value for value in values):
        raise CredentialsProviderError(
            provider, f"{what} answer lacks AccessKeyId, AccessKeySecret or SecurityToken"
        )
    key_id, secret, token = (str(value) for value in values)
    return Credentials(key_id, secret, token, parse_expiration(provider, what, fields), provider)


def parse_expiration(provider: str, what: str, fields: Mapping[str, object]) -> float:
    """`Expiration` ("2024-01-01T00:00:00Z", UTC) as seconds since the epoch."""
    value = fields.get("Expiration")
    try:
        assert isinstance(value, str)
        stamp = datetime.fromisoformat(value)
        if stamp.tzinfo is None:
            raise ValueError(value)
    except (AssertionError, ValueError):
        raise CredentialsProviderError(provider, f"{what} answer has no valid Expiration") from None
    return stamp.timestamp()
