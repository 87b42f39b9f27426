"""Rules that propose paginator and waiter entries (`python -m generator propose`).

The proposals are written like the reviewed entries of `spec/paginators.yaml` and
`spec/waiters.yaml` (wire names); generation never reads them. The rules (`propose` in
`spec/behaviour.yaml`):
- paginator: the request takes a style's page and size parameters (PageNumber+PageSize,
  NextToken+MaxResults) and the response has a top-level list (the first one is proposed);
- waiter: an operation with the waiter prefix whose first top-level response list holds objects
  with a status field with documented values (when the field documents none, those of the
  request parameter of that name), selectable by `<Item>Id` (a trailing `Type` of the item name
  dropped) that is also an item field: by a scalar request parameter of that name, else by the
  documented filter key of that name. Success and failure values are the documented ones found in
  the rule's lists; no success value, no waiter.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML

from generator.codegen.behaviour import (
    documented_filter_keys,
    load_entries,
    request_enum,
    scalar_parameter,
    top_list,
)
from generator.codegen.models import ModelModule, build_module
from generator.codegen.naming import snake_case, unique
from generator.codegen.traits import Behaviour, BehaviourFiles, PaginatorStyle, load_behaviour
from generator.model import Field, Spec


def propose_paginator(
    module: ModelModule, styles: tuple[PaginatorStyle, ...]
) -> dict[str, Any] | None:
    """The paginator entry the rule proposes for one operation, if any."""
    listed = _first_list(module)
    if listed is None:
        return None
    request = {param.name for param in module.operation.parameters}
    response = {fld.name for fld in module.operation.response}
    for style in styles:
        if style.input_page in request and style.input_size in request:
            entry: dict[str, Any] = {
                "style": style.style,
                "input_page": style.input_page,
                "input_size": style.input_size,
                "output_items": listed.name,
            }
            for key in ("output_total", "output_token"):
                wire = getattr(style, key)
                if wire is not None and wire in response:
                    entry[key] = wire
            return entry
    return None


def propose_waiter(
    module: ModelModule, behaviour: Behaviour, taken: set[str]
) -> tuple[str, dict[str, Any]] | None:
    """(name, entry) of the waiter the rule proposes for one operation, if any."""
    rule, op = behaviour.waiter_rule, module.operation
    fld = _first_list(module)
    if not op.name.startswith(rule.operation_prefix) or fld is None:
        return None
    item_fields = {child.name: child for child in fld.fields}
    status = item_fields.get(rule.status_field)
    if status is None:
        return None
    values = list(dict.fromkeys(status.enum or request_enum(module, rule.status_field)))
    resource = _resource_name(fld, rule.dropped_item_suffix)
    wanted = f"{resource}{rule.id_suffix}"
    if not values or wanted not in item_fields:
        return None
    if scalar_parameter(module, wanted) is not None:
        selector = {"id_parameter": wanted}
    elif wanted in documented_filter_keys(module, behaviour.traits.filter):
        selector = {"filter_key": wanted}
    else:
        return None
    success = [value for value in values if value in rule.success]
    if not success:
        return None
    name = unique(f"{snake_case(resource)}_{snake_case(success[0])}", taken)
    return name, {
        "operation": op.name,
        **selector,
        "items": fld.name,
        "status": rule.status_field,
        "success": success,
        "failure": [value for value in values if value in rule.failure],
    }


def propose(modules: list[ModelModule], behaviour: Behaviour) -> dict[str, dict[str, Any]]:
    """Every proposal: {"paginators": {operation: entry}, "waiters": {name: entry}}."""
    paginators: dict[str, Any] = {}
    waiters: dict[str, Any] = {}
    taken: set[str] = set()
    for module in modules:
        paginator = propose_paginator(module, behaviour.paginator_styles)
        if paginator is not None:
            paginators[module.operation.name] = paginator
        waiter = propose_waiter(module, behaviour, taken)
        if waiter is not None:
            waiters[waiter[0]] = waiter[1]
    return {"paginators": paginators, "waiters": waiters}


def _first_list(module: ModelModule) -> Field | None:
    fld = next((fld for fld in module.operation.response if fld.type == "list"), None)
    return None if fld is None or top_list(module, fld.name) is None else fld


def _resource_name(fld: Field, dropped_suffix: str) -> str:
    """The resource a list holds: its model or item name, without the dropped suffix."""
    name = fld.model or fld.item_name or fld.name
    return name.removesuffix(dropped_suffix) or name


def proposal_report(spec: Spec, files: BehaviourFiles) -> str:
    """What the rules propose against the reviewed files: a summary per file, then (as YAML to
    review and paste) the proposed entries the file lacks or states differently."""
    behaviour = load_behaviour(files.behaviour)
    proposals = propose([build_module(op, behaviour.traits) for op in spec.operations], behaviour)
    lines: list[str] = []
    pending: dict[str, dict[str, Any]] = {}
    for section, path in (("paginators", files.paginators), ("waiters", files.waiters)):
        reviewed = load_entries(path, section)
        proposed = proposals[section]
        missing = [name for name in proposed if name not in reviewed]
        differ = [
            name for name in proposed if name in reviewed and reviewed[name] != proposed[name]
        ]
        unproposed = sorted(set(reviewed) - set(proposed))
        lines.append(
            f"# {path}: {len(proposed)} proposed, {len(proposed) - len(missing) - len(differ)} "
            f"as reviewed, {len(differ)} reviewed differently {differ}, {len(missing)} missing "
            f"{missing}; reviewed but not proposed: {unproposed}"
        )
        pending[section] = {name: proposed[name] for name in [*missing, *differ]}
    stream = io.StringIO()
    YAML().dump(pending, stream)
    return "\n".join(lines) + "\n" + stream.getvalue()
