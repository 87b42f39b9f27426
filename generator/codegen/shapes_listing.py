"""`spec/shapes.yaml`: the shared shapes and the request trees, written by extract for review.

The file is derived (extract rewrites it, `check` reports it stale): it shows which operations use
each shape, the names their uses proposed, and each operation's structured request parameters
(lists and objects) as a tree of shapes (`Tag: list[Tag]`, `ResourceId: list[str]`), so that a
reviewer sees a new or renamed shape in the spec diff. Decisions about shapes go into
`spec/shape_overrides.yaml`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.codegen.models import EnumClass, ModelClass, build_module
from generator.codegen.shapes import load_overrides, share
from generator.model import Spec
from generator.spec_io import dump_yaml

SHAPES_FILE = "shapes.yaml"
_HEADER = (
    "# Shapes shared by operations, derived from operations/ by `python -m generator extract`\n"
    "# (rules: generator/codegen/shapes.py; do not edit). Split or rename shapes in\n"
    "# shape_overrides.yaml, each decision with its reason.\n"
)


def shapes_yaml(spec: Spec, overrides_file: Path | None) -> str:
    """The listing for `spec`, with the overrides in `overrides_file` applied."""
    modules = [build_module(op) for op in spec.operations]
    shared = share(modules, load_overrides(overrides_file) if overrides_file else [])
    enums: dict[str, Any] = {}
    structures: dict[str, Any] = {}
    for family in shared.families:
        for enum in family.enums:
            enums[enum.name] = _entry(enum, family.module, shared.proposals[enum.name])
        for model in (model for model in family.classes if not model.root):
            structures[model.name] = _entry(model, family.module, shared.proposals[model.name])
    requests: dict[str, Any] = {}
    for module in modules:
        tree = {
            attr.wire: attr.annotation.removesuffix(" | None")
            for attr in module.request.attributes
            if attr.annotation.startswith("list[")
            or (attr.type_ref.targets and not isinstance(attr.type_ref.targets[0], EnumClass))
        }
        if tree:
            requests[module.operation.name] = tree
    data = {
        "enums": dict(sorted(enums.items())),
        "structures": dict(sorted(structures.items())),
        "requests": requests,
    }
    return _HEADER + dump_yaml(data)


def _entry(shape: EnumClass | ModelClass, module: str, proposed: list[str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"module": module}
    if isinstance(shape, EnumClass):
        entry["values"] = list(shape.values)
    else:
        entry["fields"] = {
            attr.wire: attr.annotation.removesuffix(" | None") for attr in shape.attributes
        }
    names = sorted(set(proposed) - {shape.name})
    if names:
        entry["proposed"] = names
    entry["operations"] = shape.users
    return entry
