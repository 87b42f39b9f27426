"""`extract`: documents -> parsers -> enrich -> overrides -> snapshots -> merge -> spec/ (atomically).

Every file of the sources folder is recognised as a revision of a family (`generator.documents`);
each revision gets its snapshot, and the newest revision of each family goes into the merge. The
whole output (service, merged operations, per-document snapshots, reports) is validated, built
in a temporary folder inside the target, then swapped in: a failure leaves the previous spec
untouched. `spec/sources/`, `spec/overrides.yaml` and `spec/README.md` are never written.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import provenance, report, snapshot_history, spec_io
from generator.build_cache import remembered
from generator.codegen import shapes_listing
from generator.codegen.shapes import shape_overrides_for
from generator.documents import (
    SOURCES_DIR,
    Document,
    documents_in,
    identify,
    newest_key,
    newest_of_each_family,
    registry_for,
)
from generator.extract.completeness import parse_complete, read_document_text
from generator.extract.raw import RawDocument, RawOperation, Warning
from generator.merge import Conflict, Snapshot, merge
from generator.model import DocumentInfo, Operation, Parameter, Service, Spec, to_dict
from generator.overrides import (
    MERGED,
    Applied,
    Override,
    OverrideError,
    Revision,
    anchor,
    apply_overrides,
    load_overrides,
    unmatched,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC_DIR = REPO_ROOT / "spec"
DEFAULT_SOURCES_DIR = SOURCES_DIR
OVERRIDES_FILE = "overrides.yaml"
DOCUMENTS_DIR = "documents"
REPORTS_DIR = "reports"
# What extract owns inside the output folder; everything else there is left alone.
MANAGED = (
    spec_io.SERVICE_FILE,
    spec_io.OPERATIONS_DIR,
    DOCUMENTS_DIR,
    REPORTS_DIR,
    shapes_listing.SHAPES_FILE,
)
# The documents' common parameters and errors go through enrich as one pseudo-operation.
COMMON = "CommonParameters"


@dataclass
class DocumentReading:
    """One document after parse + enrich: its operations, common facts and warnings."""

    info: DocumentInfo
    operations: list[Operation]
    common: Operation
    warnings: list[Warning]


@dataclass
class Extraction:
    service: Service
    operations: list[Operation]  # merged view
    snapshots: list[Snapshot]  # every revision
    warnings: dict[str, list[Warning]]
    conflicts: list[Conflict]
    overrides: list[Override]
    merged_revisions: list[DocumentInfo]  # the newest revision of each family
    history: list[str] = field(default_factory=list)  # compared with the previous snapshots
    shape_overrides: Path | None = None  # `shape_overrides.yaml` beside the overrides, if any

    def counts(self) -> dict[str, report.Counts]:
        return {
            snap.info.id: report.count(snap.operations, len(self.warnings[snap.info.id]))
            for snap in self.snapshots
        }

    def merged_counts(self) -> report.Counts:
        return report.count(self.operations, sum(len(w) for w in self.warnings.values()))


# ---------------------------------------------------------------------------------------------
# Reading documents


def read_document(doc: Document, sources_dir: Path) -> DocumentReading:
    """Parse and enrich one document."""
    from generator.extract.enrich import enrich

    parser = importlib.import_module(f"generator.extract.{doc.parser}")
    raw = parse_complete(parser, sources_dir / doc.info.file, doc.info)
    operations, warnings = enrich(raw)
    common_ops, common_warnings = enrich(_common_document(raw))
    operations, duplicate_warnings = _first_of_each_name(operations, doc.info.id)
    for op in operations:
        duplicate_warnings += _drop_repeated_rows(op, doc.info.id)
    common = (
        common_ops[0] if common_ops else Operation(name=COMMON, product=doc.info.product, group="")
    )
    all_warnings = _unique_warnings(raw.warnings + warnings + common_warnings + duplicate_warnings)
    return DocumentReading(doc.info, operations, common, all_warnings)


def _common_document(raw: RawDocument) -> RawDocument:
    lines = [p.line for p in raw.common_parameters] + [e.line for e in raw.common_errors]
    common = RawOperation(
        name=COMMON,
        title=COMMON,
        line=min(lines, default=1),
        group="",
        params=raw.common_parameters,
        errors=raw.common_errors,
    )
    return RawDocument(info=raw.info, operations=[common])


def _first_of_each_name(
    operations: list[Operation], doc_id: str
) -> tuple[list[Operation], list[Warning]]:
    """Keep the first section of each operation; a repeated section becomes a warning."""
    kept: dict[str, Operation] = {}
    warnings: list[Warning] = []
    for op in operations:
        if op.name in kept:
            first = kept[op.name].sources[0].line if kept[op.name].sources else 0
            line = (op.sources[0].line or 0) if op.sources else 0
            message = f"{op.name} is documented again (first at line {first}); repeat ignored"
            warnings.append(Warning(doc_id, line, message))
        else:
            kept[op.name] = op
    return list(kept.values()), warnings


def _drop_repeated_rows(op: Operation, doc_id: str) -> list[Warning]:
    """Keep the first of parameters sharing a wire name, and warn (response trees merge repeated
    rows as they are built)."""
    kept: dict[str, Parameter] = {}
    warnings: list[Warning] = []
    for parameter in op.parameters:
        if parameter.name in kept:
            line = (parameter.sources[0].line or 0) if parameter.sources else 0
            message = f"{op.name}: parameter {parameter.name!r} listed twice; the repeat is ignored"
            warnings.append(Warning(doc_id, line, message))
        else:
            kept[parameter.name] = parameter
    op.parameters = list(kept.values())
    return warnings


def _unique_warnings(warnings: list[Warning]) -> list[Warning]:
    seen: set[tuple[str, int, str]] = set()
    out: list[Warning] = []
    for w in sorted(warnings, key=lambda w: (w.line, w.message)):
        if (w.doc, w.line, w.message) not in seen:
            seen.add((w.doc, w.line, w.message))
            out.append(w)
    return out


# ---------------------------------------------------------------------------------------------
# Building the spec


def overrides_path_for(out_dir: Path) -> Path:
    """`<out>/overrides.yaml`, or the repository's own when the output folder has none."""
    own = out_dir / OVERRIDES_FILE
    return own if own.is_file() else DEFAULT_SPEC_DIR / OVERRIDES_FILE


