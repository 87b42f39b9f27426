"""Parser for the PDF-to-text export `vpc-api-reference-en-20190918.txt` (doc `vpc-en-20190918`).

Chapters are numbered headings (' 6 Virtual Private Cloud (VPC)'), operations numbered sections
inside them ('6.3 DescribeVpcs'); both are recognised only in sequence, so a table row that happens
to start with a number is never taken for a heading. Each operation section is cut into blocks at
its sub-headings ('Request parameters', 'Response parameters', 'Examples', 'Error codes', ...);
the blocks are read by `pdf_tables`, `pdf_examples` and `pdf_errors`. Identifier vocabulary
(`pdf_vocab`) is the evidence for rejoining broken names, and for undoing the export's spacing in
description prose (`pdf_text`) where summaries, descriptions and messages are assembled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.documents import unrelated_texts
from generator.extract.pdf_despace import squeeze
from generator.extract.pdf_errors import read_errors
from generator.extract.pdf_examples import read_examples
from generator.extract.pdf_layout import Line, clean_lines, join_words
from generator.extract.pdf_overview import read_overview
from generator.extract.pdf_tables import Columns, TableRow, header_columns, read_table
from generator.extract.pdf_text import despace_prose
from generator.extract.pdf_vocab import CODE_SHAPE, Vocabulary, build_vocabulary
from generator.extract.raw import (
    RawDocument,
    RawError,
    RawField,
    RawOperation,
    RawParam,
    Warning,
)
from generator.model import DocumentInfo

PARAMETER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.(N|M|[A-Za-z][A-Za-z0-9]*))*$")
_CHAPTER = re.compile(r"^\s*(\d+) (\S.*?)\s*$")
_BLOCK_HEADINGS = {
    "Debug": "debug",
    "Request parameters": "table",
    "Response parameters": "table",
    "Examples": "examples",
    "Example": "examples",
    "Error codes": "errors",
    "Errors": "errors",
}
_COMMON_ERRORS_REFERENCE = re.compile(
    r"common error|error codes of the product|API Error Center|view the error codes", re.IGNORECASE
)
_ACTION_IN_DESCRIPTION = re.compile(r"value:\s*(.+?)\s*\.?$", re.IGNORECASE)
_OVERVIEW_TITLE = "API overview"
_COMMON_PARAMETERS_TITLE = "Common parameters"
_COMMON_RESPONSE_HEADING = "Common response parameters"
_FIRST_OPERATION_CHAPTER = 6


@dataclass
class _Chapter:
    number: int
    title: str
    line: int
    lines: list[Line] = field(default_factory=list)


@dataclass
class _Block:
    kind: str
    heading: Line
    lines: list[Line] = field(default_factory=list)


def parse(path: Path, info: DocumentInfo) -> RawDocument:
    """Read the PDF export into layout-clean raw records."""
    text = path.read_text(encoding="utf-8")
    parser = _DocumentParser(info, build_vocabulary(text, unrelated_texts(path, info.family)))
    return parser.parse(clean_lines(text))


class _DocumentParser:
    def __init__(self, info: DocumentInfo, vocabulary: Vocabulary) -> None:
        self.document = RawDocument(info)
        self.vocabulary = vocabulary

    def prose(self, text: str) -> str:
        return despace_prose(text, self.vocabulary)

    def warn(self, line: int, message: str) -> None:
        self.document.warnings.append(Warning(self.document.info.id, line, message))

    def parse(self, lines: list[Line]) -> RawDocument:
        for chapter in _chapters(lines):
            if chapter.title == _OVERVIEW_TITLE:
                self.document.overview = [
                    (name, self.prose(summary), line)
                    for name, summary, line in read_overview(chapter.lines)
                ]
            elif chapter.title == _COMMON_PARAMETERS_TITLE:
                self.document.common_parameters = self._common_parameters(chapter.lines)
            elif chapter.number >= _FIRST_OPERATION_CHAPTER:
                for heading, body in _operation_sections(chapter):
                    self.document.operations.append(self._operation(chapter, heading, body))
        return self.document

    # -- common parameters ---------------------------------------------------------------------

    def _common_parameters(self, lines: list[Line]) -> list[RawParam]:
        end = next(
            (i for i, line in enumerate(lines) if line.stripped == _COMMON_RESPONSE_HEADING),
            len(lines),
        )
        for index in range(end):
            found = header_columns(lines, index)
            if found is not None:
                return self._params(found[0], lines[found[1] : end])
        return []

    # -- operations ----------------------------------------------------------------------------

    def _operation(self, chapter: _Chapter, heading: Line, body: list[Line]) -> RawOperation:
        name = heading.stripped.split(" ", 1)[1]
        operation = RawOperation(
            name=name, title=heading.stripped, line=heading.no, group=chapter.title
        )
        preamble, blocks = _blocks(body)
        summary, description = _summary_and_description(preamble)
        operation.summary, operation.description = self.prose(summary), self.prose(description)
        for block in blocks:
            self._read_block(operation, block)
        operation.refers_to_common_errors = any(
            _COMMON_ERRORS_REFERENCE.search(line.stripped) for line in body
        )
        operation.action_value = self._action_value(operation)
        return operation

    def _read_block(self, operation: RawOperation, block: _Block) -> None:
        lines = [line for line in block.lines if not _COMMON_ERRORS_REFERENCE.search(line.text)]
        if block.kind == "table":
            self._read_table_block(operation, block, lines)
        elif block.kind == "examples":
            operation.examples.extend(read_examples(lines))
        elif block.kind == "errors":
            rows, stray = read_errors(lines, self.vocabulary.knows_code)
            for row in rows:
                if not CODE_SHAPE.match(row.code):
                    self.warn(row.line, f"error code {row.code!r} has an unexpected shape")
                message, description = self.prose(row.message), self.prose(row.description)
                operation.errors.append(
                    RawError(row.status, row.code, message, description, row.line)
                )
            self._warn_stray(stray, "error table")

    def _read_table_block(self, operation: RawOperation, block: _Block, lines: list[Line]) -> None:
        start = next((i for i, line in enumerate(lines) if not line.blank), None)
        found = header_columns(lines, start) if start is not None else None
        if found is None:
            self._warn_stray(lines, f"'{block.heading.stripped}' block without a table header")
            return
        columns, body_start = found
        if columns.required:
            operation.params.extend(self._params(columns, lines[body_start:]))
            return
        if block.heading.stripped == "Request parameters":
            self.warn(block.heading.no, "response table headed 'Request parameters'")
        result = read_table(lines[body_start:], columns, self.vocabulary.knows)
        self._warn_stray(result.stray, "response table")
        for row in result.rows:
            self._check_name(row)
            operation.response.append(
                RawField(
                    name=row.name,
                    type=row.type,
                    example=row.example,
                    description=self.prose(row.description),
                    line=row.line,
                    marked=row.marked,
                )
            )

    def _params(self, columns: Columns, lines: list[Line]) -> list[RawParam]:
        result = read_table(lines, columns, self.vocabulary.knows)
        self._warn_stray(result.stray, "request table")
        params = []
        for row in result.rows:
            self._check_name(row)
            params.append(
                RawParam(
                    name=row.name,
                    type=row.type,
                    required=row.required,
                    example=row.example,
                    description=self.prose(row.description),
                    line=row.line,
                )
            )
        return params

    def _check_name(self, row: TableRow) -> None:
        if not PARAMETER_NAME.match(row.name):
            self.warn(row.line, f"name {row.name!r} is not an identifier")
        elif row.doubt:
            self.warn(row.line, f"name {row.name!r}: {row.doubt}")

    def _action_value(self, operation: RawOperation) -> str | None:
        action = next((param for param in operation.params if param.name == "Action"), None)
        if action is None:
            return None
        value = action.example
        if not value:
            match = _ACTION_IN_DESCRIPTION.search(action.description)
            value = squeeze(match.group(1)) if match else None
        if value and value != operation.name:
            self.warn(action.line, f"Action value {value!r} differs from the heading")
        return value

    def _warn_stray(self, lines: list[Line], where: str) -> None:
        for line in lines:
            if not line.blank:
                self.warn(line.no, f"{where}: line not placed: {line.stripped[:60]!r}")


def _chapters(lines: list[Line]) -> list[_Chapter]:
    """Numbered chapters, recognised in sequence (1, 2, 3 ...)."""
    chapters: list[_Chapter] = []
    for line in lines:
        match = _CHAPTER.match(line.text)
        if match and line.text.startswith(" ") and int(match[1]) == len(chapters) + 1:
            chapters.append(_Chapter(int(match[1]), match[2], line.no))
        elif chapters:
            chapters[-1].lines.append(line)
    return chapters


def _operation_sections(chapter: _Chapter) -> list[tuple[Line, list[Line]]]:
    """(heading, body) of the chapter's numbered operation sections, recognised in sequence."""
    sections: list[tuple[Line, list[Line]]] = []
    for line in chapter.lines:
        expected = rf"^\s*{chapter.number}\.{len(sections) + 1} [A-Za-z][A-Za-z0-9]*\s*$"
        if re.match(expected, line.text):
            sections.append((Line(line.no, line.stripped), []))
        elif sections:
            sections[-1][1].append(line)
    return sections


