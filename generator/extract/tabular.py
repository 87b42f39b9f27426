"""Shared primitives for the tab-separated document exports (documents 001, 002, 003 and 004).

A tab export is a text file where every table row is one line with cells separated by tabs, prose is
plain lines and examples are fenced with ``` lines. This module knows only that layout:

- `read_lines` / `split_sections`: the document as 1-based `Line`s, cut at numbered headings
  ("4.1. CreateVpnGateway", "4.1 CreatePhysicalConnection", "8.SSL-VPN").
- `read_tables`: the tables in a run of lines, each recognised by a header whose every cell is in a
  column vocabulary; a table continues over blank lines and over repeated headers (page breaks).
- `split_mark`, `clean_name`, `clean_cell`, `join_split_code`, `join_split_value`: cell clean-up
  for NAME/TYPE/EXAMPLE/CODE cells.
- `reattach_cut_tails`, `drop_repeated_rows`: table repairs at page breaks.
- `to_param`, `to_field`, `to_error`: table rows as `generator.extract.raw` records.
- `read_code_blocks` / `example_kind`: fenced (or labelled) example blocks, repaired at page breaks.

It never interprets cell text (types, Yes/No, enums): that is `generator.extract.enrich`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.extract.raw import RawError, RawField, RawParam


@dataclass(frozen=True)
class Line:
    """One line of a document: its 1-based number and its text without the line break."""

    number: int
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_row(self) -> bool:
        """True for a table row: a line that holds at least one tab."""
        return "\t" in self.text


def read_lines(path: Path) -> list[Line]:
    """The document's lines, numbered from 1."""
    text = path.read_text(encoding="utf-8")
    return [Line(number, text) for number, text in enumerate(text.splitlines(), start=1)]


# ---------------------------------------------------------------------------------------------
# Sections

#: A numbered heading: "4. VPN Gateway", "4.1. CreateVpnGateway", "4.1 CreatePhysicalConnection",
#: "8.SSL-VPN", "1.1. 調用API". Lines ending like a sentence are list items, not headings.
HEADING = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s*(?P<title>[^\s\d.\-*].{0,79})$")
_SENTENCE_END = (".", ":", "。", "：", ";", ",")


@dataclass
class Section:
    """A numbered section: heading number ("4.1"), title ("CreateVpnGateway") and its body lines.

    The body runs up to the next numbered heading of any depth, so a chapter's body holds only the
    lines before its first sub-section.
    """

    number: str
    title: str
    line: int
    body: list[Line] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1


def heading_of(line: Line) -> tuple[str, str] | None:
    """(number, title) when the line is a numbered heading, else None. Rows (tabs) never are."""
    if line.is_row:
        return None
    text = line.text.strip()
    match = HEADING.match(text)
    if not match or text.endswith(_SENTENCE_END):
        return None
    return match["number"], match["title"].strip()


def split_sections(lines: Sequence[Line]) -> tuple[list[Line], list[Section]]:
    """Cut the document at numbered headings: (lines before the first heading, sections in order)."""
    preamble: list[Line] = []
    sections: list[Section] = []
    for line in lines:
        heading = heading_of(line)
        if heading:
            sections.append(Section(heading[0], heading[1], line.number))
        elif sections:
            sections[-1].body.append(line)
        else:
            preamble.append(line)
    return preamble, sections


def paragraphs(lines: Iterable[Line]) -> list[tuple[int, str]]:
    """Blank-line separated paragraphs of prose lines as (first line number, text joined by '\\n')."""
    out: list[tuple[int, str]] = []
    current: list[Line] = []
    for line in [*lines, Line(0, "")]:
        if line.is_blank:
            if current:
                out.append((current[0].number, "\n".join(item.text.strip() for item in current)))
            current = []
        else:
            current.append(line)
    return out


# ---------------------------------------------------------------------------------------------
# Tables

#: English column vocabulary: normalised header cell -> column key. The keys are
#: name, type, required, example, description (parameter tables) and http_status, code, message,
#: description (error tables). Callers may pass their own mapping (e.g. a Chinese one, or 003's
#: 'Error code / Description / HTTP status code / Meaning' order where Description is the message).
ENGLISH_COLUMNS: Mapping[str, str] = {
    "parameter": "name",
    "name": "name",
    "api": "name",
    "type": "type",
    "required": "required",
    "example": "example",
    "example value": "example",
    "description": "description",
    "http status code": "http_status",
    "http code": "http_status",
    "httpcode": "http_status",
    "error code": "code",
    "error codes": "code",
    "error message": "message",
}


