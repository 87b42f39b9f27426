"""RPC signature version 1.0 (HMAC-SHA1), as described in the documents' "API signature" sections.

StringToSign = METHOD + "&" + percent_encode("/") + "&" + percent_encode(canonicalized query), where
the canonicalized query is the "key=value" pairs (both percent-encoded) sorted by encoded key and joined
with "&". The signature is base64(HMAC-SHA1(secret + "&", StringToSign)).

Pure functions, no I/O; `RpcSigner` keeps the keyed HMAC state so a client signs without re-keying.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping
from urllib.parse import quote

__all__ = [
    "RpcSigner",
    "canonicalized_query",
    "join_encoded",
    "percent_encode",
    "sign",
    "string_to_sign",
]

_UNRESERVED = "-_.~"  # with A-Za-z0-9, which quote() never encodes
_ALL_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch


def percent_encode(value: str) -> str:
    """RFC 3986 percent-encoding of the UTF-8 bytes of `value` (space -> %20, '*' -> %2A, '~' kept)."""
    if _ALL_UNRESERVED(value):
        return value  # the common case (names, ids, numbers), without quote()'s per-byte work
    return quote(value, safe=_UNRESERVED)


def canonicalized_query(params: Mapping[str, str]) -> str:
    """The encoded "key=value" pairs sorted by encoded key, joined with "&"."""
    return join_encoded(
        {percent_encode(key): percent_encode(value) for key, value in params.items()}
    )


def join_encoded(encoded: Mapping[str, str]) -> str:
    """Already percent-encoded parameters as "key=value" pairs sorted by key, joined with "&"."""
    return "&".join([f"{key}={encoded[key]}" for key in sorted(encoded)])


def string_to_sign(method: str, params: Mapping[str, str]) -> str:
    """METHOD&%2F&percent_encode(canonicalized query) for the given request parameters."""
    return _string_to_sign(method, canonicalized_query(params))


def _string_to_sign(method: str, canonical_query: str) -> str:
    # The canonical query holds only unreserved characters, "%XX" escapes, "=" and "&", so encoding
    # it again comes down to these three replacements ("%" first).
    encoded = canonical_query.replace("%", "%25").replace("=", "%3D").replace("&", "%26")
    return f"{method.upper()}&%2F&{encoded}"


def sign(method: str, params: Mapping[str, str], secret: str) -> str:
    """Base64 HMAC-SHA1 of the string to sign, keyed with `secret + "&"`."""
    return RpcSigner(secret).sign(method, params)


class RpcSigner:
    """Signs with one secret; the HMAC is keyed once and copied per request."""

    __slots__ = ("_keyed",)

    def __init__(self, secret: str) -> None:
        self._keyed = hmac.new((secret + "&").encode("utf-8"), digestmod=hashlib.sha1)

    def __repr__(self) -> str:
        return "RpcSigner(secret=***)"

    def sign(self, method: str, params: Mapping[str, str]) -> str:
        """The Signature parameter value for `params` (which must not contain Signature)."""
        return self.sign_canonical(method, canonicalized_query(params))

    def sign_canonical(self, method: str, canonical_query: str) -> str:
        """The Signature for an already canonicalized query (lets callers reuse it as the body)."""
        mac = self._keyed.copy()
        mac.update(_string_to_sign(method, canonical_query).encode("utf-8"))
        return base64.b64encode(mac.digest()).decode("ascii")
