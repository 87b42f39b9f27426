"""The merge rule on small hand-built snapshots, and the conflict report it feeds."""

from __future__ import annotations

from generator.merge import Snapshot, merge
from generator.model import DocumentInfo, ErrorEntry, Field, Operation, Parameter, Source
from generator.report import conflicts_report

OLD_EN = DocumentInfo("old-en", "a.txt", "A", "vpc", "en", "2019-09-18")
NEW_ZH = DocumentInfo("new-zh", "b.txt", "B", "vpc", "zh-TW", "2022-03-17")
MID_EN = DocumentInfo("mid-en", "c.txt", "C", "vpc", "en", "2020-09-17")
UNDATED = DocumentInfo("undated-en", "d.txt", "D", "vpc", "en", "undated")


def _param(doc: DocumentInfo, name: str, type_: str = "string", **kw: object) -> Parameter:
    return Parameter(name, type_, sources=[Source(doc.id, kw.pop("line", 1))], **kw)  # type: ignore[arg-type]


def _op(doc: DocumentInfo, name: str = "DescribeVpcs", **kw: object) -> Operation:
    return Operation(
        name=name,
        product="vpc",
        group=kw.pop("group", "VPC"),  # type: ignore[arg-type]
        sources=[Source(doc.id, 100)],
        **kw,
    )  # type: ignore[arg-type]


def test_union_of_operations_and_parameters_keeps_all_sources() -> None:
    old = _op(OLD_EN, parameters=[_param(OLD_EN, "RegionId", line=5)])
    new = _op(NEW_ZH, parameters=[_param(NEW_ZH, "RegionId", line=7), _param(NEW_ZH, "PageSize")])
    only_old = _op(OLD_EN, "CreateVpc")
    merged, _ = merge([Snapshot(OLD_EN, [old, only_old]), Snapshot(NEW_ZH, [new])])
    assert [op.name for op in merged] == ["CreateVpc", "DescribeVpcs"]
    describe = merged[1]
    assert [p.name for p in describe.parameters] == ["RegionId", "PageSize"]
    assert describe.parameters[0].sources == [Source("old-en", 5), Source("new-zh", 7)]
    assert describe.sources == [Source("old-en", 100), Source("new-zh", 100)]


def test_descriptions_prefer_newest_english_and_keep_chinese_only_when_alone() -> None:
    snapshots = [
        Snapshot(
            OLD_EN,
            [
                _op(
                    OLD_EN,
                    summary="Old English.",
                    parameters=[_param(OLD_EN, "VpcId", description="old text")],
                )
            ],
        ),
        Snapshot(
            NEW_ZH,
            [
                _op(
                    NEW_ZH,
                    summary="中文。",
                    group="專有網路",
                    parameters=[
                        _param(NEW_ZH, "VpcId", description="中文"),
                        _param(NEW_ZH, "DryRun", description="只有中文"),
                    ],
                )
            ],
        ),
        Snapshot(
            MID_EN, [_op(MID_EN, summary="Newer English.", parameters=[_param(MID_EN, "VpcId")])]
        ),
    ]
    (op,), _ = merge(snapshots)
    assert op.summary == "Newer English."
    assert op.group == "VPC"
    assert op.parameters[0].description == "old text"  # the newer English one says nothing
    assert op.parameters[1].description == "只有中文"


def test_facts_newest_revision_wins_and_disagreements_are_recorded() -> None:
    snapshots = [
        Snapshot(
            OLD_EN,
            [
                _op(
                    OLD_EN,
                    parameters=[_param(OLD_EN, "PageSize", "string", line=10, required=True)],
                )
            ],
        ),
        Snapshot(
            NEW_ZH,
            [
                _op(
                    NEW_ZH,
                    parameters=[_param(NEW_ZH, "PageSize", "integer", line=20, required=False)],
                )
            ],
        ),
    ]
    (op,), conflicts = merge(snapshots)
    assert (op.parameters[0].type, op.parameters[0].required) == ("integer", False)
    by_aspect = {c.aspect: c for c in conflicts}
    assert set(by_aspect) == {"type", "required"}
    statements = [(s.doc, s.line, s.value) for s in by_aspect["type"].statements]
    assert statements == [("new-zh", 20, "integer"), ("old-en", 10, "string")]
    assert by_aspect["type"].subject == "parameter PageSize"


def test_undated_counts_as_oldest() -> None:
    snapshots = [
        Snapshot(UNDATED, [_op(UNDATED, parameters=[_param(UNDATED, "CircuitCode", "long")])]),
        Snapshot(OLD_EN, [_op(OLD_EN, parameters=[_param(OLD_EN, "CircuitCode", "string")])]),
    ]
    (op,), conflicts = merge(snapshots)
    assert op.parameters[0].type == "string"
    assert [c.aspect for c in conflicts] == ["type"]


