"""Which document each file of spec/sources/ is: its family, revision, id and parser.

The families and the registered files are data (`spec/documents.yaml`). A file is recognised by its
content (a family's `recognise` pattern over its first lines), its revision date is the one it
prints, else the one in its name. Every file of the folder but notes (`*.md`) and hidden files is a
document: one that no family recognises is an error naming the file, what was tried and how to
register it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ruamel.yaml import YAML

from generator.model import DocumentInfo
from generator.utf8 import NotUtf8, read_utf8

UNDATED = "undated"
_SPEC_DIR = Path(__file__).resolve().parent.parent / "spec"
#: Where the committed copies of the documents live.
SOURCES_DIR = _SPEC_DIR / "sources"
#: The reviewed list of families and registered files.
REGISTRY_FILE = _SPEC_DIR / "documents.yaml"
HEAD_LINES = 400  # recognition and the printed date look at this many first lines
_NAME_DATE = re.compile(r"-(\d{8})\.[A-Za-z0-9]+$")
_FAMILY_KEYS = ("family", "id", "title", "product", "language", "parser", "recognise")


class UnknownDocument(ValueError):
    """A file of the sources folder that is no known document (the CLI prints it, exit 1)."""


@dataclass(frozen=True)
class Family:
    """One guide in one language and layout, and how to recognise and read its revisions."""

    name: str  # e.g. "vpc/en"
    id: str  # id prefix of its revisions, e.g. "vpc-en"
    title: str
    product: str
    language: str
    parser: str  # module under generator.extract exposing parse(path, info) -> RawDocument
    recognise: re.Pattern[str]
    printed_date: re.Pattern[str] | None


@dataclass(frozen=True)
class Registry:
    families: tuple[Family, ...]
    registered: dict[str, tuple[str, str | None]]  # file name -> (family, revision or None)

    def family(self, name: str) -> Family:
        for family in self.families:
            if family.name == name:
                return family
        raise UnknownDocument(f"unknown family {name!r} (families: {self.names()})")

    def names(self) -> list[str]:
        return [family.name for family in self.families]


@dataclass(frozen=True)
class Document:
    """A file read as one revision of a family, and the parser module for its layout."""

    info: DocumentInfo
    parser: str
    rank_revision: str = ""  # the revision its text first appeared in (see `rank_revisions`)


def load_registry(path: Path = REGISTRY_FILE) -> Registry:
    data = YAML(typ="safe").load(read_utf8(path)) or {}
    families = []
    for entry in data.get("families") or []:
        missing = [key for key in _FAMILY_KEYS if not entry.get(key)]
        if missing:
            raise UnknownDocument(f"{path}: family {entry.get('family')!r} lacks {missing}")
        printed = entry.get("printed_date")
        families.append(
            Family(
                name=entry["family"],
                id=entry["id"],
                title=entry["title"],
                product=entry["product"],
                language=entry["language"],
                parser=entry["parser"],
                recognise=re.compile(entry["recognise"]),
                printed_date=re.compile(printed) if printed else None,
            )
        )
    registry = Registry(tuple(families), {})
    for entry in data.get("documents") or []:
        registry.family(entry["family"])  # an unknown family is an error
        registry.registered[entry["file"]] = (entry["family"], entry.get("revision"))
    return registry


def registry_for(spec_dir: Path) -> Registry:
    """`<spec_dir>/documents.yaml`, or the repository's own when that folder has none."""
    own = spec_dir / REGISTRY_FILE.name
    return load_registry(own if own.is_file() else REGISTRY_FILE)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _head(text: str) -> str:
    return re.sub(r"\s+", " ", "\n".join(text.splitlines()[:HEAD_LINES])).strip()


def _recognised(head: str, registry: Registry) -> list[Family]:
    return [family for family in registry.families if family.recognise.search(head)]


def _unknown(path: Path, registry: Registry, found: list[Family]) -> UnknownDocument:
    tried = "; ".join(f"{f.name}: /{f.recognise.pattern}/" for f in registry.families)
    what = (
        f"read as several families ({', '.join(f.name for f in found)})"
        if found
        else "not recognised"
    )
    return UnknownDocument(
        f"{path}: {what}. Tried the first {HEAD_LINES} lines against each family's `recognise` "
        f"pattern ({tried}). Register it with one line under `documents:` in spec/documents.yaml, "
        f"e.g. `- {{file: {path.name}, family: vpc/en}}`, or add a family there."
    )


def identify(path: Path, registry: Registry, text: str | None = None) -> Document:
    """The family and revision of the file at `path` (its id is made unique by `documents_in`)."""
    text = read_utf8(path) if text is None else text
    head = _head(text)
    found = _recognised(head, registry)
    registered = registry.registered.get(path.name)
    if registered is not None:
        family = registry.family(registered[0])
        if found and family not in found:
            raise UnknownDocument(
                f"{path}: registered as {family.name} in spec/documents.yaml but its text reads as "
                f"{', '.join(f.name for f in found)}"
            )
    elif len(found) == 1:
        family = found[0]
    else:
        raise _unknown(path, registry, found)
    revision = (registered[1] if registered else None) or _printed_date(head, family)
    revision = revision or _name_date(path.name) or UNDATED
    info = DocumentInfo(
        id=f"{family.id}-{revision.replace('-', '')}",
        file=path.name,
        title=family.title,
        product=family.product,
        language=family.language,
        revision=revision,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        family=family.name,
    )
    return Document(info, family.parser)


