"""Parameter tables of the PDF export (request, response and common-parameter tables).

A table is a header (spread over up to four lines, repeated after every page break) and rows whose
cells the export flattened into text: a row starts with its name (possibly wrapped over several
lines, glued to its type, or marked '└'), then type, Required (request tables), example and a
description that wraps over the following lines. `read_table` turns the lines of one table into
`TableRow`s; the caller makes `RawParam`/`RawField` records of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.extract.pdf_cells import DESCRIPTION_STARTERS, is_value_like, split_example
from generator.extract.pdf_despace import squeeze
from generator.extract.pdf_layout import Line, join_words

TYPE_WORDS = r"(?:JSON\s+String|RepeatList|String|Integer|Long|Boolean|Float|Double|List|Array|Struct|Object|JSON|Map|N/A)"
# A few rows write the type in lower case ("LocalSubne/t ... string Yes", CreateVpnConnection);
# accepted only when the Required cell follows, so prose starting with "long" or "string" is not a row.
_TYPE = rf"(?:{TYPE_WORDS}|(?:string|integer|long|boolean)(?=\s+(?:Yes|No)(?:\s|$)))"
_NAME = r"[A-Za-z][A-Za-z0-9]*(?:\s*\.\s*[A-Za-z0-9]+)*"
_REQUIRED = r"(?P<required>Yes|No|Required|Optional)"
_HEAD = re.compile(
    rf"^(?P<name>{_NAME})(?P<gap>\s*)(?P<type>{_TYPE})(?:\s*{_REQUIRED})?(?=\s|$)(?P<rest>.*)$"
)
_TYPE_FIRST = re.compile(rf"^(?P<type>{_TYPE})(?:\s*{_REQUIRED})?(?=\s|$)(?P<rest>.*)$")
_REQUIRED_FIRST = re.compile(rf"^\s*{_REQUIRED}(?=\s|$)(?P<rest>.*)$")
_FRAGMENT = re.compile(r"^\.?[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*\.?$")
_SPACED_DOT = re.compile(r"\s*\.\s*")
_SENTENCE_END = re.compile(r"[a-z0-9]\.$")
_CONTAINER = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9]*)(?P<rest>\s.*)$")
_CAMEL_NAME = re.compile(r"^[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+$")
_HEADER_WORDS = {
    "Parameter",
    "Parameters",
    "ParameterType",
    "Name",
    "Type",
    "Required",
    "Required?",
    "RequiredDescription",
    "?",
    "Example",
    "Examples",
    "value",
    "Description",
}
_HEADER_FIRST = {"Parameter", "Parameters", "ParameterType", "Name"}
_MAX_NAME_FRAGMENTS = 6
MARK = "└"


@dataclass(frozen=True)
class Columns:
    """Which optional columns a table has, read off its header."""

    required: bool
    example: bool


@dataclass
class TableRow:
    name: str
    type: str
    required: str
    example: str | None
    description: str
    line: int
    marked: bool = False
    doubt: str = ""  # why the name's reading is not certain, if it is not


@dataclass
class _Head:
    name_parts: list[str]
    marked: bool
    type: str
    required: str
    rest: str  # the rest of the head line after type/Required, as exported (spaces kept)
    line: int
    next_index: int
    doubt: str = ""


@dataclass
class TableResult:
    rows: list[TableRow] = field(default_factory=list)
    stray: list[Line] = field(default_factory=list)  # lines that belong to no row


def header_columns(lines: list[Line], index: int) -> tuple[Columns, int] | None:
    """A table header starting at `index`: its columns and the index after it, else None."""
    words = lines[index].stripped.split()
    if not words or words[0] not in _HEADER_FIRST or not set(words) <= _HEADER_WORDS:
        return None
    seen: list[str] = []
    position = index
    while position < len(lines):
        line = lines[position]
        tokens = line.stripped.split()
        if tokens and not set(tokens) <= _HEADER_WORDS:
            break
        seen.extend(tokens)
        position += 1
        if any("Description" in token for token in tokens):
            break
    if not any("Description" in token for token in seen):
        return None
    columns = Columns(required=any("Required" in word for word in seen), example="Example" in seen)
    return columns, position


def read_table(lines: list[Line], columns: Columns, is_known: Callable[[str], bool]) -> TableResult:
    """Rows of a table body (the lines after its first header)."""
    return _TableReader(lines, columns, is_known).read()


class _TableReader:
    def __init__(
        self, lines: list[Line], columns: Columns, is_known: Callable[[str], bool]
    ) -> None:
        self.lines = _without_repeated_headers(lines)
        self.columns = columns
        self.is_known = is_known

    def read(self) -> TableResult:
        result = TableResult()
        head: _Head | None = None
        tail: list[Line] = []
        index = 0
        while index < len(self.lines):
            found = self._head_at(index)
            if found is not None:
                if head is not None:
                    result.rows.append(self._row(head, tail))
                head, tail, index = found, [], found.next_index
                continue
            line = self.lines[index]
            if head is not None:
                tail.append(line)
            elif not line.blank:
                result.stray.append(line)
            index += 1
        if head is not None:
            result.rows.append(self._row(head, tail))
        return result

    # -- row starts ----------------------------------------------------------------------------

    def _head_at(self, index: int) -> _Head | None:
        line = self.lines[index]
        if line.blank:
            return None
        text = line.stripped
        marked = text.startswith(MARK)
        body = text[len(MARK) :].strip() if marked else text
        return (
            self._single_line_head(index, body, marked)
            or self._fragment_head(index, body, marked)
            or self._container_head(index, body, marked)
        )

    def _single_line_head(self, index: int, body: str, marked: bool) -> _Head | None:
        match = _HEAD.match(body)
        if match is None:
            return None
        name = squeeze(match["name"])
        required = match["required"] or ""
        glued = not match["gap"]
        if glued and not (self.is_known(name) or (self.columns.required and required)):
            return None
        if not glued and not marked and not (name[0].isupper() or self.is_known(name) or required):
            return None
        rest = match["rest"] + _trailing_space(self.lines[index].text)
        head = _Head([name], marked, match["type"], required, rest, self.lines[index].no, index + 1)
        if glued and not self.is_known(name):
            head.doubt = f"split off its type {match['type']!r} on the table layout only"
        return self._with_required(head)

    def _with_required(self, head: _Head) -> _Head | None:
        """Request rows: Required must follow the type, on the same line or a later one."""
        self._complete_wrapped_type(head)
        if not self.columns.required or head.required:
            return head
        if head.rest.strip():
            return None
        position = self._next_nonblank(head.next_index)
        if position is None:
            return None
        match = _REQUIRED_FIRST.match(self.lines[position].text)
        if match is None:
            return None
        head.required, head.rest, head.next_index = match["required"], match["rest"], position + 1
        return head

    def _complete_wrapped_type(self, head: _Head) -> None:
        """'JSON ' / 'String': a two-word type cell wrapped after its first word."""
        if head.type != "JSON" or head.required or head.rest.strip():
            return
        position = head.next_index
        if position < len(self.lines):
            match = _TYPE_FIRST.match(self.lines[position].stripped)
            if match is not None and match["type"] == "String":
                head.type = "JSON String"
                head.required = match["required"] or ""
                head.rest = match["rest"] + _trailing_space(self.lines[position].text)
                head.next_index = position + 1

    def _fragment_head(self, index: int, body: str, marked: bool) -> _Head | None:
        parts: list[str] = [body] if body else []
        if body and not (body[0].isalpha() and _is_name_fragment(body)):
            return None
        position = index + 1
        while position < len(self.lines) and len(parts) < _MAX_NAME_FRAGMENTS:
            line = self.lines[position]
            if line.blank or not _is_name_fragment(line.stripped):
                break
            parts.append(line.stripped)
            position += 1
        if not parts or self._starts_later(parts):
            return None
        start = self.lines[index].no
        if position < len(self.lines) and not self.lines[position].blank:
            return self._name_completed_on_line(parts, marked, start, position)
        following = self._next_nonblank(position)
        if following is None:
            return None
        text = self.lines[following].text
        match = _TYPE_FIRST.match(text.strip())
        if match is not None:
            rest = match["rest"] + _trailing_space(text)
            head = _Head(
                parts, marked, match["type"], match["required"] or "", rest, start, following + 1
            )
            return self._with_required(head)
        name = squeeze("".join(parts))
        if self.columns.required or not (marked or self.is_known(name)):
            return None
        head = _Head(parts, marked, "", "", text, start, following + 1)
        if not self.is_known(name):
            head.doubt = "rejoined from wrapped lines without a type after them or other evidence"
        return head

    def _starts_later(self, parts: list[str]) -> bool:
        """'DescribeEipMonitorData' / 'Allocation' / 'Id': a description line in front of a name."""
        if self.is_known(squeeze("".join(parts))):
            return False
        return any(
            self.is_known(squeeze("".join(parts[:k])))
            and self.is_known(squeeze("".join(parts[k:])))
            for k in range(1, len(parts))
        )

    def _name_completed_on_line(
        self, parts: list[str], marked: bool, start: int, position: int
    ) -> _Head | None:
        """'RouterTabl' / 'eList A list of route tables.': the last fragment opens the row text."""
        text = self.lines[position].stripped
        first, _, rest = text.partition(" ")
        name = squeeze("".join(parts) + first)
        if not rest or not self.is_known(name) or self.is_known(first):
            return None
        typed = _TYPE_FIRST.match(rest.strip())
        if typed is not None:
            head = _Head(
                parts + [first],
                marked,
                typed["type"],
                typed["required"] or "",
                typed["rest"],
                start,
                position + 1,
            )
            return self._with_required(head)
        if self.columns.required:
            return None
        return _Head(parts + [first], marked, "", "", " " + rest, start, position + 1)

    def _container_head(self, index: int, body: str, marked: bool) -> _Head | None:
        """Response rows without a type: 'Vpcs A list of VPCs.', '└Tags The tags of the VPC.'."""
        if self.columns.required:
            return None
        match = _CONTAINER.match(body)
        if match is None:
            return None
        name, rest = match["name"], match["rest"]
        head = _Head([name], marked, "", "", rest, self.lines[index].no, index + 1)
        if marked:
            return head
        if rest.strip()[:1].islower() or not name[0].isupper():
            return None
        if self.is_known(name):
            opening = rest.split()[0]
            if opening not in DESCRIPTION_STARTERS and (
                len(opening) == 1 or self._ends_a_list_item(index)
            ):
                return None  # 'Zone B The name of the zone.': the end of a wrapped example value
            return head
        opening = rest.split()[0]
        if _CAMEL_NAME.match(name) and (opening in DESCRIPTION_STARTERS or is_value_like(opening)):
            head.doubt = "read as a container row on the table layout only"
            return head
        return None

    def _ends_a_list_item(self, index: int) -> bool:
        """'• HaVip: High-Availability Virtual' / 'IP Address': the line completes the unfinished
        bullet above it (a known name, 'IP', opening it is no evidence of a row)."""
        position = index - 1
        while position >= 0 and self.lines[position].blank:
            position -= 1
        if position < 0:
            return False
        above = self.lines[position].stripped
        return above.startswith("•") and not above.endswith((".", ":", ";", ")"))

    def _next_nonblank(self, position: int) -> int | None:
        while position < len(self.lines):
            if not self.lines[position].blank:
                return position
            position += 1
        return None

    # -- cells ---------------------------------------------------------------------------------

    def _row(self, head: _Head, tail: list[Line]) -> TableRow:
        name = squeeze("".join(head.name_parts))
        if self.columns.example:
            example, first, remaining = split_example(head.rest, tail, typed=bool(head.type))
        else:
            example, first, remaining = None, head.rest, tail
        description = join_words([first] + [line.text for line in remaining])
        return TableRow(
            name=name,
            type=head.type,
            required=head.required,
            example=example,
            description=description,
            line=head.line,
            marked=head.marked,
            doubt=head.doubt,
        )


def _trailing_space(text: str) -> str:
    return text[len(text.rstrip()) :]


def _is_name_fragment(text: str) -> bool:
    """A piece of a wrapped name: 'ResourceGr', 'oupId', 'Tag . N .', '. n .' (not 'function.')."""
    return bool(_FRAGMENT.match(_SPACED_DOT.sub(".", text))) and not _SENTENCE_END.search(text)


def _without_repeated_headers(lines: list[Line]) -> list[Line]:
    """Lines with the header repeated at page breaks replaced by one blank line."""
    out: list[Line] = []
    index = 0
    while index < len(lines):
        found = header_columns(lines, index)
        if found is None:
            out.append(lines[index])
            index += 1
            continue
        out.append(Line(lines[index].no, ""))
        index = found[1]
    return out
