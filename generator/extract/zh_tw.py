"""Parser for the Traditional Chinese VPC API reference (`vpc-zh-tw-20220317`, document 001).

Layout: numbered chapters ('3. 專用網路 (VPC)') holding numbered operation sections
('3.1. CreateVpc'). A section has an introduction, optionally '調試', then 請求參數 (request
table, possibly followed by sub-tables titled with a parameter name, 'Next HopList'), 返回參數 /
返回資料 (response table, the items of a list in a sub-table titled with the item type, 'Vpc'
under 'Vpcs'), 樣本 with 請求樣本 and 返回樣本 / 正常返回樣本 fenced blocks, and sometimes 錯誤碼.
Headings sometimes appear in Simplified Chinese (请求参数, 返回参数, 样本). Section 1.2 (公共參數)
holds the common request parameters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from generator.extract.raw import RawDocument, RawField, RawOperation, RawParam, Warning
from generator.extract.zh_tw_examples import (
    Fence,
    clean_label,
    find_fences,
    label_mismatch,
    to_example,
    xml_root,
)
from generator.extract.zh_tw_tables import (
    ERRORS,
    FIELDS,
    PARAMS,
    Header,
    is_separator,
    parse_header,
    read_row,
    to_error,
    to_field,
    to_param,
)
from generator.model import DocumentInfo

Warn = Callable[[int, str], None]
_Row = TypeVar("_Row", RawParam, RawField)

_CHAPTER = re.compile(r"^(\d+)\.\s*(\S.*)$")
_SECTION = re.compile(r"^(\d+)\.(\d+)\.\s*(\S.*)$")
_OPERATION_NAME = re.compile(r"^[A-Z][A-Za-z0-9]+$")
_ACTION_VALUE = re.compile(r"取值\s*[：:]\s*(?:<(?:i|code)>)?\s*([A-Za-z][A-Za-z0-9]*)")
_CONTAINER_TYPES = ("list", "json string", "array")
_COMMON_PARAMETERS_SECTION = "公共參數"
_COMMON_RESPONSE_HEADING = "公共返回參數"
_COMMON_ERRORS_POINTER = "錯誤中心"

INTRO, DEBUG, REQUEST, RESPONSE, EXAMPLES, ERROR_PART = (
    "intro",
    "debug",
    "request",
    "response",
    "examples",
    "errors",
)
_PART_HEADINGS = {
    "調試": DEBUG,
    "請求參數": REQUEST,
    "请求参数": REQUEST,
    "返回參數": RESPONSE,
    "返回参数": RESPONSE,
    "返回資料": RESPONSE,
    "樣本": EXAMPLES,
    "样本": EXAMPLES,
    "錯誤碼": ERROR_PART,
}
_EXAMPLE_HEADINGS = {"請求樣本", "请求样本", "返回樣本", "返回样本", "正常返回樣本"}
_PART_OF_TABLE = {PARAMS: REQUEST, FIELDS: RESPONSE, ERRORS: ERROR_PART}


@dataclass
class _Section:
    heading: int  # 0-based index of the section heading
    end: int  # 0-based index after the section
    title: str  # the heading as printed
    name: str  # the title without its number
    group: str  # the chapter heading without its number


def parse(path: Path, info: DocumentInfo) -> RawDocument:
    lines = path.read_text(encoding="utf-8").splitlines()
    document = RawDocument(info=info)

    def warn(line: int, message: str) -> None:
        document.warnings.append(Warning(info.id, line, message))

    fences = find_fences(lines)
    for section in _sections(lines, fences):
        if _OPERATION_NAME.match(section.name):
            document.operations.append(_SectionReader(lines, fences, section, warn).read())
        elif section.name == _COMMON_PARAMETERS_SECTION:
            document.common_parameters = _common_parameters(lines, section, warn)
    return document


def _sections(lines: list[str], fences: dict[int, Fence]) -> list[_Section]:
    """Numbered sections of the body (outside fences; TOC lines carry tab page numbers)."""
    sections: list[_Section] = []
    group = ""
    for index in _prose_indices(lines, fences):
        text = lines[index].strip()
        section = _SECTION.match(text)
        chapter = None if section else _CHAPTER.match(text)
        if chapter and not _opens_chapter(lines, index, chapter.group(1)):
            chapter = None
        if not (section or chapter):
            continue
        if sections and sections[-1].end > index:
            sections[-1].end = index
        if section:
            sections.append(_Section(index, len(lines), text, section.group(3), group))
        elif chapter:
            group = chapter.group(2).strip()
    return sections


def _opens_chapter(lines: list[str], index: int, number: str) -> bool:
    """A chapter heading is followed by one of its sections ('N.1.')."""
    following = _SECTION.match(_next_text(lines, index) or "")
    return following is not None and following.group(1) == number


def _prose_indices(lines: list[str], fences: dict[int, Fence]) -> list[int]:
    """Indices of non-blank lines without tabs and outside code fences."""
    indices: list[int] = []
    index = 0
    while index < len(lines):
        if index in fences:
            index = fences[index].end + 1
            continue
        if lines[index].strip() and "\t" not in lines[index]:
            indices.append(index)
        index += 1
    return indices


def _next_text(lines: list[str], index: int) -> str | None:
    for position in range(index + 1, len(lines)):
        if lines[position].strip():
            return lines[position].strip()
    return None


@dataclass
class _OpenTable:
    header: Header
    parent: str | None
    line: int


@dataclass
class _SectionReader:
    """Walks one operation section line by line, tracking the part and the open table."""

    lines: list[str]
    fences: dict[int, Fence]
    section: _Section
    warn: Warn
    part: str = INTRO
    table: _OpenTable | None = None
    title: tuple[str, int] | None = None  # a sub-table title waiting for its header
    label: str = ""
    intro: list[str] = field(default_factory=list)
    operation: RawOperation = field(init=False)

    def __post_init__(self) -> None:
        section = self.section
        self.operation = RawOperation(
            name=section.name, title=section.title, line=section.heading + 1, group=section.group
        )

    def read(self) -> RawOperation:
        section = self.section
        index = section.heading + 1
        while index < section.end:
            if index in self.fences:
                self._example(self.fences[index])
                index = self.fences[index].end + 1
                continue
            line = self.lines[index]
            if "\t" in line:
                self._tab_line(line, index + 1)
            elif line.strip():
                self._text_line(line.strip(), index)
            index += 1
        self.operation.summary = self.intro[0] if self.intro else ""
        self.operation.description = "\n".join(self.intro[1:])
        self._check_action()
        return self.operation

    # -- text ---------------------------------------------------------------------------------

    def _text_line(self, text: str, index: int) -> None:
        if text in _PART_HEADINGS:
            self.part, self.table, self.title = _PART_HEADINGS[text], None, None
        elif text in _EXAMPLE_HEADINGS:
            self.part, self.table, self.title, self.label = EXAMPLES, None, None, text
        elif self.part == INTRO:
            self.intro.append(text)
        elif self.part == EXAMPLES:
            self.label = clean_label(text)
        elif self.part == ERROR_PART and _COMMON_ERRORS_POINTER in text:
            self.operation.refers_to_common_errors = True
        elif self.part in (REQUEST, RESPONSE) and self._header_follows(index):
            self.title, self.table = (text, index + 1), None
        elif self.part != DEBUG:
            self.warn(index + 1, f"text in the {self.part} part not placed: {text[:60]!r}")

    def _header_follows(self, index: int) -> bool:
        following = next(
            (pos for pos in range(index + 1, self.section.end) if self.lines[pos].strip()), None
        )
        return following is not None and parse_header(self.lines[following]) is not None

    # -- tables -------------------------------------------------------------------------------

    def _tab_line(self, line: str, number: int) -> None:
        header = parse_header(line)
        if header is not None:
            self._open_table(header, number)
        elif is_separator(line):
            return
        elif self.table is not None:
            self._add_row(line, number)
        elif self.part == INTRO:
            self.intro.append(" | ".join(cell.strip() for cell in line.split("\t")))
        else:
            self.warn(number, f"table row outside a table: {line.strip()[:60]!r}")

    def _open_table(self, header: Header, number: int) -> None:
        if _PART_OF_TABLE[header.kind] != self.part:
            self.warn(number, f"{header.kind} table header in the {self.part} part")
        if self.title is not None:
            parent = self._parent_of(header.kind, *self.title)
            self.table, self.title = _OpenTable(header, parent, number), None
        elif self.table is None or self.table.header.kind != header.kind:
            self.table = _OpenTable(header, None, number)
        else:  # the header repeated after a page break: same table, possibly new columns
            self.table.header = header

    def _add_row(self, line: str, number: int) -> None:
        assert self.table is not None
        row = read_row(self.table.header, line, number)
        if row.overflow:
            self.warn(number, f"row has cells beyond its header: {row.overflow!r}")
        kind, parent = self.table.header.kind, self.table.parent
        if kind == PARAMS:
            self.operation.params.append(
                self._named(to_param(row, parent), "要執行的操作", "Action")
            )
        elif kind == FIELDS:
            self.operation.response.append(
                self._named(to_field(row, parent), "請求ID", "RequestId")
            )
        else:
            self.operation.errors.append(to_error(row))

    def _named(self, record: _Row, marker: str, name: str) -> _Row:
        """Restore a name cell the export lost, when the description says whose row it is."""
        if record.name:
            return record
        if marker in record.description:
            record.name = name
            self.warn(record.line, f"empty name cell restored as {name!r} from the description")
        else:
            self.warn(record.line, "row with an empty name cell")
        return record

    def _parent_of(self, kind: str, title: str, number: int) -> str | None:
        """The row a sub-table title refers to: 'Vpc' -> 'Vpcs', 'Next HopList' -> 'NextHopList'."""
        rows: list[RawParam] | list[RawField] = (
            self.operation.params if kind == PARAMS else self.operation.response
        )
        key = re.sub(r"\s+", "", title).lower()
        stem = key.removesuffix("y")  # 'Entry' titles 'Entries'
        named = [row for row in rows if row.name.lower().startswith(stem)]
        if named:
            return named[-1].name
        containers = [row for row in rows if row.type.lower() in _CONTAINER_TYPES]
        if containers:
            self.warn(
                number, f"sub-table {title!r} attached to the last list {containers[-1].name!r}"
            )
            return containers[-1].name
        self.warn(number, f"sub-table {title!r} matches no row; rows kept without a parent")
        return None

    # -- examples and checks ------------------------------------------------------------------

    def _example(self, fence: Fence) -> None:
        if self.part != EXAMPLES:
            self.warn(fence.start + 1, f"code block in the {self.part} part not placed")
            return
        example = to_example(fence, self.label)
        if label_mismatch(example):
            self.warn(example.line, f"example labelled {example.label!r} holds {example.kind}")
        root = xml_root(example.text) if example.kind == "xml" else None
        if root is not None and root != f"{self.operation.name}Response":
            self.warn(example.line, f"XML example's root is <{root}>")
        self.operation.examples.append(example)

    def _check_action(self) -> None:
        action = next((param for param in self.operation.params if param.name == "Action"), None)
        match = _ACTION_VALUE.search(action.description) if action else None
        if action is None or match is None:
            self.warn(self.operation.line, "no Action value in the request table")
            return
        self.operation.action_value = match.group(1)
        if match.group(1) != self.operation.name:
            self.warn(
                action.line, f"Action value {match.group(1)!r} differs from the section title"
            )


def _common_parameters(lines: list[str], section: _Section, warn: Warn) -> list[RawParam]:
    """Request-table rows of the 公共參數 section, up to its 公共返回參數 part."""
    params: list[RawParam] = []
    header: Header | None = None
    for index in range(section.heading + 1, section.end):
        line = lines[index]
        if line.strip() == _COMMON_RESPONSE_HEADING:
            break
        if "\t" not in line or is_separator(line):
            continue
        row_header = parse_header(line)
        if row_header is not None:
            header = row_header
        elif header is not None and header.kind == PARAMS:
            params.append(to_param(read_row(header, line, index + 1), None))
        else:
            warn(index + 1, f"common-parameter row outside a table: {line.strip()[:60]!r}")
    return params
