"""extract end to end on the five documents (idempotent, deterministic) and its atomic output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import pipeline, spec_io
from generator.build_cache import inputs_digest
from generator.cache import CACHE_ENV
from generator.extract.raw import Warning
from generator.model import Operation, Parameter
from generator.overrides import Evidence, Override
from generator.report import warnings_report

SOURCES = pipeline.DEFAULT_SOURCES_DIR


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spec")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, "")  # really read the documents, whatever a cache holds
        pipeline.extract(SOURCES, out)
    return out


def test_extract_writes_a_valid_spec_snapshots_and_reports(extracted: Path) -> None:
    spec = spec_io.load_spec(extracted)
    assert len(spec.operations) > 100
    assert [doc.id for doc in spec.service.documents] == [
        "vpc-en-20190918",
        "vpc-zh-tw-20220317",
        "vpn-en-20200917",
        "ec-en-undated",
        "ec-en-20200415",
    ]
    assert all(len(doc.sha256) == 64 for doc in spec.service.documents)
    describe_vpcs = spec.operation("DescribeVpcs")
    names = [p.name for p in describe_vpcs.parameters]
    assert "IsDefault" in names and "Isdefault" not in names  # the seeded override applied
    snapshot = spec_io.load_snapshot(extracted / "documents" / "vpc-en-20190918")
    assert [doc.id for doc in snapshot.service.documents] == ["vpc-en-20190918"]
    for report in ("warnings.md", "conflicts.md", "extraction.md"):
        assert (extracted / "reports" / report).read_text().startswith("# ")


def test_extract_is_deterministic_and_idempotent(
    extracted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _tree(extracted)
    monkeypatch.setenv(CACHE_ENV, "")
    pipeline.extract(SOURCES, tmp_path / "again")
    assert _tree(tmp_path / "again") == first
    # Through the extraction cache: stored on the first run, read back on the second.
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    out = tmp_path / "cached"
    pipeline.extract(SOURCES, out)
    assert list((tmp_path / "cache" / "extraction").rglob("*"))
    pipeline.extract(SOURCES, out)  # re-running over its own output changes nothing
    assert _tree(out) == first


def test_the_extraction_cache_key_follows_every_input(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    spec = tmp_path / "spec"
    spec.mkdir()
    overrides = spec / "overrides.yaml"
    shutil.copy(pipeline.DEFAULT_SPEC_DIR / "overrides.yaml", overrides)

    def digest() -> str:
        return inputs_digest(sources, overrides, pipeline.MANAGED)

    first = digest()
    (spec / "service.yaml").write_text("written by extract\n")  # an output, not an input
    (spec / "operations").mkdir()
    assert digest() == first
    changes = [
        (overrides, overrides.read_text() + "\n# reviewed\n"),
        (spec / "documents.yaml", "a new reviewed table\n"),
        (next(sources.glob("*.txt")), "an edited document\n"),
        (sources / "new-revision.txt", "a new document\n"),
    ]
    seen = {first}
    for path, text in changes:
        path.write_text(text)
        assert digest() not in seen
        seen.add(digest())


def test_extract_keeps_what_it_does_not_own(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "keep.txt").write_text("mine")
    shutil.copy(pipeline.DEFAULT_SPEC_DIR / "overrides.yaml", tmp_path / "overrides.yaml")
    (tmp_path / "operations").mkdir()
    (tmp_path / "operations" / "Stale.yaml").write_text("name: Stale\n")
    pipeline.extract(SOURCES, tmp_path)
    assert (tmp_path / "sources" / "keep.txt").read_text() == "mine"
    assert (tmp_path / "overrides.yaml").is_file()
    assert not (tmp_path / "operations" / "Stale.yaml").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def _old_spec(root: Path) -> dict[str, bytes]:
    pipeline.write_atomically(root, {"service.yaml": "product: Vpc\n", "operations/A.yaml": "a\n"})
    return _tree(root)


def test_a_failure_while_writing_leaves_the_old_spec_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _old_spec(tmp_path)

    def write_half_then_fail(root: Path, files: dict[str, str]) -> None:
        first = dict(sorted(files.items())[:1])
        real_write_files(root, first)
        raise OSError("disk full")

    real_write_files = spec_io.write_files
    monkeypatch.setattr(spec_io, "write_files", write_half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        pipeline.write_atomically(
            tmp_path, {"service.yaml": "new\n", "operations/B.yaml": "b\n", "reports/x.md": "x"}
        )
    assert _tree(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_failure_during_the_swap_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _old_spec(tmp_path)
    real_replace = os.replace
    calls: list[str] = []

    def fail_on_second_install(src: str | Path, dst: str | Path) -> None:
        if ".extract-" in str(src):
            calls.append(str(src))
            if len(calls) == 2:
                raise OSError("interrupted")
        real_replace(src, dst)

    monkeypatch.setattr(pipeline.os, "replace", fail_on_second_install)
    with pytest.raises(OSError, match="interrupted"):
        pipeline.write_atomically(
            tmp_path, {"service.yaml": "new\n", "operations/B.yaml": "b\n", "reports/x.md": "x"}
        )
    assert _tree(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_an_invalid_extraction_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _old_spec(tmp_path)
    real_build = pipeline.build

    def build_with_a_bad_parameter(sources: Path, overrides: Path) -> pipeline.Extraction:
        extraction = real_build(sources, overrides)
        extraction.operations.append(
            Operation("BadOp", "vpc", "VPC", parameters=[Parameter("Tag . N .Key", "String")])
        )
        return extraction

    monkeypatch.setattr(pipeline, "build", build_with_a_bad_parameter)
    with pytest.raises(spec_io.SpecError) as info:
        pipeline.extract(SOURCES, tmp_path)
    assert (
        "operations/BadOp.yaml: malformed parameter wire name 'Tag . N .Key'" in info.value.errors
    )
    assert any("type 'String' is not one of" in e for e in info.value.errors)
    assert _tree(tmp_path) == before


def test_extract_document_reads_one_file_as_a_spec() -> None:
    spec = pipeline.extract_document(SOURCES / "express-connect-api-reference-en-undated.txt")
    assert [doc.id for doc in spec.service.documents] == ["ec-en-undated"]
    names = [op.name for op in spec.operations]
    assert names == sorted(names) and "CreatePhysicalConnection" in names
    create = spec.operation("CreatePhysicalConnection")
    assert "bandwidth" in [p.name for p in create.parameters]  # its override applied


def test_warnings_report_groups_by_kind_and_line_and_marks_overridden_lines() -> None:
    added = "response example key '{}' is absent from the response table: added from the example"
    warnings = {
        "doc-a": [
            Warning("doc-a", 10, added.format("Code")),
            Warning("doc-a", 10, added.format("message")),
            Warning("doc-a", 20, "name 'Filter.1.Key' is not an identifier"),
        ],
        "doc-b": [Warning("doc-b", 5, "mystery")],
    }
    cited = Override(
        "doc-a",
        "Op",
        "parameter",
        "Filter.1.Key",
        {"drop": True},
        "r",
        [Evidence("doc-a", 20, "q")],
        "",
    )
    text = warnings_report(warnings, [cited])
    assert "4 warnings in 3 entries." in text
    assert "| Response keys only the example shows (added from the example) | 1 | 2 |" in text
    assert "| doc-a | 10 | Code, message |" in text
    assert "| doc-a | 20 | name 'Filter.1.Key' is not an identifier (override) |" in text
    assert "## Other (1)" in text and "| doc-b | 5 | mystery |" in text
