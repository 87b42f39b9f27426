"""Parser for the undated Express Connect API reference (`ec-en-undated`, document 003).

Layout: chapters titled '<Topic> Related Interfaces'; each operation is a section with a prose title
('Apply for Physical Connection access') followed by 'Description', 'Request parameters', 'Return
parameters' and 'Error codes' parts. The operation is named only by the Action row ('Required
parameter, with a value: ModifyPhysicalConnec tionAttribute'). Named types are defined in the
'Data Type' appendix; the common request parameters and errors in the front matter.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.extract.ec_undated_tables import (
    ERRORS,
    FIELDS,
    PARAMS,
    Table,
    Warn,
    header_kind,
    read_table,
    to_errors,
    to_fields,
    to_params,
)
from generator.extract.ec_undated_types import parse_named_types
from generator.extract.raw import RawDocument, RawOperation, Warning
from generator.model import DocumentInfo

_CHAPTER = re.compile(r"^\S.* Related Interfaces$")
_ACTION_VALUE = re.compile(r"with a value:\s*(.+)$")
_OPERATION_NAME = re.compile(r"^[A-Z][A-Za-z0-9]+$")
_COMMON_ERRORS_REFERENCE = "refer to public error codes"

# Part headings inside an operation section, lower-cased.
_PARTS = {
    "description": "description",
    "request parameters": PARAMS,
    "return parameters": FIELDS,
    "error codes": ERRORS,
    "error code": ERRORS,
}


def parse(path: Path, info: DocumentInfo) -> RawDocument:
    lines = path.read_text(encoding="utf-8").splitlines()
    document = RawDocument(info=info)

    def warn(line: int, message: str) -> None:
        document.warnings.append(Warning(info.id, line, message))

    data_types = _index_of(lines, "Data Type")
    appendix = _index_of(lines, "Appendix", data_types)
    for title_index, end, group in _operation_sections(lines, data_types):
        document.operations.append(_parse_operation(lines, title_index, end, group, warn))
    document.named_types = parse_named_types(lines, data_types + 1, appendix, warn)
    common = _table_after(lines, "Public Request Parameters", warn)
    document.common_parameters = to_params(common) if common else []
    for heading in ("Public Error Codes", "Server Errors"):
        errors = _table_after(lines, heading, warn)
        document.common_errors += to_errors(errors) if errors else []
    return document


def _index_of(lines: list[str], text: str, start: int = 0) -> int:
    """The index of the first line reading `text` from `start`, or len(lines) when there is none."""
    for index in range(start, len(lines)):
        if lines[index].strip() == text:
            return index
    return len(lines)


def _operation_sections(lines: list[str], end: int) -> list[tuple[int, int, str]]:
    """(title index, end index, chapter) of each operation section before the Data Type appendix.

    A section title is a prose line inside a chapter whose next non-blank line is 'Description'; the
    section runs to the next section title or chapter heading.
    """
    sections: list[tuple[int, int, str]] = []
    group = ""
    for index in range(end):
        text = lines[index].strip()
        if not text or "\t" in lines[index]:
            continue
        if _CHAPTER.match(text):
            group = text
            _close_last(sections, index)
        elif group and _next_text(lines, index) == "Description":
            _close_last(sections, index)
            sections.append((index, end, group))
    return sections


def _close_last(sections: list[tuple[int, int, str]], index: int) -> None:
    if sections and sections[-1][1] > index:
        title, _, group = sections[-1]
        sections[-1] = (title, index, group)


def _next_text(lines: list[str], index: int) -> str | None:
    for position in range(index + 1, len(lines)):
        if lines[position].strip():
            return lines[position].strip()
    return None


def _parse_operation(
    lines: list[str], title_index: int, end: int, group: str, warn: Warn
) -> RawOperation:
    title = lines[title_index].strip()
    operation = RawOperation(name="", title=title, line=title_index + 1, group=group)
    description: list[str] = []
    part = ""
    index = title_index + 1
    while index < end:
        line = lines[index]
        text = line.strip()
        if not text:
            index += 1
            continue
        if "\t" in line:
            index = _read_operation_table(lines, index, part, operation, warn)
            continue
        if text.lower() in _PARTS:
            part = _PARTS[text.lower()]
        elif part == "description":
            description.append(text)
        elif part == ERRORS and text.lower().startswith(_COMMON_ERRORS_REFERENCE):
            operation.refers_to_common_errors = True
        index += 1
    operation.description = "\n".join(description)
    operation.summary = _summary(description, title)
    _name_from_action(operation, warn)
    return operation


def _read_operation_table(
    lines: list[str], index: int, part: str, operation: RawOperation, warn: Warn
) -> int:
    kind = header_kind(lines[index])
    if kind is None:
        warn(index + 1, f"table row outside a table: {lines[index].strip()[:60]!r}")
        return index + 1
    table, after = read_table(lines, index, warn)
    if kind != part:
        warn(table.line, f"{kind} table under the '{part or 'title'}' part")
    if kind == PARAMS:
        operation.params += to_params(table)
    elif kind == FIELDS:
        operation.response += to_fields(table)
    else:
        operation.errors += to_errors(table)
    return after


def _summary(description: list[str], title: str) -> str:
    """The description's first line when it is prose; otherwise the title (itself a summary)."""
    if description and not description[0].startswith("-"):
        return description[0]
    return title


def _name_from_action(operation: RawOperation, warn: Warn) -> None:
    action = next((param for param in operation.params if param.name == "Action"), None)
    match = _ACTION_VALUE.search(action.description) if action else None
    if action is None or match is None:
        warn(operation.line, f"section {operation.title!r} gives no Action value")
        return
    value = re.sub(r"\s+", "", match.group(1)).rstrip(".")
    operation.action_value = value
    if _OPERATION_NAME.match(value):
        operation.name = value
    else:
        warn(action.line, f"Action value {value!r} is not an operation name")


def _table_after(lines: list[str], heading: str, warn: Warn) -> Table | None:
    """The first table after a heading line (the front matter's and appendix's lists), if any."""
    for index in range(_index_of(lines, heading) + 1, len(lines)):
        if header_kind(lines[index]) is not None:
            return read_table(lines, index, warn)[0]
    return None
