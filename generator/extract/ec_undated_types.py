"""The Data Type appendix of the undated Express Connect document (003) -> named types.

Each entry reads: the type name (possibly broken over lines,
'VirtualBorderRouterForPhysicalConnectionTy' + 'pe'), 'Description' and its text, 'Node name' and
its value, then 'Subnode' followed either by a field table (a structure) or by a single type name
(a *SetType: a list of that type).
"""

from __future__ import annotations

from generator.extract.ec_undated_tables import FIELDS, Warn, header_kind, read_table, to_fields
from generator.extract.raw import RawNamedType


def parse_named_types(lines: list[str], start: int, end: int, warn: Warn) -> list[RawNamedType]:
    """Named types defined in lines[start:end] (0-based, the appendix body after its heading)."""
    types: list[RawNamedType] = []
    name_parts: list[str] = []
    name_index = start
    index = start
    while index < end:
        text = lines[index].strip()
        if not text:
            index += 1
            continue
        if text == "Description" and name_parts:
            named, index = _read_entry("".join(name_parts), name_index, lines, index, end, warn)
            types.append(named)
            name_parts = []
            continue
        if "\t" in lines[index]:
            warn(index + 1, f"table row outside a named type: {text[:60]!r}")
        else:
            if not name_parts:
                name_index = index
            name_parts.append(text)
        index += 1
    if name_parts:
        warn(name_index + 1, f"data-type heading without a definition: {''.join(name_parts)!r}")
    return types


def _read_entry(
    name: str, name_index: int, lines: list[str], index: int, end: int, warn: Warn
) -> tuple[RawNamedType, int]:
    named = RawNamedType(name=name, line=name_index + 1)
    subnode = _find(lines, index, end, "Subnode")
    if subnode is None:
        warn(name_index + 1, f"named type {name!r} has no 'Subnode' entry")
        return named, end
    value = _next_non_blank(lines, subnode + 1, end)
    if value is None:
        warn(subnode + 1, f"named type {name!r}: nothing after 'Subnode'")
        return named, end
    if header_kind(lines[value]) == FIELDS:
        table, after = read_table(lines, value, warn)
        named.fields = to_fields(table, parent=name)
        return named, after
    named.item_type = lines[value].strip()
    return named, value + 1


def _find(lines: list[str], index: int, end: int, text: str) -> int | None:
    for position in range(index, end):
        if lines[position].strip() == text:
            return position
    return None


def _next_non_blank(lines: list[str], index: int, end: int) -> int | None:
    for position in range(index, end):
        if lines[position].strip():
            return position
    return None