@remembered(MANAGED)  # an unchanged tree is not extracted again (generator/build_cache.py)
def build(sources_dir: Path, overrides_file: Path) -> Extraction:
    """Read every document and produce the snapshots, the merged view and the reports' data."""
    registry = registry_for(overrides_file.parent)
    families = registry.names()
    documents = sorted(
        documents_in(sources_dir, registry),
        key=lambda doc: (families.index(doc.info.family), newest_key(doc)),
    )
    # Read first: a truncated document is reported as such, not as overrides losing evidence.
    readings = [read_document(doc, sources_dir) for doc in documents]
    overrides = load_overrides(overrides_file, families)
    revisions = [
        Revision(doc.info, read_document_text(sources_dir / doc.info.file)) for doc in documents
    ]
    problems = anchor(overrides, revisions)
    if problems:
        raise OverrideError(problems)
    applied = Applied()
    snapshots = [
        Snapshot(r.info, _sorted(apply_overrides(overrides, r.info.id, r.operations, applied)))
        for r in readings
    ]
    newest = newest_of_each_family(documents)
    ranked = {doc.info.id: replace(doc.info, revision=doc.rank_revision) for doc in newest}
    operations, conflicts = merge(
        [Snapshot(ranked[s.info.id], s.operations) for s in snapshots if s.info.id in ranked]
    )
    operations = _sorted(apply_overrides(overrides, MERGED, operations, applied))
    problems = unmatched(overrides, applied)
    if problems:
        raise OverrideError(problems)
    common, common_conflicts = merge(
        [Snapshot(ranked[r.info.id], [r.common]) for r in readings if r.info.id in ranked]
    )
    family_of = {doc.info.id: doc.info.family for doc in documents}
    service = Service(
        common_parameters=(
            provenance.merged_items(common[0].parameters, family_of) if common else []
        ),
        common_errors=provenance.merged_items(common[0].errors, family_of) if common else [],
        documents=[doc.info for doc in documents],
    )
    return Extraction(
        service=service,
        operations=[provenance.merged_operation(op, family_of) for op in operations],
        snapshots=[
            Snapshot(s.info, [provenance.snapshot_operation(op) for op in s.operations])
            for s in snapshots
        ],
        warnings={r.info.id: r.warnings for r in readings},
        conflicts=common_conflicts + conflicts,
        overrides=overrides,
        merged_revisions=[doc.info for doc in newest],
        shape_overrides=shape_overrides_for(overrides_file.parent),
    )


def _sorted(operations: list[Operation]) -> list[Operation]:
    return sorted(operations, key=lambda op: op.name)


