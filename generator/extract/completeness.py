"""Refuse documents that end inside a code block, a table or an operation section (truncated).

A document cut short parses "successfully" into fewer or damaged facts (a half error row becomes
an invented error code), so extraction checks the end of each document before trusting it:

- text: every code fence is closed, the last paragraph holds no table row (every layout follows
  its tables with prose, a fence or a heading) and the last line ends like a sentence or a block;
- parsed: the last operation section has each part (request parameters, response parameters,
  examples, errors) that nearly all the document's sections have.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import ModuleType

from generator.extract.raw import RawDocument, RawOperation
from generator.model import DocumentInfo
from generator.utf8 import read_utf8

_FENCE = "```"
#: How a finished document's last line ends: a sentence, a link, a fence or a closing bracket.
_CLOSERS = (".", "。", ")", "）", "]", ">", "}", "`", '"', "!", "?")
#: A part is expected of the last section when at least this share of the sections have it ...
_USUAL_SHARE = 0.9
#: ... before it; a document with fewer sections is refused as cut short.
_MIN_SECTIONS = 5


class TruncatedDocument(ValueError):
    """A document that ends inside a code block, table or section; `file:line: ...`."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: document truncated: {reason}")


def read_document_text(path: Path) -> str:
    """The document's text, refused when it is not UTF-8 or visibly ends mid-block."""
    text = read_utf8(path)
    _check_text_end(path, text.splitlines())
    return text


def parse_complete(parser: ModuleType, path: Path, info: DocumentInfo) -> RawDocument:
    """`parser.parse(path, info)` of a document whose text and last section are complete."""
    text = read_document_text(path)
    raw: RawDocument = parser.parse(path, info)
    _check_last_section(path, raw, len(text.splitlines()))
    return raw


def _check_text_end(path: Path, lines: list[str]) -> None:
    open_fence = 0
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(_FENCE):
            open_fence = 0 if open_fence else number
    if open_fence:
        raise TruncatedDocument(
            path, len(lines), f"ends inside the code block opened at line {open_fence}"
        )
    filled = [number for number, line in enumerate(lines, start=1) if line.strip()]
    if not filled:
        raise TruncatedDocument(path, len(lines), "is empty")
    last_paragraph = len(filled) - 1
    while last_paragraph and filled[last_paragraph - 1] == filled[last_paragraph] - 1:
        last_paragraph -= 1
    if any("\t" in lines[number - 1] for number in filled[last_paragraph:]):
        raise TruncatedDocument(path, filled[-1], "ends inside a table")
    if not lines[filled[-1] - 1].rstrip().endswith(_CLOSERS):
        raise TruncatedDocument(path, filled[-1], "ends in the middle of this line")


def _parts(operation: RawOperation) -> set[str]:
    parts = {f"{example.kind} example" for example in operation.examples}
    for part, present in (
        ("request parameters", operation.params),
        ("response parameters", operation.response),
        ("error table", operation.errors),
        ("reference to the common errors", operation.refers_to_common_errors),
    ):
        if present:
            parts.add(part)
    return parts


def _check_last_section(path: Path, raw: RawDocument, line_count: int) -> None:
    sections = sorted(raw.operations, key=lambda section: section.line)
    if len(sections) <= _MIN_SECTIONS:
        raise TruncatedDocument(
            path, line_count, f"only {len(sections)} operation sections before its end"
        )
    *earlier, last = sections
    shares = Counter(part for section in earlier for part in _parts(section))
    usual = {part for part, count in shares.items() if count >= _USUAL_SHARE * len(earlier)}
    missing = sorted(usual - _parts(last))
    if missing:
        raise TruncatedDocument(
            path,
            line_count,
            f"the last section, {last.name} (line {last.line}), ends without its "
            + ", ".join(missing),
        )
