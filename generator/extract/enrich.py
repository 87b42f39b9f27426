"""Raw layout records (`generator.extract.raw`) -> spec model objects (`generator.model`).

`enrich(raw)` interprets what the parsers only transcribed: parameter types and wire names, required
flags, examples, constraints from descriptions, response trees, error codes and the worked examples.
Every fact carries a `Source` (document id, line, section title). Facts that cannot be placed, and
document defects worth an override, come back as warnings.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.extract.constraints import parse_constraints
from generator.extract.examples import ReadExamples, read_examples
from generator.extract.html_text import strip_inline_markup, to_plain_text
from generator.extract.raw import (
    RawDocument,
    RawError,
    RawField,
    RawNamedType,
    RawOperation,
    RawParam,
    Warning,
)
from generator.extract.response_tree import (
    TOP_LEVEL_NAMES,
    ResponseContext,
    build_response,
    name_key,
)
from generator.extract.sensitivity import is_sensitive
from generator.extract.types import named_type, normalise_type
from generator.extract.zh_tw_examples import xml_root
from generator.model import ErrorEntry, Operation, Parameter, Source

_REQUIRED = ("yes", "是", "required", "true")
_OPTIONAL = ("no", "否", "optional", "false")


def enrich(raw: RawDocument) -> tuple[list[Operation], list[Warning]]:
    """The document's operations as spec objects, and the warnings found on the way."""
    warnings: list[Warning] = []
    named = {named_type.name: named_type for named_type in raw.named_types}
    operations = [_operation(op, raw, named, warnings) for op in raw.operations]
    return operations, warnings


def _operation(
    raw_op: RawOperation,
    raw: RawDocument,
    named: dict[str, RawNamedType],
    warnings: list[Warning],
) -> Operation:
    doc = raw.info.id

    def source(line: int) -> Source:
        return Source(doc, line, raw_op.title)

    read = read_examples(raw_op.examples)
    response_line = next(
        (example.line for example in raw_op.examples if example.kind != "request"), raw_op.line
    )
    context = ResponseContext(doc, raw_op.title, named, warnings, example_line=response_line)
    response_example = read.response
    borrowed_from = _borrowed_examples(raw_op, read)
    if borrowed_from is not None:
        message = f"response examples are {borrowed_from}'s (XML root, keys): not used"
        warnings.append(Warning(doc, response_line, message))
        response_example = None
    return Operation(
        name=raw_op.name,
        product=raw.info.product,
        group=raw_op.group,
        summary=to_plain_text(raw_op.summary),
        description=to_plain_text(raw_op.description),
        parameters=_parameters(raw_op, named, source, warnings),
        response=build_response(
            raw_op.response,
            response_example,
            context,
            example_is_json=read.response_is_json,
            second_opinion=read.second_opinion,
        ),
        errors=[_error(error, source) for error in raw_op.errors],
        examples=read.examples,
        sources=[source(raw_op.line)],
    )


def _borrowed_examples(raw_op: RawOperation, read: ReadExamples) -> str | None:
    """The operation whose response examples these are: the XML root names another one and no key
    of the examples but the usual top-level ones (RequestId, TotalCount...) names a table row (000
    l.21715: DescribeSslVpnClientCerts shows DescribeSslVpnServers' 'SslVpnServers'). A wrong root
    over the right keys is not enough (001 l.3396: DescribeBgpPeers' 'BgpPeers' in a
    <DescribeBgpGroupsResponse>)."""
    xml = next((example for example in raw_op.examples if example.kind == "xml"), None)
    root = xml_root(xml.text) if xml is not None else None
    if root is None or not root.endswith("Response") or root == f"{raw_op.name}Response":
        return None
    specific = {name_key(key) for key in read.response or {}} - TOP_LEVEL_NAMES
    rows = {name_key("".join(strip_inline_markup(row.name).split())) for row in raw_op.response}
    return root.removesuffix("Response") if specific and not specific & rows else None


# ---------------------------------------------------------------------------------------------
# Parameters


def _parameters(
    raw_op: RawOperation,
    named: dict[str, RawNamedType],
    source: Callable[[int], Source],
    warnings: list[Warning],
) -> list[Parameter]:
    doc = source(raw_op.line).doc
    with_children = {row.parent for row in raw_op.params if row.parent}
    result: list[Parameter] = []
    for row in raw_op.params:
        name = wire_name(row.name, row.parent)
        if name == "Action":
            _check_action(raw_op, row, doc, warnings)
            continue
        if not name:
            warnings.append(
                Warning(doc, row.line, f"request row without a name dropped ({row.type!r})")
            )
            continue
        if not row.parent and any(wire_name(parent, None) == name for parent in with_children):
            continue  # the sub-table's rows stand for it on the wire
        members = _named_members(row, named)
        if members:
            result += _member_parameters(name, row, members, named, source, warnings)
            continue
        parameter = _parameter(name, row, named, warnings, doc)
        parameter.sources = [source(row.line)]
        result.append(parameter)
    return result


def _named_members(row: RawParam, named: dict[str, RawNamedType]) -> list[RawField]:
    """The fields of the appendix type a parameter's type cell names (003 l.1173 'NextHopList
    NextHopListType': a list of NextHopItemType, l.1367), or [] for any other type."""
    declared = named_type(strip_inline_markup(row.type), named)
    if declared is None:
        return []
    item = named.get(declared.item_type) if declared.item_type else declared
    return item.fields if item is not None else []


