"""Request parameter validation against the operation's documented parameters."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from .errors import ApiError
from .spec_index import OperationSpec, ParameterRule, SpecIndex

#: The RPC protocol's own parameters (signature, version, format...), carried by every request
#: whatever the operation documents; the SDKs add SignatureType on their own. The service's region
#: and owner parameters come from the spec's traits (`SpecIndex.traits`).
PROTOCOL_PARAMETERS = frozenset(
    {
        "Action",
        "Version",
        "Format",
        "AccessKeyId",
        "Signature",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "SignatureType",
        "Timestamp",
        "TimeStamp",
        "SecurityToken",
    }
)

#: At most 19 digits: every integer or long the API takes fits (and int() stays cheap and legal).
_INTEGER = re.compile(r"-?[0-9]{1,19}")


def validate(
    operation: OperationSpec, params: Mapping[str, str], spec: SpecIndex, strict: bool = False
) -> list[str]:
    """The undocumented parameters (sorted); the documented `ApiError` for the first malformed or
    missing one, and with `strict` for the first undocumented one (`UnsupportedParameter`)."""
    traits = spec.traits
    present: set[str] = set()
    undocumented: list[str] = []
    for key, value in params.items():
        rule = operation.rule_for(key)
        if rule is None:
            if key in PROTOCOL_PARAMETERS or key in spec.common_parameters:
                continue
            if key == traits.region_parameter or key in traits.owner_parameters:
                continue
            if strict:
                raise spec.errors.situation("unsupported_parameter", name=key)
            undocumented.append(key)
            continue
        present.add(rule.name.lower())  # names differing in case only are one parameter
        checked = key == rule.name or rule.type not in ("list", "object")
        if checked and not value_is_valid(rule, value):
            raise _error_for(
                operation,
                spec,
                spec.error_codes("malformed", name=rule.base_name),
                "invalid_parameter",
                key,
            )
    for rule in operation.parameters:
        if (
            rule.required
            and rule.name.lower() not in present
            and rule.name not in PROTOCOL_PARAMETERS
            and rule.name != traits.region_parameter
        ):
            raise _error_for(
                operation,
                spec,
                spec.error_codes("missing", name=rule.base_name),
                "missing_parameter",
                rule.name,
            )
    return sorted(undocumented)


def value_is_valid(rule: ParameterRule, value: str) -> bool:
    """Whether `value` fits the rule's type, enum, range and length."""
    if rule.type in ("integer", "long"):
        if not _INTEGER.fullmatch(value):
            return False
        return _in_range(rule, int(value)) and _in_enum(rule, str(int(value)))
    if rule.type in ("float", "double"):
        try:
            number = float(value)
        except ValueError:
            return False
        return _in_range(rule, number)
    if rule.type == "boolean":
        return value.lower() in ("true", "false") and _in_enum(rule, value.lower())
    if rule.type == "json":
        try:
            json.loads(value)
        except ValueError:
            return False
        return True
    if rule.min_length is not None and len(value) < rule.min_length:
        return False
    if rule.max_length is not None and len(value) > rule.max_length:
        return False
    return _in_enum(rule, value)


def _in_range(rule: ParameterRule, number: float) -> bool:
    if rule.minimum is not None and number < rule.minimum:
        return False
    return rule.maximum is None or number <= rule.maximum


def _in_enum(rule: ParameterRule, value: str) -> bool:
    return not rule.enum or value in rule.enum


def _error_for(
    operation: OperationSpec,
    spec: SpecIndex,
    specific_codes: Iterable[str],
    situation: str,
    name: str,
) -> ApiError:
    """The operation's own error for this parameter when documented, else the common one for
    `situation` ("invalid_parameter", "missing_parameter")."""
    common_code = spec.errors.code(situation)
    for code in specific_codes:
        entry = operation.errors.get(code)
        if entry is not None:
            return entry.raise_error(name=name)
    error = spec.errors.error(common_code, name=name)
    documented = operation.errors.get(common_code)
    if documented is not None:
        error.http_status = documented.http_status
    return error
