"""spec_io: deterministic YAML, round trips, the validator's `file:line` errors, the JSON view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import spec_io
from generator.model import (
    DocumentInfo,
    ErrorEntry,
    Examples,
    Field,
    Operation,
    Parameter,
    Service,
    Source,
    Spec,
)

LONG = (
    "Indicates whether to query the default VPC in the specified region. Valid values: true "
    "(default): queries all VPCs in the specified region; false: does not query the default VPC."
)


def _operation(name: str = "DescribeVpcs", description: str = LONG) -> Operation:
    return Operation(
        name=name,
        product="vpc",
        group="VPC",
        summary="Queries VPCs.",
        description=description,
        parameters=[
            Parameter("RegionId", "string", True, "The region.", sources=[Source("d", 10)]),
            Parameter("IsDefault", "boolean", example="false", enum=["true", "false"]),
            Parameter("Tag.N.Key", "string", description="multi\nline\n  indented"),
        ],
        response=[
            Field("RequestId", "string"),
            Field(
                "Vpcs",
                "list",
                item_name="Vpc",
                item_type="object",
                fields=[Field("VpcId", "string"), Field("Status", "string", enum=["Available"])],
            ),
        ],
        errors=[ErrorEntry("Forbidden", 403, "User not authorized.")],
        examples=Examples(
            request="https://vpc.aliyuncs.com/?Action=DescribeVpcs",
            response_json={"RequestId": "x", "TotalCount": 1, "Nothing": None},
        ),
        sources=[Source("vpc-en-20190918", 1700, "DescribeVpcs")],
    )


def _service() -> Service:
    info = DocumentInfo("vpc-en-20190918", "a.txt", "T", "vpc", "en", "2019-09-18", "ab" * 32)
    return Service(
        common_parameters=[Parameter("Action", "string", True)],
        common_errors=[ErrorEntry("Throttling", 400)],
        documents=[info],
    )


def _write_spec(root: Path, operations: list[Operation]) -> None:
    files = {spec_io.SERVICE_FILE: spec_io.service_yaml(_service())}
    for op in operations:
        files[f"operations/{op.name}.yaml"] = spec_io.operation_yaml(op)
    spec_io.write_files(root, files)


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _errors(root: Path) -> list[str]:
    with pytest.raises(spec_io.SpecError) as info:
        spec_io.load_spec(root)
    return info.value.errors


def test_round_trip_gives_back_the_same_spec(tmp_path: Path) -> None:
    ops = [_operation(), _operation("CreateVpc")]
    _write_spec(tmp_path, ops)
    loaded = spec_io.load_spec(tmp_path)
    assert loaded == Spec(service=_service(), operations=sorted(ops, key=lambda o: o.name))


def test_output_is_deterministic_and_uses_block_scalars() -> None:
    text = spec_io.operation_yaml(_operation())
    assert text == spec_io.operation_yaml(_operation())
    assert "description: >-\n" in text  # long one-line text folded
    assert "description: |-\n" in text  # multi-line text literal
    assert max(len(line) for line in text.splitlines()) < len(LONG)  # wrapped near the width
    keys = [line.split(":")[0] for line in text.splitlines() if not line.startswith(" ")]
    assert keys == [
        "name",
        "product",
        "group",
        "summary",
        "description",
        "parameters",
        "response",
        "errors",
        "examples",
        "sources",
    ]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_description_survives_the_round_trip(tmp_path_factory, description: str) -> None:
    root = tmp_path_factory.mktemp("spec")
    _write_spec(root, [_operation(description=description)])
    assert spec_io.load_spec(root).operations[0].description == description


def test_typo_in_a_key_is_reported_with_file_and_line(tmp_path: Path) -> None:
    _write_spec(tmp_path, [_operation()])
    path = tmp_path / "operations" / "DescribeVpcs.yaml"
    path.write_text(path.read_text().replace("required: true", "requird: true"))
    (error,) = _errors(tmp_path)
    assert error.startswith(f"{path}:{_line_of(path, 'requird')}: ")
    assert "unknown key 'requird' in Parameter" in error


def test_wrong_value_type_is_reported(tmp_path: Path) -> None:
    _write_spec(tmp_path, [_operation()])
    path = tmp_path / "operations" / "DescribeVpcs.yaml"
    path.write_text(path.read_text().replace("required: true", "required: 'yes'"))
    (error,) = _errors(tmp_path)
    assert error.startswith(f"{path}:{_line_of(path, 'required:')}: ")
    assert "'required' must be bool" in error


def test_type_outside_wire_types_is_reported(tmp_path: Path) -> None:
    _write_spec(tmp_path, [_operation()])
    path = tmp_path / "operations" / "DescribeVpcs.yaml"
    path.write_text(path.read_text().replace("type: boolean", "type: Boolean"))
    (error,) = _errors(tmp_path)
    assert error.startswith(f"{path}:{_line_of(path, 'type: Boolean')}: ")
    assert "'Boolean' is not one of" in error


def test_missing_required_key_is_reported(tmp_path: Path) -> None:
    _write_spec(tmp_path, [_operation()])
    path = tmp_path / "operations" / "DescribeVpcs.yaml"
    path.write_text(path.read_text().replace("product: vpc\n", ""))
    (error,) = _errors(tmp_path)
    assert error.startswith(f"{path}:1: missing required key 'product' in Operation")


def test_duplicate_operation_and_misnamed_file_are_reported(tmp_path: Path) -> None:
    _write_spec(tmp_path, [_operation()])
    copy = tmp_path / "operations" / "DescribeVpcsCopy.yaml"
    copy.write_text(spec_io.operation_yaml(_operation()))
    errors = _errors(tmp_path)
    assert (
        f"{copy}:1: operation 'DescribeVpcs' is in a file named 'DescribeVpcsCopy.yaml'" in errors
    )
    assert any(e.startswith(f"{copy}:1: duplicate operation 'DescribeVpcs'") for e in errors)


def test_duplicate_parameter_is_reported(tmp_path: Path) -> None:
    op = _operation()
    op.parameters.append(Parameter("RegionId", "string"))
    _write_spec(tmp_path, [op])
    path = tmp_path / "operations" / "DescribeVpcs.yaml"
    (error,) = _errors(tmp_path)
    last_region_line = max(
        n for n, line in enumerate(path.read_text().splitlines(), 1) if "name: RegionId" in line
    )
    assert error == f"{path}:{last_region_line}: duplicate parameter 'RegionId'"


@pytest.mark.parametrize("name", ["Tag . N .Key", "ClientToke n", "Filter.n.Key", "└VpcId"])
def test_malformed_parameter_wire_name_is_reported(tmp_path: Path, name: str) -> None:
    op = _operation()
    op.parameters[0].name = name
    _write_spec(tmp_path, [op])
    (error,) = _errors(tmp_path)
    assert "DescribeVpcs.yaml:" in error and repr(name) in error


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    _write_spec(tmp_path, [_operation()])
    path = tmp_path / "operations" / "DescribeVpcs.yaml"
    lines = path.read_text().splitlines()
    lines.insert(3, "summary: [unclosed")
    path.write_text("\n".join(lines) + "\n")
    (error,) = _errors(tmp_path)
    assert error.startswith(f"{path}:") and "invalid YAML" in error
    assert int(error.split(":")[1]) >= 4


def test_spec_to_json_is_sorted_complete_and_deterministic() -> None:
    spec = Spec(service=_service(), operations=[_operation()])
    text = spec_io.spec_to_json(spec)
    assert text == spec_io.spec_to_json(spec)
    data = json.loads(text)
    assert list(data) == sorted(data)
    (op,) = data["operations"]
    assert [p["name"] for p in op["parameters"]] == ["RegionId", "IsDefault", "Tag.N.Key"]
    assert set(op["parameters"][1]) >= {
        "name",
        "type",
        "required",
        "enum",
        "default",
        "example",
        "description",
        "sources",
    }
    assert op["response"]["name"] == "DescribeVpcsResponse"
    assert op["response"]["type"] == "object"
    assert [f["name"] for f in op["response"]["fields"]] == ["RequestId", "Vpcs"]
    assert op["errors"][0] == {
        "code": "Forbidden",
        "http_status": 403,
        "message": "User not authorized.",
        "description": "",
        "sources": [],
    }
    assert data["service"]["endpoint"] == "vpc.aliyuncs.com"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=120),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_any_json_example_survives_dump_and_load(value: object) -> None:
    from ruamel.yaml import YAML

    assert spec_io.plain(YAML().load(spec_io.dump_yaml({"response_json": value}))) == {
        "response_json": value
    }


_TRICKY = st.text(
    alphabet=st.sampled_from(list("aZ9 :#'\"-,.{}[]|>!&*%@`\\\n\t多\x85\u2028~?")), max_size=260
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_TRICKY, max_size=3), _TRICKY)
def test_tricky_text_survives_dump_and_load(items: list[str], key: str) -> None:
    from ruamel.yaml import YAML

    data = {"description": items[0] if items else "", "enum": items, "response_json": {key: items}}
    assert spec_io.plain(YAML().load(spec_io.dump_yaml(data))) == data
