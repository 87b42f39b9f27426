"""Conformance: the official SDKs call every operation they share with the spec against the simulator.

Clients: aliyun-python-sdk-core + aliyun-python-sdk-vpc ("core"), and alibabacloud-vpc20160428
(Tea) signing v1 (`signature_algorithm="v2"`, RPC) and V3 (its default, ACS3-HMAC-SHA256). Each
operation gets its required parameters from the spec's examples (conformance_support.py), with the
resources a call needs created first. A Tea call also passes only when the official response model
read the answer: a body (never `body=None`) and every field of the answer the model has a field for.
"""

from __future__ import annotations

import functools
import importlib
import json
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conformance_support import (
    REGION,
    CallPlan,
    Outcome,
    load_operations,
    nested,
    run_all,
    tea_field_is_scalar,
    tea_wire_names,
    unread_fields,
)

from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator
from aliyun_vpc_simulator.service import UNDOCUMENTED_HEADER
from aliyun_vpc_simulator.spec_index import SpecIndex

pytest.importorskip("aliyunsdkcore")
pytest.importorskip("aliyunsdkvpc")
pytest.importorskip("alibabacloud_vpc20160428")

import aliyunsdkvpc.request.v20160428 as core_requests  # type: ignore[import-untyped]
from alibabacloud_tea_openapi import utils_models as tea_utils  # type: ignore[import-untyped]
from alibabacloud_tea_openapi.exceptions import ClientException  # type: ignore[import-untyped]
from alibabacloud_tea_openapi.models import Config  # type: ignore[import-untyped]
from alibabacloud_vpc20160428 import models as tea_models  # type: ignore[import-untyped]
from alibabacloud_vpc20160428.client import Client as TeaClient  # type: ignore[import-untyped]
from aliyunsdkcore.client import AcsClient  # type: ignore[import-untyped]
from darabonba.runtime import RuntimeOptions  # type: ignore[import-untyped]

Call = Callable[[str, dict[str, str]], dict[str, Any]]

OPERATIONS = load_operations()
CORE_MODULES = {
    info.name.removesuffix("Request").lower(): info.name
    for info in pkgutil.iter_modules(core_requests.__path__)
    if info.name.endswith("Request")
}
TEA_NAMES = {
    name.removesuffix("Request").lower(): name.removesuffix("Request")
    for name in dir(tea_models)
    if name.endswith("Request")
}
#: Operations of both the spec and the SDKs (the documents' `UntagResources` is `UnTagResources`).
SHARED = sorted(
    name for name in OPERATIONS if name.lower() in CORE_MODULES and name.lower() in TEA_NAMES
)

#: Answers the Tea model does not read completely: the documents' examples of these two operations
#: write `data` and `requestId` in lower case (their tables list only RequestId / OrderId), the SDK's
#: model reads `Data` / `RequestId`. The spec follows the documents.
KNOWN_TEA_FAILURES = {
    "CreatePhysicalConnectionOccupancyOrder": "documents: data; Tea model: Data",
    "CreatePhysicalConnectionSetupOrder": "documents: requestId (and data); Tea model: RequestId",
}
MIN_SUCCESSES = 148


@pytest.fixture(scope="module")
def simulator() -> Iterator[Simulator]:
    with Simulator(ready_after_seconds=0, ready_after_describes=0) as running:
        yield running


@pytest.fixture(scope="module")
def strict_simulator() -> Iterator[Simulator]:
    with Simulator(strict=True) as running:
        yield running


def host_of(simulator: Simulator) -> str:
    return simulator.endpoint.removeprefix("http://")


# -- the three clients ---------------------------------------------------------------------------


