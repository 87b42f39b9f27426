"""The request pipeline: verify, validate, inject faults, execute, render. No I/O."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .errors import ApiError
from .faults import Fault, FaultInjector, FaultKind, FaultSettings
from .idempotency import IdempotencyCache, ParameterMismatch
from .rendering import encode, error_body, example_response
from .resources import Lifecycle, StatefulOperations
from .spec_index import OperationSpec, SpecIndex
from .store import ResourceStore
from .validation import validate
from .verification import IncomingRequest, RequestVerifier

if TYPE_CHECKING:
    from .sts import StsService

ALLOWED_METHODS = ("GET", "POST")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reply:
    """What the transport sends: status, body and type, or nothing at all (`drop`)."""

    status: int
    body: bytes
    content_type: str
    delay: float = 0.0
    drop: bool = False
    headers: tuple[tuple[str, str], ...] = ()  # extra response headers


#: Response header listing the parameters a request carried that the documents do not list
#: (percent-encoded: a name is whatever the client sent).
UNDOCUMENTED_HEADER = "x-simulator-undocumented"


class SimulatedService:
    """One simulated Vpc endpoint: credentials, state, faults, all behind `handle`."""

    def __init__(
        self,
        spec: SpecIndex,
        credentials: Mapping[str, str],
        faults: FaultSettings | None = None,
        lifecycle: Lifecycle | None = None,
        clock: Callable[[], float] = time.time,
        strict: bool = False,
    ) -> None:
        self.spec = spec
        self.strict = strict  # refuse undocumented parameters instead of noting them
        self.store = ResourceStore()
        faults = faults or FaultSettings()
        self._verifier = RequestVerifier(spec, credentials, clock)
        self._faults = FaultInjector(
            faults, spec.traits.throttling_prefix, spec.traits.retryable_codes
        )
        self._state = StatefulOperations(
            spec, self.store, lifecycle or Lifecycle(), clock, faults.seed
        )
        self._idempotency = IdempotencyCache()
        self.sts: StsService | None = None  # answers STS calls on this endpoint when set

    def handle(
        self,
        method: str,
        path: str,
        params: Mapping[str, str],
        *,
        query: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
    ) -> Reply:
        """Answer one RPC request whose query and form parameters are merged in `params`.

        `query` (the query string's parameters), lower-cased `headers` and the raw `body` are what
        a V3 signature covers; a v1 request needs `params` only.
        """
        request = IncomingRequest(method, path, params, query or {}, headers or {}, body)
        if self.sts is not None and self.sts.serves(params):
            return self.sts.handle(request)
        response_format = params.get("Format", "JSON")
        request_id = str(uuid.uuid4()).upper()
        delay = self._faults.latency_seconds
        try:
            if path != "/":
                raise self.spec.errors.situation("unsupported_operation")
            if method not in ALLOWED_METHODS:
                raise self.spec.errors.situation("unsupported_http_method")
            operation = self._verifier.verify(request)
            undocumented = validate(operation, params, self.spec, self.strict)
            if undocumented:
                _log.info("%s: undocumented parameters %s", operation.name, undocumented)
            fault = self._faults.draw()
            if fault is not None and not fault.after:
                return self._fault_reply(fault, request_id, response_format, delay)
            answer = self._execute(operation, request)
            if fault is not None:
                return self._fault_reply(fault, request_id, response_format, delay)
        except ApiError as error:
            return self._error_reply(error, request_id, response_format, delay)
        except Exception:  # noqa: BLE001 - a simulator bug answers InternalError, not a hang-up
            _log.exception("simulator failed on %s", params.get("Action"))
            internal = self.spec.errors.situation("internal_error")
            return self._error_reply(internal, request_id, response_format, delay)
        answer = dict(answer)
        answer["RequestId"] = request_id
        data, content_type = encode(answer, f"{operation.name}Response", response_format)
        noted = ",".join(quote(name, safe=".-_~") for name in undocumented)
        extra = ((UNDOCUMENTED_HEADER, noted),) if undocumented else ()
        return Reply(200, data, content_type, delay, headers=extra)

    def refuse(self, situation: str, http_status: int | None = None, **values: str) -> Reply:
        """The JSON error answer to bytes the transport could not read as a request."""
        error = self.spec.errors.situation(situation, **values)
        if http_status is not None:
            error.http_status = http_status
        return self._error_reply(error, str(uuid.uuid4()).upper(), "JSON", 0.0)

    def _execute(self, operation: OperationSpec, request: IncomingRequest) -> dict[str, Any]:
        params = request.params

        def run() -> dict[str, Any]:
            if self._state.handles(operation.name):
                return self._state.execute(operation, params)
            return example_response(operation.response_fields, operation.response_example)

        token_parameter = self.spec.traits.idempotency_token
        token = params.get(token_parameter)
        if not token or operation.parameter(token_parameter) is None:
            return run()
        key = f"{request.access_key_id}\n{operation.name}\n{token}"
        try:
            result: dict[str, Any] = self._idempotency.run(key, params, run)
        except ParameterMismatch:
            raise self.spec.errors.situation("token_mismatch") from None
        return result

    def _fault_reply(
        self, fault: Fault, request_id: str, response_format: str, delay: float
    ) -> Reply:
        if fault.kind is FaultKind.DROP:
            return Reply(0, b"", "", delay, drop=True)
        return self._error_reply(
            self.spec.errors.error(fault.code), request_id, response_format, delay
        )

    def _error_reply(
        self, error: ApiError, request_id: str, response_format: str, delay: float
    ) -> Reply:
        body = error_body(error, request_id, self.spec.host_id)
        data, content_type = encode(body, "Error", response_format)
        return Reply(error.http_status, data, content_type, delay)
