"""The exception hierarchy of the package.

`VpcError` is the root. `VpcApiError` and its families (`ClientError`, `ServerError`,
`ThrottlingError`) carry what the service answered; the generated `aliyun_vpc.errors` module adds one
subclass per documented error code. The others are raised by the runtime itself. No message ever
contains a credential.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Shortest tail of a secret masked where a message was cut (a body snippet ends mid-secret).
_MIN_CUT = 4

__all__ = [
    "ClientError",
    "CredentialsNotFoundError",
    "ParamValidationError",
    "ResponseParseError",
    "ResponseTooLargeError",
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

    def redact(self, secrets: Iterable[str]) -> None:
        """Mask `secrets` in every text attribute and argument, then in the chained exceptions
        (`__cause__`, `__context__`); a chained foreign exception is cut off when its text, or that
        of an exception chained to it, holds one.
        """
        secrets = tuple(secrets)
        forms = secret_forms(secrets)
        if not forms:
            return
        for name, value in vars(self).items():
            if isinstance(value, str):
                setattr(self, name, _mask(value, forms))
        self.args = tuple(_mask(arg, forms) if isinstance(arg, str) else arg for arg in self.args)
        self._redact_chain(forms, secrets)

    def _redact_chain(self, forms: tuple[str, ...], secrets: Iterable[str]) -> None:
        for chained in (self.__cause__, self.__context__):
            if isinstance(chained, VpcError):
                chained.redact(secrets)
            elif chained is not None and _holds_secret(chained, forms):
                self.__cause__ = self.__context__ = None
                self.__suppress_context__ = True
                return


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

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by fields (the keyword-only constructor cannot take `args` back), e.g. across
        `multiprocessing`; fields are pickled as they are now, redacted if they were."""
        fields = {name: getattr(self, name) for name in _API_ERROR_FIELDS}
        return (_rebuild_api_error, (type(self), fields), self.__dict__)

    def redact(self, secrets: Iterable[str]) -> None:
        """Mask `secrets` the service echoed back (e.g. a SecurityToken in a string to sign, or
        in HostId, RequestId, Code) in every field, then rebuild the message from them."""
        secrets = tuple(secrets)
        super().redact(secrets)
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


_API_ERROR_FIELDS = (
    "code",
    "message",
    "request_id",
    "host_id",
    "http_status",
    "recommend",
    "operation",
)


def _rebuild_api_error(cls: type[VpcApiError], fields: dict[str, Any]) -> VpcApiError:
    return cls(**fields)


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


class ResponseTooLargeError(TransportError):
    """The answer was longer than `ClientConfig.max_response_size` (`limit` bytes): reading stopped
    there, and the call is not retried (the same answer would be as large again)."""

    def __init__(self, message: str, *, limit: int) -> None:
        self.limit = limit
        super().__init__(message)


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


def secret_forms(secrets: Iterable[str]) -> tuple[str, ...]:
    """Every form a secret takes in a message: as is, percent-encoded once and twice (a signed
    query, a string to sign echoed back), escaped as in a `repr` of text or bytes; longest first."""
    forms: set[str] = set()
    for secret in secrets:
        if secret:
            for form in (secret, *_encoded_forms(secret)):
                forms.update((form, repr(form)[1:-1]))
            forms.add(repr(secret.encode("utf-8", "backslashreplace"))[2:-1])
    return tuple(sorted(forms, key=len, reverse=True))


def _encoded_forms(secret: str) -> tuple[str, str]:
    from .signing import percent_encode

    try:
        once = percent_encode(secret)
    except UnicodeError:  # a lone surrogate: never sent, so never echoed encoded
        return secret, secret
    return once, percent_encode(once)


def _mask(text: str, forms: tuple[str, ...]) -> str:
    """`text` with every form replaced by '***', and a form's head (at least `_MIN_CUT`
    characters) masked where the text or a quoted snippet ends, as a truncated body cuts it."""
    for form in forms:
        if form in text:
            text = text.replace(form, "***")
    for end in ("'...", '"...', ""):
        if text.endswith(end):
            body = text[: len(text) - len(end)]
            cut = max((_cut_head(body, form) for form in forms), default=0)
            if cut:
                return body[: len(body) - cut] + "***" + end
    return text


def _cut_head(text: str, form: str) -> int:
    """The length of the longest head of `form` (at least `_MIN_CUT`) that `text` ends with."""
    start = max(0, len(text) - len(form) + 1)
    position = text.find(form[:_MIN_CUT], start)
    while position != -1:
        if form.startswith(text[position:]):
            return len(text) - position
        position = text.find(form[:_MIN_CUT], position + 1)
    return 0


def _holds_secret(error: BaseException, forms: tuple[str, ...]) -> bool:
    """Whether `error` or an exception chained to it (cause or context, any depth) shows a form."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        try:
            texts = (str(current), repr(current))
        except Exception:  # noqa: BLE001 - an exception whose text fails is not worth keeping
            return True
        if any(form in text for form in forms for text in texts):
            return True
        pending += (current.__cause__, current.__context__)
    return False
