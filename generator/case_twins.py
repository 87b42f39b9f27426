"""Case twins: wire names of one operation that differ only in letter case name one thing.

Documents spell some names differently (`InstanceId`/`Instanceid`, `AuthKey`/`Authkey`,
`BgpPeerId`/`BGPPeerId`). Before the merge unions names, every spelling of a request parameter of
an operation, or of a response field among its siblings, is respelled to one, chosen by evidence:

1. the spelling the operation's examples use, as the merge keeps them (each from the first document
   in text order that has one): the request example for a parameter; the JSON response example,
   else the XML one, for a field (so the shipped example and the generated model agree);
2. else the spelling of the newest revision that states one;
3. else the spelling most documents state (a tie goes to the first in sorted order).

Each unified name is reported as a `spelling` conflict listing every document's spelling. The
snapshots themselves keep each document's own spelling; an override still decides where it renames
(a document's row before the merge, or the merged view after it). A document that lists two
spellings of one name keeps its first row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from generator.documents import revision_key
from generator.merge import Conflict, Snapshot, Statement
from generator.model import DocumentInfo, Field, Operation, Parameter

ASPECT = "spelling"


@dataclass(frozen=True)
class _Spelling:
    """One document's spelling of a name, and how the operation's kept examples use it."""

    doc: str
    rank: int  # position in revision order: 0 = newest
    line: int
    own_key: str  # the parameter name, or the field's dotted path as this document spells it
    name: str
    in_example: int  # 2: the request or JSON response example uses it; 1: only the XML one


def unify_case_twins(snapshots: list[Snapshot]) -> tuple[list[Snapshot], list[Conflict]]:
    """The snapshots with one spelling per name in each operation, and the spelling conflicts."""
    newest_first = sorted(snapshots, key=lambda snap: revision_key(snap.info), reverse=True)
    rank = {snap.info.id: position for position, snap in enumerate(newest_first)}
    stated: dict[str, list[tuple[DocumentInfo, Operation]]] = {}
    for snap in snapshots:
        for op in snap.operations:
            stated.setdefault(op.name, []).append((snap.info, op))
    # (doc, operation) -> "parameter <name>" or "field <path as the document spells it"> -> spelling
    renames: dict[tuple[str, str], dict[str, str]] = {}
    conflicts: list[Conflict] = []
    for name in sorted(stated):
        spellings = _spellings(stated[name], rank)
        for key, group in spellings.items():
            if len({s.name for s in group}) < 2:
                continue
            kind = key.split()[0]  # parameter | field
            winner = _unify(name, kind, group, conflicts)
            for s in group:
                if s.name != winner:
                    renames.setdefault((s.doc, name), {})[f"{kind} {s.own_key}"] = winner
    unified = [
        replace(
            snap,
            operations=[
                _renamed(op, renames.get((snap.info.id, op.name), {})) for op in snap.operations
            ],
        )
        for snap in snapshots
    ]
    return unified, conflicts


def _spellings(
    stated: list[tuple[DocumentInfo, Operation]], rank: dict[str, int]
) -> dict[str, list[_Spelling]]:
    """Every document's spelling of each name, grouped by the name in lower case."""
    request, json_keys, xml_tags = _kept_examples(stated, rank)
    spellings: dict[str, list[_Spelling]] = {}
    for info, op in stated:
        doc = info.id
        for p in op.parameters:
            used = 2 if _wire_pattern(p.name).search(request) else 0
            spelling = _Spelling(doc, rank[doc], _line(p), p.name, p.name, used)
            spellings.setdefault(f"parameter {p.name.lower()}", []).append(spelling)
        for path, f in _field_paths(op.response, ""):
            used = 2 if f.name in json_keys else 1 if f.name in xml_tags else 0
            spelling = _Spelling(doc, rank[doc], _line(f), path, f.name, used)
            spellings.setdefault(f"field {path.lower()}", []).append(spelling)
    return spellings


