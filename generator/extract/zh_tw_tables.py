"""Tables of the Traditional Chinese VPC document (001): header vocabulary and row records.

001 mixes header styles: 名稱/類型/是否必須/描述 (old request tables), 名稱/類型/是否必選/
樣本值/描述 (new), 名稱/類型/描述 and 名稱/類型/樣本值/描述 (responses), 參數 instead of 名稱,
Simplified-Chinese variants (名称/类型/是否必须) and a first cell glued with a stray word
('删除名称', '删除 名稱'). Errors use HttpCode/錯誤碼/錯誤資訊/描述. A table's kind follows from
its header: a 'required' column makes a request table, an error-code column an error table,
anything else a response table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.raw import RawError, RawField, RawParam
from generator.extract.tabular import clean_cell, join_split_code

PARAMS, FIELDS, ERRORS = "params", "fields", "errors"

_ROLES = {
    "名稱": "name",
    "名称": "name",
    "參數": "name",
    "参数": "name",
    "類型": "type",
    "类型": "type",
    "是否必須": "required",
    "是否必须": "required",
    "是否必選": "required",
    "是否必选": "required",
    "樣本值": "example",
    "样本值": "example",
    "示例值": "example",
    "描述": "description",
    "httpcode": "status",
    "錯誤碼": "code",
    "错误码": "code",
    "錯誤資訊": "message",
    "错误信息": "message",
}
_STRAY_PREFIX = re.compile(r"^(刪除|删除)\s*")
_SEPARATOR = re.compile(r"^-+$")


@dataclass(frozen=True)
class Header:
    kind: str  # PARAMS, FIELDS or ERRORS
    roles: tuple[str, ...]  # the role of each column, in order


def cells_of(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def parse_header(line: str) -> Header | None:
    """The header a tab line spells, or None when it is a data row."""
    cells = cells_of(line)
    cells[0] = _STRAY_PREFIX.sub("", cells[0])
    roles = tuple(_ROLES.get(re.sub(r"\s+", "", cell).lower(), "") for cell in cells)
    if "" in roles or len(set(roles)) != len(roles):
        return None
    if "code" in roles and "status" in roles:
        return Header(ERRORS, roles)
    if "name" not in roles or "type" not in roles:
        return None
    return Header(PARAMS if "required" in roles else FIELDS, roles)


def is_separator(line: str) -> bool:
    """A Markdown dashes row ('----⇥----⇥------⇥----')."""
    cells = [cell for cell in cells_of(line) if cell]
    return bool(cells) and all(_SEPARATOR.match(cell) for cell in cells)


@dataclass
class Row:
    """One data row, cells keyed by role; `overflow` holds cells beyond the header's width."""

    line: int
    cells: dict[str, str]
    overflow: list[str]


def read_row(header: Header, line: str, number: int) -> Row:
    cells = cells_of(line)
    values = dict.fromkeys(header.roles, "")
    values.update(zip(header.roles, cells, strict=False))
    return Row(number, values, [cell for cell in cells[len(header.roles) :] if cell])


def to_param(row: Row, parent: str | None) -> RawParam:
    example = row.cells.get("example")
    return RawParam(
        name=join_split_code(clean_cell(row.cells["name"])),
        type=clean_cell(row.cells["type"]),
        required=row.cells.get("required", ""),
        example=clean_cell(example) if example is not None else None,
        description=row.cells.get("description", ""),
        line=row.line,
        parent=parent,
    )


def to_field(row: Row, parent: str | None) -> RawField:
    example = row.cells.get("example")
    return RawField(
        name=join_split_code(clean_cell(row.cells["name"])),
        type=clean_cell(row.cells["type"]),
        example=clean_cell(example) if example is not None else None,
        description=row.cells.get("description", ""),
        line=row.line,
        parent=parent,
    )


def to_error(row: Row) -> RawError:
    return RawError(
        http_status=row.cells["status"],
        code=join_split_code(clean_cell(row.cells["code"])),
        message=row.cells.get("message", ""),
        description=row.cells.get("description", ""),
        line=row.line,
    )
