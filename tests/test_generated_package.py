"""The generated package for the mini spec: imports, coverage of the spec, conversions, clients.

The package is generated into a temporary directory beside a copy of the runtime whose
`_client_base.py` is a minimal stand-in that records calls, so these tests exercise only generated
code.
"""

from __future__ import annotations

import ast
import asyncio
import enum
import importlib
import json
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any

import attrs
import pytest
from descriptor_support import descriptors
from hypothesis import given, settings
from hypothesis import strategies as st
from package_tree import assemble_package

from aliyun_vpc._operation import Operation
from generator.codegen.traits import behaviour_files_for
from generator.model import Field, Spec, from_dict

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "mini_spec.json"
MINI_BEHAVIOUR = behaviour_files_for(FIXTURE.parent / "mini_behaviour")

CLIENT_BASE_STAND_IN = '''\
"""Test stand-in for the runtime's client base: records each call, answers canned bodies."""

from __future__ import annotations

from typing import Any

from aliyun_vpc._meta import OperationMeta
from aliyun_vpc._operation import Operation, Request, Response


class _Recorder:
    def __init__(self, **options: Any) -> None:
        self.options = options
        self.calls: list[tuple[OperationMeta, dict[str, str]]] = []
        self.bodies: dict[str, dict[str, Any]] = {}

    def _answer(self, op: OperationMeta, params: dict[str, str]) -> dict[str, Any]:
        self.calls.append((op, params))
        return self.bodies.get(op.name, {})


class SyncClientBase(_Recorder):
    def _call(
        self, op: Operation[Request, Response], request: Request | None, arguments: dict[str, Any]
    ) -> Response:
        return op.parse(self._answer(op.meta, op.wire_params(request, arguments)))


class AsyncClientBase(_Recorder):
    async def _call(
        self, op: Operation[Request, Response], request: Request | None, arguments: dict[str, Any]
    ) -> Response:
        return op.parse(self._answer(op.meta, op.wire_params(request, arguments)))
'''


def load_spec() -> Spec:
    spec: Spec = from_dict(Spec, json.loads(FIXTURE.read_text(encoding="utf-8")))
    return spec


def build_package_tree(spec: Spec, root: Path) -> Path:
    """`root/aliyun_vpc`: the runtime with the client-base stand-in, and the generated files."""
    return assemble_package(
        spec, root, replace={"_client_base.py": CLIENT_BASE_STAND_IN}, reviewed=MINI_BEHAVIOUR
    )


def _forget_package() -> dict[str, ModuleType]:
    """Unload aliyun_vpc and return the unloaded modules, so they can be put back."""
    names = [n for n in sys.modules if n == "aliyun_vpc" or n.startswith("aliyun_vpc.")]
    return {name: sys.modules.pop(name) for name in names}


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec()


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory: pytest.TempPathFactory, spec: Spec) -> Path:
    return build_package_tree(spec, tmp_path_factory.mktemp("pkg"))


@pytest.fixture(scope="module")
def pkg(package_dir: Path) -> Iterator[ModuleType]:
    installed = _forget_package()
    sys.path.insert(0, str(package_dir.parent))
    try:
        yield importlib.import_module("aliyun_vpc")
    finally:
        sys.path.remove(str(package_dir.parent))
        _forget_package()
        sys.modules.update(installed)  # other test modules hold references to these


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"aliyun_vpc.{name}")


@pytest.fixture(scope="module")
def ops(pkg: ModuleType) -> dict[str, Operation[Any, Any]]:
    """The descriptors of the package built from the spec, by wire name."""
    return descriptors()


def _wire_fields(cls: type) -> dict[str, attrs.Attribute[Any]]:
    return {f.metadata["wire"]: f for f in attrs.fields(cls) if "wire" in f.metadata}


# -- coverage of the spec ------------------------------------------------------------------------


