"""The reviewed behaviour files of a spec folder, and the service traits and rules they hold.

`behaviour.yaml` holds the service-level traits (idempotency token, client-supplied region, hidden
and owner parameters, read-only prefixes, retryable codes, the error-family rule, the filter
convention) and the rules that propose paginators and waiters; `paginators.yaml` and
`waiters.yaml` hold the reviewed entries generation reads (`generator.codegen.behaviour`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from generator.spec_io import plain, yaml_problem

SPEC_DIR = Path(__file__).resolve().parents[2] / "spec"


class BehaviourFiles(NamedTuple):
    """Where the traits and rules, the paginators, the waiters and the simulator's families of a
    spec are read from."""

    behaviour: Path
    paginators: Path
    waiters: Path
    simulator: Path


def behaviour_files_for(spec_dir: Path) -> BehaviourFiles:
    """Each file from `spec_dir` when it has one, else the repository's own (like `overrides.yaml`
    for `extract --out`)."""
    return BehaviourFiles(*(_own_or_default(spec_dir, name) for name in BehaviourFiles._fields))


def _own_or_default(spec_dir: Path, name: str) -> Path:
    own = spec_dir / f"{name}.yaml"
    return own if own.is_file() else SPEC_DIR / own.name


DEFAULT_FILES = behaviour_files_for(SPEC_DIR)


@dataclass(frozen=True)
class FilterConvention:
    """A list parameter of key/value filters: `<parameter>.N.<key>`, `<parameter>.N.<value>.M`."""

    parameter: str
    key: str
    value: str

    @property
    def key_wire(self) -> str:
        return f"{self.parameter}.N.{self.key}"


@dataclass(frozen=True)
class ServiceTraits:
    """Facts about the whole service that the generator, the runtime and the simulator follow."""

    idempotency_token: str
    region_parameter: str
    hidden_parameters: frozenset[str]
    owner_parameters: tuple[str, ...]
    read_only_prefixes: tuple[str, ...]
    retryable_codes: tuple[str, ...]
    throttling_prefix: str
    server_error_status: int
    filter: FilterConvention

    def is_throttling(self, code: str) -> bool:
        return code.startswith(self.throttling_prefix)

    def as_data(self) -> dict[str, Any]:
        """Plain data for the generated runtime and simulator files."""
        return {
            "idempotency_token": self.idempotency_token,
            "region_parameter": self.region_parameter,
            "hidden_parameters": sorted(self.hidden_parameters),
            "owner_parameters": list(self.owner_parameters),
            "read_only_prefixes": list(self.read_only_prefixes),
            "retryable_codes": list(self.retryable_codes),
            "throttling_prefix": self.throttling_prefix,
            "server_error_status": self.server_error_status,
            "filter": {
                "parameter": self.filter.parameter,
                "key": self.filter.key,
                "value": self.filter.value,
            },
        }


@dataclass(frozen=True)
class PaginatorStyle:
    """One paginator proposal rule: the request and response names of a pagination style."""

    style: str
    input_page: str
    input_size: str
    output_total: str | None
    output_token: str | None


@dataclass(frozen=True)
class WaiterRule:
    """The waiter proposal rule (see `generator.codegen.proposer`)."""

    operation_prefix: str
    status_field: str
    id_suffix: str
    dropped_item_suffix: str
    success: frozenset[str]
    failure: frozenset[str]


@dataclass(frozen=True)
class Behaviour:
    traits: ServiceTraits
    paginator_styles: tuple[PaginatorStyle, ...]
    waiter_rule: WaiterRule


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML mapping as plain data; `ValueError` naming the file and line when it is not one."""
    try:
        data = plain(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    except MarkedYAMLError as exc:
        raise ValueError(yaml_problem(path, exc)) from exc
    if isinstance(data, dict):
        return data
    raise ValueError(f"{path}: expected a mapping at the top level")


def load_behaviour(path: Path = DEFAULT_FILES.behaviour) -> Behaviour:
    """Read and check `behaviour.yaml`: the traits and the proposal rules."""
    data = read_yaml(path)
    try:
        traits = data["traits"]
        proposals = data["propose"]
        waiters = proposals["waiters"]
        return Behaviour(
            traits=ServiceTraits(
                idempotency_token=str(traits["idempotency_token"]),
                region_parameter=str(traits["region_parameter"]),
                hidden_parameters=frozenset(traits["hidden_parameters"]),
                owner_parameters=tuple(traits["owner_parameters"]),
                read_only_prefixes=tuple(traits["read_only_prefixes"]),
                retryable_codes=tuple(traits["retryable_codes"]),
                throttling_prefix=str(traits["throttling_prefix"]),
                server_error_status=int(traits["server_error_status"]),
                filter=FilterConvention(**traits["filter"]),
            ),
            paginator_styles=tuple(
                PaginatorStyle(
                    style=str(item["style"]),
                    input_page=str(item["input_page"]),
                    input_size=str(item["input_size"]),
                    output_total=item.get("output_total"),
                    output_token=item.get("output_token"),
                )
                for item in proposals["paginators"]
            ),
            waiter_rule=WaiterRule(
                operation_prefix=str(waiters["operation_prefix"]),
                status_field=str(waiters["status_field"]),
                id_suffix=str(waiters["id_suffix"]),
                dropped_item_suffix=str(waiters["dropped_item_suffix"]),
                success=frozenset(waiters["success"]),
                failure=frozenset(waiters["failure"]),
            ),
        )
    except KeyError as exc:
        raise ValueError(f"{path}: missing key {exc}") from exc
    except TypeError as exc:
        raise ValueError(f"{path}: {exc}") from exc


@functools.cache
def default_traits() -> ServiceTraits:
    """The repository's own service traits (`spec/behaviour.yaml`), read once."""
    return load_behaviour().traits
