"""Classification of every change kind, on small hand-built spec pairs."""

from __future__ import annotations

import copy

import pytest

from generator.diffing import compare, suggested_bump, to_json, to_markdown
from generator.model import ErrorEntry, Field, Operation, Parameter, Service, Spec


def _spec(*ops: Operation, common_errors: list[ErrorEntry] | None = None) -> Spec:
    return Spec(service=Service(common_errors=common_errors or []), operations=list(ops))


def _vpcs() -> Operation:
    return Operation(
        name="DescribeVpcs",
        product="vpc",
        group="VPC",
        summary="Queries VPCs.",
        parameters=[
            Parameter("RegionId", "string", required=True, description="The region ID."),
            Parameter("PageSize", "integer", description="Rows per page.", maximum=50),
            Parameter("VpcName", "string", description="The name of the VPC."),
            Parameter("Status", "string", enum=["Pending", "Available"]),
        ],
        response=[
            Field("RequestId", "string"),
            Field(
                "Vpcs",
                "list",
                item_name="Vpc",
                item_type="object",
                model="Vpc",
                fields=[Field("VpcId", "string"), Field("Status", "string", enum=["Pending"])],
            ),
        ],
        errors=[ErrorEntry("InvalidRegionId.NotFound", 404, "The region is not found.")],
    )


def _changed(mutate) -> list[tuple[str, str, str]]:
    old = _vpcs()
    new = copy.deepcopy(old)
    mutate(new)
    return [(c.target, c.change, c.severity) for c in compare(_spec(old), _spec(new))]


def _param(op: Operation, name: str) -> Parameter:
    return next(p for p in op.parameters if p.name == name)


def test_identical_specs_have_no_changes():
    assert compare(_spec(_vpcs()), _spec(_vpcs())) == []


def test_operation_added_and_removed():
    other = Operation(name="CreateVpc", product="vpc", group="VPC")
    added = compare(_spec(_vpcs()), _spec(_vpcs(), other))
    removed = compare(_spec(_vpcs(), other), _spec(_vpcs()))
    assert [(c.target, c.change, c.severity) for c in added] == [
        ("operation CreateVpc", "added", "non-breaking")
    ]
    assert [(c.target, c.change, c.severity) for c in removed] == [
        ("operation CreateVpc", "removed", "breaking")
    ]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda op: op.parameters.append(Parameter("ResourceGroupId", "string")),
            ("parameter ResourceGroupId", "added (optional)", "non-breaking"),
        ),
        (
            lambda op: op.parameters.append(Parameter("DryRun", "boolean", required=True)),
            ("parameter DryRun", "added (required)", "breaking"),
        ),
        (
            lambda op: op.parameters.pop(2),
            ("parameter VpcName", "removed", "breaking"),
        ),
        (
            lambda op: setattr(_param(op, "VpcName"), "required", True),
            ("parameter VpcName", "optional -> required", "breaking"),
        ),
        (
            lambda op: setattr(_param(op, "RegionId"), "required", False),
            ("parameter RegionId", "required -> optional", "non-breaking"),
        ),
        (
            lambda op: setattr(_param(op, "PageSize"), "type", "string"),
            ("parameter PageSize", "type changed", "breaking"),
        ),
        (
            lambda op: setattr(_param(op, "PageSize"), "type", "long"),
            ("parameter PageSize", "type changed", "non-breaking"),
        ),
        (
            lambda op: _param(op, "Status").enum.remove("Pending"),
            ("parameter Status", "enum value removed", "breaking"),
        ),
        (
            lambda op: _param(op, "Status").enum.append("Deleting"),
            ("parameter Status", "enum value added", "non-breaking"),
        ),
        (
            lambda op: setattr(_param(op, "PageSize"), "maximum", 20),
            ("parameter PageSize", "maximum narrowed", "breaking"),
        ),
        (
            lambda op: setattr(_param(op, "PageSize"), "maximum", 100),
            ("parameter PageSize", "maximum widened", "non-breaking"),
        ),
        (
            lambda op: setattr(_param(op, "VpcName"), "description", "The VPC name."),
            ("parameter VpcName", "description changed", "documentation"),
        ),
        (
            lambda op: setattr(_param(op, "VpcName"), "example", "vpc-1"),
            ("parameter VpcName", "example changed", "documentation"),
        ),
        (
            lambda op: setattr(op, "summary", "Lists VPCs."),
            ("summary", "changed", "documentation"),
        ),
    ],
)
def test_parameter_and_documentation_changes(mutate, expected):
    assert _changed(mutate) == [expected]


