"""Reviewed corrections of document defects (`spec/overrides.yaml`), each with quoted evidence.

An entry belongs to a document family (`family: vpc/en`), to every family (`family: all`) or to the
merged view (`family: merged`); it targets one operation (or `*`: each that has the target) and
optionally one parameter, response field (a dotted path through wire keys, e.g.
`Vpcs.Vpc.Status`) or error code. It renames, drops or sets facts on the target, or replaces the
operation's example response.

Entries follow the text, not the line: an entry applies to every revision of its family whose text
contains each quote the entry cites from that family (whitespace-insensitive, anywhere; a `line` is
a hint for the reader). A revision that no longer contains a quote has the entry *retired* (the
vendor fixed the defect); an entry no revision contains, a confirming quote (cited from another
family) that no revision of that family contains, or an entry that changes nothing is an error.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from generator.model import WIRE_TYPES, DocumentInfo, ErrorEntry, Field, Operation, Parameter
from generator.spec_io import plain, yaml_problem
from generator.utf8 import read_utf8

MERGED = "merged"
ALL_FAMILIES = "all"
ANY_OPERATION = "*"  # with a parameter/field/error target: every operation of the document
TARGETS = ("parameter", "field", "error")
CHANGES = ("rename_to", "set", "drop", "example_response_json")
ENTRY_KEYS = ("family", "operation", *TARGETS, *CHANGES, "reason", "evidence")
EVIDENCE_KEYS = ("doc", "quote")  # and an optional `line` hint
_NOT_SETTABLE = ("name", "code", "fields", "sources", "parameters", "response", "errors")


class OverrideError(Exception):
    """Invalid or unmatched overrides; `errors` holds one `file:line: message` per problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Evidence:
    doc: str  # a family
    line: int | None
    quote: str


@dataclass
class Override:
    family: str
    operation: str
    target_kind: str  # operation | parameter | field | error
    target: str  # the parameter name, field path or error code ("" for the operation)
    changes: dict[str, Any]
    reason: str
    evidence: list[Evidence]
    where: str  # "file:line" of the entry, for messages
    applies_to: set[str] = field(default_factory=set)  # revision ids (or MERGED), see `anchor`
    retired: list[str] = field(default_factory=list)  # revision ids that no longer quote it

    def describe(self) -> str:
        target = f" {self.target_kind} {self.target}" if self.target else ""
        return f"{self.family} {self.operation}{target}"


@dataclass
class Applied:
    """Which overrides matched, to report them and to reject those that matched nothing."""

    matched: dict[int, int] = field(default_factory=dict)  # id(override) -> times applied

    def count(self, override: Override) -> None:
        self.matched[id(override)] = self.matched.get(id(override), 0) + 1


@dataclass(frozen=True)
class Revision:
    """One document's text, for anchoring: which family it belongs to and its id."""

    info: DocumentInfo
    text: str


# ---------------------------------------------------------------------------------------------
# Loading


def load_overrides(path: Path, families: Collection[str] | None = None) -> list[Override]:
    """Read and validate `path`; with `families`, each entry's family and evidence must be one."""
    known = set(families or ()) | {MERGED, ALL_FAMILIES}
    try:
        root = YAML().load(read_utf8(path))
    except MarkedYAMLError as exc:
        raise OverrideError([yaml_problem(path, exc)]) from exc
    if root is None:
        return []
    if not isinstance(root, CommentedSeq):
        raise OverrideError([f"{path}:1: expected a list of overrides"])
    errors: list[str] = []
    overrides: list[Override] = []
    for index, node in enumerate(root):
        where = f"{path}:{root.lc.item(index)[0] + 1}"
        entry_errors = _entry_errors(node, where, families is not None, known)
        if not entry_errors:
            overrides.append(_to_override(node, where))
        errors += entry_errors
    if errors:
        raise OverrideError(errors)
    return overrides


def _entry_errors(node: Any, where: str, check_docs: bool, known: set[str]) -> list[str]:
    if not isinstance(node, CommentedMap):
        return [f"{where}: an override must be a mapping"]
    errors = [f"{where}: unknown key {key!r}" for key in node if key not in ENTRY_KEYS]
    for key in ("family", "operation", "reason"):
        if not isinstance(node.get(key), str) or not node[key].strip():
            errors.append(f"{where}: {key!r} is required (non-empty text)")
    if check_docs and isinstance(node.get("family"), str) and node["family"] not in known:
        errors.append(f"{where}: unknown family {node['family']!r}")
    targets = [key for key in TARGETS if key in node]
    if len(targets) > 1:
        errors.append(f"{where}: at most one target of {TARGETS}, got {targets}")
    errors += [
        f"{where}: {key!r} must be text" for key in targets if not isinstance(node[key], str)
    ]
    if not targets and node.get("operation") == ANY_OPERATION:
        errors.append(
            f"{where}: operation {ANY_OPERATION!r} needs a parameter, field or error target"
        )
    errors += _change_errors(node, targets[0] if targets else "operation", where)
    errors += _evidence_errors(node.get("evidence"), where, check_docs, known)
    return errors


