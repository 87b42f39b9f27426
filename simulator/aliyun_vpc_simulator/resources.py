"""Create / describe / modify / delete of the resource families in `families.py`, on the store."""

from __future__ import annotations

import random
import re
import string
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aliyun_vpc._wire_params import unflatten

from .errors import ApiError, ErrorEntry
from .families import ResourceFamily
from .rendering import Node, coerce, example_response, sample_item, wrap_items
from .spec_index import OperationSpec, SpecIndex
from .store import ResourceStore, StoredResource, UnstorableValue
from .traits import ServiceTraits
from .validation import PROTOCOL_PARAMETERS, _error_for

_ID_ALPHABET = string.ascii_lowercase + string.digits
#: An example value that is a resource id ("vrt-bp1lhl0tai..."): a new one is made per create.
_ID_EXAMPLE = re.compile(r"[a-z]{2,5}-[a-z0-9*]+")


@dataclass(frozen=True)
class Lifecycle:
    """When a created resource leaves its initial status: after a delay or after N describes."""

    ready_after_seconds: float = 2.0
    ready_after_describes: int = 1


class StatefulOperations:
    """Answers the operations of the resource families that the spec documents."""

    def __init__(
        self,
        spec: SpecIndex,
        store: ResourceStore,
        lifecycle: Lifecycle,
        clock: Callable[[], float],
        seed: int | None = None,
    ) -> None:
        self._spec = spec
        self._store = store
        self._lifecycle = lifecycle
        self._clock = clock
        self._random = random.Random(seed)
        self._random_lock = threading.Lock()
        traits = spec.traits
        #: Parameters that make a call idempotent or page, never stored as attributes.
        self._not_attributes = frozenset(
            {
                traits.idempotency_token,
                *(name for paging in spec.paging.values() for name in paging.parameters),
            }
        )
        #: Parameters that never filter a describe: the protocol's and the paging ones.
        self._not_filters = PROTOCOL_PARAMETERS | {
            name for paging in spec.paging.values() for name in paging.parameters
        }
        #: The families whose resources can exist: the spec documents their create operation.
        self._families = {
            family.name: family for family in spec.families if family.create in spec.operations
        }
        self._routes: dict[str, tuple[ResourceFamily, Callable[..., dict[str, Any]]]] = {}
        for family in self._families.values():
            for action, handler in (
                (family.create, self._create),
                (family.describe, self._describe),
                (family.delete, self._delete),
                (family.show, self._show),
                *((name, self._modify) for name in family.modify),
            ):
                if action is not None and action in spec.operations:
                    self._routes[action] = (family, handler)

    def handles(self, action: str) -> bool:
        return action in self._routes

    def execute(self, operation: OperationSpec, params: Mapping[str, str]) -> dict[str, Any]:
        """The response body (without RequestId) after applying the operation to the store."""
        family, handler = self._routes[operation.name]
        try:
            return handler(family, operation, params)
        except UnstorableValue as refused:
            raise self._malformed(operation, refused.attribute) from None

    def _malformed(self, operation: OperationSpec, name: str) -> ApiError:
        """The documented error for a parameter value that cannot be stored, as validation does."""
        rule = operation.parameter(name)
        base = rule.base_name if rule else name
        codes = self._spec.error_codes("malformed", name=base)
        return _error_for(operation, self._spec, codes, "invalid_parameter", name)

    # -- the four verbs --------------------------------------------------------------------------

    def _create(
        self, family: ResourceFamily, operation: OperationSpec, params: Mapping[str, str]
    ) -> dict[str, Any]:
        attributes = {
            key: value
            for key, value in params.items()
            if "." not in key and key not in self._not_attributes and key not in PROTOCOL_PARAMETERS
        }
        for rule in operation.parameters:
            if rule.default is not None and "." not in rule.name and rule.name not in params:
                attributes[rule.name] = rule.default
        resource_id = self._new_id(family.id_prefix)
        attributes[family.id_field] = resource_id
        attributes[self._spec.creation_time_field] = _iso(self._clock())
        if family.initial_status:
            attributes[self._spec.status_field] = family.initial_status
        body = example_response(operation.response_fields, operation.response_example)
        for name, value in body.items():
            if name in attributes:
                body[name] = attributes[name]
            elif name.endswith("Id") and isinstance(value, str) and _ID_EXAMPLE.match(value):
                attributes[name] = body[name] = self._new_id(value.split("-", 1)[0] + "-")
        with self._store.transaction():
            parent = self._families.get(family.parent.family) if family.parent else None
            if family.parent and parent and family.parent.parameter in params:
                self._require(parent, operation, params[family.parent.parameter])
            self._store.add(StoredResource(family.name, resource_id, attributes, self._clock()))
        return body

    def _describe(
        self, family: ResourceFamily, operation: OperationSpec, params: Mapping[str, str]
    ) -> dict[str, Any]:
        views = [self._view(family, item) for item in self._store.all(family.name)]
        filters = _filters(params, self._spec.traits)
        matching = [
            view
            for view in views
            if _matches(view, params, filters, family.id_field, self._not_filters)
        ]
        paging = self._spec.paging.get(operation.name)
        page_number, page_size = (
            (1, len(matching) or 1)
            if paging is None
            else (
                _positive(params.get(paging.input_page), _default(operation, paging.input_page, 1)),
                _positive(
                    params.get(paging.input_size), _default(operation, paging.input_size, 10)
                ),
            )
        )
        page = matching[(page_number - 1) * page_size : page_number * page_size]
        self._store.observe(family.name, [view[family.id_field] for view in page])
        body = example_response(operation.response_fields, operation.response_example)
        list_node = _list_field(operation, family.id_field)
        if list_node is not None:
            body[list_node["name"]] = wrap_items(list_node, _render_items(list_node, page))
        if paging is not None:
            for name, value in (
                (paging.output_total, len(matching)),
                (paging.input_page, page_number),
                (paging.input_size, page_size),
            ):
                if name is not None and (name in body or not operation.response_fields):
                    body[name] = value
        return body

    def _show(
        self, family: ResourceFamily, operation: OperationSpec, params: Mapping[str, str]
    ) -> dict[str, Any]:
        resource = self._require(family, operation, params.get(family.id_field, ""))
        self._store.observe(family.name, [resource.resource_id])
        view = self._view(family, resource)
        body = example_response(operation.response_fields, operation.response_example)
        nodes = {node["name"]: node for node in operation.response_fields}
        for name, value in view.items():
            if name in body or not nodes:
                body[name] = coerce(value, nodes[name].get("type")) if name in nodes else value
        return body

    def _modify(
        self, family: ResourceFamily, operation: OperationSpec, params: Mapping[str, str]
    ) -> dict[str, Any]:
        changes = {
            key: value
            for key, value in params.items()
            if "." not in key
            and key not in self._not_attributes
            and key not in PROTOCOL_PARAMETERS
            and key not in (family.id_field, self._spec.traits.region_parameter)
        }
        with self._store.transaction():
            resource = self._require(family, operation, params.get(family.id_field, ""))
            self._store.update(family.name, resource.resource_id, changes)
        return example_response(operation.response_fields, operation.response_example)

    def _delete(
        self, family: ResourceFamily, operation: OperationSpec, params: Mapping[str, str]
    ) -> dict[str, Any]:
        with self._store.transaction():
            resource = self._require(family, operation, params.get(family.id_field, ""))
            for child in self._spec.families:
                if (
                    child.parent
                    and child.parent.family == family.name
                    and self._store.count(child.name, child.parent.parameter, resource.resource_id)
                ):
                    raise _dependency_error(operation, self._spec, child)
            self._store.remove(family.name, resource.resource_id)
        return example_response(operation.response_fields, operation.response_example)

    # -- helpers ---------------------------------------------------------------------------------

    def _require(
        self, family: ResourceFamily, operation: OperationSpec, resource_id: str
    ) -> StoredResource:
        """The stored resource, or the operation's documented not-found error for the family."""
        found = self._store.get(family.name, resource_id)
        if found is None:
            fallback = ErrorEntry(
                family.not_found_code, 404, f"The specified {family.id_field} does not exist."
            )
            raise operation.errors.get(family.not_found_code, fallback).raise_error()
        return found

    def _view(self, family: ResourceFamily, resource: StoredResource) -> dict[str, Any]:
        """The attributes as a describe shows them now (status moved on when ready)."""
        view = dict(resource.attributes)
        if family.ready_status and self._is_ready(resource):
            view[self._spec.status_field] = family.ready_status
        return view

    def _is_ready(self, resource: StoredResource) -> bool:
        waited = self._clock() - resource.created_at >= self._lifecycle.ready_after_seconds
        return waited or resource.describe_count >= self._lifecycle.ready_after_describes

    def _new_id(self, prefix: str) -> str:
        with self._random_lock:
            return prefix + "".join(self._random.choices(_ID_ALPHABET, k=22))


