"""Documents are data: families recognised by content, revisions dated by what they print, ids
unique, unknown files refused with a way to register them, the newest revision of each family."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.documents import (
    SOURCES_DIR,
    Registry,
    UnknownDocument,
    documents_in,
    identify,
    load_registry,
    newest_of_each_family,
    unrelated_texts,
)

REGISTRY = """
families:
  - {family: guide/en, id: guide-en, title: Guide, product: vpc, language: en, parser: pdf_en,
     recognise: '^Alibaba Cloud Guide API', printed_date: 'Issue: (\\d{8})'}
  - {family: other/en, id: other-en, title: Other, product: vpc, language: en, parser: vpn_en,
     recognise: '^Other API'}
documents: []
"""
GUIDE = "\n\nAlibaba Cloud Guide\nAPI reference\n\nIssue: {date}\n\nbody {body}\n"


def _registry(tmp_path: Path, extra: str = "") -> Registry:
    path = tmp_path / "documents.yaml"
    path.write_text(REGISTRY.replace("documents: []", extra or "documents: []"))
    return load_registry(path)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return folder / name


@pytest.mark.parametrize(
    ("file", "family", "doc_id"),
    [
        ("vpc-api-reference-en-20190918.txt", "vpc/en", "vpc-en-20190918"),
        ("vpc-api-reference-zh-tw-20220317.txt", "vpc/zh-TW", "vpc-zh-tw-20220317"),
        ("vpn-gateway-api-reference-en-20200917.txt", "vpn-gateway/en", "vpn-en-20200917"),
        (
            "express-connect-api-reference-en-undated.txt",
            "express-connect/en-classic",
            "ec-en-undated",
        ),
        ("express-connect-api-reference-en-20200415.txt", "express-connect/en", "ec-en-20200415"),
    ],
)
def test_each_committed_document_is_recognised_by_its_content_whatever_its_name(
    tmp_path: Path, file: str, family: str, doc_id: str
) -> None:
    registry = load_registry()
    unregistered = type(registry)(registry.families, {})  # content alone decides
    copy = shutil.copy(SOURCES_DIR / file, tmp_path / "new-guide.txt")
    info = identify(Path(copy), unregistered).info
    assert (info.family, info.id, info.file) == (family, doc_id, "new-guide.txt")


def test_the_printed_date_wins_over_the_file_name_and_undated_falls_back_to_it(
    tmp_path: Path,
) -> None:
    registry = _registry(tmp_path)
    sources = tmp_path / "sources"
    printed = _write(sources, "guide-20190918.txt", GUIDE.format(date="20210101", body=1))
    assert identify(printed, registry).info.id == "guide-en-20210101"  # replaced in place
    undated = _write(sources, "other-20200101.txt", "Other API\n")
    assert identify(undated, registry).info.revision == "2020-01-01"
    nameless = _write(sources, "other.txt", "Other API\n")
    assert identify(nameless, registry).info.id == "other-en-undated"


def test_a_copy_under_a_newer_dated_name_is_a_revision_of_its_own_ranked_as_the_original(
    tmp_path: Path,
) -> None:
    registry = _registry(tmp_path)
    sources = tmp_path / "sources"
    _write(sources, "guide-20190918.txt", GUIDE.format(date="20190918", body=1))
    _write(sources, "guide-20210101.txt", GUIDE.format(date="20190918", body=1))
    _write(sources, "guide-20300101.txt", GUIDE.format(date="20300101", body=1))  # re-issue
    documents = documents_in(sources, registry)
    assert [(d.info.id, d.info.revision, d.rank_revision) for d in documents] == [
        ("guide-en-20190918", "2019-09-18", "2019-09-18"),
        ("guide-en-20210101", "2019-09-18", "2019-09-18"),
        ("guide-en-20300101", "2030-01-01", "2019-09-18"),  # same text: never outranks others
    ]
    (newest,) = newest_of_each_family(documents)
    assert newest.info.id == "guide-en-20300101"
    _write(sources, "guide-20300101.txt", GUIDE.format(date="20300101", body=2))  # a real edit
    ranks = {d.info.id: d.rank_revision for d in documents_in(sources, registry)}
    assert ranks["guide-en-20300101"] == "2030-01-01"


def test_two_files_of_one_revision_are_refused(tmp_path: Path) -> None:
    registry = _registry(tmp_path)
    sources = tmp_path / "sources"
    _write(sources, "a.txt", GUIDE.format(date="20190918", body=1))
    _write(sources, "b.txt", GUIDE.format(date="20190918", body=2))
    with pytest.raises(UnknownDocument, match="a.txt, b.txt: the same revision"):
        documents_in(sources, registry)


def test_an_unknown_file_is_an_error_saying_what_was_tried_and_how_to_register_it(
    tmp_path: Path,
) -> None:
    sources = tmp_path / "sources"
    _write(sources, "guide-20190918.txt", GUIDE.format(date="20190918", body=1))
    _write(sources, "NOTES.md", "notes are not documents")
    _write(sources, "mystery-20220101.txt", "Some other vendor guide\n")
    with pytest.raises(UnknownDocument) as info:
        documents_in(sources, _registry(tmp_path))
    message = str(info.value)
    assert message.startswith(f"{sources / 'mystery-20220101.txt'}: not recognised")
    assert "guide/en: /^Alibaba Cloud Guide API/" in message and "other/en" in message
    assert "`- {file: mystery-20220101.txt, family: vpc/en}`" in message
    line = "documents:\n  - {file: mystery-20220101.txt, family: other/en}"
    ids = [d.info.id for d in documents_in(sources, _registry(tmp_path, line))]
    assert ids == ["guide-en-20190918", "other-en-20220101"]


def test_a_registered_file_whose_text_reads_as_another_family_is_refused(tmp_path: Path) -> None:
    line = "documents:\n  - {file: guide.txt, family: other/en}"
    path = _write(tmp_path / "sources", "guide.txt", GUIDE.format(date="20190918", body=1))
    with pytest.raises(UnknownDocument, match="registered as other/en .* reads as guide/en"):
        identify(path, _registry(tmp_path, line))


def test_the_pdf_vocabulary_reads_only_other_families_never_another_revision_of_its_guide(
    tmp_path: Path,
) -> None:
    vpc, vpn = "vpc-api-reference-en-20190918.txt", "vpn-gateway-api-reference-en-20200917.txt"
    older = (SOURCES_DIR / vpc).read_text(encoding="utf-8").replace("Isdefault", "Is default")
    (tmp_path / "vpc-api-reference-en-20170101.txt").write_text(older, encoding="utf-8")
    newer_vpn = (SOURCES_DIR / vpn).read_text(encoding="utf-8") + "\nZzNewVpnWord\n"
    (tmp_path / "vpn-gateway-api-reference-en-20210101.txt").write_text(newer_vpn)
    shutil.copy(SOURCES_DIR / vpc, tmp_path / vpc)
    texts = unrelated_texts(tmp_path / vpc, "vpc/en")
    assert len(texts) == 4  # zh-TW, both Express Connect families, and the VPN guide beside it
    assert not any("Is default" in text for text in texts)
    assert any(text.endswith("ZzNewVpnWord\n") for text in texts)  # the newest revision beside


def test_evidence_beside_a_downloaded_file_skips_what_is_not_a_document(tmp_path: Path) -> None:
    """A new revision diffed from a downloads folder: binary or unknown neighbours are no evidence
    and no error; the other guides come from spec/sources/."""
    vpn = next(p for p in SOURCES_DIR.iterdir() if p.name.startswith("vpn-gateway"))
    downloaded = tmp_path / "vpc-guide-new.txt"
    shutil.copy(SOURCES_DIR / "vpc-api-reference-en-20190918.txt", downloaded)
    (tmp_path / "profile.bin").write_bytes(b"\xfb\x00\xff binary")
    (tmp_path / "notes.txt").write_text("shopping list\n", encoding="utf-8")
    texts = unrelated_texts(downloaded, "vpc/en")
    assert vpn.read_text(encoding="utf-8") in texts
    assert all("shopping list" not in text for text in texts)
