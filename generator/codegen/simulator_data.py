"""`spec/simulator.yaml`: the simulator's resource families and common errors, checked against the
spec and shipped in the simulator's spec data (`simulator` in `spec.json`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.codegen.behaviour import EntryProblems
from generator.codegen.traits import read_yaml
from generator.model import Spec

FAMILY_KEYS = {
    "name": True,  # key -> required
    "noun": True,
    "id_field": True,
    "id_prefix": True,
    "create": True,
    "describe": True,
    "delete": True,
    "modify": False,
    "show": False,
    "not_found_code": False,
    "parent": False,
    "initial_status": False,
    "ready_status": False,
}
TOP_KEYS = (
    "status_field",
    "creation_time_field",
    "families",
    "common_errors",
    "situations",
    "error_patterns",
)


def load_simulator_data(path: Path, spec: Spec) -> dict[str, Any]:
    """The checked contents of `simulator.yaml`: known keys, parents that are families, situations
    that name common errors. Operations the spec does not document are allowed (the simulator
    serves only the documented ones, so a partial spec keeps the families it can serve);
    `undocumented_operations` lists them."""
    data = read_yaml(path)
    problems = EntryProblems(path)
    missing = [key for key in TOP_KEYS if key not in data]
    unknown = sorted(set(data) - set(TOP_KEYS))
    if missing or unknown:
        problems.add("top level", f"missing keys {missing}, unknown keys {unknown}")
        problems.raise_any()
    names = set()
    for family in data["families"]:
        label = f"family {family.get('name')}"
        names.add(family.get("name"))
        absent = [key for key, required in FAMILY_KEYS.items() if required and key not in family]
        extra = sorted(set(family) - set(FAMILY_KEYS))
        if absent or extra:
            problems.add(label, f"missing keys {absent}, unknown keys {extra}")
    for family in data["families"]:
        parent = family.get("parent")
        if parent is not None and parent.get("family") not in names:
            problems.add(f"family {family['name']}", f"unknown parent family {parent}")
    for situation, code in data["situations"].items():
        if code not in data["common_errors"]:
            problems.add(f"situation {situation}", f"{code} is not one of the common errors")
    problems.raise_any()
    return data


def undocumented_operations(data: dict[str, Any], spec: Spec) -> list[str]:
    """The operations the families name that the spec does not document."""
    operations = {op.name for op in spec.operations}
    named = [
        name
        for family in data["families"]
        for name in (
            family["create"],
            family["describe"],
            family["delete"],
            *family.get("modify", ()),
            *([family["show"]] if family.get("show") else []),
        )
    ]
    return [name for name in named if name not in operations]