def core_call(simulator: Simulator) -> Call:
    """Each operation through its aliyunsdkvpc request class (setters where it has them)."""
    client = AcsClient(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, REGION)

    def call(operation: str, params: dict[str, str]) -> dict[str, Any]:
        module_name = CORE_MODULES[operation.lower()]
        module = importlib.import_module(f"{core_requests.__name__}.{module_name}")
        request = getattr(module, module_name)()
        for key, value in params.items():
            setter = getattr(request, f"set_{key}", None)
            if setter is not None and "." not in key:
                setter(value)
            else:
                request.add_query_param(key, value)
        request.set_endpoint(host_of(simulator))
        request.set_protocol_type("http")
        answer: dict[str, Any] = json.loads(client.do_action_with_exception(request))
        return answer

    return call


def tea_client(simulator: Simulator, signature_algorithm: str | None) -> TeaClient:
    config = Config(
        access_key_id=DEFAULT_ACCESS_KEY_ID,
        access_key_secret=DEFAULT_ACCESS_KEY_SECRET,
        region_id=REGION,
        endpoint=host_of(simulator),
        protocol="http",
        signature_algorithm=signature_algorithm,
    )
    return TeaClient(config)


def tea_request(operation: str, params: dict[str, str]) -> Any:
    """The Tea request model of an operation, read from the wire parameters (case as the SDK's)."""
    model = getattr(tea_models, TEA_NAMES[operation.lower()] + "Request")()
    spelled = {wire.lower(): wire for wire in tea_wire_names(model)}
    values = {spelled.get(key.lower(), key): value for key, value in nested(params).items()}
    return model.from_map(values)


def tea_call(client: TeaClient) -> Call:
    """Each operation through its typed method; the raw answer is kept to check the model's read."""
    methods = {name.replace("_", ""): name for name in dir(client) if not name.startswith("_")}
    raw: dict[str, Any] = {}
    call_api = client.call_api

    def recording_call_api(params: Any, request: Any, runtime: Any) -> dict[str, Any]:
        result: dict[str, Any] = call_api(params, request, runtime)
        raw["body"] = result.get("body")
        return result

    client.call_api = recording_call_api

    def call(operation: str, params: dict[str, str]) -> dict[str, Any]:
        method = getattr(client, methods[TEA_NAMES[operation.lower()].lower()])
        response = method(tea_request(operation, params))
        if response.body is None:
            raise AssertionError("body=None")
        unread = unread_fields(raw["body"], response.body)
        if unread:
            raise AssertionError(f"the response model did not read {unread}")
        answer: dict[str, Any] = raw["body"]
        return answer

    return call


CLIENTS: dict[str, Callable[[Simulator], Call]] = {
    "core": core_call,
    "tea-v1": lambda simulator: tea_call(tea_client(simulator, "v2")),
    "tea-v3": lambda simulator: tea_call(tea_client(simulator, None)),
}


def failures(outcomes: list[Outcome]) -> dict[str, str]:
    return {outcome.operation: outcome.error for outcome in outcomes if outcome.error}


@pytest.mark.parametrize("client_name", sorted(CLIENTS))
def test_official_client_calls_every_operation(simulator: Simulator, client_name: str) -> None:
    call = CLIENTS[client_name](simulator)
    outcomes = list(run_all(CallPlan(OPERATIONS, {}), SHARED, call))
    failed = failures(outcomes)
    assert len(outcomes) == len(SHARED) >= 150
    assert not set(failed) - set(KNOWN_TEA_FAILURES), failed
    assert len(outcomes) - len(failed) >= MIN_SUCCESSES, failed


def test_wrapped_lists_are_read_by_the_official_models(simulator: Simulator) -> None:
    client = tea_client(simulator, None)
    flow_logs = client.describe_flow_logs(tea_request("DescribeFlowLogs", {"RegionId": REGION}))
    assert flow_logs.body is not None
    assert flow_logs.body.flow_logs.flow_log[0].flow_log_id
    tables = client.describe_route_tables(tea_request("DescribeRouteTables", {}))
    assert tables.body is not None
    assert tables.body.route_tables.route_table[0].route_table_id


