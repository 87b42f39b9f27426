"""The flattening rule of request parameters, written once for the client, the simulator and tools.

A request is a tree: wire names mapped to text, to lists, or to nested objects. On the wire (RPC
query or form) it is flat: a list item's position, from 1, is a name segment, and a nested
object's keys follow a dot:

    {"Tag": [{"Key": "env", "Value": "a"}], "Filter": [{"Key": "k", "Value": ["x", "y"]}]}
    Tag.1.Key=env  Tag.1.Value=a  Filter.1.Key=k  Filter.1.Value.1=x  Filter.1.Value.2=y

The documents name the list positions `N` (`M` inside another list: `Filter.N.Value.M`), in either
case, and at times the positions they mean (`Filter.1.Key`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "WireValue",
    "documented_path",
    "flatten",
    "position_key",
    "unflatten",
    "wire_pattern",
]

#: A flattened request's values are text; a tree's values are text, lists or nested objects.
WireValue = str | list["WireValue"] | tuple["WireValue", ...] | Mapping[str, "WireValue"]

#: How the documents write a list position in a parameter name.
_PLACEHOLDERS = frozenset({"N", "M", "n", "m"})
_POSITION = re.compile(r"[1-9][0-9]*")


def _is_position(segment: str) -> bool:
    return segment in _PLACEHOLDERS or segment.isdigit()


def flatten(tree: Mapping[str, WireValue]) -> dict[str, str]:
    """The wire parameters of a request tree (see the module doc), in the tree's order."""
    flat: dict[str, str] = {}
    for name, value in tree.items():
        _flatten_into(flat, name, value)
    return flat


def _flatten_into(flat: dict[str, str], name: str, value: WireValue) -> None:
    if isinstance(value, str):
        flat[name] = value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _flatten_into(flat, f"{name}.{key}", item)
    else:
        for position, item in enumerate(value, 1):
            _flatten_into(flat, f"{name}.{position}", item)


def unflatten(flat: Mapping[str, str]) -> dict[str, Any]:
    """The request tree of wire parameters: the inverse of `flatten`.

    Positions become list order (`Tag.2` after `Tag.1`, a missing position closes up); a segment
    that is not a position keeps an object. A name that is both a value and the prefix of others
    (`Tag.1=x` beside `Tag.1.Key=y`) keeps the nested values.
    """
    root: dict[str, Any] = {}
    for name, value in flat.items():
        node = root
        *parents, leaf = name.split(".")
        for segment in parents:
            child = node.get(segment)
            if not isinstance(child, dict):
                child = node[segment] = {}
            node = child
        if not isinstance(node.get(leaf), dict):
            node[leaf] = value
    _lists_below(root)
    return root


def _lists_below(node: dict[str, Any]) -> None:
    """Below `node`, objects whose keys are all positions become lists, in position order."""
    for key, value in node.items():
        if isinstance(value, dict):
            _lists_below(value)
            if all(_POSITION.fullmatch(position) for position in value):
                node[key] = [value[position] for position in sorted(value, key=int)]


def documented_path(name: str) -> list[tuple[str, bool]]:
    """A documented parameter name as (segment, is a list) pairs: `Filter.N.Value.M` ->
    `[("Filter", True), ("Value", True)]`; `TagKey.N` -> `[("TagKey", True)]`."""
    path: list[tuple[str, bool]] = []
    for segment in (part.strip() for part in name.split(".")):
        if not segment:
            continue
        if _is_position(segment) and path:
            path[-1] = (path[-1][0], True)
        else:
            path.append((segment, False))
    return path


def position_key(name: str, position: int = 1) -> str:
    """A wire name a documented name stands for: `Tag.N.Key` -> `Tag.1.Key`."""
    return ".".join(str(position) if part in _PLACEHOLDERS else part for part in name.split("."))


def wire_pattern(name: str, structured: bool = False) -> re.Pattern[str]:
    """The wire names a documented name stands for (each placeholder a position from 1; case is
    ignored, as the service does). `structured`: the value may itself arrive flattened under the
    name (`Name.1.Key`), as JSON-typed, object and list parameters do."""
    segments = [
        _POSITION.pattern if part in _PLACEHOLDERS else re.escape(part) for part in name.split(".")
    ]
    suffix = r"(?:\.[^.]+)*" if structured else ""
    return re.compile(r"\.".join(segments) + suffix, re.IGNORECASE)