def normalise_header_cell(cell: str) -> str:
    """'Required ?' -> 'required', ' HTTP  status code' -> 'http status code'."""
    return " ".join(cell.replace("?", " ").split()).lower()


def header_columns(line: Line, vocabulary: Mapping[str, str]) -> tuple[str, ...] | None:
    """The column keys when every cell of the row is a known header cell (at least two), else None."""
    if not line.is_row:
        return None
    cells = [normalise_header_cell(cell) for cell in line.text.split("\t")]
    if len(cells) < 2 or any(cell not in vocabulary for cell in cells):
        return None
    return tuple(vocabulary[cell] for cell in cells)


@dataclass
class Row:
    """A table row: cells by column key (stripped), its line, and how it was reached.

    `after_header_repeat` is True for the first row after a header repeated at a page break.
    `width` is the number of cells the line had (differs from the column count when the layout is
    broken).
    """

    values: dict[str, str]
    line: int
    width: int
    after_header_repeat: bool = False

    def get(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass
class Table:
    """A table: its column keys, header line, rows, and the prose line just above it (`heading`)."""

    columns: tuple[str, ...]
    line: int
    heading: str
    rows: list[Row] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """'error', 'request' (has a Required column), 'response' (has Type) or 'list'."""
        if "code" in self.columns:
            return "error"
        if "required" in self.columns:
            return "request"
        if "type" in self.columns:
            return "response"
        return "list"


def _row(line: Line, columns: tuple[str, ...], after_repeat: bool) -> Row:
    cells = [cell.strip() for cell in line.text.split("\t")]
    return Row(dict(zip(columns, cells)), line.number, len(cells), after_repeat)


#: A Markdown separator row left in a table ('--\t--\t--', '----------\t------').
_SEPARATOR = re.compile(r"^[\s-]*-[\s-]*$")


def read_tables(
    lines: Sequence[Line], vocabulary: Mapping[str, str] = ENGLISH_COLUMNS
) -> tuple[list[Table], list[Line]]:
    """The tables in `lines` and the rows that belong to none (stray rows, e.g. a headerless table).

    A table starts at a header row; it goes on over blank lines while the next non-blank line is a
    row. A header equal to the current one (a page break) continues the table; a different header
    starts a new table. Prose ends a table. Lines inside ``` fences are never rows, and Markdown
    separator rows ('--\t--') are skipped.
    """
    tables: list[Table] = []
    stray: list[Line] = []
    current: Table | None = None
    repeat = in_fence = False
    heading = ""
    for line in lines:
        if line.text.lstrip().startswith("```"):
            in_fence = not in_fence
            current = None
            continue
        if in_fence or line.is_blank:
            continue
        columns = header_columns(line, vocabulary)
        if columns is not None:
            if current is not None and columns == current.columns:
                repeat = True
            else:
                current = Table(columns, line.number, heading)
                tables.append(current)
                repeat = False
        elif _SEPARATOR.match(line.text):
            continue
        elif line.is_row and current is not None:
            current.rows.append(_row(line, current.columns, repeat))
            repeat = False
        elif line.is_row:
            stray.append(line)
        else:
            current = None
            heading = line.text.strip()
    return tables, stray


# ---------------------------------------------------------------------------------------------
# Cells

_WRAPPER = re.compile(r"</?(?:code|p)>")
#: Nesting marks: '└', '↳', and 'L_' / 'L-' (how '└' comes out after some page breaks in 002).
_MARK = re.compile(r"^(?:[└↳]\s*|L[_-](?=[A-Z]))")


def clean_cell(text: str) -> str:
    """A TYPE/EXAMPLE/CODE cell without <code>/<p> wrappers and surrounding blanks."""
    return _WRAPPER.sub("", text).strip()


def clean_name(text: str) -> str:
    """A NAME cell cleaned; names hold no spaces, so the export's ('VlanInterf aceId') go."""
    return "".join(clean_cell(text).split())


def split_mark(name_cell: str) -> tuple[bool, str]:
    """(marked, name) for a response NAME cell: '└ IkeConfig', '↳VpnGatewayId', '<code>↳Id</code>'."""
    name = clean_name(name_cell)
    match = _MARK.match(name)
    return (True, name[match.end() :]) if match else (False, name)


def join_split_code(code: str) -> str:
    """An error code with the export's stray spaces removed ('InvalidParams. AlreadyExists')."""
    return "".join(code.split())


_ID_PIECE = re.compile(r"^[A-Za-z0-9_*:./-]+$")


def join_split_value(example: str) -> str:
    """An example value with the export's stray spaces inside an identifier removed.

    'vsw- bp1y9ovl1cu9ou4tv ****', '1086496381 294461', '2017-06-08T12:20 :55' are joined: every
    piece is identifier-like and the first holds a digit or '-'. Prose and JSON ('VPN gateway',
    'Example for China site: PREPAY', '<pre>{"a": 1}</pre>') stay as written.
    """
    pieces = example.split()
    first = pieces[0] if pieces else ""
    if len(pieces) > 1 and all(map(_ID_PIECE.match, pieces)) and re.search(r"[\d-]", first):
        return "".join(pieces)
    return example


# ---------------------------------------------------------------------------------------------
# Examples


@dataclass
class CodeBlock:
    """A fenced block: its text (fence lines removed), the line of its first text line, the prose
    line just above its opening fence (its label, e.g. '- JSON format') and the repairs made to it.
    """

    text: str
    line: int
    label: str
    repairs: list[tuple[int, str]] = field(default_factory=list)  # (line, what was done)


def example_kind(text: str) -> str:
    """'xml', 'json' or 'request' by content: markup, a JSON value, or anything else (a URL)."""
    start = text.lstrip()
    if start.startswith("<"):
        return "xml"
    if start.startswith(("{", "[", '"')):
        return "json"
    return "request"


def _unbalanced(text: str) -> bool:
    """True when a JSON block opens more braces/brackets than it closes (a block cut short)."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            escaped = char == "\\" and not escaped
            in_string = char != '"' or escaped
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
    return depth > 0


def _xml_open(text: str) -> bool:
    """True when the XML block's root element is not closed by the end of the block."""
    match = re.search(r"<([A-Za-z][\w.:-]*)", text)
    return match is not None and f"</{match[1].lower()}" not in text.lower()


def _is_cut(block: CodeBlock) -> bool:
    kind = example_kind(block.text)
    if kind == "json":
        return _unbalanced(block.text)
    if kind == "xml":
        return _xml_open(block.text)
    return False


#: A label announcing an example format ("XML format", "- JSON format", "JSON格式").
_FORMAT_LABEL = re.compile(r"(?:JSON|XML)\s*(?:format|格式)\s*$", re.IGNORECASE)
_CODE_START = ("{", "[", '"', "<")


def read_code_blocks(lines: Sequence[Line]) -> list[CodeBlock]:
    """Example blocks in `lines`, repaired at page breaks; every repair is noted on the block.

    Blocks are fenced with ``` lines, or unfenced: a paragraph of code ('{', '"', '<' ...) right under
    a format label ('- JSON format'). A block cut short (JSON braces or the XML root left open) is
    joined with the next fenced block when only blank lines lie between. A lone '}' / ']' line right
    after a block, outside the fences, is appended to a cut JSON block and dropped after a complete
    one. Text is otherwise verbatim.
    """
    blocks: list[CodeBlock] = []
    body: list[Line] | None = None
    loose: list[Line] | None = None
    label = ""
    touching = False  # True while only blank lines follow the last closed block
    for line in lines:
        fence = line.text.lstrip().startswith("```")
        if loose is not None and not line.is_blank and not fence:
            loose.append(line)
            continue
        if loose is not None:
            blocks.append(_unfenced(loose, label))
            loose = None
        if body is None and fence:
            body = []
        elif body is not None and not fence:
            body.append(line)
        elif body is not None:
            _close(blocks, body, label, touching)
            body, touching = None, True
        elif line.is_blank:
            continue
        elif touching and line.text.strip() in ("}", "]"):
            _absorb_closer(blocks[-1], line)
        elif (
            _FORMAT_LABEL.search(label)
            and not touching
            and line.text.lstrip().startswith(_CODE_START)
        ):
            loose = [line]
        else:
            touching = False
            label = line.text.strip()
    if body is not None:
        _close(blocks, body, label, touching)
    if loose is not None:
        blocks.append(_unfenced(loose, label))
    return blocks


def _unfenced(lines: list[Line], label: str) -> CodeBlock:
    block = CodeBlock("\n".join(line.text for line in lines), lines[0].number, label)
    block.repairs.append((lines[0].number, "read an unfenced block under its label"))
    return block


#: How a block that can only be the tail of the block before it starts: a JSON member, a closing
#: tag, or a request's next '&Name=value' line.
_TAIL_START = ('"', "</", "&")


def _close(blocks: list[CodeBlock], body: list[Line], label: str, touching: bool) -> None:
    text = "\n".join(line.text for line in body)
    first = next((line.number for line in body if not line.is_blank), body[0].number if body else 0)
    if touching and blocks and (_is_cut(blocks[-1]) or text.lstrip().startswith(_TAIL_START)):
        blocks[-1].text += "\n" + text
        blocks[-1].repairs.append((first, "joined with the block continued after a page break"))
    else:
        blocks.append(CodeBlock(text, first, label))


def _absorb_closer(block: CodeBlock, line: Line) -> None:
    if example_kind(block.text) == "json" and _is_cut(block):
        block.text += "\n" + line.text
        block.repairs.append((line.number, f"appended '{line.text.strip()}' found after the fence"))
    else:
        block.repairs.append((line.number, f"dropped stray '{line.text.strip()}' after the fence"))


# ---------------------------------------------------------------------------------------------
# Page-break repairs on tables

_CUT_TAIL = re.compile(r"^<p>(?P<tail>[a-z][^<]*)</p>\s*")


def reattach_cut_tails(table: Table, column: str = "description") -> list[int]:
    """Undo a cell cut by a page break whose tail opened the next row's cell (002 ~2212-2215).

    Where a row ends mid-sentence (its cell ends with a letter) right before a repeated header and
    the next row's cell opens with a lower-case '<p>' paragraph, that paragraph moves back to the
    row it was cut from. Returns the lines of the rows that got their tail back.
    """
    repaired: list[int] = []
    for previous, row in zip(table.rows, table.rows[1:]):
        before, after = previous.get(column), row.get(column)
        match = _CUT_TAIL.match(after)
        if row.after_header_repeat and before[-1:].isalnum() and match:
            previous.values[column] = f"{before} {match['tail']}"
            row.values[column] = after[match.end() :]
            repaired.append(previous.line)
    return repaired


def drop_repeated_rows(table: Table) -> list[Row]:
    """Remove rows identical to the row just above them (004's 'Spec' twice); return the removed."""
    kept: list[Row] = []
    dropped: list[Row] = []
    for row in table.rows:
        if kept and kept[-1].values == row.values:
            dropped.append(row)
        else:
            kept.append(row)
    table.rows = kept
    return dropped


# ---------------------------------------------------------------------------------------------
# Raw records from table rows


def _example(row: Row, table: Table) -> str | None:
    return join_split_value(clean_cell(row.get("example"))) if "example" in table.columns else None


def to_param(row: Row, table: Table) -> RawParam:
    """A request row as a RawParam: NAME/TYPE/EXAMPLE cleaned, description kept as written."""
    return RawParam(
        name=clean_name(row.get("name")),
        type=clean_cell(row.get("type")),
        required=clean_cell(row.get("required")),
        example=_example(row, table),
        description=row.get("description"),
        line=row.line,
    )


def to_field(row: Row, table: Table) -> RawField:
    """A response row as a RawField; a '└'/'↳' mark sets `marked` and leaves the name."""
    marked, name = split_mark(row.get("name"))
    return RawField(
        name=name,
        type=clean_cell(row.get("type")),
        example=_example(row, table),
        description=row.get("description"),
        line=row.line,
        marked=marked,
    )


def to_error(row: Row) -> RawError:
    """An error row as a RawError, with the code's stray spaces removed."""
    return RawError(
        http_status=clean_cell(row.get("http_status")),
        code=join_split_code(clean_cell(row.get("code"))),
        message=row.get("message"),
        description=row.get("description"),
        line=row.line,
    )
