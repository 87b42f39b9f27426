"""Render a classified change list as Markdown for a pull request, or as JSON for tools."""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby

from generator.diffing.changes import BREAKING, DOCUMENTATION, NON_BREAKING, SEVERITY_ORDER, Change
from generator.diffing.impact import NameChanges

_BUMP = {BREAKING: "major", NON_BREAKING: "minor"}


def suggested_bump(changes: list[Change]) -> str:
    """Semantic version bump: major for any breaking change, minor for additions, else patch."""
    severities = {c.severity for c in changes}
    for severity in (BREAKING, NON_BREAKING):
        if severity in severities:
            return _BUMP[severity]
    return "patch" if changes else "none"


def counts(changes: list[Change]) -> dict[str, int]:
    return {s: sum(1 for c in changes if c.severity == s) for s in SEVERITY_ORDER}


def to_json(changes: list[Change], names: NameChanges | None) -> str:
    doc: dict[str, object] = {
        "changes": [c.as_dict() for c in changes],
        "summary": counts(changes),
        "suggested_bump": suggested_bump(changes),
    }
    if names is not None:
        doc["python"] = {
            "removed": list(names.removed),
            "added": list(names.added),
            "renamed": [list(pair) for pair in names.renamed],
        }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def to_markdown(title: str, changes: list[Change], names: NameChanges | None) -> str:
    tally = counts(changes)
    lines = [
        f"## {title}",
        "",
        (
            f"{tally[BREAKING]} breaking, {tally[NON_BREAKING]} non-breaking, "
            f"{tally[DOCUMENTATION]} documentation-only changes; "
            f"suggested version bump: **{suggested_bump(changes)}**."
        ),
        "",
    ]
    for operation, group in groupby(changes, key=lambda c: c.operation):
        lines.append(f"### {operation}")
        lines.append("")
        ordered = sorted(group, key=lambda c: SEVERITY_ORDER.index(c.severity))
        api = [c for c in ordered if c.severity != DOCUMENTATION]
        lines += [f"- **{c.severity}** — {c.target}: {c.change}{_detail(c)}" for c in api]
        documentation = [c for c in ordered if c.severity == DOCUMENTATION]
        if documentation:
            kinds = Counter(_doc_kind(c) for c in documentation)
            summary = ", ".join(f"{n} × {kind}" if n > 1 else kind for kind, n in kinds.items())
            lines.append(f"- documentation — {summary}")
        lines.append("")
    if names is not None and (names.removed or names.added or names.renamed):
        lines += ["### Python names", ""]
        lines += [f"- renamed shape `{was}` → `{now}`" for was, now in names.renamed]
        lines += [f"- removed `{n}`" for n in names.removed]
        lines += [f"- added `{n}`" for n in names.added]
        lines.append("")
    return "\n".join(lines)


def _doc_kind(c: Change) -> str:
    """What kind of text changed: 'summary', 'parameter description', 'error message'..."""
    first = c.target.split(" ", 1)[0]
    if first in ("summary", "description", "examples"):
        return first
    noun = "response field" if first == "response" else first
    return f"{noun} {c.change.removesuffix(' changed')}"


def _detail(c: Change) -> str:
    if c.old is None and c.new is None:
        return ""
    if c.target.endswith(("description", "summary")) or "description" in c.change:
        return ""  # long prose: the spec diff shows it
    return f" ({_short(c.old)} → {_short(c.new)})"


def _short(value: str | None, limit: int = 60) -> str:
    if value is None:
        return "—"
    value = " ".join(value.split())
    return f"`{value if len(value) <= limit else value[: limit - 1] + '…'}`"
