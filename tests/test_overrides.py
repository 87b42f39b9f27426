"""Overrides: loading rules (evidence, targets, changes), anchoring by quoted text, applying them,
unmatched entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.documents import SOURCES_DIR, documents_in, load_registry
from generator.model import DocumentInfo, ErrorEntry, Examples, Field, Operation, Parameter
from generator.overrides import (
    Applied,
    Override,
    OverrideError,
    Revision,
    anchor,
    apply_overrides,
    load_overrides,
    unmatched,
)
from generator.pipeline import DEFAULT_SPEC_DIR

FAMILIES = ("fam/a", "fam/b")
TEXT_A = "title\nIsdefault Boolean No false Indicates\n  wrapped\nForbbiden\n"
REVISION_A = Revision(
    DocumentInfo("a-1", "a-1.txt", "A", "vpc", "en", "2019-01-01", "", "fam/a"), TEXT_A
)
EVIDENCE = '[{doc: fam/a, line: 2, quote: "Isdefault Boolean No"}]'


def _revision(doc_id: str, family: str, text: str) -> Revision:
    return Revision(
        DocumentInfo(doc_id, f"{doc_id}.txt", "T", "vpc", "en", "2020-01-01", "", family), text
    )


def _load(tmp_path: Path, text: str) -> list[Override]:
    path = tmp_path / "overrides.yaml"
    path.write_text(text)
    return load_overrides(path, FAMILIES)


def _anchored(
    tmp_path: Path, text: str, revisions: list[Revision]
) -> tuple[list[Override], list[str]]:
    overrides = _load(tmp_path, text)
    return overrides, anchor(overrides, revisions)


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
    tmp_path: Path, entries: str, document: str = "a-1"
) -> tuple[list[Operation], list[str]]:
    overrides, problems = _anchored(tmp_path, entries, [REVISION_A])
    assert problems == []
    applied = Applied()
    result = apply_overrides(overrides, document, [_operation()], applied)
    return result, unmatched(overrides, applied)


def test_rename_parameter_field_error_and_set_facts(tmp_path: Path) -> None:
    entries = f"""
- {{family: fam/a, operation: DescribeVpcs, parameter: Isdefault, rename_to: IsDefault,
   set: {{required: true}}, reason: typo, evidence: {EVIDENCE}}}
- {{family: fam/a, operation: DescribeVpcs, field: Vpcs.Vpc.Remoteld, rename_to: RemoteId,
   reason: typo, evidence: {EVIDENCE}}}
- {{family: fam/a, operation: '*', error: Forbbiden, rename_to: Forbidden,
   reason: typo, evidence: {EVIDENCE}}}
