"""Compare two specs and classify every API-level change for a pull-request review."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.model import ErrorEntry, Field, Operation, Parameter, Spec

BREAKING = "breaking"
NON_BREAKING = "non-breaking"
DOCUMENTATION = "documentation"
SEVERITY_ORDER = (BREAKING, NON_BREAKING, DOCUMENTATION)

# Parameter type changes a caller's existing value still satisfies.
_WIDENINGS = {("integer", "long"), ("float", "double"), ("integer", "float"), ("integer", "double")}
# How alike two descriptions must be (difflib ratio) to call a remove+add at one position a rename.
_RENAME_SIMILARITY = 0.6


@dataclass(frozen=True)
class Change:
    """One classified difference. `target` reads like "parameter Name" or "response field Vpcs.Vpc"."""

    operation: str
    target: str
    change: str
    severity: str
    old: str | None = None
    new: str | None = None
    python: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "operation": self.operation,
            "target": self.target,
            "change": self.change,
            "severity": self.severity,
        }
        if self.old is not None:
            out["old"] = self.old
        if self.new is not None:
            out["new"] = self.new
        if self.python:
            out["python"] = list(self.python)
        return out


def compare(old: Spec, new: Spec) -> list[Change]:
    """Every change from `old` to `new`, ordered by operation then as the comparison found them."""
    changes: list[Change] = []
    old_ops = {op.name: op for op in old.operations}
    new_ops = {op.name: op for op in new.operations}
    for name in sorted(old_ops.keys() | new_ops.keys()):
        before, after = old_ops.get(name), new_ops.get(name)
        if after is None:
            changes.append(Change(name, f"operation {name}", "removed", BREAKING))
        elif before is None:
            changes.append(Change(name, f"operation {name}", "added", NON_BREAKING))
        else:
            changes.extend(_compare_operation(before, after))
    changes.extend(
        _compare_errors("(service)", old.service.common_errors, new.service.common_errors)
    )
    return changes


def _compare_operation(old: Operation, new: Operation) -> Iterator[Change]:
    op = new.name
    for attr in ("summary", "description"):
        if getattr(old, attr) != getattr(new, attr):
            yield Change(op, attr, "changed", DOCUMENTATION, getattr(old, attr), getattr(new, attr))
    yield from _compare_parameters(op, old.parameters, new.parameters)
    yield from _compare_fields(op, "", old.response, new.response)
    yield from _compare_errors(op, old.errors, new.errors)
    if old.examples != new.examples:
        yield Change(op, "examples", "changed", DOCUMENTATION)


# -- parameters ------------------------------------------------------------------------------


def _compare_parameters(op: str, old: list[Parameter], new: list[Parameter]) -> Iterator[Change]:
    old_by_name = {p.name: p for p in old}
    new_by_name = {p.name: p for p in new}
    removed = [p for p in old if p.name not in new_by_name]
    added = [p for p in new if p.name not in old_by_name]
    renames = _match_renames(removed, added, old, new)
    for before, after in renames:
        yield Change(op, f"parameter {before.name}", "renamed", BREAKING, before.name, after.name)
        yield from _compare_parameter(op, before, after)
    renamed_old = {b.name for b, _ in renames}
    renamed_new = {a.name for _, a in renames}
    for p in removed:
        if p.name not in renamed_old:
            yield Change(op, f"parameter {p.name}", "removed", BREAKING)
    for p in added:
        if p.name not in renamed_new:
            severity = BREAKING if p.required else NON_BREAKING
            kind = "added (required)" if p.required else "added (optional)"
            yield Change(op, f"parameter {p.name}", kind, severity)
    for p in old:
        if p.name in new_by_name:
            yield from _compare_parameter(op, p, new_by_name[p.name])


def _compare_parameter(op: str, old: Parameter, new: Parameter) -> Iterator[Change]:
    target = f"parameter {new.name}"
    if old.required != new.required:
        if new.required:
            yield Change(op, target, "optional -> required", BREAKING)
        else:
            yield Change(op, target, "required -> optional", NON_BREAKING)
    if old.type != new.type:
        severity = NON_BREAKING if (old.type, new.type) in _WIDENINGS else BREAKING
        yield Change(op, target, "type changed", severity, old.type, new.type)
    yield from _compare_enum(op, target, old.enum, new.enum)
    yield from _compare_bounds(op, target, old, new)
    if old.default != new.default:
        yield Change(op, target, "default changed", NON_BREAKING, old.default, new.default)
    yield from _compare_text(op, target, old, new)


def _compare_text(
    op: str, target: str, old: Parameter | Field, new: Parameter | Field
) -> Iterator[Change]:
    """Description and example changes of a parameter or a response field."""
    for attr in ("description", "example"):
        before, after = getattr(old, attr), getattr(new, attr)
        if before != after:
            yield Change(op, target, f"{attr} changed", DOCUMENTATION, before, after)


def _compare_bounds(op: str, target: str, old: Parameter, new: Parameter) -> Iterator[Change]:
    """A lower bound that rises or an upper bound that falls rejects values that used to pass."""
    for attr, is_lower in _BOUNDS:
        before, after = getattr(old, attr), getattr(new, attr)
        if before == after:
            continue
        tighter = after is not None and (
            before is None or (after > before if is_lower else after < before)
        )
        yield Change(
            op,
            target,
            f"{attr} {'narrowed' if tighter else 'widened'}",
            BREAKING if tighter else NON_BREAKING,
            _text(before),
            _text(after),
        )


_BOUNDS = (("minimum", True), ("maximum", False), ("min_length", True), ("max_length", False))


def _match_renames(
    removed: list[Parameter], added: list[Parameter], old: list[Parameter], new: list[Parameter]
) -> list[tuple[Parameter, Parameter]]:
    """Pair a removed and an added parameter when the evidence says they are one renamed parameter:
    same name but for letter case, or same type at the same position with a similar description."""
    pairs: list[tuple[Parameter, Parameter]] = []
    taken: set[str] = set()
    for before in removed:
        for after in added:
            if after.name in taken:
                continue
            if before.name.lower() == after.name.lower() or (
                before.type == after.type
                and _position(old, before) == _position(new, after)
                and _similar(before.description, after.description)
            ):
                pairs.append((before, after))
                taken.add(after.name)
                break
    return pairs


def _position(params: list[Parameter], param: Parameter) -> int:
    return next(i for i, p in enumerate(params) if p is param)


def _similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= _RENAME_SIMILARITY


# -- response fields ---------------------------------------------------------------------------


def _field_paths(
    prefix: str, fields: list[Field], parent: str = ""
) -> dict[str, tuple[Field, str]]:
    """Flatten a response tree to wire paths (Vpcs.Vpc.Status for a list wrapped as Vpcs -> Vpc[]),
    each with the path of the field that contains it ("" at the top)."""
    out: dict[str, tuple[Field, str]] = {}
    for f in fields:
        path = f"{prefix}{f.name}"
        out[path] = (f, parent)
        child_prefix = f"{path}.{f.item_name}." if f.item_name else f"{path}."
        out.update(_field_paths(child_prefix, f.fields, path))
    return out


def _shape(f: Field) -> str:
    if f.type == "list":
        return f"list of {f.item_type or 'object'}"
    return f.type


def _compare_fields(op: str, prefix: str, old: list[Field], new: list[Field]) -> Iterator[Change]:
    old_paths, new_paths = _field_paths(prefix, old), _field_paths(prefix, new)
    gone, came = old_paths.keys() - new_paths.keys(), new_paths.keys() - old_paths.keys()
    # A removed (added) container is one change: its children go (come) with it.
    for path in sorted(p for p in gone if old_paths[p][1] not in gone):
        yield Change(op, f"response field {path}", "removed", BREAKING)
    for path in sorted(p for p in came if new_paths[p][1] not in came):
        yield Change(op, f"response field {path}", "added", NON_BREAKING)
    for path in sorted(old_paths.keys() & new_paths.keys()):
        before, after = old_paths[path][0], new_paths[path][0]
        target = f"response field {path}"
        if _shape(before) != _shape(after):
            kind = "list <-> scalar" if "list" in (before.type, after.type) else "type changed"
            yield Change(op, target, kind, BREAKING, _shape(before), _shape(after))
        if before.item_name != after.item_name:
            yield Change(
                op, target, "list wrapper changed", BREAKING, before.item_name, after.item_name
            )
        yield from _compare_enum(op, target, before.enum, after.enum)
        yield from _compare_text(op, target, before, after)


# -- enums and errors --------------------------------------------------------------------------


def _compare_enum(op: str, target: str, old: list[str], new: list[str]) -> Iterator[Change]:
    if old and not new:
        yield Change(op, target, "enum constraint removed", NON_BREAKING)
        return
    if new and not old:
        yield Change(op, target, "enum constraint added", BREAKING, None, ", ".join(new))
        return
    for value in sorted(set(old) - set(new)):
        yield Change(op, target, "enum value removed", BREAKING, value, None)
    for value in sorted(set(new) - set(old)):
        yield Change(op, target, "enum value added", NON_BREAKING, None, value)


def _compare_errors(op: str, old: list[ErrorEntry], new: list[ErrorEntry]) -> Iterator[Change]:
    old_by_code = {e.code: e for e in old}
    new_by_code = {e.code: e for e in new}
    for code in sorted(old_by_code.keys() - new_by_code.keys()):
        yield Change(op, f"error {code}", "removed", DOCUMENTATION)
    for code in sorted(new_by_code.keys() - old_by_code.keys()):
        yield Change(op, f"error {code}", "added", NON_BREAKING)
    for code in sorted(old_by_code.keys() & new_by_code.keys()):
        before, after = old_by_code[code], new_by_code[code]
        if before.http_status != after.http_status:
            yield Change(
                op,
                f"error {code}",
                "HTTP status changed",
                NON_BREAKING,
                _text(before.http_status),
                _text(after.http_status),
            )
        if (before.message, before.description) != (after.message, after.description):
            yield Change(op, f"error {code}", "message changed", DOCUMENTATION)


def _text(value: object) -> str | None:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None if value is None else str(value)
