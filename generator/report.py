"""The Markdown reports written beside the spec: warnings, conflicts and the extraction summary."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.raw import Warning
from generator.merge import Conflict
from generator.model import Field, Operation
from generator.overrides import Override

COLUMNS = ("operations", "parameters", "response fields", "error rows", "warnings")


@dataclass(frozen=True)
class Counts:
    operations: int
    parameters: int
    response_fields: int
    error_rows: int
    warnings: int

    def cells(self) -> tuple[int, ...]:
        return (
            self.operations,
            self.parameters,
            self.response_fields,
            self.error_rows,
            self.warnings,
        )


def count(operations: list[Operation], warnings: int) -> Counts:
    return Counts(
        operations=len(operations),
        parameters=sum(len(op.parameters) for op in operations),
        response_fields=sum(_count_fields(op.response) for op in operations),
        error_rows=sum(len(op.errors) for op in operations),
        warnings=warnings,
    )


def _count_fields(fields: list[Field]) -> int:
    return sum(1 + _count_fields(f.fields) for f in fields)


def total(rows: list[Counts]) -> Counts:
    return Counts(*(sum(column) for column in zip(*(row.cells() for row in rows), strict=True)))


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def summary_table(rows: dict[str, Counts], merged: Counts) -> str:
    """A Markdown table: one row per document, their totals, then the merged view."""
    lines = [
        "| document | " + " | ".join(COLUMNS) + " |",
        "|---|" + "---:|" * len(COLUMNS),
    ]
    all_rows = [*rows.items(), ("**total**", total(list(rows.values()))), ("merged", merged)]
    for name, counts in all_rows:
        lines.append(f"| {name} | " + " | ".join(str(c) for c in counts.cells()) + " |")
    return "\n".join(lines) + "\n"


def extraction_report(rows: dict[str, Counts], merged: Counts, overrides: list[Override]) -> str:
    lines = [
        "# Extraction summary",
        "",
        "Written by `python -m generator extract`; do not edit by hand.",
        "",
        summary_table(rows, merged),
        "## Overrides applied",
        "",
        "| family | operation | target | change | revisions | reason |",
        "|---|---|---|---|---|---|",
    ]
    for o in overrides:
        change = ", ".join(f"{key}: {_cell(value)}" for key, value in o.changes.items())
        revisions = ", ".join(sorted(o.applies_to))
        lines.append(
            f"| {o.family} | {o.operation} | {_target(o)} | {_cell(change)} | {revisions} "
            f"| {_cell(o.reason)} |"
        )
    lines += ["", *overrides_retired(overrides)]
    return "\n".join(lines) + "\n"


def _target(o: Override) -> str:
    return f"{o.target_kind} `{o.target}`" if o.target else "operation"


def overrides_retired(overrides: list[Override]) -> list[str]:
    """The entries some revision no longer needs: its text lacks the quoted defect."""
    retired = [o for o in overrides if o.retired]
    lines = [f"## Overrides retired ({len(retired)})", ""]
    if not retired:
        return lines + ["None: every revision of each family still has each quoted defect."]
    lines += [
        "A retired entry still applies to the revisions that quote it; a revision listed here no",
        "longer contains the quoted text (the vendor fixed or reworded it).",
        "",
        "| family | operation | target | retired for | still applies to |",
        "|---|---|---|---|---|",
    ]
    for o in retired:
        lines.append(
            f"| {o.family} | {o.operation} | {_target(o)} | {', '.join(o.retired)} "
            f"| {', '.join(sorted(o.applies_to))} |"
        )
    return lines


@dataclass(frozen=True)
class WarningKind:
    """A kind of warning, recognised by its message; `subject` (a regex group) names what each
    message is about, so the messages of one kind at one document line read as one entry."""

    title: str
    pattern: re.Pattern[str]


def _kind(title: str, pattern: str) -> WarningKind:
    return WarningKind(title, re.compile(pattern))


WARNING_KINDS = (
    _kind(
        "Response keys only the example shows (added from the example)",
        r"response example key '(?P<subject>[^']+)'(?: under '[^']+')? is absent from the response",
    ),
    _kind(
        "Response keys only one of two examples shows (not added)",
        r"response example key '(?P<subject>[^']+)' is in neither",
    ),
    _kind(
        "Example of another operation",
        r"another operation's example|XML example's root is|response examples are",
    ),
    _kind("Example labelled as the wrong format", r"example labelled"),
    _kind("Stray text around an example", r"stray"),
    _kind("Response row spelt differently in the example", r"is spelt '[^']+' in the example"),
    _kind(
        "Action or title names another operation",
        r"Action (?:row|value)|differs from the (?:heading|section title|wire name)",
    ),
    _kind("List wrapper name not shown", r"item wrapper name unknown"),
    _kind("Named type not defined", r"named type '[^']+' is not defined|is not defined$"),
    _kind("Overview names no section", r"overview names"),
    _kind(
        "Malformed cells (names, codes, headings)",
        r"not an identifier|unexpected shape|continuation|table headed|container row|name cell"
        r"|without a name|unknown type",
    ),
    _kind("Row or section listed twice", r"repeats|listed twice|documented again"),
)
OTHER = WarningKind("Other", re.compile(""))


def kind_of(warning: Warning) -> WarningKind:
    return next((k for k in WARNING_KINDS if k.pattern.search(warning.message)), OTHER)


def warnings_report(
    warnings: dict[str, list[Warning]],
    overrides: list[Override],
    families: dict[str, str] | None = None,
) -> str:
    """The warnings by kind: one entry per document line and kind, the repeated messages of a kind
    joined; an entry at a line an override cites as evidence says so."""
    family_of = families or {}
    cited = {(e.doc, e.line) for o in overrides for e in o.evidence}
    entries: dict[WarningKind, dict[tuple[str, int], list[str]]] = {}
    for doc, items in warnings.items():
        for w in items:
            kind = kind_of(w)
            match = kind.pattern.search(w.message)
            subject = (
                match.group("subject") if match and "subject" in kind.pattern.groupindex else None
            )
            texts = entries.setdefault(kind, {}).setdefault((doc, w.line), [])
            text = subject or w.message
            if text not in texts:
                texts.append(text)
    total = sum(len(items) for items in warnings.values())
    kinds = [k for k in (*WARNING_KINDS, OTHER) if k in entries]
    lines = [
        "# Extraction warnings",
        "",
        "Written by `python -m generator extract`. Each entry is one document line; the messages of",
        "one kind at one line are joined. '(override)': an entry of `overrides.yaml` cites that line.",
        "",
        f"{total} warnings in {sum(len(entries[k]) for k in kinds)} entries.",
        "",
        "| kind | entries | messages |",
        "|---|---:|---:|",
    ]
    for k in kinds:
        count = sum(len(texts) for texts in entries[k].values())
        lines.append(f"| {k.title} | {len(entries[k])} | {count} |")
    for k in kinds:
        lines += ["", f"## {k.title} ({len(entries[k])})", "", "| document | line | message |"]
        lines.append("|---|---:|---|")
        for (doc, line), texts in entries[k].items():
            mark = " (override)" if (family_of.get(doc, doc), line) in cited else ""
            lines.append(f"| {doc} | {line} | {_cell(', '.join(texts))}{mark} |")
    return "\n".join(lines) + "\n"


def conflicts_report(conflicts: list[Conflict]) -> str:
    lines = [
        "# Conflicts between documents",
        "",
        "Every disagreement the merge resolved (see spec/README.md, 'Merge rule'). A statement is",
        "`document:line = value`; line 0 means the document does not state it.",
        "",
        f"{len(conflicts)} conflicts.",
        "",
    ]
    operation = None
    for c in conflicts:
        if c.operation != operation:
            operation = c.operation
            lines += ["", f"## {operation}", "", "| subject | aspect | statements | resolution |"]
            lines.append("|---|---|---|---|")
        statements = "<br>".join(_cell(f"{s.doc}:{s.line} = {s.value}") for s in c.statements)
        lines.append(f"| {_cell(c.subject)} | {c.aspect} | {statements} | {_cell(c.resolution)} |")
    return "\n".join(lines) + "\n"