def test_every_operation_has_methods_models_and_error_entries(
    pkg: ModuleType, spec: Spec, ops: dict[str, Operation[Any, Any]]
) -> None:
    client = _module("client")
    errors = _module("errors")
    operations = _module("_generated.operations").OPERATIONS
    assert sorted(operations) == sorted(op.name for op in spec.operations)
    for op in spec.operations:
        meta = operations[op.name]
        assert meta.name == op.name
        for client_class in (client.VpcClient, client.AsyncVpcClient):
            assert callable(getattr(client_class, meta.method))
        assert asyncio.iscoroutinefunction(getattr(client.AsyncVpcClient, meta.method))
        request_class = ops[op.name].request_class
        response_class = ops[op.name].response_class
        assert getattr(pkg.models, request_class.__name__) is request_class
        assert getattr(pkg.models, response_class.__name__) is response_class
        documented = {e.code for e in op.errors}
        assert {str(code) for code in errors.OPERATION_ERRORS[op.name]} == documented
        assert meta.client_token == any(p.name == "ClientToken" for p in op.parameters)
        assert meta.region_id == any(p.name == "RegionId" for p in op.parameters)


def test_every_documented_error_code_maps_to_its_family(pkg: ModuleType, spec: Spec) -> None:
    errors = _module("errors")
    exceptions = _module("exceptions")
    entries = list(spec.service.common_errors) + [e for op in spec.operations for e in op.errors]
    assert set(errors.ERRORS_BY_CODE) == {e.code for e in entries}
    for entry in entries:
        cls = errors.ERRORS_BY_CODE[entry.code]
        assert cls.code == entry.code and errors.ErrorCode(entry.code) is cls.code
        if "Throttling" in entry.code:
            assert issubclass(cls, exceptions.ThrottlingError)
        elif entry.http_status is not None and entry.http_status >= 500:
            assert issubclass(cls, exceptions.ServerError)
        else:
            assert issubclass(cls, exceptions.ClientError)
            assert not issubclass(cls, exceptions.ThrottlingError)
    assert errors.ERRORS_BY_CODE["InvalidVpcId.NotFound"] is errors.InvalidVpcIdNotFound
    raised = errors.InvalidVpcIdNotFound(code="InvalidVpcId.NotFound", message="gone")
    assert isinstance(raised, exceptions.VpcApiError) and raised.code == "InvalidVpcId.NotFound"


# -- responses -----------------------------------------------------------------------------------


def _assert_populated(model: Any, data: Any, path: str) -> None:
    """Every key of the example sits in a documented attribute; nothing lands in `extra`."""
    assert model.extra == {}, f"{path}: undocumented keys {sorted(model.extra)}"
    fields = _wire_fields(type(model))
    for key, value in data.items():
        assert key in fields, f"{path}.{key} has no attribute"
        attribute = getattr(model, fields[key].name)
        if isinstance(attribute, list):
            items = value
            if isinstance(value, dict):
                (items,) = value.values()
            assert len(attribute) == len(items), f"{path}.{key}"
            for index, (item, raw) in enumerate(zip(attribute, items, strict=True)):
                if attrs.has(type(item)):
                    _assert_populated(item, raw, f"{path}.{key}[{index}]")
                else:
                    assert item == raw
        elif attrs.has(type(attribute)):
            _assert_populated(attribute, value, f"{path}.{key}")
        else:
            assert attribute == value, f"{path}.{key}"


def test_example_responses_parse_with_every_field_populated(
    spec: Spec, ops: dict[str, Operation[Any, Any]]
) -> None:
    examples = [op for op in spec.operations if op.examples.response_json]
    assert len(examples) == len(spec.operations)
    for op in examples:
        response_class = ops[op.name].response_class
        parsed = response_class.from_wire(op.examples.response_json)
        _assert_populated(parsed, op.examples.response_json, op.name)


