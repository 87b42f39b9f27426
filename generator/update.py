"""`python -m generator update`: the maintainer's main job.

Re-extract the spec from the documents, regenerate the package, and record what changed at the API
level: printed, and appended to CHANGELOG.md when there is a change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator import spec_io
from generator.diffing import compare, to_markdown
from generator.model import Service, Spec

CHANGELOG_HEADER = "# Changelog\n\nAPI changes recorded by `python -m generator update`.\n"


def update(sources_dir: Path, spec_dir: Path, package_dir: Path, changelog: Path) -> int:
    """Run the whole pipeline; returns the number of API changes recorded."""
    from generator.codegen import generate
    from generator.codegen.behaviour import behaviour_file_for
    from generator.pipeline import extract
    from generator.report import summary_table

    old = _previous_spec(spec_dir)
    extraction = extract(sources_dir, spec_dir)
    print(summary_table(extraction.counts(), extraction.merged_counts()))
    new = spec_io.load_spec(spec_dir)
    changed = generate(new, package_dir, behaviour_file_for(spec_dir))
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


def _previous_spec(spec_dir: Path) -> Spec:
    """The committed spec before this run; an empty one on the very first run."""
    if (spec_dir / "operations").is_dir():
        return spec_io.load_spec(spec_dir)
    return Spec(service=Service())


def _append(changelog: Path, entry: str) -> None:
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else CHANGELOG_HEADER
    changelog.write_text(f"{text.rstrip()}\n\n{entry.rstrip()}\n", encoding="utf-8")
