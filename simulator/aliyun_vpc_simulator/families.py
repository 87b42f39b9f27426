"""The resource families the simulator keeps state for, read from its spec data.

Each family (spec/simulator.yaml) names the operations of one resource kind and how its resources
are identified; `resources.py` runs the same create / describe / modify / delete logic for every
family. Codes and statuses are the documents' (e.g. the VPC statuses Pending / Available).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, NamedTuple


class Parent(NamedTuple):
    family: str  # the family a resource belongs to
    parameter: str  # the create parameter (and attribute) holding the parent's id


class ResourceFamily(NamedTuple):
    name: str
    noun: str  # as in the documents' codes: "DependencyViolation.VSwitch"
    id_field: str  # request parameter and response field of the id
    id_prefix: str
    create: str
    describe: str  # list operation (PageNumber / PageSize / TotalCount)
    delete: str
    modify: tuple[str, ...] = ()
    show: str | None = None  # single-resource describe, answers at the top level
    not_found_code: str = ""
    parent: Parent | None = None
    initial_status: str | None = None  # Status right after create
    ready_status: str | None = None  # Status once ready (None: it stays initial)


def families_from_data(data: Mapping[str, Any]) -> tuple[ResourceFamily, ...]:
    """The families of the spec data's `simulator` section (from spec/simulator.yaml)."""
    families = []
    for item in data.get("families", ()):
        parent = item.get("parent")
        families.append(
            ResourceFamily(
                name=item["name"],
                noun=item["noun"],
                id_field=item["id_field"],
                id_prefix=item["id_prefix"],
                create=item["create"],
                describe=item["describe"],
                delete=item["delete"],
                modify=tuple(item.get("modify", ())),
                show=item.get("show"),
                not_found_code=item.get("not_found_code", ""),
                parent=None if parent is None else Parent(parent["family"], parent["parameter"]),
                initial_status=item.get("initial_status"),
                ready_status=item.get("ready_status"),
            )
        )
    return tuple(families)


@functools.cache
def packaged_families() -> tuple[ResourceFamily, ...]:
    """The families of the packaged spec data."""
    from .spec_index import SpecIndex

    return SpecIndex.load().families
