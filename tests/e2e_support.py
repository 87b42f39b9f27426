"""Shared helpers of the end-to-end tests: calls built from the packaged spec's examples.

The request keyword arguments come from the spec (each required parameter's documented example)
mapped to the generated request model through its attrs field metadata `{"wire": ...}`, so the
tests never restate the generator's naming rules.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import attrs
from aliyun_vpc._generated.operations import OPERATIONS
from descriptor_support import descriptors

from aliyun_vpc._meta import OperationMeta
from aliyun_vpc._operation import Operation
from aliyun_vpc._wire_params import documented_path
from aliyun_vpc_simulator.families import ResourceFamily, packaged_families

REGION_ID = "cn-hangzhou"
#: Parameters the client fills itself (RegionId from the client's region, ClientToken fresh).
CLIENT_FILLED = frozenset({"RegionId", "ClientToken"})
#: Value of a required parameter whose documents give no example, default or enum.
PLACEHOLDER = "e2e-value"


@cache
def packaged_spec() -> dict[str, Any]:
    """The spec JSON shipped in the package (what the simulator serves)."""
    text = resources.files("aliyun_vpc_simulator").joinpath("data", "spec.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def spec_operations() -> dict[str, dict[str, Any]]:
    """The spec's operations by wire name."""
    return {item["name"]: item for item in packaged_spec()["operations"]}


def operation_meta(action: str) -> OperationMeta:
    """The generated behaviour record of an operation."""
    return OPERATIONS[action]


@cache
def operation(action: str) -> Operation[Any, Any]:
    """The generated descriptor of an operation (its request and response classes)."""
    return descriptors()[action]


def documented_status(action: str, code: str) -> int | None:
    """The HTTP status the operation's error table gives `code`, or None when it is not listed."""
    statuses = {
        item["code"]: item.get("http_status")
        for item in spec_operations()[action].get("errors", [])
    }
    status = statuses.get(code)
    return None if status is None else int(status)


def typed_example(parameter: Mapping[str, Any]) -> Any:
    """The documented example (else default, else first enum value) as the Python type."""
    enum = parameter.get("enum") or []
    text = parameter.get("example") or parameter.get("default") or (enum[0] if enum else None)
    text = PLACEHOLDER if text is None else str(text)
    kind = parameter.get("type", "string")
    if kind in ("integer", "long"):
        return int(text)
    if kind in ("float", "double"):
        return float(text)
    if kind == "boolean":
        return text.strip().lower() == "true"
    return text


def request_kwargs(action: str, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Keyword arguments of the generated method: every required parameter, from its example.

    `values` (wire name -> Python value) replaces examples, e.g. the id of a created resource.
    RegionId and ClientToken are left to the client unless given in `values`.
    """
    values = dict(values or {})
    fields = {
        field.metadata["wire"]: field
        for field in attrs.fields(operation(action).request_class)
        if "wire" in field.metadata
    }
    kwargs: dict[str, Any] = {}
    for parameter in spec_operations()[action].get("parameters", []):
        wire = parameter["name"]
        if wire in values:
            value = values.pop(wire)
        elif parameter.get("required") and wire not in CLIENT_FILLED:
            value = typed_example(parameter)
        else:
            continue
        name, is_list = _field_for(wire, fields)
        kwargs[name] = [value] if is_list else value
    if values:
        raise KeyError(f"{action} documents no parameter {sorted(values)}")
    return kwargs


def _field_for(wire: str, fields: Mapping[str, attrs.Attribute[Any]]) -> tuple[str, bool]:
    """The model attribute of a wire name, and whether it is a list (`ResourceId.N`)."""
    path = documented_path(wire)
    if len(path) == 1:
        head, is_list = path[0]
        return fields[head].name, is_list
    raise NotImplementedError(f"nested required parameter {wire} is not filled by these tests")


@cache
def family_by_operation() -> dict[str, tuple[ResourceFamily, str]]:
    """Stateful operations of the simulator: action -> (family, verb)."""
    table: dict[str, tuple[ResourceFamily, str]] = {}
    for family in packaged_families():
        for verb, action in (
            ("create", family.create),
            ("describe", family.describe),
            ("delete", family.delete),
            ("show", family.show),
            *(("modify", name) for name in family.modify),
        ):
            if action is not None and action in spec_operations():
                table[action] = (family, verb)
    return table


def id_values(action: str, ids: Mapping[str, str]) -> dict[str, str]:
    """The subset of `ids` (id field -> resource id) the operation documents as a parameter."""
    names = {parameter["name"] for parameter in spec_operations()[action].get("parameters", [])}
    return {field: value for field, value in ids.items() if field in names}


def wire_value(response: Any, wire: str) -> Any:
    """The value of the top-level response field called `wire` in a parsed response model."""
    field = next(item for item in attrs.fields(type(response)) if item.metadata.get("wire") == wire)
    return getattr(response, field.name)


def create_resource(client: Any, family: ResourceFamily, ids: Mapping[str, str]) -> str:
    """Create one resource of `family` (its parents' ids taken from `ids`); its new id."""
    meta = operation_meta(family.create)
    response = getattr(client, meta.method)(
        **request_kwargs(family.create, id_values(family.create, ids))
    )
    resource_id = wire_value(response, family.id_field)
    assert isinstance(resource_id, str) and resource_id.startswith(family.id_prefix), resource_id
    return resource_id
