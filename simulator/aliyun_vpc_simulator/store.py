"""The thread-safe in-memory store of simulated resources."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from .xml_text import has_non_xml_characters


@dataclass
class StoredResource:
    """One resource: its wire attributes plus the facts its lifecycle is computed from."""

    family: str
    resource_id: str
    attributes: dict[str, Any]
    created_at: float
    describe_count: int = 0

    def snapshot(self) -> StoredResource:
        return replace(self, attributes=dict(self.attributes))


class UnstorableValue(ValueError):
    """A value no XML answer could carry (a control character, U+FFFE...); refused, not stored."""

    def __init__(self, attribute: str) -> None:
        super().__init__(f"{attribute} holds a character XML cannot carry")
        self.attribute = attribute


def _check_storable(attributes: dict[str, Any]) -> None:
    """Raise `UnstorableValue` for the first attribute (name or text) XML could not carry."""
    for name, value in attributes.items():
        if has_non_xml_characters(name) or (
            isinstance(value, str) and has_non_xml_characters(value)
        ):
            raise UnstorableValue(name)


class ResourceStore:
    """Resources by family and id, in creation order. Every method returns copies.

    Single calls are atomic; `transaction()` holds the lock over a check-then-act sequence.
    Writes refuse values that a describe could not answer in XML (`UnstorableValue`).
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._families: dict[str, dict[str, StoredResource]] = {}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            yield

    def add(self, resource: StoredResource) -> None:
        _check_storable(resource.attributes)
        with self._lock:
            self._families.setdefault(resource.family, {})[
                resource.resource_id
            ] = resource.snapshot()

    def get(self, family: str, resource_id: str) -> StoredResource | None:
        with self._lock:
            found = self._families.get(family, {}).get(resource_id)
            return found.snapshot() if found else None

    def update(self, family: str, resource_id: str, changes: dict[str, Any]) -> bool:
        """Merge `changes` into the attributes; False when there is no such resource."""
        _check_storable(changes)
        with self._lock:
            found = self._families.get(family, {}).get(resource_id)
            if found is None:
                return False
            found.attributes.update(changes)
            return True

    def remove(self, family: str, resource_id: str) -> bool:
        with self._lock:
            return self._families.get(family, {}).pop(resource_id, None) is not None

    def all(self, family: str) -> list[StoredResource]:
        with self._lock:
            return [item.snapshot() for item in self._families.get(family, {}).values()]

    def observe(self, family: str, resource_ids: list[str]) -> None:
        """Count one more describe of each resource (drives Pending -> Available)."""
        with self._lock:
            resources = self._families.get(family, {})
            for resource_id in resource_ids:
                if resource_id in resources:
                    resources[resource_id].describe_count += 1

    def count(self, family: str, attribute: str, value: Any) -> int:
        """How many resources of `family` have `attribute` equal to `value`."""
        with self._lock:
            return sum(
                1
                for item in self._families.get(family, {}).values()
                if item.attributes.get(attribute) == value
            )
