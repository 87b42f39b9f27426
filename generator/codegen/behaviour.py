"""Behaviour tables for the generated operations module: operations, paginators and waiters.

Per-operation traits are derived by rule from the service traits (`spec/behaviour.yaml`):
- client_token: the operation takes the idempotency-token parameter;
- region_id: it takes the region parameter (filled in from the client's region);
- read_only: its name starts with one of the read-only prefixes;
- sensitive: its parameters marked `sensitive: true` in the spec.

Paginators and waiters are the reviewed entries of `spec/paginators.yaml` and `spec/waiters.yaml`,
written with wire names; each is checked against the spec (operation, request parameters,
response list and fields, documented status values) and turned into Python names. An entry that
matches nothing is a `ValueError` naming the file, the entry and what is missing. The rules in
`generator.codegen.proposer` only suggest entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

from generator.codegen.models import Attribute, EnumClass, ModelClass, ModelModule
from generator.codegen.naming import snake_case
from generator.codegen.traits import FilterConvention, ServiceTraits, read_yaml
from generator.model import Field, Spec


@dataclass
class OperationRow:
    name: str
    method: str
    module: str
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
    # with filter_key: the request's filter list (Python argument) and the class of one filter
    filter_argument: str | None = None
    filter_model: ModelClass | EnumClass | None = None


PAGINATOR_KEYS = (
    "style",
    "input_page",
    "input_size",
    "output_items",
    "output_total",
    "output_token",
)
PAGINATOR_STYLES = ("page", "token")
WAITER_KEYS = (
    "operation",
    "id_parameter",
    "filter_key",
    "items",
    "status",
    "success",
    "failure",
    "reason",
)
_FILTER_KEY_ITEM = re.compile(r"^\s*-\s*(\w+)\s*:", re.MULTILINE)


class EntryProblems:
    """The problems found in one reviewed file, reported together."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []

    def add(self, entry: str, problem: str) -> None:
        self.lines.append(f"{self.path}: {entry}: {problem}")

    def raise_any(self) -> None:
        if self.lines:
            raise ValueError("\n".join(self.lines))


def operation_row(module: ModelModule, method: str, traits: ServiceTraits) -> OperationRow:
    op = module.operation
    wire = {param.name for param in op.parameters}
    return OperationRow(
        name=op.name,
        method=method,
        module=module.module,
        client_token=traits.idempotency_token in wire,
        read_only=op.name.startswith(traits.read_only_prefixes),
        region_id=traits.region_parameter in wire,
        sensitive=sorted(param.name for param in op.parameters if param.sensitive),
    )


def load_entries(path: Path, section: str) -> dict[str, dict[str, Any]]:
    """The `section` mapping of a reviewed file: entry name -> its keys."""
    data = read_yaml(path)
    entries = data.get(section)
    if not isinstance(entries, dict) or set(data) != {section}:
        raise ValueError(f"{path}: expected one top-level mapping `{section}:`")
    problems = EntryProblems(path)
    for name, entry in entries.items():
        if not isinstance(entry, dict):
            problems.add(name, "expected a mapping")
    problems.raise_any()
    return entries


def paginator_rows(
    path: Path, modules: list[ModelModule], methods: dict[str, str], *, fragment: bool = False
) -> list[PaginatorRow]:
    """The paginators of `paginators.yaml`, checked against the spec, in operation order (for a
    `fragment` of the spec, entries of operations it lacks are left out rather than errors)."""
    entries = load_entries(path, "paginators")
    problems = EntryProblems(path)
    by_name = {module.operation.name: module for module in modules}
    rows: list[PaginatorRow] = []
    for operation, entry in entries.items():
        label = f"paginator {operation}"
        module = by_name.get(operation)
        if module is None:
            if not fragment:
                problems.add(label, f"no operation {operation} in the spec")
            continue
        if not _known_keys(problems, label, entry, PAGINATOR_KEYS):
            continue
        own = EntryProblems(path)
        row = _paginator_row(module, methods[operation], entry, _reporter(own, label))
        if _fits(row, own, problems, fragment):
            rows.append(row)
    problems.raise_any()
    order = {module.operation.name: index for index, module in enumerate(modules)}
    return sorted(rows, key=lambda row: order[row.operation])