def _member_parameters(
    name: str,
    row: RawParam,
    members: list[RawField],
    named: dict[str, RawNamedType],
    source: Callable[[int], Source],
    warnings: list[Warning],
) -> list[Parameter]:
    """A named-type parameter on the wire: '<Name>.N.<field>' for a list type, else
    '<Name>.<field>'; each member is optional, as the definition gives no Required column."""
    declared = named_type(strip_inline_markup(row.type), named)
    prefix = name + ".N" if declared is not None and declared.item_type else name
    result = []
    for member in members:
        member_row = RawParam(member.name, member.type, "", None, member.description, member.line)
        parameter = _parameter(
            wire_name(member.name, prefix), member_row, named, warnings, source(row.line).doc
        )
        parameter.sources = [source(row.line), source(member.line)]
        result.append(parameter)
    return result


def _parameter(
    name: str, row: RawParam, named: dict[str, RawNamedType], warnings: list[Warning], doc: str
) -> Parameter:
    doc_type = strip_inline_markup(row.type)
    example = clean_example(row.example, row.name)
    wire_type = normalise_type(
        doc_type, name=name, example=example, description=row.description, named=named
    )
    if wire_type is None:
        warnings.append(
            Warning(doc, row.line, f"parameter {name}: unknown type {doc_type!r}, taken as string")
        )
        wire_type = "string"
    # A JSON-string parameter's description lists the values of its inner keys, not its own.
    constraints = parse_constraints("" if wire_type == "json" else row.description)
    return Parameter(
        name=name,
        type=wire_type,
        required=is_required(row.required, row.description),
        description=to_plain_text(row.description),
        example=example,
        enum=constraints.enum,
        default=constraints.default,
        minimum=constraints.minimum,
        maximum=constraints.maximum,
        min_length=constraints.min_length,
        max_length=constraints.max_length,
        doc_type=doc_type,
        sensitive=is_sensitive(name, to_plain_text(row.description)),
    )


def _check_action(raw_op: RawOperation, row: RawParam, doc: str, warnings: list[Warning]) -> None:
    """The Action row is dropped; a value naming another operation is evidence for an override."""
    value = raw_op.action_value or _action_from_row(row)
    if value and "".join(value.split()) != raw_op.name:
        warnings.append(
            Warning(
                doc,
                row.line,
                f"{raw_op.name}: the Action row gives {value!r}, not {raw_op.name!r}",
            )
        )


def _action_from_row(row: RawParam) -> str | None:
    example = clean_example(row.example, "Action")
    if example:
        return example
    match = re.search(
        r"(?:value|取值)\s*(?:is|to)?\s*[:：]?\s*(?:<i>)?\s*([A-Z]\w+)", row.description
    )
    return match.group(1) if match else None


def wire_name(name: str, parent: str | None) -> str:
    """'Tag . N . Key' -> 'Tag.N.Key'; 'Filter.n.Value.N' -> 'Filter.N.Value.M'; sub-table rows
    become '<Parent>.N.<Name>'."""
    compact = "".join(strip_inline_markup(name).split())
    if parent:
        owner = "".join(strip_inline_markup(parent).split())
        owner = owner if re.search(r"\.[NnMm]$", owner) else owner + ".N"
        compact = f"{owner}.{compact}"
    parts = compact.split(".")
    index = 0
    for position, part in enumerate(parts):
        if position and part in ("N", "n", "M", "m"):
            parts[position] = "N" if index == 0 else "M"
            index += 1
    return ".".join(parts)


def is_required(cell: str, description: str) -> bool:
    """'Yes'/'是' -> True; without a Required column, a description opening 'Required'."""
    value = strip_inline_markup(cell).lower()
    if value.startswith(_REQUIRED):
        return True
    if value.startswith(_OPTIONAL):
        return False
    opening = to_plain_text(description).lower()
    return opening.startswith("required")


def clean_example(example: str | None, name: str) -> str | None:
    """'AccessPointId=ap-cn-beijing-ft-A' -> 'ap-cn-beijing-ft-A'; '<code>10</code>' -> '10';
    'Example for China site: PREPAY. Example for international site: POSTPAY' -> 'PREPAY'."""
    text = strip_inline_markup(example)
    if not text or text.upper() == "N/A":
        return None
    bare_name = "".join(name.split())
    if text.lower().startswith(bare_name.lower() + "="):
        text = text[len(bare_name) + 1 :]
    several = re.match(r"example for [^:]*:\s*(.*?)\.?\s+example for ", text, re.IGNORECASE)
    if several:
        text = several.group(1)
    return text.strip() or None


# ---------------------------------------------------------------------------------------------
# Errors


def _error(raw_error: RawError, source: Callable[[int], Source]) -> ErrorEntry:
    status = strip_inline_markup(raw_error.http_status)
    return ErrorEntry(
        code="".join(strip_inline_markup(raw_error.code).split()),
        http_status=int(status) if status.isdigit() else None,
        message=to_plain_text(raw_error.message),
        description=to_plain_text(raw_error.description),
        sources=[source(raw_error.line)],
    )
