"""Layout-level records: what a document parser reads off the page, before any interpretation.

Document parsers (one module per document layout) turn a text export into a `RawDocument`: they undo
the layout (page furniture, broken identifiers, split tables, continuation rows, column orders) but do
not interpret cell text. `generator.extract.enrich` then turns raw rows into `generator.model` objects
(types, required flags, enums/defaults/ranges from descriptions, response trees from markers and
examples, named types). Every row keeps the 1-based line it starts on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model import DocumentInfo


@dataclass
class RawParam:
    """A request-table row. `required` is the cell as written ("Yes", "No", "是", "否", "" if absent)."""

    name: str
    type: str
    required: str
    example: str | None
    description: str
    line: int
    # For rows read from a request sub-table (001's 'Next HopList' table under NextHopList),
    # the name of the parameter the sub-table belongs to.
    parent: str | None = None


@dataclass
class RawField:
    """A response-table row.

    `marked` is True when the row carries a nesting mark ('└' or '↳'); `parent` is set when the
    layout states the parent explicitly (a sub-table titled with the item type, a named type's
    definition). Depth is otherwise unknown: enrich decides it with the examples.
    """

    name: str
    type: str
    example: str | None
    description: str
    line: int
    marked: bool = False
    parent: str | None = None


@dataclass
class RawError:
    http_status: str
    code: str
    message: str
    description: str
    line: int


@dataclass
class RawExample:
    """A fenced or labelled example block. kind: 'request', 'json' or 'xml' (by content, not label)."""

    kind: str
    text: str
    line: int
    label: str = ""


@dataclass
class RawNamedType:
    """A named type from a data-type appendix (003): its fields, or for a *SetType its item type."""

    name: str
    line: int
    fields: list[RawField] = field(default_factory=list)
    item_type: str | None = None  # 'Subnode' of a *SetType: a list of this named type


@dataclass
class RawOperation:
    name: str  # the operation name on the best evidence (section title, Action row, TOC)
    title: str  # the section heading as printed
    line: int  # line of the section heading
    group: str  # the chapter heading
    action_value: str | None = None  # the value the Action row gives, if any
    summary: str = ""
    description: str = ""
    params: list[RawParam] = field(default_factory=list)
    response: list[RawField] = field(default_factory=list)
    errors: list[RawError] = field(default_factory=list)
    examples: list[RawExample] = field(default_factory=list)
    # True when the section refers to the common error list instead of (or besides) a table.
    refers_to_common_errors: bool = False


@dataclass
class Warning:
    """Something the parser could not place or that looks like a document defect."""

    doc: str
    line: int
    message: str


@dataclass
class RawDocument:
    info: DocumentInfo
    operations: list[RawOperation] = field(default_factory=list)
    named_types: list[RawNamedType] = field(default_factory=list)
    overview: list[tuple[str, str, int]] = field(default_factory=list)  # (name, summary, line)
    common_parameters: list[RawParam] = field(default_factory=list)
    common_errors: list[RawError] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