def test_an_omitted_fact_is_never_removed_and_is_no_conflict() -> None:
    snapshots = [
        Snapshot(
            OLD_EN,
            [
                _op(
                    OLD_EN,
                    parameters=[
                        _param(OLD_EN, "Status", enum=["Available", "Pending"], default="Available")
                    ],
                )
            ],
        ),
        Snapshot(NEW_ZH, [_op(NEW_ZH, parameters=[_param(NEW_ZH, "Status")])]),
    ]
    (op,), conflicts = merge(snapshots)
    assert op.parameters[0].enum == ["Available", "Pending"]
    assert op.parameters[0].default == "Available"
    assert conflicts == []


def test_enum_sets_that_differ_are_a_conflict_and_the_newest_wins() -> None:
    snapshots = [
        Snapshot(OLD_EN, [_op(OLD_EN, parameters=[_param(OLD_EN, "Spec", enum=["Small"])])]),
        Snapshot(
            MID_EN, [_op(MID_EN, parameters=[_param(MID_EN, "Spec", enum=["Small", "Large"])])]
        ),
    ]
    (op,), conflicts = merge(snapshots)
    assert op.parameters[0].enum == ["Small", "Large"]
    (conflict,) = conflicts
    assert conflict.aspect == "enum"
    assert [s.value for s in conflict.statements] == ["[Large, Small]", "[Small]"]


def test_a_parameter_missing_from_one_revision_is_a_presence_conflict() -> None:
    snapshots = [
        Snapshot(OLD_EN, [_op(OLD_EN, parameters=[_param(OLD_EN, "OwnerId", line=3)])]),
        Snapshot(MID_EN, [_op(MID_EN)]),
        Snapshot(NEW_ZH, [_op(NEW_ZH, "Other")]),  # does not document DescribeVpcs: not counted
    ]
    merged, conflicts = merge(snapshots)
    assert [p.name for p in merged[0].parameters] == ["OwnerId"]
    (conflict,) = conflicts
    assert conflict.aspect == "presence"
    assert [(s.doc, s.value) for s in conflict.statements] == [
        ("old-en", "present"),
        ("mid-en", "absent"),
    ]


def test_response_trees_merge_by_path_and_errors_by_code() -> None:
    def tree(doc: DocumentInfo, status_type: str, extra: list[Field]) -> list[Field]:
        return [
            Field(
                "Vpcs",
                "list",
                item_name="Vpc",
                item_type="object",
                sources=[Source(doc.id, 40)],
                fields=[Field("Status", status_type, sources=[Source(doc.id, 41)]), *extra],
            )
        ]

    old = _op(
        OLD_EN,
        response=tree(OLD_EN, "string", [Field("VpcId", "string")]),
        errors=[ErrorEntry("Forbidden", 403, "old", sources=[Source("old-en", 50)])],
    )
    new = _op(
        NEW_ZH,
        response=tree(NEW_ZH, "integer", []),
        errors=[
            ErrorEntry("Forbidden", 400, "新", sources=[Source("new-zh", 60)]),
            ErrorEntry("Throttling", 400),
        ],
    )
    (op,), conflicts = merge([Snapshot(OLD_EN, [old]), Snapshot(NEW_ZH, [new])])
    vpcs = op.response[0]
    assert [f.name for f in vpcs.fields] == ["Status", "VpcId"]
    assert vpcs.fields[0].type == "integer"
    assert [(e.code, e.http_status, e.message) for e in op.errors] == [
        ("Forbidden", 400, "old"),
        ("Throttling", 400, ""),
    ]
    subjects = {(c.subject, c.aspect) for c in conflicts}
    assert subjects == {("field Vpcs.Vpc.Status", "type"), ("error Forbidden", "http_status")}


def test_conflict_report_lists_both_sources() -> None:
    snapshots = [
        Snapshot(OLD_EN, [_op(OLD_EN, parameters=[_param(OLD_EN, "A|B", "string", line=11)])]),
        Snapshot(NEW_ZH, [_op(NEW_ZH, parameters=[_param(NEW_ZH, "A|B", "integer", line=22)])]),
    ]
    _, conflicts = merge(snapshots)
    text = conflicts_report(conflicts)
    assert "## DescribeVpcs" in text
    row = next(line for line in text.splitlines() if line.startswith("| parameter A\\|B"))
    assert "new-zh:22 = integer" in row and "old-en:11 = string" in row
    assert "1 conflicts." in text


def test_a_field_documented_with_members_keeps_its_structure_over_a_json_string_cell() -> None:
    # 001 l.5210 'IkeConfig JSON string' vs 002 l.2712 'IkeConfig Struct' with its keys
    member = Field("IkeVersion", "string", sources=[Source(MID_EN.id, 2720)])
    old = _op(MID_EN, response=[Field("IkeConfig", "object", fields=[member])])
    new = _op(NEW_ZH, response=[Field("IkeConfig", "json", sources=[Source(NEW_ZH.id, 5210)])])
    merged, conflicts = merge([Snapshot(MID_EN, [old]), Snapshot(NEW_ZH, [new])])
    ike = merged[0].response[0]
    assert (ike.type, [f.name for f in ike.fields]) == ("object", ["IkeVersion"])
    assert [c.resolution for c in conflicts if c.aspect == "type"] == [
        "object (newest revision that lists its members)"
    ]