# -- parameters the SDK offers and the documents do not list -------------------------------------


@functools.cache
def _packaged_traits() -> Any:
    """The packaged spec's traits, read once (the spec JSON is 2.4 MB)."""
    return SpecIndex.load().traits


def sdk_undocumented(operation: str) -> list[tuple[str, str]]:
    """(wire key, value) of each parameter of the Tea model the documents do not list."""
    documented = {
        item["name"].split(".")[0].lower() for item in OPERATIONS[operation]["parameters"]
    }
    model = getattr(tea_models, TEA_NAMES[operation.lower()] + "Request")()
    traits = _packaged_traits()  # the owner and region parameters every request may carry
    extra: list[tuple[str, str]] = []
    for wire, attribute in sorted(tea_wire_names(model).items()):
        if wire.lower() in documented or wire in traits.owner_parameters:
            continue
        if wire == traits.region_parameter:
            continue
        scalar = tea_field_is_scalar(model, attribute, wire)
        extra.append((wire if scalar else f"{wire}.1", "1"))
    return extra


def raw_call(
    client: TeaClient, operation: str, query: dict[str, str], form: dict[str, str]
) -> dict[str, Any]:
    """The SDK's generic call (what its typed methods use): query string plus a form body."""
    params = tea_utils.Params(
        action=TEA_NAMES[operation.lower()],
        version="2016-04-28",
        protocol="HTTP",
        pathname="/",
        method="POST",
        auth_type="AK",
        style="RPC",
        req_body_type="formData",
        body_type="json",
    )
    request = tea_utils.OpenApiRequest(query=query, body=form or None)
    answer: dict[str, Any] = client.call_api(params, request, RuntimeOptions())
    return answer


def test_sdk_only_parameters_are_accepted_and_noted(simulator: Simulator) -> None:
    """Every operation, sent (Tea V3, form body) with all of the SDK's undocumented parameters."""
    client = tea_client(simulator, None)
    noted: dict[str, str] = {}

    def call(operation: str, params: dict[str, str]) -> dict[str, Any]:
        extra = dict(sdk_undocumented(operation))
        answer = raw_call(client, operation, params, extra)
        noted[operation] = answer["headers"].get(UNDOCUMENTED_HEADER, "")
        body: dict[str, Any] = answer["body"]
        return body

    failed = failures(list(run_all(CallPlan(OPERATIONS, {}), SHARED, call)))
    assert not set(failed) - set(KNOWN_TEA_FAILURES), failed
    for operation, header in noted.items():
        assert header.split(",") == sorted(key for key, _ in sdk_undocumented(operation)) or (
            header == "" and not sdk_undocumented(operation)
        ), operation
    assert sum(len(sdk_undocumented(name)) for name in SHARED) > 100


def test_strict_mode_refuses_each_sdk_only_parameter(strict_simulator: Simulator) -> None:
    client = tea_client(strict_simulator, None)
    checked = 0
    for operation in SHARED:
        required = CallPlan(OPERATIONS, {}).wire_params(operation)
        for key, value in sdk_undocumented(operation):
            with pytest.raises(ClientException) as refused:
                raw_call(client, operation, required, {key: value})
            assert refused.value.code == "UnsupportedParameter", (operation, key)
            assert key in refused.value.message
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("client_name", ["tea-v1", "tea-v3"])
def test_strict_mode_accepts_owner_parameters(
    strict_simulator: Simulator, client_name: str
) -> None:
    client = tea_client(strict_simulator, "v2" if client_name == "tea-v1" else None)
    owners = {"OwnerId": 1, "ResourceOwnerId": 2, "ResourceOwnerAccount": "a", "OwnerAccount": "b"}
    request = tea_models.DescribeVpcsRequest(region_id=REGION).from_map(owners)
    response = client.describe_vpcs(request)
    assert response.status_code == 200
    assert UNDOCUMENTED_HEADER not in response.headers
