"""Behaviour tables for `_operations.py`: operation metadata, paginators and waiters.

Rules (the data for them lives in `spec/behaviour.yaml`):
- read-only: the operation name starts with one of `read_only_prefixes`;
- paginator: the request takes PageNumber+PageSize (style "page") or NextToken+MaxResults (style
  "token") and the response has a top-level list;
- waiter: a Describe* operation whose first top-level response list holds objects with a `Status`
  field with documented values, and a request parameter `<Item>Id` (`VpcId` for items `Vpc`) that is
  also a field of those objects (the resource selector). Success values are the documented values
  found in `waiter_status.success`, failure values those in `waiter_status.failure`; no success
  value, no waiter. `waiter_overrides` (each with a `reason`) replace success/failure, name the
  selector parameter (`id_parameter`) or skip an operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.codegen.models import Attribute, ModelModule
from generator.codegen.naming import snake_case, unique
from generator.model import Field

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


def load_rules(path: Path = BEHAVIOUR_FILE) -> Rules:
    """Read and check `spec/behaviour.yaml` (every override needs a reason)."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    overrides = dict(data.get("waiter_overrides") or {})
    for operation, override in overrides.items():
        if not str(override.get("reason", "")).strip():
            raise ValueError(f"{path}: waiter override for {operation} has no reason")
        unknown = set(override) - {"reason", "skip", "success", "failure", "id_parameter"}
        if unknown:
            raise ValueError(f"{path}: waiter override for {operation}: unknown keys {unknown}")
    return Rules(
        read_only_prefixes=tuple(data["read_only_prefixes"]),
        success=frozenset(data["waiter_status"]["success"]),
        failure=frozenset(data["waiter_status"]["failure"]),
        overrides=overrides,
    )


def operation_row(module: ModelModule, method: str, rules: Rules) -> OperationRow:
    op = module.operation
    wire = {param.name for param in op.parameters}
    return OperationRow(
        name=op.name,
        method=method,
        module=module.module,
        request_class=f"aliyun_vpc.models.{module.module}:{module.request.name}",
        response_class=f"aliyun_vpc.models.{module.module}:{module.response.name}",
        client_token="ClientToken" in wire,
        read_only=op.name.startswith(rules.read_only_prefixes),
        region_id="RegionId" in wire,
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
    for style, page, size, total, token in (
        ("page", "PageNumber", "PageSize", "TotalCount", None),
        ("token", "NextToken", "MaxResults", None, "NextToken"),
    ):
        if page in request and size in request:
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
    if status is None or not status.enum or not items_attr.type_ref.classes:
        return None
    item_model = items_attr.type_ref.classes[0]
    resource = fld.model or fld.item_name or fld.name
    wanted = {override["id_parameter"]} if "id_parameter" in override else {f"{resource}Id"}
    selector = next(
        (
            attr
            for attr in module.request.attributes
            if attr.wire in wanted
            and attr.wire in item_fields
            and attr.query is not None
            and attr.query.kind == "scalar"
        ),
        None,
    )
    if selector is None:
        return None
    values = list(dict.fromkeys(status.enum))
    success = tuple(override.get("success", [v for v in values if v in rules.success]))
    failure = tuple(override.get("failure", [v for v in values if v in rules.failure]))
    if not success:
        return None
    status_attr = next(a for a in _item_attributes(module, item_model) if a.wire == "Status")
    name = unique(f"{snake_case(resource)}_{snake_case(success[0])}", taken)
    return WaiterRow(
        name=name,
        operation=op.name,
        id_argument=selector.name,
        items=items_attr.name,
        status=status_attr.name,
        success=success,
        failure=failure,
    )


def _item_attributes(module: ModelModule, model_name: str) -> list[Attribute]:
    return next(model.attributes for model in module.classes if model.name == model_name)
