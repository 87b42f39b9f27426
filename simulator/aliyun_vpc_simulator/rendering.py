"""Response bodies: sample values from the spec's response tree, and JSON / XML encoding."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from .errors import ApiError
from .xml_text import xml_carriable

Node = Mapping[str, Any]  # one response field of the spec, as JSON

_EMPTY = {"integer": 0, "long": 0, "float": 0.0, "double": 0.0, "boolean": False}


def coerce(value: Any, type_: str | None) -> Any:
    """`value` as its field type: numbers as numbers, booleans as true/false, scalars as strings."""
    if value is None:
        return _EMPTY.get(type_ or "", "")
    try:
        if type_ in ("integer", "long"):
            return int(str(value).strip())
        if type_ in ("float", "double"):
            return float(str(value).strip())
    except ValueError:
        return _EMPTY[type_ or ""]
    if type_ == "boolean":
        return value if isinstance(value, bool) else str(value).strip().lower() == "true"
    if type_ == "string" and not isinstance(value, (dict, list)):
        return value if isinstance(value, str) else json.dumps(value)
    return value


def sample_object(fields: Sequence[Node], example: Any) -> dict[str, Any]:
    """An object of `fields`, each filled from `example` (the documents' JSON) or its own example."""
    given = example if isinstance(example, dict) else {}
    return {node["name"]: sample_value(node, given.get(node["name"])) for node in fields}


def sample_value(node: Node, example: Any) -> Any:
    """The value of one response field; lists keep their wire wrapper (`{"Vpc": [...]}`)."""
    kind = node.get("type", "string")
    if kind == "object":
        return sample_object(node.get("fields", []), example)
    if kind == "list":
        return wrap_items(node, [sample_item(node, item) for item in _example_items(node, example)])
    return coerce(example if example is not None else node.get("example"), kind)


def sample_item(node: Node, example: Any) -> Any:
    """One item of a list field."""
    if node.get("fields"):
        return sample_object(node["fields"], example)
    item_example = example if example is not None else _parsed(node.get("example"))
    return coerce(item_example, node.get("item_type") or "string")


def wrap_items(node: Node, items: list[Any]) -> Any:
    """The list as it goes on the wire: under its item name when it has one."""
    item_name = node.get("item_name")
    return {item_name: items} if item_name else items


def name_unnamed_wrappers(operations: list[dict[str, Any]]) -> None:
    """Give every list field the documents leave without an item name the one the service uses.

    The service wraps every list in an object named after its item (`"FlowLogs": {"FlowLog": [..]}`,
    `"VSwitchIds": {"VSwitchId": [..]}`); the documents name that item for most lists. For the
    others the item name is the one documented for a list of the same name in another operation
    (names compared ignoring case: `snatTableIds` -> `SnatTableId`), else the list's name made
    singular, as in the service's documented siblings (`Tags` -> `Tag`, `FlowLogs` -> `FlowLog`).
    """
    documented: dict[str, str] = {}
    unnamed: list[dict[str, Any]] = []
    for node in _list_nodes(operations):
        if node.get("item_name"):
            documented.setdefault(node["name"].lower(), node["item_name"])
        else:
            unnamed.append(node)
    for node in unnamed:
        node["item_name"] = documented.get(node["name"].lower()) or singular(node["name"])


def singular(name: str) -> str:
    """A list name's item name by the service's naming: "Tags" -> "Tag", "Entries" -> "Entry"."""
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith(("ches", "shes", "sses", "xes")):
        return name[:-2]
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


def _list_nodes(operations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every list field of every operation's response tree, in document order."""
    found: list[dict[str, Any]] = []
    pending: list[dict[str, Any]] = []
    for operation in sorted(operations, key=lambda item: str(item.get("name"))):
        response = operation.get("response") or []
        pending.extend(response.get("fields", []) if isinstance(response, dict) else response)
    while pending:
        node = pending.pop(0)
        if node.get("type") == "list":
            found.append(node)
        pending.extend(node.get("fields", []))
    return found


def _example_items(node: Node, example: Any) -> list[Any]:
    """The example items of a list field; one sample item when only field examples exist."""
    if example is None:
        example = _parsed(node.get("example")) if not node.get("fields") else None
        if example is None:
            return [None] if node.get("fields") else []
    if isinstance(example, dict):
        example = example.get(node.get("item_name") or "", [])
    if isinstance(example, list):
        return example
    return [example]


def _parsed(text: Any) -> Any:
    """A field example that is a JSON fragment (`{ "VSwitchId": [] }`) as data, else the text."""
    if isinstance(text, str) and text.strip()[:1] in ("{", "["):
        try:
            return json.loads(text)
        except ValueError:
            return None
    return text


def example_response(fields: Sequence[Node], example: Any) -> dict[str, Any]:
    """The operation's response: the spec's tree when it has one, else the documents' example."""
    if fields:
        return sample_object(fields, example)
    return json.loads(json.dumps(example)) if isinstance(example, dict) else {}


def error_body(error: ApiError, request_id: str, host_id: str) -> dict[str, Any]:
    """The documented error body."""
    return {
        "RequestId": request_id,
        "HostId": host_id,
        "Code": error.code,
        "Message": error.message,
        "Recommend": error.recommend,
    }


def encode(body: Mapping[str, Any], root: str, response_format: str) -> tuple[bytes, str]:
    """The body bytes and Content-Type for `Format` JSON (default) or XML."""
    if response_format.upper() == "XML":
        parts = ['<?xml version="1.0" encoding="UTF-8"?>']
        _xml_element(root, body, parts)
        return "".join(parts).encode("utf-8"), "text/xml;charset=utf-8"
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8"), "application/json;charset=utf-8"


def _xml_element(name: str, value: Any, out: list[str]) -> None:
    if isinstance(value, list):
        for item in value:
            _xml_element(name, item, out)
        return
    out.append(f"<{name}>")
    if isinstance(value, Mapping):
        for key, child in value.items():
            _xml_element(key, child, out)
    elif isinstance(value, bool):
        out.append("true" if value else "false")
    elif value is not None:
        out.append(escape(xml_carriable(str(value))))
    out.append(f"</{name}>")