def test_xml_shaped_values_are_coerced(pkg: ModuleType) -> None:
    models = _module("models")
    body = {
        "TotalCount": "2",
        "PageNumber": "1",
        "Vpcs": {
            "Vpc": {
                "VpcId": "vpc-1",
                "IsDefault": "true",
                "Status": "Available",
                "VSwitchIds": {"VSwitchId": "vsw-1"},
                "UserCidrs": "",
                "Tags": {"Tag": [{"Key": "env", "Value": "prod"}]},
                "Brand": "new",
            }
        },
        "Unexpected": {"a": 1},
    }
    parsed = models.DescribeVpcsResponse.from_wire(body)
    assert (parsed.total_count, parsed.page_number) == (2, 1)
    assert parsed.extra == {"Unexpected": {"a": 1}}
    (vpc,) = parsed.vpcs
    assert vpc.is_default is True and vpc.status is models.ResourceStatus.AVAILABLE
    assert vpc.v_switch_ids == ["vsw-1"] and vpc.user_cidrs == []
    assert vpc.tags == [models.Tag(key="env", value="prod")]
    assert vpc.extra == {"Brand": "new"}
    assert models.DescribeVpcsResponse.from_wire({}).vpcs == []


def test_enums_accept_unknown_values(pkg: ModuleType) -> None:
    models = _module("models")
    unknown = models.ResourceStatus("Deleting")
    assert unknown == "Deleting" and unknown.value == "Deleting" and str(unknown) == "Deleting"
    assert models.ResourceStatus("Deleting") is unknown
    assert models.ResourceStatus("Available") is models.ResourceStatus.AVAILABLE
    assert "Deleting" not in [member.value for member in models.ResourceStatus]
    parsed = models.Vpc.from_wire({"Status": "Deleting"})
    assert parsed.status == "Deleting"


def test_json_string_objects_are_parsed(pkg: ModuleType) -> None:
    models = _module("models")
    parsed = models.DescribeVpnConnectionResponse.from_wire({"IkeConfig": '{"IkeMode": "main"}'})
    assert parsed.ike_config == models.IkeConfig(ike_mode="main")


def test_values_contradicting_their_type_are_kept_and_reported_once(
    pkg: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    models = _module("models")
    body = {
        "EnableDpd": "maybe",
        "CreateTime": "abc",
        "IkeConfig": ["not", "an", "object"],
        "VcoHealthCheck": {"Interval": 2.5, "Retry": "3", "Dip": 7},
        "Name": {"nested": True},
    }
    with caplog.at_level("WARNING", logger="aliyun_vpc"):
        first = models.DescribeVpnConnectionResponse.from_wire(body)
        second = models.DescribeVpnConnectionResponse.from_wire(body)
    assert first == second
    assert (first.enable_dpd, first.create_time, first.ike_config, first.name) == (None,) * 4
    assert first.extra == {
        key: body[key] for key in ("EnableDpd", "CreateTime", "IkeConfig", "Name")
    }
    health = first.vco_health_check
    assert (health.interval, health.retry, health.dip) == (None, 3, "7")  # lossless only
    assert health.extra == {"Interval": 2.5}
    reported = sorted(r.getMessage().split(":")[0].rsplit(".", 1)[1] for r in caplog.records)
    assert reported == ["CreateTime", "EnableDpd", "IkeConfig", "Interval", "Name"]


def test_lists_with_unconvertible_items_are_kept_whole(pkg: ModuleType) -> None:
    models = _module("models")
    parsed = models.DescribeVpcsResponse.from_wire(
        {"TotalCount": 5.0, "Vpcs": {"Vpc": [{"VpcId": "vpc-1"}, "vpc-2"]}}
    )
    assert parsed.total_count == 5 and parsed.vpcs == []
    assert parsed.extra == {"Vpcs": {"Vpc": [{"VpcId": "vpc-1"}, "vpc-2"]}}
    vpc = models.Vpc.from_wire({"VSwitchIds": {"VSwitchId": [{"Id": 1}]}, "Status": 3})
    assert vpc.v_switch_ids == [] and vpc.extra == {"VSwitchIds": {"VSwitchId": [{"Id": 1}]}}
    assert vpc.status == "3"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=3), inner, max_size=2),
    max_leaves=5,
)
TEXTS_THAT_CONVERT = st.sampled_from(["5", "-2", "1.0", "true", "false", "0", "", " 7 ", "x"])