def _change_errors(node: CommentedMap, target_kind: str, where: str) -> list[str]:
    changes = [key for key in CHANGES if key in node]
    if not changes:
        return [f"{where}: no change given (one of {CHANGES})"]
    errors: list[str] = []
    if "drop" in node and (node["drop"] is not True or len(changes) > 1):
        errors.append(f"{where}: 'drop' must be true and the only change")
    if "rename_to" in node and not isinstance(node["rename_to"], str):
        errors.append(f"{where}: 'rename_to' must be text")
    if "example_response_json" in node and target_kind != "operation":
        errors.append(
            f"{where}: 'example_response_json' applies to an operation, not a {target_kind}"
        )
    if "set" in node:
        errors += _set_errors(node["set"], target_kind, where)
    return errors


_TARGET_CLASSES: dict[str, type] = {
    "operation": Operation,
    "parameter": Parameter,
    "field": Field,
    "error": ErrorEntry,
}


def _set_errors(values: Any, target_kind: str, where: str) -> list[str]:
    if not isinstance(values, CommentedMap) or not values:
        return [f"{where}: 'set' must be a non-empty mapping"]
    settable = {f.name for f in dataclasses.fields(_TARGET_CLASSES[target_kind])}
    settable -= set(_NOT_SETTABLE)
    errors = [
        f"{where}: cannot set {key!r} on a {target_kind} (settable: {sorted(settable)})"
        for key in values
        if key not in settable
    ]
    for key in ("type", "item_type"):
        if key in values and values[key] not in WIRE_TYPES:
            errors.append(f"{where}: set {key} {values[key]!r} is not one of {WIRE_TYPES}")
    return errors


def _evidence_errors(evidence: Any, where: str, check_docs: bool, known: set[str]) -> list[str]:
    if not isinstance(evidence, CommentedSeq) or not evidence:
        return [f"{where}: 'evidence' is required: a list of {{doc, quote, line (a hint)}}"]
    errors: list[str] = []
    for item in evidence:
        if not isinstance(item, CommentedMap) or not set(EVIDENCE_KEYS) <= set(item) <= {
            *EVIDENCE_KEYS,
            "line",
        }:
            errors.append(
                f"{where}: each evidence item needs {EVIDENCE_KEYS} (and may give a line)"
            )
        elif "line" in item and (not isinstance(item["line"], int) or item["line"] < 1):
            errors.append(f"{where}: evidence line must be a positive integer")
        elif not isinstance(item["quote"], str) or not item["quote"].strip():
            errors.append(f"{where}: evidence quote must be non-empty text")
        elif check_docs and (item["doc"] not in known or item["doc"] in (MERGED, ALL_FAMILIES)):
            errors.append(f"{where}: evidence cites unknown family {item['doc']!r}")
    return errors


def _to_override(node: CommentedMap, where: str) -> Override:
    kind = next((key for key in TARGETS if key in node), "operation")
    changes = {key: plain(node[key]) for key in CHANGES if key in node}
    return Override(
        family=str(node["family"]),
        operation=str(node["operation"]),
        target_kind=kind,
        target=str(node[kind]) if kind != "operation" else "",
        changes=changes,
        reason=str(node["reason"]),
        evidence=[
            Evidence(str(e["doc"]), int(e["line"]) if "line" in e else None, str(e["quote"]))
            for e in node["evidence"]
        ],
        where=where,
    )


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------------------------
# Anchoring: which revisions each entry applies to


def anchor(overrides: list[Override], revisions: list[Revision]) -> list[str]:
    """Set each entry's `applies_to` and `retired` from the revisions' texts; the problems found."""
    squashed = {r.info.id: squash(r.text) for r in revisions}
    problems: list[str] = []
    for override in overrides:
        override.applies_to, override.retired = set(), []
        if override.family == MERGED:
            override.applies_to = {MERGED}
            continue
        own = [r for r in revisions if override.family in (ALL_FAMILIES, r.info.family)]
        for revision in own:
            quotes = [e for e in override.evidence if e.doc == revision.info.family]
            if all(squash(e.quote) in squashed[revision.info.id] for e in quotes):
                override.applies_to.add(revision.info.id)
            else:
                override.retired.append(revision.info.id)
        if not override.applies_to:
            problems += _vanished(override, own, squashed)
        problems += _unconfirmed(override, revisions, squashed)
    return problems


