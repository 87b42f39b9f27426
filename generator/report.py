"""The Markdown reports written beside the spec: warnings, conflicts and the extraction summary."""

from __future__ import annotations

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
        "| document | operation | target | change | reason |",
        "|---|---|---|---|---|",
    ]
    for o in overrides:
        target = f"{o.target_kind} `{o.target}`" if o.target else "operation"
        change = ", ".join(f"{key}: {_cell(value)}" for key, value in o.changes.items())
        lines.append(
            f"| {o.document} | {o.operation} | {target} | {_cell(change)} | {_cell(o.reason)} |"
        )
    return "\n".join(lines) + "\n"


def warnings_report(warnings: dict[str, list[Warning]]) -> str:
    lines = ["# Extraction warnings", "", "Written by `python -m generator extract`.", ""]
    for doc, items in warnings.items():
        lines += [f"## {doc} ({len(items)})", "", "| line | message |", "|---:|---|"]
        lines += [f"| {w.line} | {_cell(w.message)} |" for w in items]
        lines.append("")
    return "\n".join(lines)


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
