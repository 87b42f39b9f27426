"""Error tables of the PDF export.

A row opens with the HTTP status and the start of the error code; the code wraps over up to four
lines ('InvalidVpn' / 'GatewayIns' / 'tanceId.' / 'NotFound'). The message and description cells
wrap independently and are printed one after the other, separated by a blank line; when both are
short they share one line ('VPC quota exceeded. The number of VPCs').
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.extract.pdf_despace import squeeze
from generator.extract.pdf_layout import Line, join_wrapped

_ROW = re.compile(r"^\s*(?P<status>[45]\d\d)\s+(?P<code>[A-Za-z][A-Za-z0-9._]*)(?P<rest>\s.*)?$")
_CODE_PIECE = re.compile(r"^[A-Za-z0-9._]+$")
_HEADER_WORDS = {
    "HTTP",
    "status",
    "code",
    "HttpCode",
    "Error",
    "message",
    "codes",
    "Type",
    "Example",
    "value",
    "Description",
}
_SENTENCE_STARTERS = {"The", "You", "This", "A", "An", "No", "Your", "Check", "Please", "Try"}


@dataclass
class ErrorRow:
    status: str
    code: str
    message: str
    description: str
    line: int


def is_error_header(line: Line) -> bool:
    words = line.stripped.split()
    return bool(words) and words[0] in ("HTTP", "HttpCode") and set(words) <= _HEADER_WORDS


def _without_headers(lines: list[Line]) -> list[Line]:
    """Lines with every (repeated) error-table header replaced by one blank line."""
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not is_error_header(line):
            out.append(line)
            index += 1
            continue
        while index < len(lines):
            words = lines[index].stripped.split()
            if words and not set(words) <= _HEADER_WORDS:
                break
            index += 1
            if "Description" in words:
                break
        out.append(Line(line.no, ""))
    return out


def read_errors(
    lines: list[Line], knows_code: Callable[[str], bool]
) -> tuple[list[ErrorRow], list[Line]]:
    """Rows of an error table and the non-blank lines that belong to no row."""
    rows: list[ErrorRow] = []
    stray: list[Line] = []
    head: re.Match[str] | None = None
    head_line = 0
    body: list[Line] = []
    for line in _without_headers(lines):
        match = _ROW.match(line.text)
        if match is not None:
            if head is not None:
                rows.append(_row(head, head_line, body, knows_code))
            head, head_line, body = match, line.no, []
        elif head is not None:
            body.append(line)
        elif not line.blank:
            stray.append(line)
    if head is not None:
        rows.append(_row(head, head_line, body, knows_code))
    return rows, stray


def _row(
    head: re.Match[str], line_no: int, body: list[Line], knows_code: Callable[[str], bool]
) -> ErrorRow:
    code = head["code"]
    position = 0
    if not (head["rest"] or "").strip():
        code, position = _code_continuation(code, body, knows_code)
    groups = _groups([head["rest"] or ""] + [line.text for line in body[position:]])
    message, description = _message_and_description(groups)
    return ErrorRow(head["status"], code, message, description, line_no)


def _code_continuation(
    code: str, body: list[Line], knows_code: Callable[[str], bool]
) -> tuple[str, int]:
    """The code rejoined from the lines after the row's first line, and where the cells begin.

    Pieces follow the first line directly; a blank line may separate the first piece from the
    second ('InvalidPar' / '' / 'ameter.Spec') when the piece cannot open a message cell.
    """
    fragments = 1
    position = 0
    while position < len(body):
        line = body[position]
        if line.blank:
            following = body[position + 1] if position + 1 < len(body) else None
            if (
                fragments == 1
                and following is not None
                and _continues_code(code, following, knows_code)
            ):
                position += 1
                continue
            break
        piece = line.stripped
        if not _CODE_PIECE.match(piece):
            break
        code += squeeze(piece)
        fragments += 1
        position += 1
    return code, position


def _continues_code(code: str, line: Line, knows_code: Callable[[str], bool]) -> bool:
    piece = line.stripped
    if not _CODE_PIECE.match(piece):
        return False
    return code.endswith(".") or not piece[0].isupper() or knows_code(code + piece)


def _groups(texts: list[str]) -> list[list[str]]:
    """Cell texts split at blank lines."""
    groups: list[list[str]] = [[]]
    for text in texts:
        if text.strip():
            groups[-1].append(text)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def _message_and_description(groups: list[list[str]]) -> tuple[str, str]:
    if not groups:
        return "", ""
    if len(groups) > 1:
        description = " ".join(join_wrapped(group) for group in groups[1:])
        return join_wrapped(groups[0]), description
    first, *more = groups[0]
    words = first.split()
    for index in range(1, len(words)):
        word, previous = words[index], words[index - 1]
        if word[:1].isupper() and (previous.endswith(".") or word in _SENTENCE_STARTERS):
            return " ".join(words[:index]), join_wrapped([" ".join(words[index:]) + " "] + more)
    return join_wrapped(groups[0]), ""
