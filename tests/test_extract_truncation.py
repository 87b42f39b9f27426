"""Truncated or corrupted inputs are refused with the file (and line) named, and nothing is written.

Each test builds a damaged copy of a committed document (spec/sources/) or spec file in a
temporary folder.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.cli import main
from generator.documents import SOURCES_DIR, Document, documents_in, load_registry
from generator.extract.completeness import TruncatedDocument, parse_complete

SOURCES = pipeline.DEFAULT_SOURCES_DIR
EC_2020 = "express-connect-api-reference-en-20200415.txt"
DOCUMENTS = documents_in(SOURCES_DIR, load_registry())
BY_ID = {doc.info.id: doc for doc in DOCUMENTS}


def parse(doc: Document, folder: Path) -> None:
    parser = importlib.import_module(f"generator.extract.{doc.parser}")
    parse_complete(parser, folder / doc.info.file, doc.info)


def sources_with(tmp_path: Path, file_name: str, content: bytes) -> Path:
    """A copy of spec/sources/ where `file_name` holds `content`."""
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / file_name).write_bytes(content)
    return sources


def cut(file_name: str, share: float) -> bytes:
    """The document's first `share` of bytes (whole characters)."""
    data = (SOURCES / file_name).read_bytes()
    return data[: int(len(data) * share)].decode("utf-8", "ignore").encode("utf-8")


def run_extract(sources: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["extract", "--sources", str(sources), "--out", str(out)])
    return status, capsys.readouterr().err


def test_every_committed_document_is_complete() -> None:
    for doc in DOCUMENTS:
        parse(doc, SOURCES)


def test_98_percent_of_the_2020_express_connect_document_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cut lands in an error row; it used to become the error code InvalidBgpDiscriptionMalfor."""
    sources = sources_with(tmp_path, EC_2020, cut(EC_2020, 0.98))
    out = tmp_path / "spec"
    status, err = run_extract(sources, out, capsys)
    assert status == 1
    assert f"{sources / EC_2020}:" in err and "document truncated" in err
    assert "InvalidBgpDiscriptionMalfor" not in err
    assert not (out / "operations").exists() and not (out / "service.yaml").exists()


def test_a_document_cut_mid_way_is_named_not_only_the_overrides_it_breaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zh_tw = BY_ID["vpc-zh-tw-20220317"].info.file
    sources = sources_with(tmp_path, zh_tw, cut(zh_tw, 0.5))
    status, err = run_extract(sources, tmp_path / "spec", capsys)
    assert status == 1
    assert f"{sources / zh_tw}:" in err and "document truncated" in err
    assert "override" not in err


FAST_DOCUMENTS = [doc.info.id for doc in DOCUMENTS if doc.info.id != "vpc-en-20190918"]


@pytest.mark.parametrize("share", [0.003, 0.1, 0.3, 0.5, 0.7, 0.9, 0.98, 0.995, 0.9995])
@pytest.mark.parametrize("doc_id", FAST_DOCUMENTS)
def test_byte_cuts_anywhere_are_refused(tmp_path: Path, doc_id: str, share: float) -> None:
    doc = BY_ID[doc_id]
    (tmp_path / doc.info.file).write_bytes(cut(doc.info.file, share))
    with pytest.raises(TruncatedDocument, match=rf"{doc.info.file}:\d+: document truncated"):
        parse(doc, tmp_path)


@pytest.mark.parametrize("share", [0.5, 0.999])
def test_byte_cuts_of_the_pdf_layout_are_refused(tmp_path: Path, share: float) -> None:
    doc = BY_ID["vpc-en-20190918"]
    (tmp_path / doc.info.file).write_bytes(cut(doc.info.file, share))
    with pytest.raises(TruncatedDocument, match=rf"{doc.info.file}:\d+: document truncated"):
        parse(doc, tmp_path)


def lines_of(doc: Document) -> list[str]:
    return (SOURCES / doc.info.file).read_text(encoding="utf-8").splitlines()


def test_a_cut_between_whole_lines_inside_the_last_section_is_refused(tmp_path: Path) -> None:
    """The zh-TW document cut right after a section's XML example: the JSON one is missing."""
    doc = BY_ID["vpc-zh-tw-20220317"]
    lines = lines_of(doc)
    xml_end = lines.index("</DeleteRouterInterfaceResponse>")
    (tmp_path / doc.info.file).write_text("\n".join(lines[: xml_end + 2]), encoding="utf-8")
    with pytest.raises(
        TruncatedDocument, match=r"DeleteRouterInterface \(line 7046\), ends without"
    ):
        parse(doc, tmp_path)


def test_a_cut_that_ends_the_document_inside_a_table_is_refused(tmp_path: Path) -> None:
    doc = BY_ID["vpn-en-20200917"]
    lines = lines_of(doc)
    last_row = max(n for n, line in enumerate(lines) if "\t" in line)
    (tmp_path / doc.info.file).write_text("\n".join(lines[: last_row + 1]), encoding="utf-8")
    with pytest.raises(TruncatedDocument, match=rf":{last_row + 1}: .*inside a table"):
        parse(doc, tmp_path)


def test_a_cut_at_a_section_boundary_is_a_complete_document(tmp_path: Path) -> None:
    """What remains is whole sections; the lost ones are the snapshot comparison's business."""
    doc = BY_ID["vpc-zh-tw-20220317"]
    lines = lines_of(doc)
    heading = lines.index("15.7. DeleteRouterInterface")
    (tmp_path / doc.info.file).write_text("\n".join(lines[:heading]), encoding="utf-8")
    parse(doc, tmp_path)


def test_invalid_utf8_in_a_document_names_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (SOURCES / EC_2020).read_bytes().split(b"\n")
    data[41] = data[41][:3] + b"\xff\xfe" + data[41][3:]
    sources = sources_with(tmp_path, EC_2020, b"\n".join(data))
    status, err = run_extract(sources, tmp_path / "spec", capsys)
    assert status == 1
    assert f"{sources / EC_2020}:42:4: not valid UTF-8 (byte 0xff" in err


def test_invalid_utf8_in_a_spec_operation_file_names_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(pipeline.DEFAULT_SPEC_DIR / "operations", spec / "operations")
    shutil.copy(pipeline.DEFAULT_SPEC_DIR / "service.yaml", spec / "service.yaml")
    corrupted = spec / "operations" / "DescribeVpcs.yaml"
    lines = corrupted.read_bytes().split(b"\n")
    lines[2] += b"\xc3("
    corrupted.write_bytes(b"\n".join(lines))
    capsys.readouterr()
    assert main(["spec", "--spec", str(spec)]) == 1
    assert f"{corrupted}:3:" in capsys.readouterr().err
