"""Merge per-document snapshots into one view of each operation, recording every disagreement.

Rule (documented in spec/README.md):
- operations, parameters, response fields (per level) and errors are unions, keyed by wire name;
- text (summary, description, group, parameter/field description and example, error message,
  worked examples) comes from the first document that states it in *text order*: English
  documents newest first, then the others newest first;
- facts (type, required, enum, default, ranges, list item shape, HTTP status) come from the newest
  revision that states them (undated counts as oldest); a revision that omits a fact never removes it;
  a response field's type comes from the newest revision that documents its members, when any does
  (001 types IkeConfig 'JSON string' where the others list its keys);
- every merged item keeps the sources of every document that states it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from generator.documents import revision_key
from generator.model import DocumentInfo, ErrorEntry, Examples, Field, Operation, Parameter, Source

_NEWEST = "newest revision that states it"


@dataclass
class Snapshot:
    """What one document says: its operations after the overrides that target it."""

    info: DocumentInfo
    operations: list[Operation]


@dataclass
class Statement:
    """One document's value for a disputed fact, with the line it is stated on."""

    doc: str
    line: int
    value: str


@dataclass
class Conflict:
    operation: str
    subject: str  # "parameter IsDefault", "field Vpcs.Vpc.Status", "error Forbidden"
    aspect: str  # type | required | enum | presence | http_status
    statements: list[Statement]
    resolution: str


@dataclass
class _Stated:
    """An item as one document states it (a document may state an error code twice)."""

    info: DocumentInfo
    rank: int  # position in revision order: 0 = newest
    item: Any


@dataclass
class _Context:
    operation: str
    conflicts: list[Conflict] = field(default_factory=list)


def merge(snapshots: list[Snapshot]) -> tuple[list[Operation], list[Conflict]]:
    """Merge the snapshots (given in document-table order) into operations sorted by name."""
    from generator.case_twins import unify_case_twins  # it builds this module's Conflict records

    snapshots, spellings = unify_case_twins(snapshots)
    newest_first = sorted(snapshots, key=lambda snap: revision_key(snap.info), reverse=True)
    rank = {snap.info.id: position for position, snap in enumerate(newest_first)}
    stated: dict[str, list[_Stated]] = {}
    for snap in snapshots:
        for op in snap.operations:
            stated.setdefault(op.name, []).append(_Stated(snap.info, rank[snap.info.id], op))
    merged: list[Operation] = []
    conflicts: list[Conflict] = []
    for name in sorted(stated):
        context = _Context(name)
        merged.append(_merge_operation(stated[name], context))
        conflicts += context.conflicts
    return merged, spellings + conflicts


# ---------------------------------------------------------------------------------------------
# Orders and pickers


def _by_revision(group: list[_Stated]) -> list[_Stated]:
    return sorted(group, key=lambda s: s.rank)


def _by_text(group: list[_Stated]) -> list[_Stated]:
    return sorted(group, key=lambda s: (s.info.language != "en", s.rank))


def _is_stated(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != Examples()


def _first_stated(ordered: list[_Stated], attr: str) -> Any:
    for s in ordered:
        value = getattr(s.item, attr)
        if _is_stated(value):
            return value
    return getattr(ordered[0].item, attr)


def _text(group: list[_Stated], attr: str) -> Any:
    return _first_stated(_by_text(group), attr)


def _fact(group: list[_Stated], attr: str) -> Any:
    return _first_stated(_by_revision(group), attr)


def _sources(group: list[_Stated]) -> list[Source]:
    out: list[Source] = []
    for s in group:
        for source in s.item.sources:
            if source not in out:
                out.append(source)
    return out


def _line(s: _Stated) -> int:
    return s.item.sources[0].line if s.item.sources else 0


def _union(lists: list[_Stated], key: Callable[[Any], str]) -> dict[str, list[_Stated]]:
    """The items of each document's list grouped by key, in the order text-order documents list them."""
    by_key: dict[str, list[_Stated]] = {}
    for s in _by_text(lists):
        for item in s.item:
            by_key.setdefault(key(item), []).append(_Stated(s.info, s.rank, item))
    return by_key


def _children(group: list[_Stated], attr: str) -> list[_Stated]:
    return [_Stated(s.info, s.rank, getattr(s.item, attr)) for s in group]


def _record_disagreement(
    context: _Context,
    group: list[_Stated],
    subject: str,
    aspect: str,
    show: Callable[[Any], str],
    winner: Any,
    why: str = _NEWEST,
) -> None:
    statements = [Statement(s.info.id, _line(s), show(s.item)) for s in _by_revision(group)]
    if len({st.value for st in statements}) > 1:
        resolution = f"{show_value(winner)} ({why})"
        context.conflicts.append(
            Conflict(context.operation, subject, aspect, statements, resolution)
        )


def show_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in sorted(value)) + "]"
    return str(value)


