"""Signature V3 (ACS3-HMAC-SHA256), header-based, opt-in via `ClientConfig(signature_version="v3")`.

CanonicalRequest = METHOD \\n CanonicalURI \\n CanonicalQueryString \\n CanonicalHeaders \\n
                   SignedHeaders \\n HashedRequestPayload
- CanonicalQueryString: RFC 3986-encoded "key=value" pairs sorted by encoded key, joined with "&";
- CanonicalHeaders: "name:value\\n" for host, content-type and every x-acs-* header, lower-case names
  sorted, values trimmed; SignedHeaders: those names joined with ";". The host signed is the
  request's one Host header (`_origin.Origin.host_header`), which the senders send as it is;
- HashedRequestPayload: hex SHA-256 of the body (also sent as x-acs-content-sha256).
StringToSign = "ACS3-HMAC-SHA256\\n" + hex(SHA-256(CanonicalRequest));
Signature = hex(HMAC-SHA256(secret, StringToSign));
Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<...>,Signature=<...>.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from .credentials import Credentials
from .signing import canonicalized_query

__all__ = [
    "ALGORITHM",
    "authorization",
    "canonical_request",
    "sign_headers",
    "string_to_sign",
]

ALGORITHM = "ACS3-HMAC-SHA256"


def _is_signed(name: str) -> bool:
    return name in ("host", "content-type") or name.startswith("x-acs-")


def canonical_request(
    method: str,
    path: str,
    query: Mapping[str, str],
    headers: Mapping[str, str],
    payload_hash: str,
) -> tuple[str, str]:
    """The canonical request and its SignedHeaders list."""
    signed = sorted(
        (name.lower(), value.strip()) for name, value in headers.items() if _is_signed(name.lower())
    )
    canonical_headers = "".join(f"{name}:{value}\n" for name, value in signed)
    signed_headers = ";".join(name for name, _ in signed)
    text = "\n".join(
        (
            method.upper(),
            path or "/",
            canonicalized_query(query),
            canonical_headers,
            signed_headers,
            payload_hash,
        )
    )
    return text, signed_headers


def string_to_sign(canonical: str) -> str:
    """The algorithm name and the hex SHA-256 of the canonical request."""
    return f"{ALGORITHM}\n{hashlib.sha256(canonical.encode('utf-8')).hexdigest()}"


def authorization(access_key_id: str, secret: str, signed_headers: str, text_to_sign: str) -> str:
    """The Authorization header value."""
    signature = hmac.new(
        secret.encode("utf-8"), text_to_sign.encode("utf-8"), hashlib.sha256
    ).hexdigest()
    return f"{ALGORITHM} Credential={access_key_id},SignedHeaders={signed_headers},Signature={signature}"


def sign_headers(
    *,
    method: str,
    host: str,
    path: str = "/",
    action: str,
    version: str,
    query: Mapping[str, str],
    body: bytes,
    content_type: str | None,
    credentials: Credentials,
    date: str,
    nonce: str,
) -> dict[str, str]:
    """The headers (host and Authorization included) of a V3-signed request to `path`."""
    payload_hash = hashlib.sha256(body).hexdigest()
    headers = {
        "host": host,
        "x-acs-action": action,
        "x-acs-version": version,
        "x-acs-date": date,
        "x-acs-signature-nonce": nonce,
        "x-acs-content-sha256": payload_hash,
    }
    if content_type:
        headers["content-type"] = content_type
    if credentials.security_token:
        headers["x-acs-security-token"] = credentials.security_token
    canonical, signed_headers = canonical_request(method, path, query, headers, payload_hash)
    headers["authorization"] = authorization(
        credentials.access_key_id,
        credentials.access_key_secret,
        signed_headers,
        string_to_sign(canonical),
    )
    return headers