def _unify(operation: str, kind: str, group: list[_Spelling], conflicts: list[Conflict]) -> str:
    """The winning spelling of `group` (a parameter's or a field's), recorded as a conflict."""
    winner, why = _choose(group)
    chosen = next(s for s in group if s.name == winner)
    subject = f"{kind} {chosen.own_key}"
    statements = [Statement(s.doc, s.line, s.name) for s in sorted(group, key=lambda s: s.rank)]
    conflicts.append(Conflict(operation, subject, ASPECT, statements, f"{winner} ({why})"))
    return winner


def _choose(group: list[_Spelling]) -> tuple[str, str]:
    """Example first, then the newest revision, then the majority of documents."""
    best = max(s.in_example for s in group)
    in_examples = sorted({s.name for s in group if best and s.in_example == best})
    if len(in_examples) == 1:
        return in_examples[0], "the operation's example uses it"
    candidates = [s for s in group if s.name in in_examples] if in_examples else group
    newest = min(s.rank for s in candidates)
    newest_names = sorted({s.name for s in candidates if s.rank == newest})
    if len(newest_names) == 1:
        return newest_names[0], "newest revision that states it"
    votes = Counter(name for _, name in {(s.doc, s.name) for s in candidates})
    best = max(votes.values())
    return min(name for name, count in votes.items() if count == best), "most documents state it"


def _line(item: Parameter | Field) -> int:
    return (item.sources[0].line or 0) if item.sources else 0


def _field_paths(fields: list[Field], prefix: str) -> Iterator[tuple[str, Field]]:
    """Every response node with its dotted path of wire names (list wrappers left out)."""
    for item in fields:
        path = f"{prefix}.{item.name}" if prefix else item.name
        yield path, item
        yield from _field_paths(item.fields, path)


# ---------------------------------------------------------------------------------------------
# Evidence from the examples


def _wire_pattern(name: str) -> re.Pattern[str]:
    """`Tag.N.Key` as it appears in a request example: `Tag.1.Key=` (case-sensitive)."""
    segments = [
        r"\d+" if segment in ("N", "M") else re.escape(segment) for segment in name.split(".")
    ]
    return re.compile(r"(?<![A-Za-z0-9_.])" + r"\.".join(segments) + r"=")


def _kept_examples(
    stated: list[tuple[DocumentInfo, Operation]], rank: dict[str, int]
) -> tuple[str, set[str], set[str]]:
    """The request example, the JSON response's keys and the XML response's tags the merge keeps:
    each from the first document in text order (English first, then newest first) that has it."""
    in_text_order = [
        op.examples
        for info, op in sorted(stated, key=lambda s: (s[0].language != "en", rank[s[0].id]))
    ]
    request = next((e.request for e in in_text_order if e.request), "")
    response_json = next(
        (e.response_json for e in in_text_order if e.response_json not in (None, "", [])), None
    )
    xml = next((e.response_xml for e in in_text_order if e.response_xml), "")
    tags = set(re.findall(r"<([A-Za-z_][A-Za-z0-9_]*)[\s>/]", xml))
    return request, set(_json_keys(response_json)), tags


def _json_keys(value: Any) -> Iterable[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _json_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_keys(item)


# ---------------------------------------------------------------------------------------------
# Respelling


def _renamed(op: Operation, renames: dict[str, str]) -> Operation:
    """`op` with parameters and response fields respelled, keeping a document's first of twins."""
    if not renames:
        return op
    parameters = _first_of_each(
        [replace(p, name=renames.get(f"parameter {p.name}", p.name)) for p in op.parameters]
    )
    return replace(op, parameters=parameters, response=_renamed_fields(op.response, "", renames))


def _renamed_fields(fields: list[Field], prefix: str, renames: dict[str, str]) -> list[Field]:
    out = []
    for item in fields:
        path = f"{prefix}.{item.name}" if prefix else item.name
        out.append(
            replace(
                item,
                name=renames.get(f"field {path}", item.name),
                fields=_renamed_fields(item.fields, path, renames),
            )
        )
    return _first_of_each(out)


_Item = TypeVar("_Item", Parameter, Field)


def _first_of_each(items: list[_Item]) -> list[_Item]:
    kept: dict[str, _Item] = {}
    for item in items:
        kept.setdefault(item.name, item)
    return list(kept.values())
