"""Group flat wire parameters (`Tag.N.Key`, `Filter.N.Value.M`, `TagKey.N`) into a tree.

A wire name is split at dots; an `N`/`M` segment (either case) or a number marks the segment
before it as a list (documents sometimes list fixed positions: `Filter.1.Key`, `Filter.2.Key`). `Tag.N.Key` + `Tag.N.Value` become one list node `Tag` with two leaf children; `TagKey.N` a
list leaf; `Filter.N.Value.M` a list node `Filter` whose child `Value` is itself a list leaf.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model import Parameter

_INDEX_MARKERS = frozenset({"N", "M"})


@dataclass
class ParamNode:
    """One segment of a wire name: a leaf carries its `Parameter`, a group its `children`."""

    wire: str
    indexed: bool = False
    param: Parameter | None = None
    children: dict[str, ParamNode] = field(default_factory=dict)

    @property
    def required(self) -> bool:
        """A group is required when any parameter below it is."""
        if self.param is not None and self.param.required:
            return True
        return any(child.required for child in self.children.values())

    def leaves(self) -> list[Parameter]:
        """Every parameter at or below this node, in wire order."""
        found = [self.param] if self.param is not None else []
        for child in self.children.values():
            found.extend(child.leaves())
        return found


def split_wire_name(name: str) -> list[tuple[str, bool]]:
    """`Filter.N.Value.M` -> [("Filter", True), ("Value", True)]."""
    segments = [segment.strip() for segment in name.split(".") if segment.strip()]
    path: list[tuple[str, bool]] = []
    for segment in segments:
        if (segment.upper() in _INDEX_MARKERS or segment.isdigit()) and path:
            path[-1] = (path[-1][0], True)
        else:
            path.append((segment, False))
    return path


def build_tree(parameters: list[Parameter]) -> list[ParamNode]:
    """Top-level nodes in the order their first parameter is documented."""
    root = ParamNode(wire="")
    for param in parameters:
        node = root
        for segment, indexed in split_wire_name(param.name):
            child = node.children.get(segment)
            if child is None:
                child = node.children[segment] = ParamNode(wire=segment)
            child.indexed = child.indexed or indexed
            node = child
        if node.param is None:
            node.param = param
    return list(root.children.values())
