"""Tables of the undated Express Connect document (003): headers, row assembly, raw records.

003 is a tab-separated export of a PDF whose table cells wrap independently. A row that did not fit
on one line goes on after a blank line, either as a plain continuation (leading tabs: empty name,
type and required cells) or split column-wise, every cell continuing on the second line
('InvalidRegionId.Not' + 'Found', 'DestinationCidrBloc' + 'k'). The reader below joins both kinds
back into one row; it recognises a continuation by its empty key cell (the type cell of a parameter
or field table, the HTTP status cell of an error table).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.extract.raw import RawError, RawField, RawParam
from generator.extract.tabular import clean_cell, join_split_code

#: Reports a layout defect: (1-based line, message).
Warn = Callable[[int, str], None]

PARAMS, FIELDS, ERRORS = "params", "fields", "errors"

# Header vocabulary, cells lower-cased with runs of spaces collapsed.
_HEADERS: dict[tuple[str, ...], str] = {
    ("name", "type", "required?", "description"): PARAMS,
    ("name", "type", "required", "description"): PARAMS,
    ("name", "type", "description"): FIELDS,
    ("error code", "description", "http status code", "meaning"): ERRORS,
}

#: Index of the cell that is never empty on a row's first line and always empty on its continuation.
_KEY_CELL = {PARAMS: 1, FIELDS: 1, ERRORS: 2}

_SEPARATOR = re.compile(r"^-+$")


@dataclass
class Row:
    line: int  # 1-based line the row starts on
    cells: list[str]


@dataclass
class Table:
    kind: str  # PARAMS, FIELDS or ERRORS
    line: int  # 1-based line of the header
    rows: list[Row] = field(default_factory=list)


def cells_of(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def header_kind(line: str) -> str | None:
    """The table kind a header line opens, or None if the line is not a header."""
    key = tuple(re.sub(r"\s+", " ", cell.lower()) for cell in cells_of(line))
    return _HEADERS.get(key)


def is_separator(cells: list[str]) -> bool:
    """A Markdown separator row ('--⇥--⇥--⇥--')."""
    return all(_SEPARATOR.match(cell) for cell in cells if cell) and any(cells)


def read_table(lines: list[str], header_index: int, warn: Warn) -> tuple[Table, int]:
    """Read the table whose header is at `header_index` (0-based); return it and the index after it.

    The table runs over tab lines and blank lines and ends at the first line without a tab (or at a
    header of another kind).
    """
    kind = header_kind(lines[header_index])
    assert kind is not None, "read_table needs a header line"
    table = Table(kind=kind, line=header_index + 1)
    width = len(cells_of(lines[header_index]))
    index = header_index + 1
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if "\t" not in line:
            break
        other = header_kind(line)
        if other is not None and other != kind:
            break
        cells = cells_of(line)
        cells += [""] * (width - len(cells))
        if other is None and not is_separator(cells):
            _add_row(table, Row(index + 1, cells[:width]), cells[width:], warn)
        index += 1
    return table, index


def _add_row(table: Table, row: Row, overflow: list[str], warn: Warn) -> None:
    if any(overflow):
        warn(row.line, f"row has more cells than its header; extra cells {overflow!r} kept")
        row.cells[-1] = " ".join([row.cells[-1], *[cell for cell in overflow if cell]])
    if row.cells[_KEY_CELL[table.kind]] or not table.rows:
        if not row.cells[_KEY_CELL[table.kind]]:
            warn(row.line, "continuation line with no row to continue; kept as a row")
        table.rows.append(row)
        return
    _continue_row(table.rows[-1], row, warn)


def _continue_row(previous: Row, continuation: Row, warn: Warn) -> None:
    """Append a continuation line's cells to the row they belong to."""
    head, *rest = continuation.cells
    if head:
        if previous.cells[0].endswith(head):
            warn(
                continuation.line,
                f"continuation '{head}' repeats the end of '{previous.cells[0]}'; not appended",
            )
        else:
            previous.cells[0] += head
    for offset, piece in enumerate(rest, start=1):
        if piece:
            previous.cells[offset] = f"{previous.cells[offset]} {piece}".strip()


def to_params(table: Table) -> list[RawParam]:
    return [
        RawParam(
            name=join_split_code(clean_cell(row.cells[0])),
            type=clean_cell(row.cells[1]),
            required=row.cells[2],
            example=None,
            description=row.cells[3],
            line=row.line,
        )
        for row in table.rows
    ]


def to_fields(table: Table, parent: str | None = None) -> list[RawField]:
    return [
        RawField(
            name=join_split_code(clean_cell(row.cells[0])),
            type=clean_cell(row.cells[1]),
            example=None,
            description=row.cells[2],
            line=row.line,
            parent=parent,
        )
        for row in table.rows
    ]


def to_errors(table: Table) -> list[RawError]:
    """003's error columns are code / message / HTTP status / meaning."""
    return [
        RawError(
            http_status=row.cells[2],
            code=join_split_code(clean_cell(row.cells[0])),
            message=row.cells[1],
            description=row.cells[3],
            line=row.line,
        )
        for row in table.rows
    ]
