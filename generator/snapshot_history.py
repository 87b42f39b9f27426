"""Each document compared with its previous snapshot: operations that disappear are reported.

Read before `extract` replaces `spec/documents/`: an operation gone from a revision whose id did not
change means the parser, the overrides or an in-place edit dropped it (a warning); one gone in a new
revision of a family is the vendor's removal (a note, the diff classifies it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator import spec_io
from generator.documents import revision_key
from generator.model import DocumentInfo


@dataclass
class Previous:
    """What the spec folder held before this run: operation names per snapshot, revisions."""

    operations: dict[str, set[str]] = field(default_factory=dict)  # revision id -> names
    documents: list[DocumentInfo] = field(default_factory=list)


def read_previous(spec_dir: Path, documents_dir: str) -> Previous:
    previous = Previous()
    folder = spec_dir / documents_dir
    if folder.is_dir():
        for snapshot in sorted(p for p in folder.iterdir() if p.is_dir()):
            previous.operations[snapshot.name] = {p.stem for p in snapshot.glob("*.yaml")}
    service = spec_dir / spec_io.SERVICE_FILE
    if service.is_file():
        try:
            previous.documents = spec_io.load_service(service).documents
        except spec_io.SpecError:
            pass  # an invalid previous spec has nothing to compare with
    return previous


def compare(previous: Previous, now: dict[str, set[str]], merged: list[DocumentInfo]) -> list[str]:
    """Messages: `now` maps each revision id to its operation names; `merged` are the newest
    revision of each family."""
    messages = []
    for doc_id, names in sorted(now.items()):
        gone = sorted(previous.operations.get(doc_id, set()) - names)
        if gone:
            messages.append(
                f"warning: {doc_id}: {len(gone)} operations disappeared without a revision "
                f"change: {', '.join(gone)}"
            )
    newest_before: dict[str, DocumentInfo] = {}
    for doc in previous.documents:
        current = newest_before.get(doc.family)
        if doc.family and (current is None or _newest(doc) > _newest(current)):
            newest_before[doc.family] = doc
    for info in merged:
        old = newest_before.get(info.family)
        old_id = old.id if old else ""
        if old_id and old_id != info.id and old_id in previous.operations:
            gone = sorted(previous.operations[old_id] - now.get(info.id, set()))
            if gone:
                messages.append(
                    f"note: {info.family}: {info.id} no longer documents {len(gone)} operations "
                    f"of {old_id}: {', '.join(gone)}"
                )
    return messages


def _newest(info: DocumentInfo) -> tuple[str, str]:
    return (revision_key(info), info.id)