def test_rename_by_letter_case_is_one_breaking_rename():
    changes = compare(_spec(_vpcs()), _spec(_renamed("VpcName", "vpcName")))
    assert [(c.target, c.change, c.severity, c.new) for c in changes] == [
        ("parameter VpcName", "renamed", "breaking", "vpcName")
    ]


def test_rename_by_position_type_and_description():
    changes = compare(_spec(_vpcs()), _spec(_renamed("VpcName", "Name")))
    assert [(c.target, c.change) for c in changes] == [("parameter VpcName", "renamed")]


def test_unrelated_parameter_at_other_position_is_remove_plus_add():
    new = _vpcs()
    new.parameters.pop(2)
    new.parameters.insert(0, Parameter("Foo", "boolean", description="Something else entirely."))
    kinds = sorted((c.target, c.change) for c in compare(_spec(_vpcs()), _spec(new)))
    assert kinds == [("parameter Foo", "added (optional)"), ("parameter VpcName", "removed")]


def _renamed(old_name: str, new_name: str) -> Operation:
    op = _vpcs()
    _param(op, old_name).name = new_name
    return op


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda op: op.response[1].fields.append(Field("CidrBlock", "string")),
            ("response field Vpcs.Vpc.CidrBlock", "added", "non-breaking"),
        ),
        (
            lambda op: op.response[1].fields.pop(0),
            ("response field Vpcs.Vpc.VpcId", "removed", "breaking"),
        ),
        (
            lambda op: setattr(op.response[1].fields[0], "type", "integer"),
            ("response field Vpcs.Vpc.VpcId", "type changed", "breaking"),
        ),
        (
            lambda op: setattr(op.response[0], "type", "list"),
            ("response field RequestId", "list <-> scalar", "breaking"),
        ),
        (
            lambda op: op.response[1].fields[1].enum.append("Available"),
            ("response field Vpcs.Vpc.Status", "enum value added", "non-breaking"),
        ),
        (
            lambda op: op.errors.append(ErrorEntry("Forbidden", 403, "Denied.")),
            ("error Forbidden", "added", "non-breaking"),
        ),
        (
            lambda op: setattr(op.errors[0], "message", "Region unknown."),
            ("error InvalidRegionId.NotFound", "message changed", "documentation"),
        ),
    ],
)
def test_response_and_error_changes(mutate, expected):
    assert _changed(mutate) == [expected]


def test_removing_a_container_reports_the_container_not_each_child():
    changes = _changed(lambda op: op.response.pop(1))
    assert changes == [("response field Vpcs", "removed", "breaking")]


def test_common_error_added_is_reported_for_the_service():
    old = _spec(_vpcs())
    new = _spec(_vpcs(), common_errors=[ErrorEntry("Throttling", 400, "Request was denied.")])
    assert [(c.operation, c.target, c.severity) for c in compare(old, new)] == [
        ("(service)", "error Throttling", "non-breaking")
    ]


def test_suggested_bump_and_renderings():
    old = _spec(_vpcs())
    new = _spec(_renamed("VpcName", "vpcName"))
    changes = compare(old, new)
    assert suggested_bump(changes) == "major"
    assert suggested_bump([]) == "none"
    assert '"severity": "breaking"' in to_json(changes, None)
    markdown = to_markdown("t", changes, None)
    assert "### DescribeVpcs" in markdown and "renamed" in markdown and "**major**" in markdown