def _vanished(override: Override, own: list[Revision], squashed: dict[str, str]) -> list[str]:
    if not own:
        return [f"{override.where}: no revision of {override.family} in the sources"]
    problems = []
    for revision in own:
        for evidence in override.evidence:
            quoted = squash(evidence.quote) in squashed[revision.info.id]
            if evidence.doc == revision.info.family and not quoted:
                problems.append(_not_found(override, evidence, revision))
    return problems


def _unconfirmed(
    override: Override, revisions: list[Revision], squashed: dict[str, str]
) -> list[str]:
    """Quotes cited from another family must be in some revision of it."""
    problems = []
    for evidence in override.evidence:
        if evidence.doc == override.family or override.family == ALL_FAMILIES:
            continue
        family = [r for r in revisions if r.info.family == evidence.doc]
        if not any(squash(evidence.quote) in squashed[r.info.id] for r in family):
            problems += [_not_found(override, evidence, r) for r in family[-1:]] or [
                f"{override.where}: evidence cites {evidence.doc}, which has no revision here"
            ]
    return problems


def _not_found(override: Override, evidence: Evidence, revision: Revision) -> str:
    line, text = nearest_line(revision.text, evidence.quote)
    return (
        f"{override.where}: quote no longer found: {evidence.doc} {evidence.quote!r} is not in "
        f"{revision.info.file}; nearest match at line {line}: {text!r}"
    )


def nearest_line(text: str, quote: str) -> tuple[int, str]:
    """The 1-based line (with the next one, for a wrapped quote) most like `quote`."""
    lines = text.splitlines()
    wanted = squash(quote)
    best, best_ratio = 0, -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    for index, line in enumerate(lines):
        window = squash(" ".join(lines[index : index + 2]))[: len(wanted) + 20]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = index, ratio
    return best + 1, squash(lines[best]) if lines else ""


# ---------------------------------------------------------------------------------------------
# Applying


def apply_overrides(
    overrides: list[Override], document: str, operations: list[Operation], applied: Applied
) -> list[Operation]:
    """Apply the entries anchored in `document` (a revision id or `merged`) to its operations."""
    result = list(operations)
    for override in overrides:
        if document not in override.applies_to:
            continue
        for op in [op for op in result if override.operation in (ANY_OPERATION, op.name)]:
            if _apply_to_operation(override, op, result):
                applied.count(override)
    return result


def unmatched(overrides: list[Override], applied: Applied) -> list[str]:
    return [
        f"{o.where}: override matched nothing ({o.describe()}): the documents or parsers moved"
        for o in overrides
        if id(o) not in applied.matched
    ]


def _apply_to_operation(override: Override, op: Operation, siblings: list[Operation]) -> bool:
    if override.target_kind == "operation":
        return _change(override, op, siblings)
    if override.target_kind == "parameter":
        container: list[Any] = op.parameters
        found = [p for p in container if p.name == override.target]
    elif override.target_kind == "error":
        container = op.errors
        found = [e for e in container if e.code == override.target]
    else:
        container, found = _resolve_field(op.response, override.target.split("."))
    return any(_change(override, item, container) for item in found)


def _resolve_field(fields_: list[Field], path: list[str]) -> tuple[list[Field], list[Field]]:
    """The list holding the field at `path` and the matching field(s); list wrappers are a step."""
    head, rest = path[0], path[1:]
    matches = [f for f in fields_ if f.name == head]
    if not rest:
        return fields_, matches
    for match in matches:
        remaining = rest[1:] if match.item_name and rest[0] == match.item_name else rest
        if not remaining:
            return fields_, [match]
        return _resolve_field(match.fields, remaining)
    return fields_, []


def _change(override: Override, item: Any, container: list[Any]) -> bool:
    changes = override.changes
    if changes.get("drop"):
        container.remove(item)
        return True
    if "rename_to" in changes:
        key = "code" if isinstance(item, ErrorEntry) else "name"
        new_name = changes["rename_to"]
        # An error code may recur (one row per cause); names must stay unique.
        if key == "name" and any(
            other.name == new_name for other in container if other is not item
        ):
            raise OverrideError(
                [f"{override.where}: rename_to {new_name!r} collides with an existing one"]
            )
        setattr(item, key, new_name)
    for key, value in changes.get("set", {}).items():
        setattr(item, key, value)
    if "example_response_json" in changes:
        item.examples.response_json = changes["example_response_json"]
    return True