def render(extraction: Extraction) -> dict[str, str]:
    """Every file extract writes, as relative path -> text."""
    files = {spec_io.SERVICE_FILE: spec_io.service_yaml(extraction.service)}
    for op in extraction.operations:
        files[f"{spec_io.OPERATIONS_DIR}/{op.name}.yaml"] = spec_io.operation_yaml(op)
    for snap in extraction.snapshots:
        for op in snap.operations:
            files[f"{DOCUMENTS_DIR}/{snap.info.id}/{op.name}.yaml"] = spec_io.operation_yaml(op)
    files[f"{REPORTS_DIR}/warnings.md"] = report.warnings_report(
        extraction.warnings,
        extraction.overrides,
        {snap.info.id: snap.info.family for snap in extraction.snapshots},
    )
    files[shapes_listing.SHAPES_FILE] = shapes_listing.shapes_yaml(
        Spec(extraction.service, extraction.operations), extraction.shape_overrides
    )
    files[f"{REPORTS_DIR}/conflicts.md"] = report.conflicts_report(extraction.conflicts)
    files[f"{REPORTS_DIR}/extraction.md"] = report.extraction_report(
        extraction.counts(), extraction.merged_counts(), extraction.overrides
    )
    return files


def validate(extraction: Extraction) -> None:
    """Check everything about to be written against the spec rules (raises SpecError)."""
    errors = spec_io.validate_data(to_dict(extraction.service), Service, spec_io.SERVICE_FILE)
    for folder, operations in [(spec_io.OPERATIONS_DIR, extraction.operations)] + [
        (f"{DOCUMENTS_DIR}/{snap.info.id}", snap.operations) for snap in extraction.snapshots
    ]:
        for op in operations:
            errors += spec_io.validate_data(to_dict(op), Operation, f"{folder}/{op.name}.yaml")
    if errors:
        raise spec_io.SpecError(errors)


def extract(sources_dir: Path, out_dir: Path) -> Extraction:
    """Run the whole extraction, validate it, and swap the result into `out_dir`."""
    previous = snapshot_history.read_previous(out_dir, DOCUMENTS_DIR)
    extraction = build(sources_dir, overrides_path_for(out_dir))
    validate(extraction)
    write_atomically(out_dir, render(extraction))
    now = {snap.info.id: {op.name for op in snap.operations} for snap in extraction.snapshots}
    extraction.history = snapshot_history.compare(previous, now, extraction.merged_revisions)
    return extraction


def extract_document(path: Path) -> Spec:
    """One document file read on its own (for `diff`): its snapshot as a Spec.

    The file is recognised by its content, whatever its name; the overrides of its family whose
    quotes it contains are applied (`merged` ones are not: they correct the merged view).
    """
    registry = registry_for(DEFAULT_SPEC_DIR)
    text = path.read_text(encoding="utf-8")
    doc = identify(path, registry, text)
    reading = read_document(doc, path.parent)
    overrides_file = DEFAULT_SPEC_DIR / OVERRIDES_FILE
    overrides = load_overrides(overrides_file) if overrides_file.is_file() else []
    anchor(overrides, [Revision(doc.info, text)])  # problems of other families are not ours
    operations = apply_overrides(overrides, reading.info.id, reading.operations, Applied())
    service = Service(common_parameters=reading.common.parameters, documents=[reading.info])
    return Spec(
        service=service,
        operations=_sorted([provenance.snapshot_operation(op) for op in operations]),
    )


# ---------------------------------------------------------------------------------------------
# Atomic output


def write_atomically(out_dir: Path, files: dict[str, str]) -> None:
    """Write `files` into a staging folder inside `out_dir`, then swap the managed entries in."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".extract-", dir=out_dir))
    try:
        spec_io.write_files(staging, files)
        _swap_in(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace each managed entry of `out_dir` by the staged one; roll back on any failure."""
    backup = Path(tempfile.mkdtemp(prefix=".previous-", dir=out_dir))
    installed: list[str] = []
    try:
        for name in MANAGED:
            if (out_dir / name).exists():
                os.replace(out_dir / name, backup / name)
        for name in MANAGED:
            if (staging / name).exists():
                os.replace(staging / name, out_dir / name)
                installed.append(name)
    except BaseException:
        for name in installed:
            _remove(out_dir / name)
        for name in MANAGED:
            if (backup / name).exists():
                os.replace(backup / name, out_dir / name)
        raise
    finally:
        shutil.rmtree(backup, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()
