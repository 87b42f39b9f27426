"""The five reference documents the spec is read from, and the parser module for each layout."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from generator.model import DocumentInfo

UNDATED = "undated"
#: Where the committed copies of the documents live (spec/sources/).
SOURCES_DIR = Path(__file__).resolve().parent.parent / "spec" / "sources"


@dataclass(frozen=True)
class Document:
    """A document of the table below and the `generator.extract` module that parses its layout."""

    info: DocumentInfo
    parser: str  # module under generator.extract exposing parse(path, info) -> RawDocument


DOCUMENTS: tuple[Document, ...] = (
    Document(
        DocumentInfo(
            id="vpc-en-20190918",
            file="vpc-api-reference-en-20190918.txt",
            title="Virtual Private Cloud API reference",
            product="vpc",
            language="en",
            revision="2019-09-18",
        ),
        parser="pdf_en",
    ),
    Document(
        DocumentInfo(
            id="vpc-zh-tw-20220317",
            file="vpc-api-reference-zh-tw-20220317.txt",
            title="专有网络VPC API参考",
            product="vpc",
            language="zh-TW",
            revision="2022-03-17",
        ),
        parser="zh_tw",
    ),
    Document(
        DocumentInfo(
            id="vpn-en-20200917",
            file="vpn-gateway-api-reference-en-20200917.txt",
            title="VPN Gateway API Reference",
            product="vpn-gateway",
            language="en",
            revision="2020-09-17",
        ),
        parser="vpn_en",
    ),
    Document(
        DocumentInfo(
            id="ec-en-undated",
            file="express-connect-api-reference-en-undated.txt",
            title="Express Connect API Reference",
            product="express-connect",
            language="en",
            revision=UNDATED,
        ),
        parser="ec_en_undated",
    ),
    Document(
        DocumentInfo(
            id="ec-en-20200415",
            file="express-connect-api-reference-en-20200415.txt",
            title="Alibaba Cloud Express Connect API reference",
            product="express-connect",
            language="en",
            revision="2020-04-15",
        ),
        parser="ec_en_2020",
    ),
)

DOCUMENT_IDS: tuple[str, ...] = tuple(doc.info.id for doc in DOCUMENTS)


def document_info(doc_id: str) -> DocumentInfo:
    """The table's `DocumentInfo` for a document id (KeyError for an unknown one)."""
    for doc in DOCUMENTS:
        if doc.info.id == doc_id:
            return doc.info
    raise KeyError(doc_id)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_checksums(sources_dir: Path) -> list[Document]:
    """The document table with each `sha256` computed from the file in `sources_dir`."""
    return [
        replace(doc, info=replace(doc.info, sha256=file_sha256(sources_dir / doc.info.file)))
        for doc in DOCUMENTS
    ]


def revision_key(info: DocumentInfo) -> str:
    """Sort key: later revisions sort higher; an undated revision counts as the oldest."""
    return "" if info.revision == UNDATED else info.revision
