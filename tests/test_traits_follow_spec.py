"""The runtime and the simulator follow the spec's traits, paginators and waiters: change a copy of
the spec files, regenerate, and the behaviour changes with no Python change.

Runtime: the operations table is rendered from the changed copy (mini spec, reviewed files in a
temporary folder) and put in place of the packaged one; the real runtime (call preparation, retry
classification, error classes, pagination) then runs on it. Simulator: the simulator is started on
a spec data file whose traits were changed.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from test_simulator import REGION, call

from aliyun_vpc.client import VpcClient
from aliyun_vpc.exceptions import (
    ClientError,
    ParamValidationError,
    ThrottlingError,
    WaiterTimeoutError,
)
from aliyun_vpc.parsing import api_error
from aliyun_vpc.retries import Failure, RetryPolicy
from aliyun_vpc_simulator import Simulator
from generator.codegen.package import SDK_DIR, SDK_PACKAGE, render_package
from generator.codegen.traits import DEFAULT_FILES, behaviour_files_for
from generator.model import Spec, from_dict

FIXTURES = Path(__file__).parent / "fixtures"
MINI_SPEC = FIXTURES / "mini_spec.json"
SIM_SPEC = FIXTURES / "sim_spec.json"
#: The generated modules a test replaces: the operations table and the service traits.
GENERATED_MODULES = ("operations", "service")


def _spec(renames: dict[str, str] | None = None, codes: tuple[str, ...] = ()) -> Spec:
    """The mini spec, with request parameters renamed (`{"ClientToken": "RequestToken"}`) and
    common error `codes` added (HTTP 400)."""
    data = json.loads(MINI_SPEC.read_text(encoding="utf-8"))
    data["service"]["common_errors"] += [{"code": code, "http_status": 400} for code in codes]
    for op in data["operations"]:
        for param in op["parameters"]:
            param["name"] = (renames or {}).get(param["name"], param["name"])
    spec: Spec = from_dict(Spec, data)
    return spec


def _tables(tmp_path: Path, spec: Spec, **edits: list[tuple[str, str]]) -> dict[str, ModuleType]:
    """The operations and service modules generated from `spec` and a fresh copy of the reviewed
    files, each edited by `file=[(old text, new text), ...]`."""
    folder = tmp_path / "rules"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name in ("paginators", "waiters"):
        shutil.copy(FIXTURES / "mini_behaviour" / f"{name}.yaml", folder / f"{name}.yaml")
    shutil.copy(DEFAULT_FILES.behaviour, folder / "behaviour.yaml")
    for name, replacements in edits.items():
        path = folder / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    files = render_package(spec, behaviour_files_for(folder))
    modules = {}
    for name in GENERATED_MODULES:
        qualified = f"{SDK_PACKAGE}.{name}"
        module = ModuleType(qualified)
        source = files[f"{SDK_DIR}/{name}.py"]
        exec(compile(source, qualified, "exec"), module.__dict__)  # noqa: S102 (our own output)
        modules[qualified] = module
    return modules


@pytest.fixture
def install(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Put generated modules in place of the packaged ones for one test; returns the operations
    module."""

    def put(modules: dict[str, ModuleType]) -> ModuleType:
        for name, module in modules.items():
            monkeypatch.setitem(sys.modules, name, module)
        return modules[f"{SDK_PACKAGE}.operations"]

    yield put


