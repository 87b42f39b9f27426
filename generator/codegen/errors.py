"""The error table: one `ErrorCode` member and one exception class per documented code.

Family rule (the service traits, `spec/behaviour.yaml`): a code starting with the throttling prefix
-> ThrottlingError; a code documented with an HTTP status from the server-error status on ->
ServerError; anything else -> ClientError. Codes are ordered alphabetically (case-insensitively,
ties broken case-sensitively); class and member name clashes get numeric suffixes in that order.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.codegen import docs
from generator.codegen.naming import class_name, enum_member_name, unique
from generator.codegen.traits import ServiceTraits, default_traits
from generator.model import ErrorEntry, Spec

#: Names `errors.py` exports besides the per-code classes.
ERRORS_MODULE_NAMES = (
    "ClientError",
    "ERRORS_BY_CODE",
    "ErrorCode",
    "OPERATION_ERRORS",
    "ServerError",
    "ThrottlingError",
    "VpcApiError",
    "VpcError",
)
#: Names a per-code class must not take.
RESERVED_NAMES = frozenset({*ERRORS_MODULE_NAMES, "StrEnum"})


@dataclass
class ErrorClass:
    code: str
    member: str
    class_name: str
    family: str
    doc: str


@dataclass
class ErrorTable:
    classes: list[ErrorClass]
    by_operation: dict[str, list[ErrorClass]]  # operation name -> its codes, alphabetical


def _family(code: str, entries: list[ErrorEntry], traits: ServiceTraits) -> str:
    if traits.is_throttling(code):
        return "ThrottlingError"
    server = traits.server_error_status
    if any(entry.http_status is not None and entry.http_status >= server for entry in entries):
        return "ServerError"
    return "ClientError"


def _sort_key(code: str) -> tuple[str, str]:
    return (code.casefold(), code)


def build_error_table(spec: Spec, traits: ServiceTraits | None = None) -> ErrorTable:
    """Collect every documented code (service-wide and per operation) into one table."""
    traits = traits or default_traits()
    entries: dict[str, list[ErrorEntry]] = {}
    for entry in spec.service.common_errors:
        entries.setdefault(entry.code, []).append(entry)
    for op in spec.operations:
        for entry in op.errors:
            entries.setdefault(entry.code, []).append(entry)
    class_names: set[str] = set(RESERVED_NAMES)
    members: set[str] = set()
    by_code: dict[str, ErrorClass] = {}
    for code in sorted(entries, key=_sort_key):
        name = class_name(code, digit_prefix="E")
        if name in RESERVED_NAMES:
            name = f"{name}Error"
        by_code[code] = ErrorClass(
            code=code,
            member=unique(enum_member_name(code), members),
            class_name=unique(name, class_names, ""),
            family=_family(code, entries[code], traits),
            doc=docs.error_doc(entries[code]),
        )
    by_operation = {
        op.name: [by_code[code] for code in sorted({e.code for e in op.errors}, key=_sort_key)]
        for op in spec.operations
    }
    return ErrorTable(classes=list(by_code.values()), by_operation=by_operation)