def waiter_rows(
    path: Path, modules: list[ModelModule], traits: ServiceTraits, *, fragment: bool = False
) -> list[WaiterRow]:
    """The waiters of `waiters.yaml`, checked against the spec, in operation then name order (for
    a `fragment` of the spec, entries of operations it lacks are left out rather than errors)."""
    entries = load_entries(path, "waiters")
    problems = EntryProblems(path)
    by_name = {module.operation.name: module for module in modules}
    rows: list[WaiterRow] = []
    for name, entry in entries.items():
        label = f"waiter {name}"
        if not _known_keys(problems, label, entry, WAITER_KEYS):
            continue
        if not name.isidentifier() or name != snake_case(name):
            problems.add(label, "the name must be a snake_case identifier")
            continue
        module = by_name.get(str(entry.get("operation")))
        if module is None:
            if not fragment:
                problems.add(label, f"no operation {entry.get('operation')} in the spec")
            continue
        own = EntryProblems(path)
        row = _waiter_row(module, name, entry, traits.filter, _reporter(own, label))
        if _fits(row, own, problems, fragment):
            rows.append(row)
    problems.raise_any()
    order = {module.operation.name: index for index, module in enumerate(modules)}
    return sorted(rows, key=lambda row: (order[row.operation], row.name))


Report = Callable[[str], None]


_Row = TypeVar("_Row")


def _fits(
    row: _Row | None, own: EntryProblems, problems: EntryProblems, fragment: bool
) -> TypeGuard[_Row]:
    """Whether an entry's row is kept: one with problems is an error, except in a fragment of
    the spec, where it is left out (the operation may lack what another document gives it)."""
    if own.lines and not fragment:
        problems.lines.extend(own.lines)
    return row is not None and not own.lines


def _reporter(problems: EntryProblems, label: str) -> Report:
    return lambda problem: problems.add(label, problem)


def _known_keys(
    problems: EntryProblems, label: str, entry: dict[str, Any], keys: Iterable[str]
) -> bool:
    unknown = sorted(set(entry) - set(keys))
    if unknown:
        problems.add(label, f"unknown keys {unknown}")
    return not unknown


def _paginator_row(
    module: ModelModule, method: str, entry: dict[str, Any], report: Report
) -> PaginatorRow | None:
    op = module.operation.name
    style = entry.get("style")
    if style not in PAGINATOR_STYLES:
        report(f"style {style!r} is not one of {list(PAGINATOR_STYLES)}")
        return None
    page = _scalar_parameter(module, entry.get("input_page"), report)
    size = _scalar_parameter(module, entry.get("input_size"), report)
    items = _top_list(module, entry.get("output_items"), report)
    response = _by_wire(module.response.attributes)
    optional: dict[str, str | None] = {}
    for key in ("output_total", "output_token"):
        wire = entry.get(key)
        optional[key] = None if wire is None else _attribute_name(response, wire)
        if wire is not None and optional[key] is None:
            report(f"{key}: {op} has no response field {wire!r}")
            return None
    if page is None or size is None or items is None:
        return None
    return PaginatorRow(
        method=method,
        operation=op,
        style=str(style),
        input_page=page,
        input_size=size,
        output_items=items[1].name,
        output_total=optional["output_total"],
        output_token=optional["output_token"],
    )


def _waiter_row(
    module: ModelModule,
    name: str,
    entry: dict[str, Any],
    filters: FilterConvention,
    report: Report,
) -> WaiterRow | None:
    op = module.operation
    listed = _top_list(module, entry.get("items"), report)
    selector = _waiter_selector(module, entry, filters, report)
    if listed is None or selector is None:
        return None
    fld, items_attr = listed
    status_wire = str(entry.get("status"))
    status = next((child for child in fld.fields if child.name == status_wire), None)
    if status is None or not items_attr.type_ref.classes:
        report(f"status: the items of {op.name}.{fld.name} have no field {status_wire!r}")
        return None
    documented = {*status.enum, *request_enum(module, status_wire)}
    success = tuple(entry.get("success") or ())
    failure = tuple(entry.get("failure") or ())
    if not success:
        report("no success value")
    undocumented = [value for value in (*success, *failure) if value not in documented]
    if undocumented:
        report(
            f"{op.name} documents no {status_wire} value {undocumented} (it has {sorted(documented)})"
        )
    if not success or undocumented:
        return None
    item_model = items_attr.type_ref.classes[0]
    status_attr = next(a for a in _item_attributes(module, item_model) if a.wire == status_wire)
    argument, filter_key = selector
    filters_attr = None
    if filter_key is not None:
        filters_attr = next(a for a in module.request.attributes if a.wire == filters.parameter)
    return WaiterRow(
        name=name,
        operation=op.name,
        id_argument=argument,
        items=items_attr.name,
        status=status_attr.name,
        success=success,
        failure=failure,
        filter_key=filter_key,
        filter_argument=filters_attr.name if filters_attr else None,
        filter_model=filters_attr.type_ref.targets[0] if filters_attr else None,
    )


