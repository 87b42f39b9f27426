"""Where facts come from, written so that a new revision changes only what it changes.

A line number moves with every row a revision inserts above it, and a revision id changes with every
revision, so neither belongs in the merged view: its sources name the family and the section
(`{doc: vpc/en, section: 6.3 DescribeVpcs}`). A per-document snapshot keeps the line of each
operation's section (a hint for the reader); its rows sit in that section.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from generator.model import Field, Operation, Source, Spec

_Item = TypeVar("_Item")


def merged_operation(op: Operation, family_of: dict[str, str]) -> Operation:
    """`op` with every source (its own and its items') as family + section."""
    return replace(
        op,
        parameters=merged_items(op.parameters, family_of),
        response=merged_items(op.response, family_of),
        errors=merged_items(op.errors, family_of),
        sources=_family_sources(op.sources, family_of),
    )


def merged_items(items: list[_Item], family_of: dict[str, str]) -> list[_Item]:
    out: list[Any] = []
    for item in items:
        changes: dict[str, Any] = {"sources": _family_sources(item.sources, family_of)}  # type: ignore[attr-defined]
        if isinstance(item, Field):
            changes["fields"] = merged_items(item.fields, family_of)
        out.append(replace(item, **changes))  # type: ignore[type-var]
    return out


def _family_sources(sources: list[Source], family_of: dict[str, str]) -> list[Source]:
    out: list[Source] = []
    for source in sources:
        plain = Source(family_of.get(source.doc, source.doc), None, source.section)
        if plain not in out:
            out.append(plain)
    return out


def snapshot_operation(op: Operation) -> Operation:
    """`op` keeping only its section's sources: its items are read from that section."""
    return replace(
        op,
        parameters=[replace(p, sources=[]) for p in op.parameters],
        response=_bare_fields(op.response),
        errors=[replace(e, sources=[]) for e in op.errors],
    )


def _bare_fields(fields: list[Field]) -> list[Field]:
    return [replace(f, sources=[], fields=_bare_fields(f.fields)) for f in fields]


def without_revisions(spec: Spec) -> Spec:
    """The spec as the package ships it: which revisions it was read from stays in spec/ (the
    packaged data does not change when a revision re-states the same API)."""
    return replace(spec, service=replace(spec.service, documents=[]))