# ---------------------------------------------------------------------------------------------
# Merging each kind of item


def _merge_operation(group: list[_Stated], context: _Context) -> Operation:
    parameters = _union(_children(group, "parameters"), _name)
    response = _union(_children(group, "response"), _name)
    errors = _union(_children(group, "errors"), lambda e: e.code)
    documents = {s.info.id for s in group}
    return Operation(
        name=group[0].item.name,
        product=_fact(group, "product"),
        group=_text(group, "group"),
        summary=_text(group, "summary"),
        description=_text(group, "description"),
        parameters=[_merge_parameter(items, documents, context) for items in parameters.values()],
        response=[_merge_field(items, items[0].item.name, context) for items in response.values()],
        errors=[_merge_error(items, context) for items in errors.values()],
        examples=_merge_examples(_children(group, "examples")),
        sources=_sources(group),
    )


def _name(item: Any) -> str:
    return str(item.name)


def _merge_parameter(group: list[_Stated], documents: set[str], context: _Context) -> Parameter:
    subject = f"parameter {group[0].item.name}"
    newest = _by_revision(group)[0].item
    merged = Parameter(
        name=newest.name,
        type=newest.type,
        required=newest.required,
        description=_text(group, "description"),
        example=_text(group, "example"),
        doc_type=newest.doc_type,
        sensitive=True if any(s.item.sensitive for s in group) else None,  # any document says so
        sources=_sources(group),
        **{attr: _fact(group, attr) for attr in _PARAMETER_FACTS},
    )
    _record_disagreement(context, group, subject, "type", lambda p: p.type, merged.type)
    _record_disagreement(context, group, subject, "required", lambda p: p.required, merged.required)
    _record_enum_disagreement(context, group, subject, merged.enum)
    stating = {s.info.id for s in group}
    if stating != documents:
        statements = [
            Statement(doc, _line(next(s for s in group if s.info.id == doc)), "present")
            for doc in sorted(stating)
        ] + [Statement(doc, 0, "absent") for doc in sorted(documents - stating)]
        context.conflicts.append(
            Conflict(context.operation, subject, "presence", statements, "kept (union)")
        )
    return merged


_PARAMETER_FACTS = ("enum", "default", "minimum", "maximum", "min_length", "max_length")


def _record_enum_disagreement(
    context: _Context, group: list[_Stated], subject: str, winner: list[str]
) -> None:
    with_enum = [s for s in group if s.item.enum]
    _record_disagreement(context, with_enum, subject, "enum", lambda i: show_value(i.enum), winner)


def _merge_field(group: list[_Stated], path: str, context: _Context) -> Field:
    subject = f"field {path}"
    newest = _by_revision(group)[0].item
    typed_by = _by_revision([s for s in group if s.item.fields] or group)[0].item
    item_name = _fact(group, "item_name")
    child_prefix = f"{path}.{item_name}" if item_name else path
    children = _union(_children(group, "fields"), _name)
    merged = Field(
        name=newest.name,
        type=typed_by.type,
        description=_text(group, "description"),
        example=_text(group, "example"),
        enum=_fact(group, "enum"),
        item_name=item_name,
        item_type=_fact(group, "item_type"),
        model=_fact(group, "model"),
        fields=[
            _merge_field(items, f"{child_prefix}.{name}", context)
            for name, items in children.items()
        ],
        doc_type=typed_by.doc_type,
        sources=_sources(group),
    )
    why = _NEWEST if typed_by is newest else "newest revision that lists its members"
    _record_disagreement(context, group, subject, "type", lambda f: f.type, merged.type, why)
    _record_enum_disagreement(context, group, subject, merged.enum)
    return merged


def _merge_error(group: list[_Stated], context: _Context) -> ErrorEntry:
    merged = ErrorEntry(
        code=group[0].item.code,
        http_status=_fact(group, "http_status"),
        message=_text(group, "message"),
        description=_text(group, "description"),
        sources=_sources(group),
    )
    stating = [s for s in group if s.item.http_status is not None]
    _record_disagreement(
        context,
        stating,
        f"error {merged.code}",
        "http_status",
        lambda e: str(e.http_status),
        merged.http_status,
    )
    return merged


def _merge_examples(group: list[_Stated]) -> Examples:
    return replace(Examples(), **{f.name: _text(group, f.name) for f in fields(Examples)})
