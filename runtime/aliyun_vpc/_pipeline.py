"""The sans-IO core shared by the sync and async clients.

`ClientCore.call_plan` is a generator: it yields `HttpRequest` ("send this") and `Sleep` ("wait this
long") steps, receives an `HttpResponse` or a `TransportFailure` for each request, and returns the parsed
body dict (or raises the typed error). Retries, signing, common parameters, deadline and logging all
live here once; `drive_sync`/`drive_async` are the only places that do I/O.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Awaitable, Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Any

from ._logging import LOGGER, is_sensitive, redact_params
from ._meta import OperationMeta, service_traits
from ._origin import Origin
from .config import API_VERSION, ClientConfig
from .credentials import Credentials, CredentialsProvider
from .exceptions import (
    ParamValidationError,
    ResponseParseError,
    ResponseTooLargeError,
    TransportError,
    VpcApiError,
    VpcError,
)
from .parsing import parse_response
from .retries import Failure
from .signing import RpcSigner, canonicalized_query, join_encoded, percent_encode

__all__ = [
    "CallPlan",
    "ClientCore",
    "HttpRequest",
    "HttpResponse",
    "Sleep",
    "TransportFailure",
    "drive_async",
    "drive_sync",
]

_FORM = "application/x-www-form-urlencoded"
# The v1 Timestamp already percent-encoded ("%%" is a literal "%" for strftime): ":" -> "%3A".
_ENCODED_TIMESTAMP = "%Y-%m-%dT%H%%3A%M%%3A%SZ"


@dataclass(slots=True)
class HttpRequest:
    """One attempt to send: everything the transport needs, already signed."""

    method: str
    target: str  # path and query on the client's `Origin`
    headers: dict[str, str]  # Host first
    body: bytes | None
    deadline: float | None = None  # time.monotonic() when the call must be over; senders keep it


@dataclass(slots=True)
class HttpResponse:
    """What came back: status and the whole body."""

    status: int
    content: bytes


@dataclass(slots=True)
class TransportFailure:
    """The attempt failed below HTTP; `sent` is False only when the server provably saw nothing."""

    error: Exception
    sent: bool


@dataclass(slots=True)
class Sleep:
    """Wait before the next attempt."""

    seconds: float


Step = HttpRequest | Sleep
Reply = HttpResponse | TransportFailure | None
CallPlan = Generator[Step, Reply, dict[str, Any]]


class ClientCore:
    """Per-client precomputed state: endpoint, headers, credentials source, signer."""

    def __init__(
        self,
        config: ClientConfig,
        endpoint: str,
        user_agent: str,
        credentials: CredentialsProvider | None,
        explicit: tuple[str | None, str | None, str | None],
    ) -> None:
        self.config = config
        self.endpoint = endpoint
        self.origin = Origin.parse(endpoint)
        self._target = self.origin.target()
        self._base_headers = {
            "host": self.origin.host_header,
            "user-agent": user_agent,
            "accept": _accept(config),
        }
        self._v1_constants = {  # the v1 common parameters that never change, percent-encoded
            "Format": percent_encode(config.response_format),
            "Version": percent_encode(API_VERSION),
            "SignatureMethod": "HMAC-SHA1",
            "SignatureVersion": "1.0",
        }
        self._credentials = credentials
        self._explicit = explicit
        self._signer: tuple[str, RpcSigner] | None = None

    def __repr__(self) -> str:
        return f"ClientCore(endpoint={self.endpoint!r}, region_id={self.config.region_id!r})"

    def credentials_provider(self) -> CredentialsProvider:
        """The given provider, or the one the explicit keys / default chain make (on first use)."""
        if self._credentials is None:
            from .credentials.chain import credentials_provider

            self._credentials = credentials_provider(*self._explicit)
        return self._credentials

    def credentials(self) -> Credentials:
        """The current credentials (a refreshing provider may fetch them, blocking)."""
        return self.credentials_provider().get_credentials()

    async def credentials_async(self) -> Credentials:
        """The current credentials, fetched without blocking the event loop."""
        from .credentials.plans import fetch_async

        return await fetch_async(self.credentials_provider())

    def prepare(self, op: OperationMeta, params: Mapping[str, str]) -> dict[str, str]:
        """The call's own parameters: the region and the idempotency token (the service traits'
        parameters) filled in once for all attempts."""
        prepared = dict(params)
        _check_encodable(op, prepared)
        service = service_traits()
        region = service.region_parameter
        if op.region_id and not prepared.get(region):
            if not self.config.region_id:
                raise ParamValidationError(
                    f"{op.name} needs {region}: pass region_id to the call or to the client "
                    "(or set ALIBABA_CLOUD_REGION_ID)"
                )
            prepared[region] = self.config.region_id
        token = service.idempotency_token
        if op.client_token and not prepared.get(token):
            import uuid

            prepared[token] = str(uuid.uuid4())
        return prepared

    def build_request(
        self,
        action: str,
        params: Mapping[str, str],
        credentials: Credentials,
        deadline: float | None = None,
    ) -> HttpRequest:
        """A signed request for one attempt (fresh timestamp and nonce)."""
        now = time.gmtime()
        nonce = os.urandom(16).hex()
        # Credentials holding control characters or lone surrogates never get here: `Credentials`
        # refuses them when loaded, so every header value below is printable and encodable.
        build = self._build_v3 if self.config.signature_version == "v3" else self._build_v1
        request = build(action, params, credentials, now, nonce)
        request.deadline = deadline
        return request

    def _build_v1(
        self,
        action: str,
        params: Mapping[str, str],
        credentials: Credentials,
        now: time.struct_time,
        nonce: str,
    ) -> HttpRequest:
        method = self.config.http_method
        encoded = {percent_encode(key): percent_encode(value) for key, value in params.items()}
        encoded.update(self._v1_constants)
        encoded["Action"] = percent_encode(action)
        encoded["AccessKeyId"] = percent_encode(credentials.access_key_id)
        encoded["Timestamp"] = time.strftime(_ENCODED_TIMESTAMP, now)
        encoded["SignatureNonce"] = nonce  # hex digits need no encoding
        if credentials.security_token:
            encoded["SecurityToken"] = percent_encode(credentials.security_token)
        canonical = join_encoded(encoded)
        signature = self._rpc_signer(credentials.access_key_secret).sign_canonical(
            method, canonical
        )
        signed = f"{canonical}&Signature={_encode_base64(signature)}"
        if method == "GET":
            return HttpRequest(method, f"{self._target}?{signed}", dict(self._base_headers), None)
        headers = {**self._base_headers, "content-type": _FORM}
        return HttpRequest(method, self._target, headers, signed.encode("ascii"))

    def _build_v3(
        self,
        action: str,
        params: Mapping[str, str],
        credentials: Credentials,
        now: time.struct_time,
        nonce: str,
    ) -> HttpRequest:
        from . import signature_v3

        method = self.config.http_method
        query: Mapping[str, str] = params if method == "GET" else {}
        body = b"" if method == "GET" else canonicalized_query(params).encode("ascii")
        signed = signature_v3.sign_headers(
            method=method,
            host=self.origin.host_header,
            path=self._target,
            action=action,
            version=API_VERSION,
            query=query,
            body=body,
            content_type=None if method == "GET" else _FORM,
            credentials=credentials,
            date=time.strftime("%Y-%m-%dT%H:%M:%SZ", now),
            nonce=nonce,
        )
        target = self.origin.target(canonicalized_query(query))
        return HttpRequest(method, target, {**self._base_headers, **signed}, body or None)

    def _rpc_signer(self, secret: str) -> RpcSigner:
        cached = self._signer
        if cached is None or cached[0] != secret:
            cached = self._signer = (secret, RpcSigner(secret))
        return cached[1]

    def call_plan(
        self, op: OperationMeta, params: Mapping[str, str], credentials: Credentials | None = None
    ) -> CallPlan:
        """Send, retry and parse one operation call; see the module docstring for the protocol.
        `credentials` already fetched (by an async caller) or None to get them here."""
        prepared = self.prepare(op, params)
        credentials = credentials or self.credentials()
        policy = self.config.retry
        idempotent = op.read_only or op.client_token
        debug = LOGGER.isEnabledFor(logging.DEBUG)
        if debug:
            LOGGER.debug("%s params=%s", op.name, redact_params(prepared, op.sensitive))
        started = time.monotonic()
        deadline = None if policy.total_deadline is None else started + policy.total_deadline
        attempt = 0
        while True:
            attempt += 1
            sent_at = time.monotonic()
            request = self.build_request(op.name, prepared, credentials, deadline)
            reply = yield request
            error: VpcError
            if isinstance(reply, HttpResponse):
                try:
                    body = parse_response(
                        reply.status, reply.content, self.config.response_format, op.name
                    )
                except VpcApiError as api_error:
                    api_error.redact(_echoable_secrets(op, prepared, credentials))
                    error = api_error
                    failure = policy.classify_api_error(api_error.code, api_error.http_status)
                except ResponseParseError as parse_error:
                    parse_error.redact(_echoable_secrets(op, prepared, credentials))
                    error, failure = parse_error, Failure.FINAL
                else:
                    if debug:
                        _log_attempt(op, attempt, reply.status, body.get("RequestId"), sent_at)
                    return body
                status: object = reply.status
            else:
                assert reply is not None, "a request step must be answered"
                error, failure = _transport_error(op.name, reply)
                error.redact(_echoable_secrets(op, prepared, credentials))
                status = type(reply.error).__name__
            _log_attempt(op, attempt, status, getattr(error, "request_id", None), sent_at)
            delay = policy.delay_before_retry(
                failure, attempt=attempt, idempotent=idempotent, elapsed=time.monotonic() - started
            )
            if delay is None:
                raise error
            LOGGER.info(
                "%s: retrying in %.2fs after %s (attempt %d)", op.name, delay, status, attempt
            )
            yield Sleep(delay)


def _transport_error(operation: str, reply: TransportFailure) -> tuple[TransportError, Failure]:
    """The typed error for a failure below HTTP and how to retry it: an answer past
    `max_response_size` is final; other failures, their cause chained, depend on whether the
    request may have left."""
    cause = reply.error
    if isinstance(cause, ResponseTooLargeError):
        return ResponseTooLargeError(f"{operation}: {cause}", limit=cause.limit), Failure.FINAL
    error = TransportError(f"{operation}: {type(cause).__name__}: {_text_of(cause)}")
    error.__cause__ = cause
    return error, Failure.MAYBE_PROCESSED if reply.sent else Failure.NOT_SENT


def _text_of(error: Exception) -> str:
    """`str(error)`, or a placeholder when even that fails (a caller's transport may raise anything)."""
    try:
        return str(error)
    except Exception:  # noqa: BLE001
        return "(no printable message)"


def _echoable_secrets(
    op: OperationMeta, params: Mapping[str, str], credentials: Credentials
) -> list[str]:
    """What an error message must not repeat: the credentials and the secret parameters sent."""
    secrets = [credentials.access_key_secret, credentials.security_token or ""]
    secrets.extend(value for key, value in params.items() if is_sensitive(key, op.sensitive))
    return secrets


def _check_encodable(op: OperationMeta, params: Mapping[str, str]) -> None:
    """Every parameter name and value is text UTF-8 can carry; the message names, never quotes."""
    for key, value in params.items():
        if not (key.isascii() and value.isascii()) and not _encodable(key + value):
            raise ParamValidationError(
                f"{op.name}: parameter {key.encode('utf-8', 'replace').decode()!r} holds "
                "text that cannot be encoded as UTF-8 (a lone surrogate?)"
            )


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _encode_base64(text: str) -> str:
    """percent_encode() of base64 text, whose only reserved characters are "+", "/" and "="."""
    return text.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")


def _accept(config: ClientConfig) -> str:
    return "application/xml" if config.response_format == "XML" else "application/json"


def _log_attempt(
    op: OperationMeta, attempt: int, status: object, request_id: object, sent_at: float
) -> None:
    LOGGER.debug(
        "%s attempt=%d status=%s request_id=%s latency_ms=%.1f",
        op.name,
        attempt,
        status,
        request_id,
        (time.monotonic() - sent_at) * 1000,
    )


def drive_sync(
    plan: CallPlan,
    send: Callable[[HttpRequest], HttpResponse | TransportFailure],
    sleep: Callable[[float], object],
) -> dict[str, Any]:
    """Run a call plan with blocking I/O."""
    try:
        step = next(plan)
        while True:
            if isinstance(step, Sleep):
                sleep(step.seconds)
                step = plan.send(None)
            else:
                step = plan.send(send(step))
    except StopIteration as done:
        result: dict[str, Any] = done.value
        return result


async def drive_async(
    plan: CallPlan,
    send: Callable[[HttpRequest], Awaitable[HttpResponse | TransportFailure]],
    sleep: Callable[[float], Awaitable[object]],
) -> dict[str, Any]:
    """Run a call plan with asyncio I/O."""
    try:
        step = next(plan)
        while True:
            if isinstance(step, Sleep):
                await sleep(step.seconds)
                step = plan.send(None)
            else:
                step = plan.send(await send(step))
    except StopIteration as done:
        result: dict[str, Any] = done.value
        return result
