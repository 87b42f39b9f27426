"""Group documented parameters (`Tag.N.Key`, `Filter.N.Value.M`, `TagKey.N`) into a tree.

Names are read by the runtime's flattening rule (`aliyun_vpc._wire_params.documented_path`):
`Tag.N.Key` + `Tag.N.Value` become one list node `Tag` with two leaf children; `TagKey.N` a list
leaf; `Filter.N.Value.M` a list node `Filter` whose child `Value` is itself a list leaf.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aliyun_vpc._wire_params import documented_path
from generator.model import Parameter


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


def build_tree(parameters: list[Parameter]) -> list[ParamNode]:
    """Top-level nodes in the order their first parameter is documented."""
    root = ParamNode(wire="")
    for param in parameters:
        node = root
        for segment, indexed in documented_path(param.name):
            child = node.children.get(segment)
            if child is None:
                child = node.children[segment] = ParamNode(wire=segment)
            child.indexed = child.indexed or indexed
            node = child
        if node.param is None:
            node.param = param
    return list(root.children.values())
