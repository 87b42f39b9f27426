"""Calls for the conformance suite: every operation the official SDKs have, filled from the spec.

Each operation's required parameters take the spec's example (or, when the example does not fit the
documented type / enum / range, the first value that does); ids of the resource families the
simulator keeps state for are replaced by resources created earlier in the same run. Operations run
in the order creates (parents first), everything else, deletes (children first).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aliyun_vpc._wire_params import position_key, unflatten
from aliyun_vpc_simulator.families import packaged_families
from aliyun_vpc_simulator.spec_index import ParameterRule
from aliyun_vpc_simulator.validation import value_is_valid

SPEC_PATH = (
    Path(__file__).resolve().parents[1]
    / "generated"
    / "aliyun_vpc_simulator"
    / "data"
    / "spec.json"
)
REGION = "cn-hangzhou"
_CREATES = [family.create for family in packaged_families()]
_DELETES = [family.delete for family in reversed(packaged_families())]


def load_operations() -> dict[str, dict[str, Any]]:
    """The packaged spec's operations by name."""
    data = json.loads(SPEC_PATH.read_text("utf-8"))
    return {item["name"]: item for item in data["operations"]}


def run_order(names: Iterable[str]) -> list[str]:
    """Creates (parents first), then the rest by name, then deletes (children first)."""
    chosen = set(names)
    middle = sorted(chosen - set(_CREATES) - set(_DELETES))
    return (
        [name for name in _CREATES if name in chosen]
        + middle
        + [name for name in _DELETES if name in chosen]
    )


def wire_key(name: str) -> str:
    """A documented name with its list indexes filled: "Tag.N.Key" -> "Tag.1.Key"."""
    return position_key(name)


def fitting_value(parameter: dict[str, Any]) -> str:
    """The spec's example when it fits the documented rule, else the first value that does."""
    rule = ParameterRule.from_dict(parameter)
    candidates: list[Any] = [parameter.get("example"), rule.default, *rule.enum]
    if rule.type in ("integer", "long", "float", "double"):
        candidates += [rule.minimum, 1]
    candidates += {"boolean": ["false"], "json": ["{}"]}.get(rule.type, [])
    candidates.append("x" * max(rule.min_length or 1, 1))
    for candidate in candidates:
        if candidate is None or candidate == "":
            continue
        text = _as_text(candidate)
        if value_is_valid(rule, text):
            return text
    raise AssertionError(f"no valid value for {parameter['name']}")


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else json.dumps(value)


@dataclass
class CallPlan:
    """Parameters of each operation, with created resource ids substituted as they become known."""

    operations: dict[str, dict[str, Any]]
    created: dict[str, str]  # id field -> id of the resource this run created

    def wire_params(self, operation: str) -> dict[str, str]:
        """The operation's required parameters as wire keys and values."""
        params: dict[str, str] = {}
        for parameter in self.operations[operation].get("parameters", []):
            name = parameter["name"]
            if name == "Action" or not (parameter.get("required") or name in self.created):
                continue
            if name == "RegionId":
                params[name] = REGION
            elif name in self.created:
                params[name] = self.created[name]
            else:
                params[wire_key(name)] = fitting_value(parameter)
        return params

    def remember(self, operation: str, answer: dict[str, Any]) -> None:
        """Keep the id a create answered with, for the calls that follow."""
        for family in packaged_families():
            if family.create == operation and isinstance(answer.get(family.id_field), str):
                self.created[family.id_field] = answer[family.id_field]


def nested(params: dict[str, str]) -> dict[str, Any]:
    """Flat wire keys as the nested map the Tea models read: "Tag.1.Key" -> {"Tag": [{"Key": ..}]}."""
    return unflatten(params)


@dataclass
class Outcome:
    operation: str
    error: str | None  # None: success


def run_all(
    plan: CallPlan, names: Iterable[str], call: Callable[[str, dict[str, str]], dict[str, Any]]
) -> Iterator[Outcome]:
    """Call each operation in run order; `call` answers the decoded body or raises."""
    for operation in run_order(names):
        try:
            answer = call(operation, plan.wire_params(operation))
        except Exception as error:  # noqa: BLE001 - each failure is reported, not fatal
            yield Outcome(operation, f"{type(error).__name__}: {error}"[:300])
            continue
        plan.remember(operation, answer)
        yield Outcome(operation, None)


class _Probe(list):  # type: ignore[type-arg]
    """Stands in for any attribute of a Tea model: a scalar, a sub-model or a list of them."""

    def to_map(self) -> dict[str, Any]:
        return {}


def tea_wire_names(model: Any) -> dict[str, str]:
    """A Tea model's wire names -> attribute names (each attribute probed alone)."""
    names: dict[str, str] = {}
    for attribute in vars(model):
        probe = type(model)()
        setattr(probe, attribute, _Probe())
        for wire in probe.to_map():
            names[wire] = attribute
    return names


def tea_field_is_scalar(model: Any, attribute: str, wire: str) -> bool:
    """Whether a Tea model's field holds one value (not a list or a sub-model)."""
    probe = type(model)()
    setattr(probe, attribute, _Probe())
    return isinstance(probe.to_map().get(wire), _Probe)


def unread_fields(raw: Any, model: Any, path: str = "") -> list[str]:
    """Paths of `raw` (the JSON answer) the Tea `model` knows a field for but did not read.

    A field the model knows in another case (`BGPGroups` for its `BgpGroups`) counts as unread;
    fields the model has no attribute for at all are the SDK's choice and not counted.
    """
    if not isinstance(raw, dict) or not hasattr(model, "to_map"):
        return []
    lost: list[str] = []
    names = tea_wire_names(model)
    folded = {wire.lower() for wire in names}
    for key, value in raw.items():
        attribute = names.get(key)
        if attribute is None and key.lower() in folded:
            lost.append(f"{path}.{key} (the model reads another case)")
        if attribute is None or value is None:
            continue
        read = getattr(model, attribute)
        where = f"{path}.{key}"
        if read is None:
            lost.append(where)
        elif isinstance(value, list):
            if not isinstance(read, list) or len(read) != len(value):
                lost.append(where)
            else:
                for index, (item, item_model) in enumerate(zip(value, read)):
                    lost += unread_fields(item, item_model, f"{where}[{index}]")
        else:
            lost += unread_fields(value, read, where)
    return lost