def test_retryable_codes_and_the_throttling_rule_come_from_the_spec(
    tmp_path: Path, install: Any
) -> None:
    policy = RetryPolicy()
    assert policy.classify_api_error("InternalError", 400) is Failure.MAYBE_PROCESSED
    assert policy.classify_api_error("SystemBusy", 400) is Failure.FINAL
    install(
        _tables(
            tmp_path,
            _spec(codes=("SystemBusy",)),
            behaviour=[
                (
                    "retryable_codes: [ServiceUnavailable, InternalError]",
                    "retryable_codes: [SystemBusy]",
                )
            ],
        )
    )
    assert policy.classify_api_error("SystemBusy", 400) is Failure.MAYBE_PROCESSED
    assert policy.classify_api_error("InternalError", 400) is Failure.FINAL
    assert isinstance(api_error({"Code": "Throttling.Api"}, 400, "DescribeVpcs"), ThrottlingError)

    install(
        _tables(
            tmp_path,
            _spec(codes=("FlowControl",)),
            behaviour=[("throttling_prefix: Throttling", "throttling_prefix: FlowControl")],
        )
    )
    assert isinstance(api_error({"Code": "FlowControl.Api"}, 400, "DescribeVpcs"), ThrottlingError)
    assert policy.classify_api_error("FlowControl.Api", 400) is Failure.THROTTLED
    refused = api_error({"Code": "Throttling.Api"}, 400, "DescribeVpcs")
    assert type(refused) is ClientError
    assert policy.classify_api_error("Throttling.Api", 400) is Failure.FINAL


def test_the_token_and_region_parameters_come_from_the_spec(tmp_path: Path, install: Any) -> None:
    """Rename the token and region parameters in the spec copy and its traits: every call fills
    in the new names."""
    spec = _spec({"ClientToken": "RequestToken", "RegionId": "Zone"})
    renamed = [
        ("idempotency_token: ClientToken", "idempotency_token: RequestToken"),
        ("region_parameter: RegionId", "region_parameter: Zone"),
    ]
    with pytest.raises(ValueError, match="no operation takes a parameter 'ClientToken'"):
        _tables(tmp_path, spec)  # the traits must follow the rename
    tables = install(_tables(tmp_path, spec, behaviour=renamed))
    create = tables.OPERATIONS["CreateVpc"]
    assert create.client_token and create.region_id
    with VpcClient(access_key_id="id", access_key_secret="secret", region_id="cn-x") as client:
        prepared = client._core.prepare(create, {"CidrBlock": "10.0.0.0/8"})
    assert prepared["Zone"] == "cn-x" and len(prepared["RequestToken"]) == 36
    assert not {"RegionId", "ClientToken"} & set(prepared)


def _walk(pages: list[dict[str, Any]]) -> tuple[list[Any], list[httpx.Request]]:
    """`paginate("describe_vpcs")` over canned pages: the pages yielded and the requests sent."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=pages[len(sent) - 1])

    client = VpcClient(
        access_key_id="id",
        access_key_secret="s",
        region_id="cn-x",
        transport=httpx.MockTransport(answer),
    )
    with client:
        return list(client.paginate("describe_vpcs")), sent


def test_pagination_follows_the_paginator_entry(tmp_path: Path, install: Any) -> None:
    """With `output_total` in the entry the walk stops once the total is seen; without it, it asks
    for the next page (the entry's `input_page`) until one comes back empty."""
    first = {"Vpcs": {"Vpc": [{"VpcId": "vpc-1"}]}, "TotalCount": 1, "PageNumber": 1}
    empty = {"Vpcs": {"Vpc": []}, "TotalCount": 1, "PageNumber": 2}
    install(_tables(tmp_path, _spec()))
    pages, sent = _walk([first, empty])
    assert (len(pages), len(sent)) == (1, 1)
    untotalled = [("output_items: Vpcs\n    output_total: TotalCount", "output_items: Vpcs")]
    install(_tables(tmp_path, _spec(), paginators=untotalled))
    pages, sent = _walk([first, empty])
    assert len(sent) == 2 and b"PageNumber=2" in sent[1].content


def test_a_removed_paginator_entry_removes_pagination(tmp_path: Path, install: Any) -> None:
    text = (FIXTURES / "mini_behaviour" / "paginators.yaml").read_text(encoding="utf-8")
    start = text.index("  DescribeVpcs:")
    install(_tables(tmp_path, _spec(), paginators=[(text[start:], "")]))
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"Vpcs": {"Vpc": []}, "TotalCount": 0})

    transport = httpx.MockTransport(answer)
    with (
        VpcClient(
            access_key_id="id", access_key_secret="s", region_id="cn-x", transport=transport
        ) as client,
        pytest.raises(ParamValidationError, match="'describe_vpcs' cannot be paginated"),
    ):
        list(client.paginate("describe_vpcs"))
    assert sent == []