def _waiter_selector(
    module: ModelModule, entry: dict[str, Any], filters: FilterConvention, report: Report
) -> tuple[str, str | None] | None:
    """(id argument, filter key or None) from `id_parameter` or `filter_key`, exactly one given."""
    parameter, key = entry.get("id_parameter"), entry.get("filter_key")
    if (parameter is None) == (key is None):
        report("give exactly one of id_parameter and filter_key")
        return None
    if parameter is not None:
        argument = _scalar_parameter(module, parameter, report, "id_parameter")
        return None if argument is None else (argument, None)
    if key not in documented_filter_keys(module, filters):
        report(
            f"filter_key: {module.operation.name}'s {filters.key_wire} does not document "
            f"the key {key!r}"
        )
        return None
    return snake_case(str(key)), str(key)


def _scalar_parameter(
    module: ModelModule, wire: Any, report: Report, key: str = "parameter"
) -> str | None:
    name = scalar_parameter(module, str(wire))
    if name is None:
        report(f"{key}: {module.operation.name} has no scalar request parameter {wire!r}")
    return name


def scalar_parameter(module: ModelModule, wire: str) -> str | None:
    """The Python name of the top-level scalar request parameter `wire`, if the request has one."""
    return next(
        (
            attr.name
            for attr in module.request.attributes
            if attr.wire == wire and attr.query is not None and attr.query.kind == "scalar"
        ),
        None,
    )


def _top_list(module: ModelModule, wire: Any, report: Report) -> tuple[Field, Attribute] | None:
    listed = top_list(module, str(wire))
    if listed is None:
        report(f"{module.operation.name} has no top-level response list {wire!r}")
    return listed


def top_list(module: ModelModule, wire: str) -> tuple[Field, Attribute] | None:
    """The top-level response list `wire` and its attribute, if the response has one."""
    response = _by_wire(module.response.attributes)
    for fld in module.operation.response:
        if fld.type == "list" and fld.name == wire:
            return fld, response[fld.name]
    return None


def documented_filter_keys(module: ModelModule, filters: FilterConvention) -> list[str]:
    """The filter keys the filter's key parameter lists as `- Key: meaning` bullets."""
    op = module.operation
    param = next((p for p in op.parameters if p.name == filters.key_wire), None)
    return _FILTER_KEY_ITEM.findall(param.description) if param is not None else []


def request_enum(module: ModelModule, wire: str) -> list[str]:
    """The documented values of the operation's request parameter `wire`, if any."""
    params = module.operation.parameters
    return next((list(param.enum) for param in params if param.name == wire), [])


def _by_wire(attributes: list[Attribute]) -> dict[str, Attribute]:
    return {attr.wire: attr for attr in attributes}


def _attribute_name(attributes: dict[str, Attribute], wire: str) -> str | None:
    attr = attributes.get(wire)
    return None if attr is None else attr.name


def _item_attributes(module: ModelModule, model_name: str) -> list[Attribute]:
    return next(model.attributes for model in module.classes if model.name == model_name)


def check_traits(path: Path, traits: ServiceTraits, spec: Spec) -> None:
    """A trait naming nothing in the spec is an error: the token and region parameters must be
    parameters of some operation, the retryable codes documented codes, and some documented code
    must start with the throttling prefix."""
    problems = EntryProblems(path)
    parameters = {param.name for op in spec.operations for param in op.parameters}
    codes = {error.code for error in spec.service.common_errors}
    codes |= {error.code for op in spec.operations for error in op.errors}
    for key, name in (
        ("idempotency_token", traits.idempotency_token),
        ("region_parameter", traits.region_parameter),
    ):
        if name not in parameters:
            problems.add(f"traits.{key}", f"no operation takes a parameter {name!r}")
    undocumented = [code for code in traits.retryable_codes if code not in codes]
    if undocumented:
        problems.add("traits.retryable_codes", f"undocumented codes {undocumented}")
    if not any(traits.is_throttling(code) for code in codes):
        problems.add(
            "traits.throttling_prefix",
            f"no documented code starts with {traits.throttling_prefix!r}",
        )
    problems.raise_any()
