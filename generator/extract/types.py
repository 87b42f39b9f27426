"""Type cells as the documents write them -> the spec's wire types (`generator.model.WIRE_TYPES`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.extract.raw import RawNamedType

_SCALARS = {
    "string": "string",
    "str": "string",
    "integer": "integer",
    "int": "integer",
    "long": "long",
    "float": "float",
    "double": "double",
    "boolean": "boolean",
    "bool": "boolean",
}
_LISTS = ("repeatlist", "list", "array")
_JSON = ("json string", "json")
_OBJECTS = ("struct", "object", "map")
_CONTAINER_CELLS = ("", "n/a", "struct", "list", "array", "json string", "json", "object")
_INDEXED = re.compile(r"\.[NnMm]$")


def is_container_cell(doc_type: str) -> bool:
    """True when a response row's type cell marks a container (empty, N/A, Struct, List, Array...)."""
    cell = doc_type.strip().lower()
    return cell in _CONTAINER_CELLS or cell.startswith("array of ")


def array_item_name(doc_type: str) -> str | None:
    """'Array of TagResource' -> 'TagResource'."""
    match = re.match(r"\s*array\s+of\s+(\w+)", doc_type, re.IGNORECASE)
    return match.group(1) if match else None


def named_type(doc_type: str, named: Mapping[str, RawNamedType]) -> RawNamedType | None:
    """The appendix type a cell refers to ('NextHopListType'), if any."""
    return named.get(doc_type.strip().replace(" ", ""))


def looks_like_named_type(doc_type: str) -> bool:
    """'RouteTableSetType', 'RegionType': a named type, whether or not the appendix defines it."""
    return re.fullmatch(r"[A-Z][A-Za-z]+Type", doc_type.strip()) is not None


def normalise_type(
    doc_type: str,
    *,
    name: str = "",
    example: str | None = None,
    description: str = "",
    named: Mapping[str, RawNamedType] | None = None,
) -> str | None:
    """The wire type of a parameter or leaf field; None when the cell says nothing usable.

    List cells ('RepeatList', 'List', 'Array') of an indexed name ('Tag.N', 'Filter.N.Value.M') are
    one element on the wire, so they take the element type (string); other lists stay 'list'.
    String cells whose example or description holds a JSON object/array are 'json'.
    """
    cell = " ".join(doc_type.split()).lower()
    if cell in _SCALARS:
        scalar = _SCALARS[cell]
        if scalar == "string" and (_looks_like_json(example) or _has_json_block(description)):
            return "json"
        return scalar
    if cell in _LISTS or cell.startswith("array of "):
        return "string" if _INDEXED.search(name) else "list"
    if cell in _JSON:
        return "json"
    if cell in _OBJECTS:
        return "object"
    found = named_type(doc_type, named or {})
    if found is not None:
        return "list" if found.item_type else "object"
    return None


def value_type(value: Any) -> str:
    """The wire type a parsed example value shows."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer" if -(2**31) <= value < 2**31 else "long"
    if isinstance(value, float):
        return "float"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return "string"


def _looks_like_json(example: str | None) -> bool:
    text = (example or "").strip()
    return (text.startswith("{") and text.endswith("}")) or text.startswith("[{")


def _has_json_block(description: str) -> bool:
    return re.search(r"<pre[^>]*>\s*[\[{]", description) is not None