def test_a_waiter_entry_is_what_wait_until_follows(tmp_path: Path, install: Any) -> None:
    """The entry's success values end the wait: `Pending` keeps the reviewed `vpc_available`
    polling until its timeout; with `success: [Pending]` in the entry, one poll is enough."""
    pending = {"Vpcs": {"Vpc": [{"VpcId": "vpc-1", "Status": "Pending"}]}, "TotalCount": 1}
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=pending)

    def wait() -> None:
        transport = httpx.MockTransport(answer)
        with VpcClient(
            access_key_id="id", access_key_secret="s", region_id="cn-x", transport=transport
        ) as client:
            client.wait_until("vpc_available", vpc_id="vpc-1", timeout=0.3, delay=0.05)

    install(_tables(tmp_path, _spec()))
    with pytest.raises(WaiterTimeoutError, match="Pending"):
        wait()
    assert len(sent) >= 2
    sent.clear()
    install(_tables(tmp_path, _spec(), waiters=[("success: [Available]", "success: [Pending]")]))
    wait()
    assert len(sent) == 1


# -- the simulator -------------------------------------------------------------------------------


def _sim_spec(tmp_path: Path, renames: dict[str, str], **traits: Any) -> Path:
    data = json.loads(SIM_SPEC.read_text(encoding="utf-8"))
    for op in data["operations"]:
        for param in op["parameters"]:
            param["name"] = renames.get(param["name"], param["name"])
    data["traits"] = {**data["traits"], **traits}
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_simulator_replays_by_the_spec_s_token_parameter(tmp_path: Path) -> None:
    path = _sim_spec(tmp_path, {"ClientToken": "RequestToken"}, idempotency_token="RequestToken")
    with Simulator(spec_path=path) as simulator:
        first, again = (
            call(simulator.endpoint, "CreateVpc", RegionId=REGION, RequestToken="t-1")
            for _ in range(2)
        )
        other = call(simulator.endpoint, "CreateVpc", RegionId=REGION, RequestToken="t-2")
    assert first.status_code == 200, first.text
    assert first.json()["VpcId"] == again.json()["VpcId"] != other.json()["VpcId"]


def test_the_simulator_accepts_the_spec_s_owner_parameters(tmp_path: Path) -> None:
    for owners, status in ((["OwnerId"], 400), (["TenantId"], 200)):
        path = _sim_spec(tmp_path, {}, owner_parameters=owners)
        with Simulator(spec_path=path, strict=True) as simulator:
            answer = call(simulator.endpoint, "DescribeVpcs", RegionId=REGION, TenantId="7")
        assert answer.status_code == status, answer.text


def test_the_simulator_injects_the_spec_s_retryable_codes(tmp_path: Path) -> None:
    path = _sim_spec(tmp_path, {}, retryable_codes=["InternalError"])
    with Simulator(spec_path=path, error_rate=1.0, seed=3) as simulator:
        codes = {
            call(simulator.endpoint, "DescribeVpcs", RegionId=REGION).json()["Code"]
            for _ in range(8)
        }
    assert codes == {"InternalError"}


def test_the_simulator_families_come_from_the_spec_data(tmp_path: Path) -> None:
    """A family's id prefix and statuses are spec data (spec/simulator.yaml): change them in the
    spec data and the simulator's resources follow."""
    data = json.loads(SIM_SPEC.read_text(encoding="utf-8"))
    vpc = next(family for family in data["simulator"]["families"] if family["name"] == "vpc")
    vpc.update(id_prefix="net-", initial_status="Creating", ready_status="Ready")
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with Simulator(spec_path=path, ready_after_seconds=60) as simulator:
        created = call(simulator.endpoint, "CreateVpc", RegionId=REGION)
        listed = call(simulator.endpoint, "DescribeVpcs", RegionId=REGION).json()
        again = call(simulator.endpoint, "DescribeVpcs", RegionId=REGION).json()
    assert created.json()["VpcId"].startswith("net-")
    statuses = [body["Vpcs"]["Vpc"][0]["Status"] for body in (listed, again)]
    assert statuses == ["Creating", "Ready"]  # ready after one describe