def _blocks(body: list[Line]) -> tuple[list[Line], list[_Block]]:
    """The preamble (lines before the first sub-heading) and the sub-heading blocks."""
    preamble: list[Line] = []
    blocks: list[_Block] = []
    for index, line in enumerate(body):
        kind = _BLOCK_HEADINGS.get(line.stripped)
        if line.stripped == "Example" and not _followed_by_request_example(body, index):
            kind = None  # the 'Example value' column header, not the 'Example' heading
        if kind is not None:
            blocks.append(_Block(kind, line))
        elif blocks:
            blocks[-1].lines.append(line)
        else:
            preamble.append(line)
    return preamble, blocks


def _followed_by_request_example(body: list[Line], index: int) -> bool:
    following = next((line for line in body[index + 1 :] if not line.blank), None)
    return following is not None and following.stripped.startswith("Request example")


def _summary_and_description(preamble: list[Line]) -> tuple[str, str]:
    """First sentence(s) up to a full stop as summary; the rest (bullets on their own lines) as
    description. Blank lines are no paragraph evidence: the export leaves them mid-sentence."""
    texts = [line.text for line in preamble]
    while texts and not texts[0].strip():
        texts.pop(0)
    end = next(
        (i + 1 for i, text in enumerate(texts) if text.rstrip().endswith(".") or not text.strip()),
        len(texts),
    )
    summary = join_words(texts[:end])
    paragraphs: list[list[str]] = []
    for text in texts[end:]:
        if text.strip().startswith("•") or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(text)
    description = "\n".join(join_words(paragraph) for paragraph in paragraphs)
    return summary, description.strip()
