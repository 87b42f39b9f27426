"""The exception hierarchy of the package.

`VpcError` is the root. `VpcApiError` and its families (`ClientError`, `ServerError`,
`ThrottlingError`) carry what the service answered; the generated `aliyun_vpc.errors` module adds one
subclass per documented error code. The others are raised by the runtime itself. No message ever
contains a credential.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._logging import redact_text

__all__ = [
    "ClientError",
    "CredentialsNotFoundError",
    "ParamValidationError",
    "ResponseParseError",
    "ServerError",
    "ThrottlingError",
    "TransportError",
    "VpcApiError",
    "VpcError",
    "WaiterError",
    "WaiterFailureError",
    "WaiterTimeoutError",
]


class VpcError(Exception):
    """Root of every exception this package raises."""


class VpcApiError(VpcError):
    """The service answered with an error (HTTP 4xx/5xx, or a body holding `Code`)."""

    def __init__(
        self,
        *,
        code: str,
        message: str = "",
        request_id: str | None = None,
        host_id: str | None = None,
        http_status: int | None = None,
        recommend: str | None = None,
        operation: str | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.request_id = request_id
        self.host_id = host_id
        self.http_status = http_status
        self.recommend = recommend
        self.operation = operation
        super().__init__(self._describe())

    def redact(self, secrets: Iterable[str]) -> None:
        """Mask `secrets` the service echoed back (e.g. a SecurityToken in a string to sign)."""
        secrets = tuple(secrets)
        self.message = redact_text(self.message, secrets)
        if self.recommend is not None:
            self.recommend = redact_text(self.recommend, secrets)
        self.args = (self._describe(),)

    def _describe(self) -> str:
        where = ", ".join(
            f"{label}={value}"
            for label, value in (
                ("operation", self.operation),
                ("http_status", self.http_status),
                ("request_id", self.request_id),
                ("host_id", self.host_id),
            )
            if value is not None
        )
        text = f"{self.code}: {self.message}" if self.message else self.code
        return f"{text} ({where})" if where else text


class ClientError(VpcApiError):
    """The request was rejected (HTTP 4xx, or a 200 with an error body)."""


class ServerError(VpcApiError):
    """The service failed (HTTP 5xx)."""


class ThrottlingError(ClientError):
    """Flow control: the request was refused before being processed (`Throttling*` codes)."""


class ResponseParseError(VpcError):
    """The response body could not be read (malformed, truncated or not an object)."""

    def __init__(
        self, message: str, *, http_status: int | None = None, operation: str | None = None
    ):
        self.http_status = http_status
        self.operation = operation
        super().__init__(message)


class CredentialsNotFoundError(VpcError):
    """No credentials were found; the message names every source that was tried."""

    def __init__(self, tried: list[str]) -> None:
        self.tried = tried
        super().__init__("no Alibaba Cloud credentials found; tried: " + "; ".join(tried))


class TransportError(VpcError):
    """Connection failure or timeout that retries did not overcome."""


class ParamValidationError(VpcError, ValueError):
    """A request cannot be built from the given parameters (e.g. RegionId missing)."""


class WaiterError(VpcError):
    """A waiter ended without reaching a success status."""

    def __init__(self, message: str, *, waiter: str, last_status: str | None) -> None:
        self.waiter = waiter
        self.last_status = last_status
        super().__init__(message)


class WaiterTimeoutError(WaiterError):
    """The waiter's time ran out; `last_status` is the last status seen."""


class WaiterFailureError(WaiterError):
    """The resource reached one of the waiter's failure statuses."""