- {{family: fam/a, operation: DescribeVpcs, example_response_json: {{RequestId: y}},
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
- {{family: fam/a, operation: DescribeVpcs, parameter: VpcId, drop: true, reason: r,
   evidence: {EVIDENCE}}}
- {{family: fam/a, operation: DescribeVpcs, rename_to: DescribeVpcList, reason: r,
   evidence: {EVIDENCE}}}
"""
    (op,), problems = _apply(tmp_path, entries)
    assert problems == []
    assert op.name == "DescribeVpcList"
    assert [p.name for p in op.parameters] == ["Isdefault"]


def test_entries_for_another_document_do_not_apply(tmp_path: Path) -> None:
    entries = f"""
- {{family: merged, operation: DescribeVpcs, parameter: Isdefault, rename_to: IsDefault,
   reason: r, evidence: {EVIDENCE}}}
"""
    (op,), problems = _apply(tmp_path, entries, document="a-1")
    assert op.parameters[0].name == "Isdefault"
    assert len(problems) == 1


def test_an_override_that_matches_nothing_is_reported_with_its_line(tmp_path: Path) -> None:
    entries = f"""
- {{family: fam/a, operation: DescribeVpcs, parameter: Isdefault, rename_to: IsDefault,
   reason: r, evidence: {EVIDENCE}}}
- {{family: fam/a, operation: DescribeVpcs, field: Vpcs.Vpc.Missing, drop: true,
   reason: r, evidence: {EVIDENCE}}}
"""
    _, problems = _apply(tmp_path, entries)
    (problem,) = problems
    assert problem.startswith(f"{tmp_path / 'overrides.yaml'}:4: override matched nothing")
    assert "field Vpcs.Vpc.Missing" in problem


def test_missing_evidence_is_rejected(tmp_path: Path) -> None:
    (error,) = _errors(
        tmp_path,
        "- {family: fam/a, operation: X, parameter: P, drop: true, reason: r}\n",
    )
    assert error.startswith(f"{tmp_path / 'overrides.yaml'}:1: 'evidence' is required")


ENTRY = "- {{family: fam/a, operation: X, parameter: P, drop: true, reason: r, evidence: {}}}\n"


def test_evidence_is_found_by_text_wherever_it_moved_and_wraps(tmp_path: Path) -> None:
    moved = '[{doc: fam/a, line: 40, quote: "Indicates wrapped"}]'  # the line is only a hint
    (override,), problems = _anchored(tmp_path, ENTRY.format(moved), [REVISION_A])
    assert problems == []
    assert override.applies_to == {"a-1"}
    assert override.evidence[0].line == 40


def test_a_revision_without_the_quoted_defect_retires_the_entry_for_it(tmp_path: Path) -> None:
    fixed = _revision("a-2", "fam/a", TEXT_A.replace("Isdefault", "IsDefault"))
    other = _revision("b-1", "fam/b", "Isdefault Boolean No")  # another family: not its business
    (override,), problems = _anchored(tmp_path, ENTRY.format(EVIDENCE), [REVISION_A, fixed, other])
    assert problems == []
    assert (override.applies_to, override.retired) == ({"a-1"}, ["a-2"])


def test_a_quote_no_revision_holds_is_an_error_with_the_nearest_match(tmp_path: Path) -> None:
    gone = '[{doc: fam/a, line: 2, quote: "Isdefault Boolean Yes"}]'
    _, (problem,) = _anchored(tmp_path, ENTRY.format(gone), [REVISION_A])
    assert problem.startswith(f"{tmp_path / 'overrides.yaml'}:1: quote no longer found")
    assert "'Isdefault Boolean Yes' is not in a-1.txt" in problem
    assert "nearest match at line 2: 'Isdefault Boolean No false Indicates'" in problem


def test_a_confirming_quote_must_be_in_a_revision_of_its_family(tmp_path: Path) -> None:
    confirms = EVIDENCE[:-1] + ', {doc: fam/b, quote: "IsDefault Boolean"}]'
    found = _revision("b-1", "fam/b", "x\nIsDefault  Boolean No\n")
    (override,), problems = _anchored(tmp_path, ENTRY.format(confirms), [REVISION_A, found])
    assert problems == [] and override.applies_to == {"a-1"}
    missing = _revision("b-1", "fam/b", "x\nIsdefault Boolean No\n")
    _, (problem,) = _anchored(tmp_path, ENTRY.format(confirms), [REVISION_A, missing])
    assert "fam/b 'IsDefault Boolean' is not in b-1.txt; nearest match at line 2" in problem


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
        f"- {{family: fam/a, operation: X, {entry}, reason: r, evidence: {EVIDENCE}}}\n",
    )
    assert any(message in error for error in errors), errors


def test_unknown_family_is_rejected(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        f"- {{family: fam/z, operation: X, parameter: P, drop: true, reason: r, "
        f"evidence: {EVIDENCE}}}\n",
    )
    assert any("unknown family 'fam/z'" in error for error in errors)


def test_the_repository_overrides_are_valid_and_quote_the_documents() -> None:
    registry = load_registry()
    overrides = load_overrides(DEFAULT_SPEC_DIR / "overrides.yaml", registry.names())
    revisions = [
        Revision(doc.info, (SOURCES_DIR / doc.info.file).read_text(encoding="utf-8"))
        for doc in documents_in(SOURCES_DIR, registry)
    ]
    assert anchor(overrides, revisions) == []
    assert overrides
    assert all(o.evidence and o.reason and o.applies_to for o in overrides)
    assert not any(o.retired for o in overrides)


def test_an_entry_for_all_families_applies_to_every_revision(tmp_path: Path) -> None:
    entry = ENTRY.replace("family: fam/a", "family: all").format(EVIDENCE)
    other = _revision("b-1", "fam/b", "no quote here")
    (override,), problems = _anchored(tmp_path, entry, [REVISION_A, other])
    assert problems == []
    assert override.applies_to == {"a-1", "b-1"}
