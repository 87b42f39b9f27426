"""Parser for the VPN Gateway API reference, 2020-09-17 (document 002, tab export).

The reader here is written for the layout that 002 shares with the Express Connect reference of
2020-04-15 (004), which `generator.extract.ec_en_2020` reads with `parse_english_reference`:

- numbered chapters ("4. VPN Gateway") hold numbered operation sections ("4.1. CreateVpnGateway");
- an overview chapter ("List of operations by function" / "API overview") lists name + summary;
- a "Common parameters" chapter holds the common request table;
- an operation section: summary paragraph, description, then 'Debug', 'Request parameters',
  'Response parameters', 'Examples' (fenced blocks under labels) and 'Error codes' / 'Errors'.

Tables are recognised by their header row, not by the heading above them, so a response table
headed 'Request parameters' (004) still lands in the response. Layout repairs come from
`generator.extract.tabular`; document defects become `Warning`s.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from generator.extract.raw import RawDocument, RawExample, RawOperation, Warning
from generator.extract.tabular import (
    Line,
    Section,
    Table,
    drop_repeated_rows,
    example_kind,
    paragraphs,
    read_code_blocks,
    read_lines,
    read_tables,
    reattach_cut_tails,
    split_sections,
    to_error,
    to_field,
    to_param,
)
from generator.model import DocumentInfo

Warn = Callable[[int, str], None]

#: Sub-headings that end an operation's prose (summary and description).
_STRUCTURE = re.compile(
    r"^(debug|debugging|make the api call|request parameters|response parameters|examples?"
    r"|error codes|errors)\b",
    re.IGNORECASE,
)
_DESCRIPTION_HEADING = "Descriptions"
_OVERVIEW_TITLES = ("list of operations by function", "api overview")
_COMMON_TITLE = "common parameters"
_COMMON_ERRORS = re.compile(
    r"common error codes|api error center|public error codes|view the error codes", re.IGNORECASE
)
_CALLED_ACTION = re.compile(r"[?&]\s*Action\s*=\s*([A-Za-z0-9]+)")


def parse(path: Path, info: DocumentInfo) -> RawDocument:
    """Read document 002 (vpn-en-20200917)."""
    return parse_english_reference(path, info)


def parse_english_reference(path: Path, info: DocumentInfo) -> RawDocument:
    """Read an English tab-export API reference laid out like 002 and 004."""
    doc = RawDocument(info)

    def warn(line: int, message: str) -> None:
        doc.warnings.append(Warning(info.id, line, message))

    _, sections = split_sections(read_lines(path))
    chapter = ""
    first_seen: dict[str, Section] = {}
    for section in sections:
        if section.depth == 1:
            chapter = section.title
            _read_chapter(section, doc, warn)
            continue
        operation = read_operation(section, chapter, warn)
        earlier = first_seen.get(operation.name)
        if earlier is not None:
            same = _text_of(earlier) == _text_of(section)
            warn(
                section.line,
                f"section {section.number} repeats {operation.name} of section {earlier.number} "
                f"(line {earlier.line}, {'identical' if same else 'different'} text); kept the first",
            )
            continue
        first_seen[operation.name] = section
        doc.operations.append(operation)
    _check_overview(doc, warn)
    return doc


def _text_of(section: Section) -> list[str]:
    """A section's non-blank lines: what two copies of a section must share to be the same."""
    return [line.text.strip() for line in section.body if not line.is_blank]


def _read_chapter(section: Section, doc: RawDocument, warn: Warn) -> None:
    """Fill the overview or the common parameters from a chapter's own body (before sub-sections)."""
    tables, stray = read_tables(section.body)
    title = section.title.lower()
    for table in tables:
        if title in _OVERVIEW_TITLES and table.kind == "list":
            doc.overview.extend(
                (row.get("name"), row.get("description"), row.line) for row in table.rows
            )
        elif title == _COMMON_TITLE and table.kind == "request":
            doc.common_parameters.extend(to_param(row, table) for row in table.rows)
        elif title == _COMMON_TITLE and table.kind == "error":
            doc.common_errors.extend(to_error(row) for row in table.rows)
        else:
            warn(table.line, f"{table.kind} table in chapter '{section.title}' not read")
    for line in stray:
        warn(line.number, f"row outside any table in chapter '{section.title}' not read")


