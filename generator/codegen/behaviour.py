"""Behaviour tables for `_operations.py`: operation metadata, paginators and waiters.

Rules (the data for them lives in `spec/behaviour.yaml`):
- read-only: the operation name starts with one of `read_only_prefixes`;
- paginator: the request takes PageNumber+PageSize (style "page") or NextToken+MaxResults (style
  "token"; MaxResult in DescribeRouteEntryList) and the response has a top-level list;
- waiter: a Describe* operation whose first top-level response list holds objects with a `Status`
  field with documented values (when the field documents none, those of the operation's request
  parameter `Status`), and a way to select one resource by `<Item>Id` (`VpcId` for items `Vpc`; a
  trailing `Type` of the item name is dropped: `PhysicalConnectionType` -> `PhysicalConnectionId`)
  that is also a field of those objects: a request parameter of that name, or else a `Filter.N.Key`
  parameter that documents it as a filter key (a filter-selected waiter). Success values are the
  documented values found in `waiter_status.success`, failure values those in
  `waiter_status.failure`; no success value, no waiter. `waiter_overrides` (each with a `reason`)
  replace success/failure, name the selector parameter (`id_parameter`) or skip an operation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from generator.codegen.models import Attribute, ModelModule
from generator.codegen.naming import snake_case, unique
from generator.model import Field, Operation
from generator.spec_io import yaml_problem

BEHAVIOUR_FILE = Path(__file__).resolve().parents[2] / "spec" / "behaviour.yaml"


@dataclass(frozen=True)
class Rules:
    read_only_prefixes: tuple[str, ...]
    success: frozenset[str]
    failure: frozenset[str]
    overrides: dict[str, dict[str, Any]]


@dataclass
class OperationRow:
    name: str
    method: str
    module: str
    request_class: str
    response_class: str
    client_token: bool
    read_only: bool
    region_id: bool
    sensitive: list[str]  # wire names (`N` for a list index) whose values are never logged


@dataclass
class PaginatorRow:
    method: str
    operation: str
    style: str
    input_page: str
    input_size: str
    output_items: str
    output_total: str | None
    output_token: str | None


@dataclass
class WaiterRow:
    name: str
    operation: str
    id_argument: str
    items: str
    status: str
    success: tuple[str, ...]
    failure: tuple[str, ...]
    filter_key: str | None = None  # selected by `Filter.N.Key=<filter_key>` rather than a parameter


_FILTER_KEY_PARAMETER = "Filter.N.Key"
_FILTER_KEY_ITEM = re.compile(r"^\s*-\s*(\w+)\s*:", re.MULTILINE)


def behaviour_file_for(spec_dir: Path) -> Path:
    """`<spec>/behaviour.yaml`, or the repository's own when that spec folder has none."""
    own = spec_dir / BEHAVIOUR_FILE.name
    return own if own.is_file() else BEHAVIOUR_FILE


def load_rules(path: Path = BEHAVIOUR_FILE) -> Rules:
    """Read and check `spec/behaviour.yaml` (every override needs a reason)."""
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as exc:
        raise ValueError(yaml_problem(path, exc)) from exc
    overrides = dict(data.get("waiter_overrides") or {})
    for operation, override in overrides.items():
        if not str(override.get("reason", "")).strip():
            raise ValueError(f"{path}: waiter override for {operation} has no reason")
        unknown = set(override) - {"reason", "skip", "success", "failure", "id_parameter"}
        if unknown:
            raise ValueError(
                f"{path}: waiter override for {operation}: unknown keys {sorted(unknown)}"
            )
    try:
        return Rules(
            read_only_prefixes=tuple(data["read_only_prefixes"]),
            success=frozenset(data["waiter_status"]["success"]),
            failure=frozenset(data["waiter_status"]["failure"]),
            overrides=overrides,
        )
    except KeyError as exc:
        raise ValueError(f"{path}: missing key {exc}") from exc


def operation_row(module: ModelModule, method: str, rules: Rules) -> OperationRow:
    op = module.operation
    wire = {param.name for param in op.parameters}
    return OperationRow(
        name=op.name,
        method=method,
        module=module.module,
        request_class=f"aliyun_vpc._generated.models.{module.family}:{module.request.name}",
        response_class=f"aliyun_vpc._generated.models.{module.family}:{module.response.name}",
        client_token="ClientToken" in wire,
        read_only=op.name.startswith(rules.read_only_prefixes),
        region_id="RegionId" in wire,
        sensitive=sorted(param.name for param in op.parameters if param.sensitive),
    )


