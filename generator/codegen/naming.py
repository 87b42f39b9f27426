"""Python names for wire names: attributes, methods, classes, enum members, modules.

Rules (documented in the generated package's docstrings too):

- attributes and methods are snake_case (`VSwitchId` -> `v_switch_id`, `Ipv6CidrBlock` ->
  `ipv6_cidr_block`); a name that is a Python keyword, a soft keyword, a builtin (`type`, `id`, `list`)
  or a member the generated classes define themselves (`extra`, `from_wire`, `to_query`) gets a
  trailing underscore (`type` -> `type_`);
- classes are PascalCase with every non-alphanumeric character dropped (`InvalidVpcId.NotFound` ->
  `InvalidVpcIdNotFound`); a leading digit is prefixed with `E`/`V`;
- enum members are UPPER_SNAKE_CASE of the value (`ipsec_sa_established` -> `IPSEC_SA_ESTABLISHED`,
  `1000Base-T` -> `V1000BASE_T`);
- clashes inside one scope are settled by `unique`: the first name in a stable order keeps its name,
  the next ones get `_2`, `_3`... (classes: `2`, `3`...).
"""

from __future__ import annotations

import builtins
import keyword
import re

_ACRONYM_BOUNDARY = re.compile(r"([A-Z]+)([A-Z][a-z])")
_WORD_BOUNDARY = re.compile(r"([a-z0-9])([A-Z])")
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")

#: Members every generated model or client defines; fields must not shadow them.
RESERVED_MEMBERS = frozenset({"extra", "from_wire", "to_query", "self", "cls"})

#: Members of the runtime's client base classes; operation methods must not shadow them.
CLIENT_MEMBERS = frozenset({"close", "config", "paginate", "region_id", "wait_until"})

_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))


def snake_case(wire: str) -> str:
    """`VSwitchIds` -> `v_switch_ids`; separators (`.`, `-`, spaces) become underscores."""
    text = _ACRONYM_BOUNDARY.sub(r"\1_\2", wire)
    text = _WORD_BOUNDARY.sub(r"\1_\2", text)
    text = _NON_WORD.sub("_", text).strip("_").lower()
    text = re.sub(r"_+", "_", text)
    if not text:
        return "value"
    return f"n{text}" if text[0].isdigit() else text


def safe_identifier(name: str) -> str:
    """Append `_` to keywords, soft keywords, builtins and reserved member names."""
    if (
        keyword.iskeyword(name)
        or keyword.issoftkeyword(name)
        or name in _BUILTINS
        or name in RESERVED_MEMBERS
    ):
        return f"{name}_"
    return name


def attribute_name(wire: str) -> str:
    """The Python attribute / keyword argument for a wire name."""
    return safe_identifier(snake_case(wire))


def method_name(operation: str) -> str:
    """The client method for an operation (`DescribeVpcs` -> `describe_vpcs`)."""
    name = safe_identifier(snake_case(operation))
    return f"{name}_" if name in CLIENT_MEMBERS else name


def class_name(wire: str, digit_prefix: str = "V") -> str:
    """PascalCase class name: each alphanumeric run starts upper-case, the rest is kept."""
    parts = [part for part in _NON_WORD.split(wire) if part]
    name = "".join(part[0].upper() + part[1:] for part in parts) or "Value"
    return f"{digit_prefix}{name}" if name[0].isdigit() else name


def enum_member_name(value: str) -> str:
    """UPPER_SNAKE_CASE member name for an enum value."""
    text = _NON_WORD.sub("_", _WORD_BOUNDARY.sub(r"\1_\2", value)).strip("_").upper()
    if not text:
        return "EMPTY"
    return f"V{text}" if text[0].isdigit() else text


def plural(name: str) -> str:
    """English plural of a snake_case attribute name (`tag` -> `tags`, `tag_key` -> `tag_keys`)."""
    if name.endswith(("ss", "x", "ch", "sh")):
        return f"{name}es"
    if name.endswith("s"):
        return name
    if name.endswith("y") and len(name) > 1 and name[-2] not in "aeiou":
        return f"{name[:-1]}ies"
    return f"{name}s"


def unique(name: str, taken: set[str], separator: str = "_") -> str:
    """Return `name`, or `name<sep>2`, `name<sep>3`... the first one not in `taken`; record it."""
    candidate = name
    counter = 2
    while candidate in taken:
        candidate = f"{name}{separator}{counter}"
        counter += 1
    taken.add(candidate)
    return candidate


def import_order(names: list[str]) -> list[str]:
    """The order isort (ruff) gives the names of one `from x import ...`: CONSTANTS, then Classes,
    then functions, each alphabetical ignoring case."""
    return sorted(set(names), key=lambda name: (_group(name), name.lower(), name))


def _group(name: str) -> int:
    if name.isupper():
        return 0
    return 1 if name[:1].isupper() else 2


def export_order(names: list[str]) -> list[str]:
    """`__all__` order: CONSTANTS, then Classes, then functions, each alphabetical."""
    return sorted(set(names), key=lambda name: (_group(name), name))