@settings(max_examples=150, deadline=None)
@given(value=JSON_VALUES | TEXTS_THAT_CONVERT)
def test_type_tests_in_from_wire_agree_with_the_converters(pkg: ModuleType, value: Any) -> None:
    """The `type(x) is T` shortcut `from_wire` takes gives what the lossless converter gives."""
    base = _module("models._base")
    vpcs = _module("models")
    vpn = _module("models")
    cases = [
        (vpcs.Vpc, "VpcId", "vpc_id", base.opt_str),
        (vpcs.Vpc, "IsDefault", "is_default", base.opt_bool),
        (vpcs.DescribeVpcsResponse, "TotalCount", "total_count", base.opt_int),
        (vpn.DescribeVpnConnectionResponse, "CreateTime", "create_time", base.opt_int),
    ]
    for cls, wire, name, convert in cases:
        extra: dict[str, Any] = {}
        expected = base.coerce(cls, extra, wire, value, convert)
        parsed = cls.from_wire({wire: value})
        got = getattr(parsed, name)
        assert (type(got), got, parsed.extra) == (type(expected), expected, extra), (wire, value)


def test_lists_are_fresh_items_converted_and_any_mapping_read(pkg: ModuleType) -> None:
    vpcs = _module("models")
    ids = ["vsw-1", "vsw-2"]
    body = {
        "VSwitchIds": {"VSwitchId": ids},
        "UserCidrs": {"UserCidr": ["10.0.0.0/8", 8, True]},
        "Status": "Pending",
        "Tags": {"Tag": []},
    }
    vpc = vpcs.Vpc.from_wire(MappingProxyType(body))
    assert vpc.v_switch_ids == ids and vpc.v_switch_ids is not ids
    assert vpc.user_cidrs == ["10.0.0.0/8", "8", "true"] and vpc.tags == []
    assert vpc.status is vpcs.ResourceStatus.PENDING and vpc.extra == {}
    assert vpcs.Vpc.from_wire({"Status": ""}).status is None
    with pytest.raises(TypeError, match="Vpc: expected an object"):
        vpcs.Vpc.from_wire(["VpcId"])