def _by_wire(attributes: list[Attribute]) -> dict[str, Attribute]:
    return {attr.wire: attr for attr in attributes}


def _first_list(module: ModelModule) -> tuple[Field, Attribute] | None:
    response = _by_wire(module.response.attributes)
    for fld in module.operation.response:
        if fld.type == "list":
            return fld, response[fld.name]
    return None


def paginator_row(module: ModelModule, method: str) -> PaginatorRow | None:
    request = _by_wire(module.request.attributes)
    response = _by_wire(module.response.attributes)
    listed = _first_list(module)
    if listed is None:
        return None
    items = listed[1].name
    for style, page, sizes, total, token in (
        ("page", "PageNumber", ("PageSize",), "TotalCount", None),
        # DescribeRouteEntryList documents the singular MaxResult
        ("token", "NextToken", ("MaxResults", "MaxResult"), None, "NextToken"),
    ):
        size = next((name for name in sizes if name in request), None)
        if page in request and size is not None:
            return PaginatorRow(
                method=method,
                operation=module.operation.name,
                style=style,
                input_page=request[page].name,
                input_size=request[size].name,
                output_items=items,
                output_total=response[total].name if total in response else None,
                output_token=response[token].name if token in response else None,
            )
    return None


def waiter_row(module: ModelModule, rules: Rules, taken: set[str]) -> WaiterRow | None:
    op = module.operation
    override = rules.overrides.get(op.name, {})
    listed = _first_list(module)
    if override.get("skip") or not op.name.startswith("Describe") or listed is None:
        return None
    fld, items_attr = listed
    item_fields = {child.name: child for child in fld.fields}
    status = item_fields.get("Status")
    if status is None or not items_attr.type_ref.classes:
        return None
    values = list(dict.fromkeys(status.enum or _request_status_values(op)))
    resource = _resource_name(fld)
    wanted = override.get("id_parameter", f"{resource}Id")
    if not values or wanted not in item_fields:
        return None
    selector = _selector(module, wanted)
    filter_key = None
    if selector is None and wanted in _documented_filter_keys(op):
        selector, filter_key = snake_case(wanted), wanted
    if selector is None:
        return None
    success = tuple(override.get("success", [v for v in values if v in rules.success]))
    failure = tuple(override.get("failure", [v for v in values if v in rules.failure]))
    if not success:
        return None
    item_model = items_attr.type_ref.classes[0]
    status_attr = next(a for a in _item_attributes(module, item_model) if a.wire == "Status")
    return WaiterRow(
        name=unique(f"{snake_case(resource)}_{snake_case(success[0])}", taken),
        operation=op.name,
        id_argument=selector,
        items=items_attr.name,
        status=status_attr.name,
        success=success,
        failure=failure,
        filter_key=filter_key,
    )


def _resource_name(fld: Field) -> str:
    """The resource a list holds: its model or item name, without a trailing `Type`."""
    name = fld.model or fld.item_name or fld.name
    return name.removesuffix("Type") or name


def _request_status_values(op: Operation) -> list[str]:
    """The documented values of the operation's request parameter `Status`, if any."""
    return next((list(param.enum) for param in op.parameters if param.name == "Status"), [])


def _selector(module: ModelModule, wire: str) -> str | None:
    """The Python name of the scalar request parameter `wire`, if the request has one."""
    return next(
        (
            attr.name
            for attr in module.request.attributes
            if attr.wire == wire and attr.query is not None and attr.query.kind == "scalar"
        ),
        None,
    )


def _documented_filter_keys(op: Operation) -> list[str]:
    """The filter keys the `Filter.N.Key` parameter lists as `- Key: meaning` bullets."""
    param = next((p for p in op.parameters if p.name == _FILTER_KEY_PARAMETER), None)
    return _FILTER_KEY_ITEM.findall(param.description) if param is not None else []


def _item_attributes(module: ModelModule, model_name: str) -> list[Attribute]:
    return next(model.attributes for model in module.classes if model.name == model_name)
