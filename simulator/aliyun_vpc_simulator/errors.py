"""API errors the simulator answers with, and the catalogue of the documents' common error codes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: The documents' public error table (express-connect-api-reference-en-undated.txt, "Public Error
#: Codes" and "Server Errors"): code -> (HTTP status, message, description). Used when the spec's
#: own `service.common_errors` does not list a code.
DOCUMENTED_COMMON_ERRORS: dict[str, tuple[int, str, str]] = {
    "MissingParameter": (
        400,
        'The input parameter "{name}" that is mandatory for processing this request is not supplied.',
        "A mandatory parameter is missing.",
    ),
    "InvalidParameter": (
        400,
        'The specified parameter "{name}" is not valid.',
        "Invalid parameter value.",
    ),
    "InvalidAccessKeyId.NotFound": (
        400,
        "The Access Key ID provided does not exist in our records.",
        "Invalid AccessKeyId value (This key does not exist)",
    ),
    "IncompleteSignature": (
        400,
        "The request signature does not conform to Alibaba Cloud standards.",
        "Invalid Signature value (incorrect signature result)",
    ),
    "IllegalTimestamp": (
        400,
        (
            'The input parameter "Timestamp" that is mandatory for processing this request is'
            " not supplied."
        ),
        "Invalid Timestamp value (The gap between Timestamp and server time is too large)",
    ),
    "SignatureNonceUsed": (
        400,
        "The request signature nonce has been used.",
        "Invalid SignatureNonce (This SignatureNonce value has been used)",
    ),
    "Throttling": (
        400,
        "Request was denied due to request throttling.",
        "Access is denied due to the system traffic control",
    ),
    "UnsupportedHTTPMethod": (
        403,
        "This http method is not supported.",
        "The user adopts unsupported Http method (only POST and GET are supported)",
    ),
    "UnsupportedParameter": (
        400,
        'The parameter "{name}" is not supported.',
        "Invalid parameter is used",
    ),
    "ServiceUnavailable": (
        503,
        "The request has failed due to a temporary failure of the server.",
        "The service is unavailable",
    ),
    "InternalError": (
        500,
        "The request processing has failed due to some unknown error, exception or failure.",
        "Internal error",
    ),
    "IdempotentParameterMismatch": (
        400,
        "Request uses a client token in a previous request but is not identical to that request.",
        "A used ClientToken is used for the request, which is different from the previous request.",
    ),
    "UnsupportedOperation": (404, "The specified action is not supported.", "Unknown path."),
}


class ApiError(Exception):
    """An error answer: documented code, HTTP status, message and a hint for the caller."""

    def __init__(self, code: str, http_status: int, message: str, recommend: str = "") -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.http_status = http_status
        self.message = message
        self.recommend = recommend


@dataclass(frozen=True)
class ErrorEntry:
    """A documented error as the spec gives it."""

    code: str
    http_status: int
    message: str
    description: str = ""

    def raise_error(self, **values: str) -> ApiError:
        """The `ApiError` for this entry, `{name}`-style placeholders filled in from `values`."""
        return ApiError(
            self.code,
            self.http_status,
            _fill(self.message, values),
            _fill(self.description, values),
        )


def entries_from_spec(items: Iterable[Mapping[str, Any]]) -> dict[str, ErrorEntry]:
    """First documented entry per code from the spec's error list (entries without status skipped)."""
    table: dict[str, ErrorEntry] = {}
    for item in items:
        status = item.get("http_status")
        if status is None or item["code"] in table:
            continue
        table[item["code"]] = ErrorEntry(
            item["code"], int(status), item.get("message", ""), item.get("description", "")
        )
    return table


class ErrorCatalogue:
    """Common errors: the spec's `service.common_errors` first, then the documented defaults."""

    def __init__(self, spec_entries: Mapping[str, ErrorEntry]) -> None:
        self._entries = dict(spec_entries)

    def error(self, code: str, **values: str) -> ApiError:
        """The common error `code`; a message naming a parameter uses the documented template."""
        default = DOCUMENTED_COMMON_ERRORS.get(code)
        if default is not None and ("name" in values or code not in self._entries):
            status, message, description = default
            if code in self._entries:
                status = self._entries[code].http_status
            return ErrorEntry(code, status, message, description).raise_error(**values)
        if code in self._entries:
            return self._entries[code].raise_error(**values)
        raise KeyError(code)


def _fill(template: str, values: Mapping[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template