def _list_field(operation: OperationSpec, id_field: str) -> Node | None:
    """The top-level list whose items carry the family's id field (`Vpcs` for `VpcId`)."""
    lists = [node for node in operation.response_fields if node.get("type") == "list"]
    for node in lists:
        if any(child["name"] == id_field for child in node.get("fields", [])):
            return node
    return lists[0] if lists else None


def _blank_item(list_node: Node) -> dict[str, Any]:
    """A list item for a resource that has no attributes yet.

    Nested objects and numbers keep the documented sample; strings, booleans and lists are empty,
    so nothing is reported that was never created.
    """
    item: dict[str, Any] = sample_item(list_node, None)
    for node in list_node.get("fields", []):
        kind = node.get("type")
        if kind == "list":
            item[node["name"]] = wrap_items(node, [])
        elif kind in ("string", "boolean"):
            item[node["name"]] = coerce(None, kind)
    return item


def _render_items(list_node: Node, views: list[dict[str, Any]]) -> list[Any]:
    """The resources as list items of the spec: their attributes over the blank item."""
    nodes = {node["name"]: node for node in list_node.get("fields", [])}
    if not nodes:
        return views
    blank = _blank_item(list_node)
    items = []
    for view in views:
        item = dict(blank)
        for name, value in view.items():
            if name in nodes:
                item[name] = coerce(value, nodes[name].get("type"))
        items.append(item)
    return items


