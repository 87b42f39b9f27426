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
