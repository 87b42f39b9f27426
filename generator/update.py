"""`python -m generator update`: the maintainer's main job.

Re-extract the spec from the documents, regenerate the package, and record what changed at the API
level: printed, and appended to CHANGELOG.md when there is a change. It says which revision of each
family it took in and how the overrides fared; line numbers, file names and revision ids are
provenance, not changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from generator import spec_io
from generator.diffing import compare, to_markdown
from generator.model import DocumentInfo, Service, Spec
from generator.overrides import MERGED, OverrideError

if TYPE_CHECKING:
    from generator.pipeline import Extraction

CHANGELOG_HEADER = "# Changelog\n\nAPI changes recorded by `python -m generator update`.\n"


def update(sources_dir: Path, spec_dir: Path, package_dir: Path, changelog: Path) -> int:
    """Run the whole pipeline; returns the number of API changes recorded."""
    from generator.codegen import generate
    from generator.codegen.traits import behaviour_files_for
    from generator.pipeline import extract
    from generator.report import summary_table

    old = _previous_spec(spec_dir)
    try:
        extraction = extract(sources_dir, spec_dir)
    except OverrideError as exc:
        print(f"overrides: {len(exc.errors)} failed (nothing written)")
        raise
    print(summary_table(extraction.counts(), extraction.merged_counts()))
    for line in [*revisions_taken_in(old.service.documents, extraction), *extraction.history]:
        print(line)
    print(overrides_summary(extraction))
    new = spec_io.load_spec(spec_dir)
    changed = generate(new, package_dir, behaviour_files_for(spec_dir))
    print(f"generated {package_dir}: {len(changed)} files changed")
    for path in changed:
        print(f"  {path}")
    changes = compare(old, new)
    if not changes:
        print("No API changes since the previous spec.")
        return 0
    entry = to_markdown(
        f"{dt.date.today().isoformat()}: regenerated from the documents", changes, None
    )
    print(entry)
    _append(changelog, entry)
    print(f"appended to {changelog}")
    return len(changes)


def revisions_taken_in(previous: list[DocumentInfo], extraction: Extraction) -> list[str]:
    """One line per revision new to the spec, and which revision each family's facts follow."""
    known = {doc.id for doc in previous}
    lines = [
        f"took in {snap.info.family} revision {snap.info.id} ({snap.info.file}, "
        f"revision {snap.info.revision})"
        for snap in extraction.snapshots
        if snap.info.id not in known
    ]
    gone = sorted(known - {snap.info.id for snap in extraction.snapshots})
    lines += [f"revision {doc_id} is no longer in the sources" for doc_id in gone]
    lines += [
        f"{info.family}: the merged spec follows {info.id}" for info in extraction.merged_revisions
    ]
    return lines


def overrides_summary(extraction: Extraction) -> str:
    overrides = [o for o in extraction.overrides if o.family != MERGED]
    applied = sum(1 for o in overrides if o.applies_to)
    retired = [f"{o.describe()} ({', '.join(o.retired)})" for o in overrides if o.retired]
    text = f"overrides: {applied} applied, {len(retired)} retired, 0 failed"
    return "\n  retired: ".join([text, *retired])


def _previous_spec(spec_dir: Path) -> Spec:
    """The committed spec before this run; an empty one on the very first run."""
    if (spec_dir / "operations").is_dir():
        return spec_io.load_spec(spec_dir)
    return Spec(service=Service())


def _append(changelog: Path, entry: str) -> None:
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else CHANGELOG_HEADER
    changelog.write_text(f"{text.rstrip()}\n\n{entry.rstrip()}\n", encoding="utf-8")
