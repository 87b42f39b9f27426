"""Overrides: loading rules (evidence, targets, changes), applying them, unmatched entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.documents import DOCUMENTS
from generator.model import ErrorEntry, Examples, Field, Operation, Parameter
from generator.overrides import (
    Applied,
    OverrideError,
    apply_overrides,
    load_overrides,
    unmatched,
)
from generator.pipeline import DEFAULT_SOURCES_DIR, DEFAULT_SPEC_DIR, source_lines

DOC_LINES = {"doc-a": ["title", "Isdefault Boolean No false Indicates", "  wrapped", "Forbbiden"]}
EVIDENCE = '[{doc: doc-a, line: 2, quote: "Isdefault Boolean No"}]'


def _load(tmp_path: Path, text: str) -> list:  # type: ignore[type-arg]
    path = tmp_path / "overrides.yaml"
    path.write_text(text)
    return load_overrides(path, DOC_LINES)


def _errors(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(OverrideError) as info:
        _load(tmp_path, text)
    return info.value.errors


def _operation() -> Operation:
    return Operation(
        name="DescribeVpcs",
        product="vpc",
        group="VPC",
        parameters=[Parameter("Isdefault", "boolean"), Parameter("VpcId", "string")],
        response=[
            Field(
                "Vpcs",
                "list",
                item_name="Vpc",
                fields=[Field("Status", "string"), Field("Remoteld", "string")],
            )
        ],
        errors=[ErrorEntry("Forbbiden", 403)],
        examples=Examples(response_json={"RequestId": "x"}),
    )


def _apply(
    tmp_path: Path, entries: str, document: str = "doc-a"
) -> tuple[list[Operation], list[str]]:
    overrides = _load(tmp_path, entries)
    applied = Applied()
    result = apply_overrides(overrides, document, [_operation()], applied)
    return result, unmatched(overrides, applied)


def test_rename_parameter_field_error_and_set_facts(tmp_path: Path) -> None:
    entries = f"""
- {{document: doc-a, operation: DescribeVpcs, parameter: Isdefault, rename_to: IsDefault,
   set: {{required: true}}, reason: typo, evidence: {EVIDENCE}}}
- {{document: doc-a, operation: DescribeVpcs, field: Vpcs.Vpc.Remoteld, rename_to: RemoteId,
   reason: typo, evidence: {EVIDENCE}}}
- {{document: doc-a, operation: '*', error: Forbbiden, rename_to: Forbidden,
   reason: typo, evidence: {EVIDENCE}}}
- {{document: doc-a, operation: DescribeVpcs, example_response_json: {{RequestId: y}},
   reason: broken example, evidence: {EVIDENCE}}}
"""
    (op,), problems = _apply(tmp_path, entries)
    assert problems == []
    assert (op.parameters[0].name, op.parameters[0].required) == ("IsDefault", True)
    assert [f.name for f in op.response[0].fields] == ["Status", "RemoteId"]
    assert op.errors[0].code == "Forbidden"
    assert op.examples.response_json == {"RequestId": "y"}


def test_drop_and_operation_rename(tmp_path: Path) -> None:
    entries = f"""
- {{document: doc-a, operation: DescribeVpcs, parameter: VpcId, drop: true, reason: r,
   evidence: {EVIDENCE}}}
- {{document: doc-a, operation: DescribeVpcs, rename_to: DescribeVpcList, reason: r,
   evidence: {EVIDENCE}}}
"""
    (op,), problems = _apply(tmp_path, entries)
    assert problems == []
    assert op.name == "DescribeVpcList"
    assert [p.name for p in op.parameters] == ["Isdefault"]


def test_entries_for_another_document_do_not_apply(tmp_path: Path) -> None:
    entries = f"""
- {{document: merged, operation: DescribeVpcs, parameter: Isdefault, rename_to: IsDefault,
   reason: r, evidence: {EVIDENCE}}}
"""
    (op,), problems = _apply(tmp_path, entries, document="doc-a")
    assert op.parameters[0].name == "Isdefault"
    assert len(problems) == 1


def test_an_override_that_matches_nothing_is_reported_with_its_line(tmp_path: Path) -> None:
    entries = f"""
- {{document: doc-a, operation: DescribeVpcs, parameter: Isdefault, rename_to: IsDefault,
   reason: r, evidence: {EVIDENCE}}}
- {{document: doc-a, operation: DescribeVpcs, field: Vpcs.Vpc.Missing, drop: true,
   reason: r, evidence: {EVIDENCE}}}
"""
    _, problems = _apply(tmp_path, entries)
    (problem,) = problems
    assert problem.startswith(f"{tmp_path / 'overrides.yaml'}:4: override matched nothing")
    assert "field Vpcs.Vpc.Missing" in problem


def test_missing_evidence_is_rejected(tmp_path: Path) -> None:
    (error,) = _errors(
        tmp_path,
        "- {document: doc-a, operation: X, parameter: P, drop: true, reason: r}\n",
    )
    assert error.startswith(f"{tmp_path / 'overrides.yaml'}:1: 'evidence' is required")


def test_evidence_must_be_found_at_the_cited_line(tmp_path: Path) -> None:
    wrong_line = '[{doc: doc-a, line: 1, quote: "Isdefault Boolean"}]'
    (error,) = _errors(
        tmp_path,
        f"- {{document: doc-a, operation: X, parameter: P, drop: true, reason: r, "
        f"evidence: {wrong_line}}}\n",
    )
    assert "evidence not found: doc-a:1: 'Isdefault Boolean'" in error


def test_evidence_may_wrap_onto_the_next_lines(tmp_path: Path) -> None:
    wrapped = '[{doc: doc-a, line: 2, quote: "Indicates wrapped"}]'
    (override,) = _load(
        tmp_path,
        f"- {{document: doc-a, operation: X, parameter: P, drop: true, reason: r, "
        f"evidence: {wrapped}}}\n",
    )
    assert override.evidence[0].line == 2


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("parametr: P, drop: true", "unknown key 'parametr'"),
        ("parameter: P, field: F, drop: true", "at most one target"),
        ("parameter: P", "no change given"),
        ("parameter: P, drop: false", "'drop' must be true"),
        ("parameter: P, set: {name: Q}", "cannot set 'name' on a parameter"),
        ("parameter: P, set: {type: String}", "set type 'String' is not one of"),
        ("error: E, example_response_json: {}", "applies to an operation"),
    ],
)
def test_malformed_entries_are_rejected(tmp_path: Path, entry: str, message: str) -> None:
    errors = _errors(
        tmp_path,
        f"- {{document: doc-a, operation: X, {entry}, reason: r, evidence: {EVIDENCE}}}\n",
    )
    assert any(message in error for error in errors), errors


def test_unknown_document_is_rejected(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        f"- {{document: doc-z, operation: X, parameter: P, drop: true, reason: r, "
        f"evidence: {EVIDENCE}}}\n",
    )
    assert any("unknown document 'doc-z'" in error for error in errors)


def test_the_repository_overrides_are_valid_and_quote_the_documents() -> None:
    documents = source_lines(DEFAULT_SOURCES_DIR, list(DOCUMENTS))
    overrides = load_overrides(DEFAULT_SPEC_DIR / "overrides.yaml", documents)
    assert overrides
    assert all(o.evidence and o.reason for o in overrides)