def test_fields_named_like_the_locals_of_from_wire(tmp_path: Path) -> None:
    spec = load_spec()
    response = spec.operation("DeleteVpc").response
    response[:0] = [Field("Get", "integer"), Field("Data", "string")]  # read before RequestId
    package = build_package_tree(spec, tmp_path)
    code = (
        "from aliyun_vpc.models import DeleteVpcResponse as R; "
        "r = R.from_wire({'Data': 'd', 'Get': '3', 'RequestId': 'r-1', 'New': 1}); "
        "print(r.data, r.get, r.request_id, r.extra)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=package.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "d 3 r-1 {'New': 1}"


# -- requests ------------------------------------------------------------------------------------

_SAMPLES: dict[Any, Any] = {str: "s", int: 7, float: 1.5, bool: True}


def _sample(annotation: Any) -> Any:
    """A value for an attribute type: nested models filled completely, lists of two items."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin is list:
        return [_sample(args[0]), _sample(args[0])]
    if args and origin is not list:  # a union: the first non-None member
        return _sample(args[0])
    if attrs.has(annotation):
        return _instance(annotation)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return next(iter(annotation))  # a request enum: one of its members
    if annotation in _SAMPLES:
        return _SAMPLES[annotation]
    return {"k": ["v", 1]}  # a JSON value


def _instance(cls: type) -> Any:
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    return cls(**{f.name: _sample(hints[f.name]) for f in attrs.fields(cls) if f.name != "extra"})


def _expected_wire_names(op_parameters: list[str]) -> set[str]:
    names = set()
    for name in op_parameters:
        segments = name.split(".")
        indices = [i for i, s in enumerate(segments) if s.upper() in ("N", "M")]
        for combo in range(2 ** len(indices)):
            filled = list(segments)
            for bit, position in enumerate(indices):
                filled[position] = str(1 + ((combo >> bit) & 1))
            names.add(".".join(filled))
    return names


def test_requests_flatten_to_exactly_the_documented_wire_names(
    spec: Spec, ops: dict[str, Operation[Any, Any]]
) -> None:
    for op in spec.operations:
        request = _instance(ops[op.name].request_class)
        documented = [p.name for p in op.parameters if p.name != "Action"]
        assert set(request.to_query()) == _expected_wire_names(documented), op.name


def test_query_values_are_encoded_for_the_wire(pkg: ModuleType) -> None:
    vpcs = _module("models")
    query = vpcs.DescribeVpcsRequest(
        is_default=False,
        page_size=50,
        tags=[vpcs.Tag(key="env", value="prod"), vpcs.Tag(key="team")],
    ).to_query()
    assert query == {
        "IsDefault": "false",
        "PageSize": "50",
        "Tag.1.Key": "env",
        "Tag.1.Value": "prod",
        "Tag.2.Key": "team",
    }
    pcs = _module("models")
    filters = [pcs.Filter(key="Status", values=["Enabled", "Initial"])]
    assert pcs.DescribePhysicalConnectionsRequest(filters=filters).to_query() == {
        "Filter.1.Key": "Status",
        "Filter.1.Value.1": "Enabled",
        "Filter.1.Value.2": "Initial",
    }
    vpn = _module("models")
    request = vpn.CreateVpnConnectionRequest(
        customer_gateway_id="cgw",
        local_subnet="a",
        remote_subnet="b",
        vpn_gateway_id="vpn",
        ike_config={"IkeMode": "main", "IkeLifetime": 86400, "Psk": "密钥"},
        ipsec_config='{"IpsecPfs":"group2"}',
    )
    query = request.to_query()
    assert query["IkeConfig"] == '{"IkeMode":"main","IkeLifetime":86400,"Psk":"密钥"}'
    assert query["IpsecConfig"] == '{"IpsecPfs":"group2"}'
    assert "RegionId" not in query
    with pytest.raises(TypeError):
        vpn.CreateVpnConnectionRequest(local_subnet="a")  # required arguments missing


def test_request_enums_accept_members_and_any_text(pkg: ModuleType) -> None:
    create = _module("models")
    open_enum = _module("models._base").OpenEnum
    assert issubclass(create.CidrBlock, open_enum)
    hints = typing.get_type_hints(create.CreateVpcRequest)
    assert hints["cidr_block"] == create.CidrBlock | str | None
    assert hints["enable_ipv6"] == bool | None  # booleans keep their type
    member = create.CidrBlock("172.16.0.0/12")
    for value in (member, "172.16.0.0/12", "10.1.0.0/16"):  # the last one is undocumented
        query = create.CreateVpcRequest(cidr_block=value).to_query()
        assert query == {"CidrBlock": str(value)}
        assert type(query["CidrBlock"]) is str
    pcs = _module("models")
    filters = [pcs.Filter(key=pcs.FilterKey("Status"), values=["Enabled"]), pcs.Filter(key="New")]
    assert pcs.DescribePhysicalConnectionsRequest(filters=filters).to_query() == {
        "Filter.1.Key": "Status",
        "Filter.1.Value.1": "Enabled",
        "Filter.2.Key": "New",
    }


# -- clients -------------------------------------------------------------------------------------


def test_sync_client_builds_requests_and_parses_responses(pkg: ModuleType) -> None:
    client = _module("client").VpcClient(region_id="cn-hangzhou")
    operations = _module("_generated.operations").OPERATIONS
    models = _module("models")
    client.bodies["DescribeVpcs"] = {"TotalCount": 1, "Vpcs": {"Vpc": [{"VpcId": "vpc-1"}]}}
    response = client.describe_vpcs(vpc_id="vpc-1", page_number=2)
    assert isinstance(response, models.DescribeVpcsResponse)
    assert [v.vpc_id for v in response.vpcs] == ["vpc-1"]
    assert client.calls == [
        (operations["DescribeVpcs"], {"VpcId": "vpc-1", "PageNumber": "2"}),
    ]
    request = models.DescribeVpcsRequest(vpc_name="x")
    client.describe_vpcs(request)
    assert client.calls[-1][1] == {"VpcName": "x"}
    with pytest.raises(TypeError, match="not both"):
        client.describe_vpcs(request, vpc_name="y")
    client.describe_vpcs(request, vpc_name=None)  # a keyword left at its default is not given
    assert client.calls[-1][1] == {"VpcName": "x"}
    with pytest.raises(_module("exceptions").ParamValidationError, match="vpc_id"):
        client.delete_vpc()  # a required keyword left out


def test_client_keywords_take_enum_members_or_text(pkg: ModuleType, package_dir: Path) -> None:
    client_module = _module("client")
    client = client_module.VpcClient()
    create = _module("models")
    client.create_vpc(cidr_block=create.CidrBlock("192.168.0.0/16"))
    client.create_vpc(cidr_block="10.1.0.0/16")
    sent = [params["CidrBlock"] for _, params in client.calls]
    assert sent == ["192.168.0.0/16", "10.1.0.0/16"]
    assert all(type(value) is str for value in sent)
    annotations = set()
    for module in ("client", "async_client"):
        source = (package_dir / "_generated" / f"{module}.py").read_text(encoding="utf-8")
        annotations |= {
            ast.literal_eval(arg.annotation)
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name == "create_vpc"
            for arg in node.args.kwonlyargs
            if arg.arg == "cidr_block" and arg.annotation is not None
        }
    assert annotations == {"_m_vpc.CidrBlock | str | None"}  # the sync and async method


def test_client_methods_hand_the_runtime_the_descriptor_holding_their_classes(
    pkg: ModuleType,
) -> None:
    client = _module("client").AsyncVpcClient()
    asyncio.run(client.delete_vpc(vpc_id="vpc-1"))
    models = _module("models")
    descriptor = importlib.import_module(models.DeleteVpcRequest.__module__).DELETE_VPC
    assert (descriptor.name, descriptor.request_class, descriptor.response_class) == (
        "DeleteVpc",
        models.DeleteVpcRequest,
        models.DeleteVpcResponse,
    )
    assert client.calls[0][0] is _module("_generated.operations").OPERATIONS["DeleteVpc"]
    assert descriptor.meta is client.calls[0][0]


def test_async_client_has_the_same_behaviour(pkg: ModuleType) -> None:
    client = _module("client").AsyncVpcClient()
    client.bodies["DeleteVpc"] = {"RequestId": "r-1"}
    response = asyncio.run(client.delete_vpc(vpc_id="vpc-1"))
    assert response.request_id == "r-1"
    assert client.calls[0][0].name == "DeleteVpc"
    assert client.calls[0][1] == {"VpcId": "vpc-1"}


def test_operation_documentation_is_written_once_on_the_request_model(
    pkg: ModuleType, spec: Spec
) -> None:
    clients = _module("client")
    op = spec.operation("CreateVpc")
    models = importlib.import_module(_module("models").CreateVpcRequest.__module__)
    method_docs = {
        client.create_vpc.__doc__ for client in (clients.VpcClient, clients.AsyncVpcClient)
    }
    assert len(method_docs) == 1  # one short text: the summary and where the rest is
    (method_doc,) = method_docs
    assert op.summary in method_doc and "`CreateVpcRequest`" in method_doc
    assert len(method_doc.splitlines()) <= 3
    doc = models.CreateVpcRequest.__doc__
    flat = " ".join(doc.split())
    assert op.summary in flat
    assert "- InvalidVpcNameMalformed: `InvalidVpcName.Malformed` (HTTP 400): " in flat
    source = Path(models.__file__).read_text(encoding="utf-8")
    cidr = (
        "Valid values: `10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`. Default: `172.16.0.0/12`."
    )
    flat_source = " ".join(source.split())
    assert cidr in flat_source  # structured facts the description does not state, on the field
    assert "maximum of 64 ASCII characters." in flat_source
    assert "Maximum length: 64" not in flat_source
    assert "`true`, `false`" not in flat_source and "`false`, `true`" not in flat_source
    assert "Defaults to the client's region." in flat_source


# -- behaviour tables ----------------------------------------------------------------------------


def test_paginators_and_waiters_name_real_attributes(
    pkg: ModuleType, ops: dict[str, Operation[Any, Any]]
) -> None:
    tables = _module("_generated.operations")
    assert set(tables.PAGINATORS) == {"describe_vpcs", "describe_physical_connections"}
    for method, paginator in tables.PAGINATORS.items():
        meta = tables.OPERATIONS[paginator.operation]
        assert meta.method == method
        request_fields = {f.name for f in attrs.fields(ops[meta.name].request_class)}
        response_fields = {f.name for f in attrs.fields(ops[meta.name].response_class)}
        assert {paginator.input_page, paginator.input_size} <= request_fields
        assert paginator.output_items in response_fields
        assert paginator.output_total in response_fields
    assert list(tables.WAITERS) == ["vpc_available"]
    waiter = tables.WAITERS["vpc_available"]
    assert (waiter.operation, waiter.id_argument, waiter.items, waiter.status) == (
        "DescribeVpcs",
        "vpc_id",
        "vpcs",
        "status",
    )
    assert waiter.success == ("Available",) and waiter.failure == ()


# -- imports stay lazy ---------------------------------------------------------------------------


def test_importing_the_client_loads_no_model_module(package_dir: Path) -> None:
    code = (
        "import sys, aliyun_vpc.client as c; c.VpcClient(); "
        "print(sorted(m for m in sys.modules if m.startswith('aliyun_vpc._generated.models.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=package_dir.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_a_first_call_imports_its_own_model_module_only(package_dir: Path) -> None:
    code = (
        "import sys, aliyun_vpc.client as c; c.VpcClient().delete_vpc(vpc_id='vpc-1'); "
        "print(sorted(m for m in sys.modules if m.startswith('aliyun_vpc._generated.models.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=package_dir.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    # DeleteVpc's chapter module, and the shapes it imports
    assert result.stdout.strip() == "['aliyun_vpc._generated.models.vpc']"


# -- escaping and static checks ------------------------------------------------------------------

NASTY = 'Say "hi" \\ or """ or \\N{x} {prefix} — 取值 • é\'\'\' end"'


def test_nasty_documentation_text_cannot_break_the_source(tmp_path: Path) -> None:
    spec = load_spec()
    op = spec.operation("DeleteVpc")
    op.summary = NASTY
    op.parameters[1].description = NASTY
    op.response[0].enum = ['a"b', "c\\d", "e'f"]
    package = build_package_tree(spec, tmp_path)
    tree = ast.parse((package / "_generated" / "models" / "vpc.py").read_text(encoding="utf-8"))
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    assert NASTY in (ast.get_docstring(classes["DeleteVpcRequest"]) or "")
    members = [
        n.value.value
        for n in classes["DeleteVpcRequestId"].body
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
    ]
    assert members == ['a"b', "c\\d", "e'f"]
    client_source = (package / "_generated" / "client.py").read_text(encoding="utf-8")
    assert NASTY.split(" — ")[0] in ast.get_docstring(_function(client_source, "delete_vpc"))


def _function(source: str, name: str) -> ast.FunctionDef:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name == name and ast.get_docstring(node):
            return node
    raise AssertionError(name)


def test_generated_tree_passes_mypy_strict_and_ruff(package_dir: Path) -> None:
    for command in (
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "aliyun_vpc"],
        [sys.executable, "-m", "ruff", "check", "--config", str(ROOT / "pyproject.toml"), "."],
    ):
        result = subprocess.run(
            command,
            cwd=package_dir.parent,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