def _matches(
    view: Mapping[str, Any],
    params: Mapping[str, str],
    filters: Mapping[str, list[str]],
    id_field: str,
    not_filters: frozenset[str],
) -> bool:
    """Whether a resource passes the request's filters (attribute-named parameters, Filter.N)."""
    for key, value in params.items():
        if key in view and key not in not_filters:
            wanted = value.split(",") if key == id_field else [value]
            if str(view[key]) not in [item.strip() for item in wanted]:
                return False
    for key, values in filters.items():
        if str(view.get(key)) not in values:
            return False
    return True


def _filters(params: Mapping[str, str], traits: ServiceTraits) -> dict[str, list[str]]:
    """`Filter.N.Key` / `Filter.N.Value.M` pairs (the traits' filter names) as {key: [values]};
    the runtime's flattening rule reads the parameters back as a tree."""
    prefix = f"{traits.filter_parameter}."
    flat = {name: value for name, value in params.items() if name.startswith(prefix)}
    filters = unflatten(flat).get(traits.filter_parameter)
    result: dict[str, list[str]] = {}
    for item in filters if isinstance(filters, list) else []:
        key = item.get(traits.filter_key) if isinstance(item, dict) else None
        if isinstance(key, str):
            values = item.get(traits.filter_value)
            listed = values if isinstance(values, list) else []
            result.setdefault(key, []).extend(v for v in listed if isinstance(v, str))
    return result


def _dependency_error(operation: OperationSpec, spec: SpecIndex, child: ResourceFamily) -> ApiError:
    (code,) = spec.error_codes("dependency", noun=child.noun)
    fallback = ErrorEntry(code, 400, "Specified object has dependent resources")
    return operation.errors.get(code, fallback).raise_error()


def _default(operation: OperationSpec, name: str, fallback: int) -> int:
    rule = operation.parameter(name)
    return _positive(rule.default if rule else None, fallback)


def _positive(value: str | None, fallback: int) -> int:
    try:
        number = int(value) if value else fallback
    except ValueError:
        return fallback
    return number if number > 0 else fallback


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