def _printed_date(head: str, family: Family) -> str | None:
    match = family.printed_date.search(head) if family.printed_date else None
    return _dashed(match.group(1)) if match else None


def _name_date(file_name: str) -> str | None:
    match = _NAME_DATE.search(file_name)
    return _dashed(match.group(1)) if match else None


def _dashed(digits: str) -> str:
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"


def document_files(sources_dir: Path) -> list[Path]:
    """Every file of the folder that must be a document: all but notes (*.md) and hidden files."""
    return sorted(
        path
        for path in sources_dir.iterdir()
        if path.is_file() and not path.name.startswith(".") and path.suffix != ".md"
    )


def documents_in(sources_dir: Path, registry: Registry) -> list[Document]:
    """The documents of `sources_dir`, with unique ids and each revision's rank (see below).

    Two files of a family printing the same date (a copy saved under a newer dated name) are told
    apart by the date in their names; two that still share an id are an error.
    """
    texts = {path: read_utf8(path) for path in document_files(sources_dir)}
    documents = [identify(path, registry, text) for path, text in texts.items()]
    documents = _unique_ids(documents)
    return rank_revisions(documents, registry, {p.name: t for p, t in texts.items()})


def _unique_ids(documents: list[Document]) -> list[Document]:
    by_id: dict[str, list[Document]] = {}
    for doc in documents:
        by_id.setdefault(doc.info.id, []).append(doc)
    out: list[Document] = []
    for doc_id, group in by_id.items():
        for doc in group:
            name_date = _name_date(doc.info.file)
            if len(group) > 1 and name_date and name_date != doc.info.revision:
                prefix = doc_id.rsplit("-", 1)[0]
                doc = replace(
                    doc, info=replace(doc.info, id=f"{prefix}-{name_date.replace('-', '')}")
                )
            out.append(doc)
    ids = [doc.info.id for doc in out]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        files = [doc.info.file for doc in out if doc.info.id in repeated]
        raise UnknownDocument(
            f"{', '.join(files)}: the same revision ({', '.join(repeated)}) twice"
        )
    return sorted(out, key=lambda doc: doc.info.id)


def rank_revisions(
    documents: list[Document], registry: Registry, texts: dict[str, str]
) -> list[Document]:
    """Each document's `rank_revision`: the oldest revision of its family with the same text once
    the printed dates are set aside, so a re-issue of an unchanged text never outranks (and flips
    the facts of) a genuinely newer revision of another family."""
    content: dict[str, str] = {}
    for doc in documents:
        family = registry.family(doc.info.family)
        text = texts[doc.info.file]
        if family.printed_date is not None:
            text = family.printed_date.sub("", text)
        content[doc.info.id] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    ranked = []
    for doc in documents:
        same = [
            other.info
            for other in documents
            if other.info.family == doc.info.family
            and content[other.info.id] == content[doc.info.id]
        ]
        ranked.append(replace(doc, rank_revision=min(same, key=revision_key).revision))
    return ranked


def document_info(doc_id: str, sources_dir: Path = SOURCES_DIR) -> DocumentInfo:
    """The `DocumentInfo` of the revision `doc_id` in `sources_dir` (KeyError for an unknown one)."""
    return {doc.info.id: doc.info for doc in documents_in(sources_dir, load_registry())}[doc_id]


def revision_key(info: DocumentInfo) -> str:
    """Sort key: later revisions sort higher; an undated revision counts as the oldest."""
    return "" if info.revision == UNDATED else info.revision


def newest_key(doc: Document) -> tuple[str, str]:
    """Order within a family: printed revision, then id (a copy under a newer dated name)."""
    return (revision_key(doc.info), doc.info.id)


def newest_of_each_family(documents: list[Document]) -> list[Document]:
    """The newest revision of each family, in the order of `documents`."""
    newest: dict[str, Document] = {}
    for doc in documents:
        current = newest.get(doc.info.family)
        if current is None or newest_key(doc) > newest_key(current):
            newest[doc.info.family] = doc
    return [doc for doc in documents if newest.get(doc.info.family) is doc]


def unrelated_texts(path: Path, family: str) -> list[str]:
    """The newest revision of every other family, read beside `path` when there, else from
    spec/sources/: clean evidence for rejoining a PDF export's broken words, never another revision
    of the same guide (whose own defects would read as evidence)."""
    registry = load_registry()
    chosen: dict[str, Path] = {}
    folders = [path.parent] if path.parent.resolve() == SOURCES_DIR else [path.parent, SOURCES_DIR]
    for folder in folders:
        found: list[Document] = []
        for candidate in document_files(folder) if folder.is_dir() else []:
            try:
                found.append(identify(candidate, registry))
            except (UnknownDocument, NotUtf8, OSError):
                continue  # not a document: no evidence
        for doc in newest_of_each_family(found):
            if doc.info.family != family:
                chosen.setdefault(doc.info.family, folder / doc.info.file)
    return [read_utf8(chosen[name]) for name in sorted(chosen)]
