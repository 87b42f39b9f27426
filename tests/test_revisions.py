"""The maintainer's loop on synthetic revisions built from the committed documents (issue 10).

For each document, in a temporary folder: an unchanged copy under a newer dated name and a re-issue
whose printed date alone changed diff to nothing; one optional parameter row inserted in place is
exactly one non-breaking change; a small real edit is reported exactly and fails the diff. `update`
takes new revisions in without an API change, and an in-place one-row revision stays a small change
of spec/. Each case extracts one document; the two whole-pipeline cases run once each.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator import pipeline, spec_io
from generator.diffing import main as diff_main
from generator.documents import SOURCES_DIR, load_registry
from generator.update import update

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
GENERATED = ROOT / "generated"
NEW_DATE = "20300101"  # later than every committed revision: a re-issue must still not outrank


@dataclass(frozen=True)
class Document:
    file: str
    id: str
    family: str
    anchor: str  # an optional request row; the inserted row goes before it
    row: str  # the inserted row (parameter PageLimit)
    operation: str  # the operation whose table holds the anchor


DOCUMENTS = (
    Document(
        "vpc-api-reference-en-20190918.txt",
        "vpc-en-20190918",
        "vpc/en",
        "PageSize Integer No 1 The number of rows per page.",
        "PageLimit Integer No 1 The largest number of rows per page.",
        "DescribeVpcs",
    ),
    Document(
        "vpc-api-reference-zh-tw-20220317.txt",
        "vpc-zh-tw-20220317",
        "vpc/zh-TW",
        "PageSize\tInteger\t否\t分頁查詢時每頁的行數，最大值為50，預設值為10。",
        "PageLimit\tInteger\t否\t每頁的行數上限。",
        "DescribeVpcs",
    ),
    Document(
        "vpn-gateway-api-reference-en-20200917.txt",
        "vpn-en-20200917",
        "vpn-gateway/en",
        "PageSize\tInteger\tNo\t10\tThe number of rows per page. Maximum value: <i>50</i> . "
        "Default value: <i>10</i> .",
        "PageLimit\tInteger\tNo\t10\tThe largest number of rows per page.",
        "DescribeVpnGateways",
    ),
    Document(
        "express-connect-api-reference-en-undated.txt",
        "ec-en-undated",
        "express-connect/en-classic",
        "PageSize\tInteger\tNo\tPage size of the query result. The value range is 1 to 100, and "
        "the default value is 10.",
        "PageLimit\tInteger\tNo\tThe largest page size.",
        "DescribePhysicalConnections",
    ),
    Document(
        "express-connect-api-reference-en-20200415.txt",
        "ec-en-20200415",
        "express-connect/en",
        "PageSize\tInteger\tNo\t1\tOptional. The number of rows per page. Maximum value: 50. "
        "Default value: 10",
        "PageLimit\tInteger\tNo\t1\tThe largest number of rows per page.",
        "DescribePhysicalConnections",
    ),
)
BY_ID = {doc.id: doc for doc in DOCUMENTS}


def _text(doc: Document) -> str:
    return (SOURCES_DIR / doc.file).read_text(encoding="utf-8")


def _reissued(doc: Document, text: str) -> str:
    """`text` with only its printed date changed."""
    printed = load_registry().family(doc.family).printed_date
    assert printed is not None
    changed, count = printed.subn(lambda m: m.group(0).replace(m.group(1), NEW_DATE), text)
    assert count >= 1
    return changed


def _insert_row(doc: Document, text: str) -> str:
    lines = text.split("\n")
    at = lines.index(doc.anchor)  # the first occurrence
    return "\n".join([*lines[:at], doc.row, *lines[at:]])


def _diff(old: Path, new: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict]]:  # type: ignore[type-arg]
    status = diff_main([str(old), str(new), "--json", "--no-python"])
    changes: list[dict] = json.loads(capsys.readouterr().out)["changes"]  # type: ignore[type-arg]
    return status, changes


def _snapshot(doc: Document) -> Path:
    return SPEC / "documents" / doc.id


# ---------------------------------------------------------------------------------------------
# diff of one document file against its committed snapshot

CASES = [
    *((doc.id, "copy") for doc in DOCUMENTS),
    *((doc.id, "reissue") for doc in DOCUMENTS if doc.id != "ec-en-undated"),  # prints no date
]


@pytest.mark.parametrize(("doc_id", "case"), CASES)
def test_a_copy_or_a_reissue_diffs_to_nothing(
    doc_id: str, case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = BY_ID[doc_id]
    text = _text(doc) if case == "copy" else _reissued(doc, _text(doc))
    path = tmp_path / re.sub(r"(\d{8}|undated)\.txt$", f"{NEW_DATE}.txt", doc.file)
    path.write_text(text, encoding="utf-8")
    assert _diff(_snapshot(doc), path, capsys) == (0, [])


@pytest.mark.parametrize("doc_id", ["vpc-en-20190918", "vpn-en-20200917"])
def test_a_copy_diffs_to_nothing_in_python_names_too(
    doc_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole `diff`, as the README shows it: the public Python names of one document's
    operations are generated from that document alone (a fragment of the service, which the
    service-wide traits, paginators, waiters and shape overrides must not refuse)."""
    doc = BY_ID[doc_id]
    path = tmp_path / re.sub(r"(\d{8}|undated)\.txt$", f"{NEW_DATE}.txt", doc.file)
    path.write_text(_text(doc), encoding="utf-8")
    status = diff_main([str(_snapshot(doc)), str(path), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert (status, report["changes"]) == (0, [])
    assert report["python"] == {"removed": [], "added": [], "renamed": []}


@pytest.mark.parametrize("doc_id", list(BY_ID))
def test_one_inserted_optional_row_is_exactly_one_change(
    doc_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = BY_ID[doc_id]
    path = tmp_path / doc.file  # replaced in place: same name, same printed date
    path.write_text(_insert_row(doc, _text(doc)), encoding="utf-8")
    status, changes = _diff(_snapshot(doc), path, capsys)
    assert status == 0
    assert changes == [
        {
            "operation": doc.operation,
            "target": "parameter PageLimit",
            "change": "added (optional)",
            "severity": "non-breaking",
        }
    ]


_EC_STATUS = (
    "BusinessStatus\tString\tNormal\tThe payment status of the physical connection. Valid values: "
    '<ul style="list-style-type: none"> • Normal: Indicates that the payment is normal. • '
    "FinancialLocked: Indicates that the physical connection is locked due to overdue payments. • "
    "SecurityLocked: Indicates that the physical connection is locked due to security reasons."
)
_EC_STATUS_PATH = "PhysicalConnectionSet.PhysicalConnectionType.BusinessStatus"
# Small real edits: (original line, edited line or None to remove it) -> expected changes.
EDITS = {
    "vpn-en-20200917": (
        [
            (
                (
                    "PageSize\tInteger\tNo\t10\tThe number of rows per page. Maximum value: <i>50</i> . "
                    "Default value: <i>10</i> ."
                ),
                (
                    "PageSize\tInteger\tYes\t10\tThe number of rows per page. Maximum value: <i>50</i> "
                    ". Default value: <i>10</i> ."
                ),
            ),
            (
                (
                    "BusinessStatus\tString\tNo\tNormal\tThe status of the VPN Gateway. Valid values: "
                    "<i>Normal FinancialLocked</i>"
                ),
                (
                    "BusinessStatus\tString\tNo\tNormal\tThe status of the VPN Gateway. Valid values: "
                    "<i>Normal FinancialLocked Expired</i>"
                ),
            ),
            (
                (
                    "403\tForbidden\tUser not authorized to operate on the specified resource.\tYou are "
                    "not authorized to operate on this resource. For more information, open a ticket."
                ),
                None,
            ),
        ],
        [
            ("parameter BusinessStatus", "enum value added", "non-breaking"),
            ("parameter BusinessStatus", "description changed", "documentation"),
            ("parameter PageSize", "optional -> required", "breaking"),
            ("error Forbidden", "removed", "documentation"),
        ],
    ),
    "ec-en-20200415": (
        [
            (
                (
                    "PageSize\tInteger\tNo\t1\tOptional. The number of rows per page. Maximum "
                    "value: 50. Default value: 10"
                ),
                (
                    "PageSize\tInteger\tYes\t1\tOptional. The number of rows per page. Maximum "
                    "value: 50. Default value: 10"
                ),
            ),
            (
                _EC_STATUS,
                _EC_STATUS + " • Expired: Indicates that the physical connection expired.",
            ),
            (
                (
                    "404\tInvalidFilterKey .ValueNotSupported\tSpecified filter key is not "
                    "supported: Filter.X.key\tThe filter key is not supported."
                ),
                None,
            ),
        ],
        [
            ("parameter PageSize", "optional -> required", "breaking"),
            (f"response field {_EC_STATUS_PATH}", "enum value added", "non-breaking"),
            (f"response field {_EC_STATUS_PATH}", "description changed", "documentation"),
            ("error InvalidFilterKey.ValueNotSupported", "removed", "documentation"),
        ],
    ),
}


@pytest.mark.parametrize("doc_id", list(EDITS))
def test_a_small_real_edit_is_reported_exactly_and_a_breaking_one_fails(
    doc_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = BY_ID[doc_id]
    edits, expected = EDITS[doc_id]
    lines = _text(doc).split("\n")
    for old, new in edits:
        at = lines.index(old)
        lines[at : at + 1] = [] if new is None else [new]
    path = tmp_path / doc.file
    path.write_text("\n".join(lines), encoding="utf-8")
    status, changes = _diff(_snapshot(doc), path, capsys)
    assert status == 1
    assert [(c["target"], c["change"], c["severity"]) for c in changes] == expected
    assert {c["operation"] for c in changes} == {doc.operation}


# ---------------------------------------------------------------------------------------------
# The whole pipeline (one run each; the VPC guide, the slowest to read, takes part only as itself)


def _spec_copy(tmp_path: Path) -> Path:
    spec = tmp_path / "spec"
    shutil.copytree(SPEC, spec, ignore=shutil.ignore_patterns(".*"))
    return spec


def test_update_takes_in_copies_and_reissues_without_an_api_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _spec_copy(tmp_path)
    new_ids = []
    for doc_id, case in [
        ("vpn-en-20200917", "reissue"),  # would outrank the 2022 zh-TW guide by date alone
        ("vpc-zh-tw-20220317", "reissue"),
        ("ec-en-20200415", "copy"),
        ("ec-en-undated", "copy"),
    ]:
        doc = BY_ID[doc_id]
        text = _text(doc) if case == "copy" else _reissued(doc, _text(doc))
        name = re.sub(r"(\d{8}|undated)\.txt$", f"{NEW_DATE}.txt", doc.file)
        (spec / "sources" / name).write_text(text, encoding="utf-8")
        new_ids.append(re.sub(r"(\d{8}|undated)$", NEW_DATE, doc_id))
    package = tmp_path / "generated"
    shutil.copytree(GENERATED, package, ignore=shutil.ignore_patterns("__pycache__"))
    changelog = tmp_path / "CHANGELOG.md"
    assert update(spec / "sources", spec, package, changelog) == 0
    out = capsys.readouterr().out
    assert f"generated {package}: 0 files changed" in out
    assert "No API changes since the previous spec." in out
    assert "took in vpn-gateway/en revision vpn-en-20300101 (" in out
    assert "vpn-gateway/en: the merged spec follows vpn-en-20300101" in out
    committed = len(YAML(typ="safe").load((SPEC / "overrides.yaml").read_text(encoding="utf-8")))
    assert f"overrides: {committed} applied, 0 retired, 0 failed" in out
    assert not changelog.exists()
    assert all((spec / "documents" / doc_id).is_dir() for doc_id in new_ids)
    for path in sorted((SPEC / "operations").glob("*.yaml")):  # no merged fact flipped
        assert (spec / "operations" / path.name).read_bytes() == path.read_bytes(), path.name


def _changed_lines(before: str, after: str) -> int:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return sum(1 for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))


def test_a_one_row_revision_in_place_is_a_small_change_of_the_spec(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, sources)
    doc = BY_ID["vpn-en-20200917"]
    (sources / doc.file).write_text(_insert_row(doc, _text(doc)), encoding="utf-8")
    files = pipeline.render(pipeline.build(sources, SPEC / "overrides.yaml"))
    committed = {
        path.relative_to(SPEC).as_posix(): path.read_text(encoding="utf-8")
        for name in pipeline.MANAGED
        for path in ([SPEC / name] if (SPEC / name).is_file() else (SPEC / name).rglob("*"))
        if path.is_file()
    }
    assert files.keys() == committed.keys()  # the snapshot id follows the (same) revision
    changed = {
        name: _changed_lines(committed[name], text)
        for name, text in files.items()
        if committed[name] != text
    }
    merged = {name for name in changed if name.startswith("operations/")}
    assert merged == {f"operations/{doc.operation}.yaml"}
    assert all(
        name.startswith(("reports/", f"documents/{doc.id}/")) or name in merged | {"service.yaml"}
        for name in changed
    ), sorted(changed)
    assert sum(changed.values()) <= 300, changed


def _without_operations(doc: Document, names: set[str]) -> str:
    """The document's text with the sections of the operations `names` cut out, each up to the
    next section (the snapshot keeps the line each section starts on)."""
    operations = spec_io.load_snapshot(_snapshot(doc)).operations
    starts = sorted(op.sources[0].line or 0 for op in operations)
    lines = _text(doc).split("\n")
    for first in sorted(
        (op.sources[0].line or 0 for op in operations if op.name in names), reverse=True
    ):
        end = next(line for line in starts if line > first)
        del lines[first - 1 : end - 1]
    return "\n".join(lines)


def test_a_successor_replacing_a_removed_revision_and_an_in_place_loss_are_reported(
    tmp_path: Path,
) -> None:
    out = tmp_path / "spec"
    out.mkdir()
    (out / "overrides.yaml").write_text("[]\n")  # this folder holds one family only
    sources = tmp_path / "sources"
    sources.mkdir()
    doc = BY_ID["ec-en-undated"]
    (sources / doc.file).write_text(_text(doc), encoding="utf-8")
    assert pipeline.extract(sources, out).history == []

    # The old file removed, a successor without one operation added: a note, no crash.
    (sources / doc.file).unlink()
    successor = sources / doc.file.replace("undated", NEW_DATE)
    cancel = {"CancelPhysicalConnection"}
    successor.write_text(_without_operations(doc, cancel), encoding="utf-8")
    note = (
        "note: express-connect/en-classic: ec-en-20300101 no longer documents 1 operations of "
        "ec-en-undated: CancelPhysicalConnection"
    )
    assert pipeline.extract(sources, out).history == [note]
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["ec-en-20300101"]

    # The same revision losing an operation (an in-place edit, or a parser change): a warning.
    successor.write_text(
        _without_operations(doc, cancel | {"EnablePhysicalConnection"}), encoding="utf-8"
    )
    warning = (
        "warning: ec-en-20300101: 1 operations disappeared without a revision change: "
        "EnablePhysicalConnection"
    )
    assert pipeline.extract(sources, out).history == [warning]
