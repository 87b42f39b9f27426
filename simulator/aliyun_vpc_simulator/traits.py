"""The service traits and paginators the simulator follows, read from its spec data.

The generator writes them next to the operations (`traits` and `paginators` in `spec.json`, from
spec/behaviour.yaml and spec/paginators.yaml), so the simulator holds no fact about the API itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ServiceTraits:
    idempotency_token: str  # the parameter whose repeated value replays the first answer
    region_parameter: str  # accepted by every operation, never required (the SDKs add it)
    owner_parameters: frozenset[str]  # accepted by every operation though rarely documented
    retryable_codes: tuple[str, ...]  # transient server codes: what an injected server error says
    throttling_prefix: str  # the code of an injected throttling answer
    filter_parameter: str  # key/value filters: <filter_parameter>.N.<filter_key> and
    filter_key: str  # <filter_parameter>.N.<filter_value>.M
    filter_value: str

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ServiceTraits:
        """From the spec data's `traits`; a spec without them (the simulated STS) has none: no
        token, region or owner parameter, no filter, no injected error codes."""
        traits = data.get("traits")
        if traits is None:
            return cls("", "", frozenset(), (), "", "", "", "")
        return cls(
            idempotency_token=traits["idempotency_token"],
            region_parameter=traits["region_parameter"],
            owner_parameters=frozenset(traits["owner_parameters"]),
            retryable_codes=tuple(traits["retryable_codes"]),
            throttling_prefix=traits["throttling_prefix"],
            filter_parameter=traits["filter"]["parameter"],
            filter_key=traits["filter"]["key"],
            filter_value=traits["filter"]["value"],
        )


@dataclass(frozen=True)
class Paging:
    """How a describe operation pages (its reviewed paginator entry, wire names)."""

    input_page: str
    input_size: str
    output_total: str | None

    @property
    def parameters(self) -> tuple[str, str]:
        return (self.input_page, self.input_size)

    @classmethod
    def table(cls, data: Mapping[str, Any]) -> dict[str, Paging]:
        """Page-style paginators by operation, from the spec data's `paginators`."""
        return {
            operation: cls(entry["input_page"], entry["input_size"], entry.get("output_total"))
            for operation, entry in (data.get("paginators") or {}).items()
            if entry.get("style") == "page"
        }
