"""The spec as the simulator reads it: operations, parameter rules and response trees from JSON."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from aliyun_vpc._wire_params import documented_path
from aliyun_vpc._wire_params import wire_pattern as documented_wire_pattern

from .errors import ErrorCatalogue, ErrorEntry, entries_from_spec
from .families import families_from_data
from .rendering import name_unnamed_wrappers
from .traits import Paging, ServiceTraits

#: Types whose value may also arrive flattened under the parameter's name (`Name.1.Key=...`).
_STRUCTURED_TYPES = frozenset({"list", "object", "json"})


@dataclass(frozen=True)
class ParameterRule:
    """One documented request parameter, with the pattern its wire keys match."""

    name: str  # as documented: "VpcId", "Tag.N.Key", "Filter.N.Value.M"
    type: str
    required: bool
    enum: tuple[str, ...]
    default: str | None
    minimum: float | None
    maximum: float | None
    min_length: int | None
    max_length: int | None
    pattern: re.Pattern[str]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParameterRule:
        return cls(
            name=data["name"],
            type=data.get("type", "string"),
            required=bool(data.get("required", False)),
            enum=tuple(str(value) for value in data.get("enum", ())),
            default=data.get("default"),
            minimum=data.get("minimum"),
            maximum=data.get("maximum"),
            min_length=data.get("min_length"),
            max_length=data.get("max_length"),
            pattern=wire_pattern(data["name"], data.get("type", "string")),
        )

    @property
    def base_name(self) -> str:
        """The name without list indexes: "Tag" for "Tag.N.Key"."""
        return documented_path(self.name)[0][0]


def wire_pattern(name: str, type_: str) -> re.Pattern[str]:
    """Regex of the wire keys a documented name stands for (the runtime's flattening rule); a
    structured type may also arrive flattened below the name."""
    return documented_wire_pattern(name, structured=type_ in _STRUCTURED_TYPES)


@dataclass(frozen=True)
class OperationSpec:
    """What the simulator needs of one operation."""

    name: str
    parameters: tuple[ParameterRule, ...]
    response_fields: tuple[dict[str, Any], ...]
    response_example: Any
    errors: dict[str, ErrorEntry]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OperationSpec:
        response = data.get("response") or []
        fields = response.get("fields", []) if isinstance(response, dict) else response
        return cls(
            name=data["name"],
            parameters=tuple(ParameterRule.from_dict(item) for item in data.get("parameters", [])),
            response_fields=tuple(fields),
            response_example=(data.get("examples") or {}).get("response_json"),
            errors=entries_from_spec(data.get("errors", [])),
        )

    def parameter(self, name: str) -> ParameterRule | None:
        """The rule documented under exactly this name."""
        return next((rule for rule in self.parameters if rule.name == name), None)

    def rule_for(self, wire_key: str) -> ParameterRule | None:
        """The rule a wire key (`Tag.1.Key`) belongs to, or None when undocumented."""
        return next((rule for rule in self.parameters if rule.pattern.fullmatch(wire_key)), None)

    def response_field(self, name: str) -> dict[str, Any] | None:
        """The top-level response field called `name`."""
        return next((item for item in self.response_fields if item["name"] == name), None)


class SpecIndex:
    """Operations by name, the service facts and traits, paging and the common error catalogue."""

    def __init__(self, data: dict[str, Any]) -> None:
        service = data.get("service", {})
        self.version: str = service.get("version", "")
        self.host_id: str = service.get("endpoint", "")
        self.common_parameters = frozenset(
            item["name"] for item in service.get("common_parameters", [])
        )
        self.errors = ErrorCatalogue.from_data(data)
        self.traits = ServiceTraits.from_data(data)
        self.paging = Paging.table(data)
        simulator = data.get("simulator") or {}
        #: The spec data's `simulator` section (spec/simulator.yaml), shared with the STS endpoint.
        self.simulator_data: dict[str, Any] = simulator
        self.families = families_from_data(simulator)
        #: The item fields holding a resource's status and its creation time.
        self.status_field: str = simulator.get("status_field", "")
        self.creation_time_field: str = simulator.get("creation_time_field", "")
        self._error_patterns: dict[str, Any] = simulator.get("error_patterns") or {}
        operations = data.get("operations", [])
        name_unnamed_wrappers(operations)
        self.operations = {item["name"]: OperationSpec.from_dict(item) for item in operations}
        self._by_folded_name = {name.lower(): spec for name, spec in self.operations.items()}

    def error_codes(self, kind: str, **values: str) -> tuple[str, ...]:
        """The operation-specific codes of a kind of problem ("malformed", "missing",
        "dependency"), `{name}`/`{noun}` filled in from `values`."""
        patterns = self._error_patterns.get(kind, ())
        listed = [patterns] if isinstance(patterns, str) else list(patterns)
        return tuple(pattern.format(**values) for pattern in listed)

    def operation(self, action: str) -> OperationSpec | None:
        """The operation an Action names; case is ignored when no name matches exactly (the
        documents' `UntagResources` is the SDKs' `UnTagResources`)."""
        return self.operations.get(action) or self._by_folded_name.get(action.lower())

    @classmethod
    def load(cls, path: Path | None = None) -> SpecIndex:
        """Read a spec JSON file; None means the packaged `aliyun_vpc_simulator/data/spec.json`."""
        if path is None:
            text = (
                resources.files(__package__ or "aliyun_vpc_simulator")
                .joinpath("data", "spec.json")
                .read_text("utf-8")
            )
        else:
            text = Path(path).read_text("utf-8")
        return cls(json.loads(text))