def read_operation(section: Section, group: str, warn: Warn) -> RawOperation:
    """One operation section as a RawOperation (rows flat and in order, examples repaired)."""
    operation = RawOperation(
        name=section.title, title=section.title, line=section.line, group=group
    )
    operation.summary, operation.description = _prose(section.body)
    tables, stray = read_tables(section.body)
    for table in tables:
        _place_table(table, operation, warn)
    for line in stray:
        warn(line.number, f"{section.title}: row outside any table not read")
    operation.examples = _examples(section, warn)
    operation.refers_to_common_errors = any(
        not line.is_row and _COMMON_ERRORS.search(line.text) for line in section.body
    )
    action = next((param for param in operation.params if param.name == "Action"), None)
    operation.action_value = (action.example or None) if action else None
    operation.name = _operation_name(operation)
    if operation.name != section.title:
        warn(section.line, f"title '{section.title}' differs from the wire name '{operation.name}'")
    if action and operation.action_value and operation.action_value != operation.name:
        warn(action.line, f"{operation.name}: Action row gives '{operation.action_value}'")
    return operation


def _operation_name(operation: RawOperation) -> str:
    """The name the wire uses: the request example's Action when it names the titled operation
    (case aside: 002 titles 'UnTagResources', calls 'UntagResources'), else the title."""
    requests = [example.text for example in operation.examples if example.kind == "request"]
    called = [match[1] for text in requests for match in _CALLED_ACTION.finditer(text)]
    same = [name for name in called if name.lower() == operation.title.lower()]
    return same[0] if same else operation.title


def _prose(body: list[Line]) -> tuple[str, str]:
    """(summary, description): the first paragraph, then the rest before the first sub-heading."""
    prose: list[Line] = []
    for line in body:
        if line.is_row or line.text.startswith("```") or _STRUCTURE.match(line.text.strip()):
            break
        prose.append(line)
    texts = [text for _, text in paragraphs(prose) if text != _DESCRIPTION_HEADING]
    return (texts[0] if texts else ""), "\n\n".join(texts[1:])


def _place_table(table: Table, operation: RawOperation, warn: Warn) -> None:
    reattach_cut_tails(table)
    for row in drop_repeated_rows(table):
        warn(
            row.line, f"{operation.title}: row '{row.get('name')}' repeats the row above; kept one"
        )
    for row in table.rows:
        if row.width != len(table.columns):
            warn(
                row.line,
                f"{operation.title}: row has {row.width} cells, header has {len(table.columns)}",
            )
    if table.kind == "request":
        operation.params.extend(to_param(row, table) for row in table.rows)
    elif table.kind == "response":
        if table.heading.lower().startswith("request"):
            warn(table.line, f"{operation.title}: response table headed '{table.heading}'")
        operation.response.extend(to_field(row, table) for row in table.rows)
    elif table.kind == "error":
        operation.errors.extend(to_error(row) for row in table.rows)
    else:
        warn(table.line, f"{operation.title}: table with columns {table.columns} not read")


def _examples(section: Section, warn: Warn) -> list[RawExample]:
    examples: list[RawExample] = []
    for block in read_code_blocks(section.body):
        for line, repair in block.repairs:
            if repair.startswith("dropped"):
                warn(line, f"{section.title}: {repair}")
        examples.append(RawExample(example_kind(block.text), block.text, block.line, block.label))
    return examples


def _check_overview(doc: RawDocument, warn: Warn) -> None:
    """Warn for overview names that no section documents ('#unique_6', spelling variants)."""
    known = {op.name for op in doc.operations} | {op.title for op in doc.operations}
    for name, _, line in doc.overview:
        if name not in known:
            warn(line, f"overview names '{name}', which no operation section has")
