"""The request pipeline: verify, validate, inject faults, execute, render. No I/O."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import ApiError
from .faults import Fault, FaultInjector, FaultKind, FaultSettings
from .idempotency import IdempotencyCache, ParameterMismatch
from .rendering import encode, error_body, example_response
from .resources import Lifecycle, StatefulOperations
from .spec_index import OperationSpec, SpecIndex
from .store import ResourceStore
from .validation import validate
from .verification import RequestVerifier

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


class SimulatedService:
    """One simulated Vpc endpoint: credentials, state, faults, all behind `handle`."""

    def __init__(
        self,
        spec: SpecIndex,
        credentials: Mapping[str, str],
        faults: FaultSettings | None = None,
        lifecycle: Lifecycle | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.spec = spec
        self.store = ResourceStore()
        faults = faults or FaultSettings()
        self._verifier = RequestVerifier(spec, credentials, clock)
        self._faults = FaultInjector(faults)
        self._state = StatefulOperations(
            spec, self.store, lifecycle or Lifecycle(), clock, faults.seed
        )
        self._idempotency = IdempotencyCache()

    def handle(self, method: str, path: str, params: Mapping[str, str]) -> Reply:
        """Answer one RPC request whose query and form parameters are merged in `params`."""
        response_format = params.get("Format", "JSON")
        request_id = str(uuid.uuid4()).upper()
        delay = self._faults.latency_seconds
        try:
            if path != "/":
                raise self.spec.errors.error("UnsupportedOperation")
            if method not in ALLOWED_METHODS:
                raise self.spec.errors.error("UnsupportedHTTPMethod")
            operation = self._verifier.verify(method, params)
            validate(operation, params, self.spec)
            fault = self._faults.draw()
            if fault is not None and not fault.after:
                return self._fault_reply(fault, request_id, response_format, delay)
            body = self._execute(operation, params)
            if fault is not None:
                return self._fault_reply(fault, request_id, response_format, delay)
        except ApiError as error:
            return self._error_reply(error, request_id, response_format, delay)
        except Exception:  # noqa: BLE001 - a simulator bug answers InternalError, not a hang-up
            _log.exception("simulator failed on %s", params.get("Action"))
            internal = self.spec.errors.error("InternalError")
            return self._error_reply(internal, request_id, response_format, delay)
        body = dict(body)
        body["RequestId"] = request_id
        data, content_type = encode(body, f"{operation.name}Response", response_format)
        return Reply(200, data, content_type, delay)

    def refuse(self, code: str, http_status: int | None = None, **values: str) -> Reply:
        """The JSON error answer to bytes the transport could not read as a request."""
        error = self.spec.errors.error(code, **values)
        if http_status is not None:
            error.http_status = http_status
        return self._error_reply(error, str(uuid.uuid4()).upper(), "JSON", 0.0)

    def _execute(self, operation: OperationSpec, params: Mapping[str, str]) -> dict[str, Any]:
        def run() -> dict[str, Any]:
            if self._state.handles(operation.name):
                return self._state.execute(operation, params)
            return example_response(operation.response_fields, operation.response_example)

        token = params.get("ClientToken")
        if not token or operation.parameter("ClientToken") is None:
            return run()
        key = f"{params['AccessKeyId']}\n{operation.name}\n{token}"
        try:
            result: dict[str, Any] = self._idempotency.run(key, params, run)
        except ParameterMismatch:
            raise self.spec.errors.error("IdempotentParameterMismatch") from None
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
