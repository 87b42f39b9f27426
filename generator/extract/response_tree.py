"""Flat response-table rows -> nested `Field` trees, decided with the examples.

Evidence, strongest first:

1. an explicit `parent` (sub-table titled with the item type, named-type definition);
2. the parsed response example: which keys sit under which container, and list wrappers
   (`"Vpcs": {"Vpc": [...]}` is a list with item_name 'Vpc');
3. nesting marks ('└'/'↳'): "under the nearest open container", depth unknown;
4. the type cell: containers have an empty/N/A/Struct/List/Array/JSON String type or a named type.

Placement rules when the example is silent about a row:

- a table that uses marks: an unmarked row is top level; a marked row goes into the innermost open
  container, except that a nested container without example evidence is closed first when the row is
  itself a container or its name occurs elsewhere in the table (then it is taken as a sibling);
- a table without marks (004): rows after a container whose type and example cells are empty are its
  children until a row the example shows higher up, or one of the usual top-level names
  (RequestId, TotalCount, PageNumber, PageSize, NextToken, MaxResults).

Example keys that no row names are added from the example, with a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.extract.constraints import parse_constraints
from generator.extract.examples import parse_json_example
from generator.extract.html_text import strip_inline_markup, to_plain_text
from generator.extract.raw import RawField, RawNamedType, Warning
from generator.extract.types import (
    array_item_name,
    is_container_cell,
    looks_like_named_type,
    named_type,
    normalise_type,
    value_type,
)
from generator.model import Field, Source

_LIST_CELLS = ("list", "array", "repeatlist")


# ---------------------------------------------------------------------------------------------
# Example shapes


@dataclass
class Shape:
    """What the example shows of one node: an object's members, or a list's wrapper and items."""

    kind: str  # object | list | scalar
    members: dict[str, Shape] = field(default_factory=dict)  # object keys, or list-item keys
    item_name: str | None = None
    item_kind: str = "object"  # for lists: 'object', a scalar wire type, or '' (empty list)
    value: Any = None

    def member(self, name: str) -> Shape | None:
        key = self.member_key(name)
        return None if key is None else self.members[key]

    def member_key(self, name: str) -> str | None:
        """The example key naming `name`: same up to case and 'l'/'I', else the only key one
        letter away from it ('IpssecConfig'/'IpsecConfig', 'Remoteld'/'RemotId')."""
        wanted = name_key(name)
        for key in self.members:
            if name_key(key) == wanted:
                return key
        near = [
            key for key in self.members if len(wanted) >= 6 and _one_edit(name_key(key), wanted)
        ]
        return near[0] if len(near) == 1 else None


def _one_edit(left: str, right: str) -> bool:
    """True when one insertion, deletion or substitution turns `left` into `right` (a plural
    's' does not count: 'RouteEntrys' and 'RouteEntry' are different nodes)."""
    if abs(len(left) - len(right)) > 1 or left == right or left.rstrip("s") == right.rstrip("s"):
        return False
    if left[:1] != right[:1]:
        return False  # 'IpAddress' is not a misspelt 'EipAddress'
    if len(left) > len(right):
        left, right = right, left
    for index, (a, b) in enumerate(zip(left, right, strict=False)):
        if a != b:
            tail = index + 1 if len(left) == len(right) else index
            return left[tail:] == right[index + 1 :]
    return True


def name_key(name: str) -> str:
    """Names compared the way the documents garble them: case-blind, 'l' for 'I' ('Remoteld')."""
    return name.lower().replace("l", "i")


#: Names the tables list at the top level, whatever the marks or examples say.
TOP_LEVEL_NAMES = frozenset(
    name_key(name)
    for name in ("RequestId", "TotalCount", "PageNumber", "PageSize", "NextToken", "MaxResults")
)


def shape_of(value: Any, name: str = "", *, is_json: bool = True) -> Shape:
    """The shape of an example value. A single child whose name is the item form of the parent's
    ('Vpcs'/'Vpc') is a list wrapper even without an array: XML cannot show lists, and some JSON
    examples drop the brackets ('"EipAddresses": {"EipAddress": {...}}')."""
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, inner),) = value.items()
            if isinstance(inner, list) or (
                isinstance(inner, (dict, str)) and _is_item_name(name, key)
            ):
                items = inner if isinstance(inner, list) else [inner]
                return _list_shape(items, key, is_json)
        return Shape(
            "object", {key: shape_of(inner, key, is_json=is_json) for key, inner in value.items()}
        )
    if isinstance(value, list):
        return _list_shape(value, None, is_json)
    return Shape("scalar", value=value)


def _list_shape(items: list[Any], item_name: str | None, is_json: bool) -> Shape:
    objects = [item for item in items if isinstance(item, dict)]
    if not objects:
        kind = (value_type(items[0]) if is_json else "string") if items else ""
        return Shape("list", item_name=item_name, item_kind=kind)
    members: dict[str, Shape] = {}
    for item in objects:
        for key, inner in item.items():
            if (
                key not in members
                or members[key].kind == "scalar"
                and members[key].value in ("", None)
            ):
                members[key] = shape_of(inner, key, is_json=is_json)
    return Shape("list", members, item_name=item_name, item_kind="object")


def _is_item_name(parent: str, key: str) -> bool:
    """Is `key` the item form of the list `parent`? ('Vpcs'/'Vpc', 'NatGatewayIds'/'NatGatewayIds',
    'PhysicalConnectionSet'/'PhysicalConnectionType', 'Entries'/'Entry')."""
    parent, key = parent.lower(), key.lower()
    if parent.endswith("ies") and key == parent[:-3] + "y":
        return True
    stems = [
        parent[: -len(suffix)] for suffix in ("set", "list", "es", "s") if parent.endswith(suffix)
    ]
    return any(len(stem) >= 3 and key.startswith(stem) for stem in stems)


# ---------------------------------------------------------------------------------------------
# Rows and nodes


@dataclass
class _Row:
    name: str
    doc_type: str
    example: str | None
    description: str
    line: int
    marked: bool
    parent: str | None

    @property
    def looks_like_container(self) -> bool:
        return is_container_cell(self.doc_type)


def _clean_row(raw: RawField) -> _Row:
    name = "".join(strip_inline_markup(raw.name).replace("└", "").replace("↳", "").split())
    example = strip_inline_markup(raw.example)
    return _Row(
        name=name,
        doc_type=strip_inline_markup(raw.type),
        example=None if example in ("", "N/A") else example,
        description=raw.description,
        line=raw.line,
        marked=raw.marked or raw.name.lstrip().startswith(("└", "↳", "<code>↳", "<code>└")),
        parent=raw.parent.strip() if raw.parent else None,
    )


@dataclass
class _Node:
    name: str
    row: _Row | None
    shape: Shape | None
    children: list[_Node] = field(default_factory=list)
    item_name: str | None = None  # the 'Array of X' element row, or an explicit sub-table title
    open_for_unmarked: bool = False


@dataclass
class ResponseContext:
    """What building a response needs besides the rows."""

    doc: str
    section: str
    named: Mapping[str, RawNamedType]
    warnings: list[Warning]
    example_line: int = 0


def build_response(
    rows: Iterable[RawField],
    example: dict[str, Any] | None,
    context: ResponseContext,
    *,
    example_is_json: bool = True,
    second_opinion: dict[str, Any] | None = None,
) -> list[Field]:
    """The response fields of one operation (top level), nested as the evidence says.

    `second_opinion` is the other example (XML beside JSON): a top-level key the table lacks is
    only added from `example` when the second opinion, if any, shows it too (001 copies whole JSON
    examples from other operations, e.g. ModifyVpcAttribute's from CreateVpc).
    """
    shape = shape_of(example, is_json=example_is_json) if example is not None else None
    builder = _TreeBuilder(context, example_is_json)
    corroboration = {name_key(key) for key in second_opinion} if second_opinion else None
    cleaned = [_clean_row(row) for row in rows]
    borrowed = _borrowed_list(cleaned, shape)
    if borrowed is not None:
        builder.warn(
            context.example_line,
            f"response example shows the table's fields inside the list {borrowed!r} (another "
            "operation's example): not used for the response",
        )
        shape = None
    root = builder.place_all(cleaned, shape, corroboration)
    return [builder.to_field(child) for child in root.children]


def _borrowed_list(rows: list[_Row], shape: Shape | None) -> str | None:
    """The list key of an example that shows the table's top-level fields only as list items: the
    list operation's example copied into a single-item one (000 l.18248 DescribeVpnConnection
    shows DescribeVpnConnections' 'VpnConnections'; 002 l.3234 ModifySslVpnServer)."""
    top = [
        row.name
        for row in rows
        if not row.marked and not row.parent and name_key(row.name) not in TOP_LEVEL_NAMES
    ]
    if shape is None or shape.kind != "object" or len(top) < 3:
        return None
    if any(shape.member(name) is not None for name in top):
        return None
    for key, member in shape.members.items():
        shown = sum(member.member(name) is not None for name in top)
        if member.kind == "list" and 2 * shown > len(top):
            return key
    return None


class _TreeBuilder:
    def __init__(self, context: ResponseContext, example_is_json: bool) -> None:
        self.context = context
        self.example_is_json = example_is_json
        self.expanding: set[str] = set()  # named types being expanded (guards against cycles)

    def warn(self, line: int, message: str) -> None:
        self.context.warnings.append(Warning(self.context.doc, line, message))

    # -- placement ----------------------------------------------------------------------------

    def place_all(
        self, rows: list[_Row], shape: Shape | None, corroboration: set[str] | None = None
    ) -> _Node:
        """Place the rows under a root node; `corroboration`: see `build_response`."""
        root = _Node("", None, shape)
        stack = [root]
        containers: list[_Node] = []
        uses_marks = any(row.marked for row in rows)
        later: dict[str, int] = {}  # how often each name occurs after the current row
        for counted in rows:
            later[name_key(counted.name)] = later.get(name_key(counted.name), 0) + 1
        for candidate in rows:
            later[name_key(candidate.name)] -= 1
            row = self._named_or_dropped(candidate)
            if row is None:
                continue
            if _is_item_row(stack[-1], row):
                stack[-1].item_name = row.name  # the list's element given as its own row
                continue
            if row.parent:
                parent = self._explicit_parent(row, containers, root)
            else:
                stack = self._stack_for(row, stack, uses_marks, later)
                parent = stack[-1]
            node = self._repeated(parent, row)
            if node is None:
                shape = self._member_shape(parent, row) or _cell_example_shape(
                    row.example, row.name
                )
                node = _Node(row.name, row, shape)
                parent.children.append(node)
            if self._is_container(node):
                node.open_for_unmarked = not (
                    uses_marks or row.example or "json" in row.doc_type.lower() or self._named(row)
                )
                containers.append(node)
                if not row.parent:
                    stack.append(node)
        self._add_example_members(root, corroboration)
        return root

    def _repeated(self, parent: _Node, row: _Row) -> _Node | None:
        """The sibling a row repeats (001 l.4954: 'CustomerGateways' twice): the first is kept and
        the rows that follow the repeat go into it."""
        first = next((child for child in parent.children if child.name == row.name), None)
        if first is not None and first.row is not None:
            self.warn(
                row.line,
                f"response row {row.name!r} repeats line {first.row.line}: the first is kept",
            )
        return first

    def _member_shape(self, parent: _Node, row: _Row) -> Shape | None:
        key = parent.shape.member_key(row.name) if parent.shape else None
        if key is None or parent.shape is None:
            return None
        if name_key(key) != name_key(row.name):
            self.warn(row.line, f"response row {row.name!r} is spelt {key!r} in the example")
        return parent.shape.members[key]

    def _named_or_dropped(self, row: _Row) -> _Row | None:
        if set(row.name) <= {"-"} and row.name:
            return None  # a Markdown separator row ('--⇥--⇥--')
        if row.name:
            return row
        if not row.name and any(
            phrase in row.description.lower() for phrase in ("請求id", "请求id", "request id")
        ):
            self.warn(row.line, "response row without a name taken as RequestId (its description)")
            row.name = "RequestId"
            return row
        if row.doc_type or row.description.strip():
            self.warn(row.line, f"response row without a name dropped: {row.description!r}")
        return None

    def _is_container(self, node: _Node) -> bool:
        """Can following rows be its children? (A typeless row with a scalar example cell, like
        000's '└UserCidrs 10.0.0.0/8', is a list of scalars, not an open container.)"""
        assert node.row is not None
        example = (node.row.example or "").lstrip()
        scalar_example = bool(example) and not example.startswith(("{", "["))
        if node.shape is not None:
            if node.shape.kind == "list" and node.shape.item_kind == "":
                return not scalar_example  # an empty list in the example shows no item type
            return node.shape.kind == "object" or (
                node.shape.kind == "list" and node.shape.item_kind == "object"
            )
        if self._named(node.row) is not None or looks_like_named_type(node.row.doc_type):
            return True
        return node.row.looks_like_container and not scalar_example

    def _stack_for(
        self, row: _Row, stack: list[_Node], uses_marks: bool, later: dict[str, int]
    ) -> list[_Node]:
        """The open containers after placing `row`: its parent is the last one."""
        stack = _close_repeated(row, stack)
        if _held_by_opaque(row, stack, uses_marks, later):
            return stack
        for depth in range(len(stack) - 1, 0, -1):
            if _shows(stack[depth], row.name):
                if uses_marks and not row.marked:
                    break
                return stack[: depth + 1]
        if uses_marks:
            if not row.marked:
                return stack[:1]
            return self._marked_fallback(row, stack)
        if _shows(stack[0], row.name):
            return stack[:1]
        stack = _close_unshown(row, stack)
        if (
            len(stack) > 1
            and stack[-1].open_for_unmarked
            and name_key(row.name) not in TOP_LEVEL_NAMES
        ):
            return stack
        return stack[:1]

    def _marked_fallback(self, row: _Row, stack: list[_Node]) -> list[_Node]:
        if len(stack) == 1:
            last = stack[0].children[-1] if stack[0].children else None
            if last is not None and last.row is not None and self._is_container(last):
                return [stack[0], last]
            self.warn(
                row.line,
                f"marked response row {row.name!r} follows no container: kept at top level",
            )
            return stack
        return _close_unshown(row, stack)

    def _explicit_parent(self, row: _Row, containers: list[_Node], root: _Node) -> _Node:
        wanted = name_key(row.parent or "")
        tests: tuple[Callable[[_Node], bool], ...] = (
            lambda node: name_key(node.name) == wanted,
            lambda node: node.shape is not None and name_key(node.shape.item_name or "") == wanted,
            lambda node: name_key(node.name).startswith(wanted),
        )
        for matches in tests:
            for node in reversed(containers):
                if matches(node):
                    if name_key(node.name) != wanted:
                        node.item_name = node.item_name or row.parent
                    return node
        self.warn(
            row.line,
            f"response row {row.name!r}: parent {row.parent!r} not found; kept at top level",
        )
        return root

    def _add_example_members(self, node: _Node, corroboration: set[str] | None = None) -> None:
        """Example keys that no row names become fields (from the example), with a warning."""
        for child in node.children:
            self._add_example_members(child)
        if node.shape is None or (node.row is not None and self._named(node.row) is not None):
            return
        claimed = {node.shape.member_key(child.name) for child in node.children}
        for key, shape in node.shape.members.items():
            if key in claimed:
                continue
            line = self.context.example_line or (node.row.line if node.row else 0)
            if corroboration is not None and name_key(key) not in corroboration:
                self.warn(
                    line,
                    f"response example key {key!r} is in neither the table nor the other "
                    "example: not added",
                )
                continue
            where = f" under {node.name!r}" if node.name else ""
            self.warn(
                line,
                f"response example key {key!r}{where} is absent from the response table: "
                "added from the example",
            )
            node.children.append(_example_node(key, shape))

    # -- fields --------------------------------------------------------------------------------

    def _named(self, row: _Row) -> RawNamedType | None:
        return named_type(row.doc_type, self.context.named) if row.doc_type else None

    def to_field(self, node: _Node) -> Field:
        row = node.row
        result = Field(
            name=node.name,
            type="string",
            doc_type=row.doc_type if row else "",
            sources=[
                Source(
                    self.context.doc,
                    row.line if row else self.context.example_line,
                    self.context.section,
                )
            ],
        )
        if row is not None:
            result.description = to_plain_text(row.description)
            result.example = row.example
            result.enum = parse_constraints(row.description).enum
        named = self._named(row) if row else None
        if named is not None:
            self._fill_named(result, named, node)
        elif row is not None and looks_like_named_type(row.doc_type) and not node.children:
            self._fill_undefined_named(result, row)
        elif node.shape is not None and node.shape.kind != "scalar":
            self._fill_from_shape(result, node)
        elif node.children or (row is not None and row.looks_like_container):
            self._fill_from_cells(result, node)
        else:
            self._fill_leaf(result, node)
        return result

    def _fill_leaf(self, result: Field, node: _Node) -> None:
        row = node.row
        cell_type = normalise_type(row.doc_type, named=self.context.named) if row else None
        shown = value_type(node.shape.value) if node.shape and self.example_is_json else None
        result.type = cell_type or shown or "string"
        if row is not None and row.doc_type and cell_type is None:
            self.warn(
                row.line,
                f"response field {row.name!r}: unknown type {row.doc_type!r}, taken as {result.type}",
            )

    def _fill_from_shape(self, result: Field, node: _Node) -> None:
        shape = node.shape
        assert shape is not None
        children = [self.to_field(child) for child in node.children]
        if shape.kind == "object":
            result.type, result.model, result.fields = "object", node.name, children
            return
        result.type = "list"
        result.item_name = shape.item_name or node.item_name
        if shape.item_kind == "object" or children:
            result.item_type = "object"
            result.model = result.item_name or node.name
            result.fields = children
        else:
            result.item_type = shape.item_kind or "string"

    def _fill_from_cells(self, result: Field, node: _Node) -> None:
        """A container the example does not show: decide from the type cell, item rows and names."""
        row = node.row
        cell = (row.doc_type if row else "").strip().lower()
        children = [self.to_field(child) for child in node.children]
        is_list = (
            cell.split(" ")[0] in _LIST_CELLS
            or node.item_name is not None
            or (cell in ("", "n/a") and _plural(node.name))
        )
        if not children:
            result.type = "json" if "json" in cell else ("list" if is_list else "string")
            if is_list:
                result.item_type = "string"
            return
        if is_list:
            result.type, result.item_type = "list", "object"
            result.item_name = node.item_name or array_item_name(row.doc_type if row else "")
            result.model = result.item_name or node.name
            if result.item_name is None and row is not None:
                self.warn(
                    row.line, f"response list {node.name!r}: item wrapper name unknown (no example)"
                )
        else:
            result.type, result.model = "object", node.name
        result.fields = children

    def _fill_undefined_named(self, result: Field, row: _Row) -> None:
        """A named type the appendix does not define: a list for '*SetType' or a plural field name,
        else an object; its fields are unknown."""
        self.warn(
            row.line, f"response field {row.name!r}: named type {row.doc_type!r} is not defined"
        )
        if row.doc_type.endswith("SetType") or _plural(row.name):
            result.type, result.item_type = "list", "object"
            result.model = row.doc_type.replace("SetType", "Type")
        else:
            result.type, result.model = "object", row.doc_type

    def _fill_named(self, result: Field, named: RawNamedType, node: _Node) -> None:
        """A field typed with a named type from the appendix (003): its definition gives the fields."""
        item = self.context.named.get(named.item_type or "") if named.item_type else named
        if named.item_type:
            result.type, result.item_type, result.item_name = "list", "object", named.item_type
            result.model = named.item_type
        else:
            result.type, result.model = "object", named.name
        if item is None or item.name in self.expanding:
            if item is None:
                self.warn(
                    named.line,
                    f"named type {named.item_type!r} (item of {named.name}) is not defined",
                )
            return
        self.expanding.add(item.name)
        rows = [_clean_row(raw) for raw in item.fields]
        for row in rows:
            if row.parent == item.name:
                row.parent = None  # the definition's own rows: top level of the item
        inner = self.place_all(rows, node.shape)
        result.fields = [self.to_field(child) for child in inner.children]
        self.expanding.discard(item.name)


def _is_item_row(container: _Node, row: _Row) -> bool:
    """'TagResources  Array of TagResource' or 'RouteEntrys' followed by a typeless 'TagResource' /
    'RouteEntry' row: the list's element, not a field."""
    if container.row is None or container.children or row.doc_type not in ("", "N/A"):
        return False
    wanted = name_key(row.name)
    named_item = array_item_name(container.row.doc_type) or (
        container.shape.item_name if container.shape else None
    )
    if named_item is not None:
        return name_key(named_item) == wanted
    return name_key(container.name) in (wanted + "s", wanted + "set", wanted + "list")


def _opaque(node: _Node) -> bool:
    """A nested open container whose members the example does not show."""
    return node.row is not None and (node.shape is None or not node.shape.members)


def _close_repeated(row: _Row, stack: list[_Node]) -> list[_Node]:
    """A name the innermost opaque container already holds starts the next level up (000
    l.12148: the VBR's own 'CircuitCode' after its associated physical connection's)."""
    inner = stack[-1]
    if len(stack) > 2 and _opaque(inner) and _holds(inner, row.name):
        return stack[:-1]
    return stack


def _held_by_opaque(row: _Row, stack: list[_Node], uses_marks: bool, later: dict[str, int]) -> bool:
    """Does a row belong to the innermost opaque container even though the example shows its name
    higher up? Yes when the table repeats the name further down (000 l.12084 'LocalGatewayIp' of
    an associated physical connection, then l.12175 the VBR's own), or when the level the example
    shows it at already has it (000 l.27886 'IpAddress' of a public IP address, after l.27869 the
    Global Acceleration instance's own)."""
    if len(stack) < 3 or not _opaque(stack[-1]) or (uses_marks and not row.marked):
        return False
    if later.get(name_key(row.name), 0) > 0:
        return True
    return any(_shows(node, row.name) and _holds(node, row.name) for node in stack[1:-1])


def _holds(node: _Node, name: str) -> bool:
    return any(name_key(child.name) == name_key(name) for child in node.children)


def _close_unshown(row: _Row, stack: list[_Node]) -> list[_Node]:
    """A container row after a nested container the example does not show is its sibling."""
    while len(stack) > 2 and stack[-1].shape is None and row.looks_like_container:
        stack = stack[:-1]
    return stack


def _shows(node: _Node, name: str) -> bool:
    """Does the example show `name` among the node's members?"""
    return node.shape is not None and node.shape.member(name) is not None


def _example_node(name: str, shape: Shape) -> _Node:
    return _Node(
        name, None, shape, [_example_node(key, inner) for key, inner in shape.members.items()]
    )


def _plural(name: str) -> bool:
    return name.endswith(("s", "Set", "List"))


def _cell_example_shape(example: str | None, name: str) -> Shape | None:
    """'{ "VSwitchId": [] }' in an example cell shows the node's shape."""
    text = (example or "").strip()
    if not text.startswith(("{", "[")):
        return None
    value = parse_json_example(text)
    if not isinstance(value, (dict, list)):
        return None
    shape = shape_of(value, name)
    if shape.kind == "list" and not shape.item_kind:
        shape.item_kind = "string"  # a cell's '[]' stands for a list of ids, not of objects
    return shape
