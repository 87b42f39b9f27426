"""`python -m generator diff OLD NEW`: the API-level change list between two spec revisions."""

from __future__ import annotations

import argparse

from generator.diffing.changes import BREAKING, Change, compare
from generator.diffing.impact import NameChanges, python_name_changes
from generator.diffing.render import suggested_bump, to_json, to_markdown
from generator.diffing.sources import is_one_document, load_side, operations_only

__all__ = [
    "Change",
    "compare",
    "main",
    "python_name_changes",
    "suggested_bump",
    "to_json",
    "to_markdown",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator diff",
        description="List the API changes between two specs, classified as breaking, "
        "non-breaking or documentation-only.",
    )
    parser.add_argument(
        "old",
        help="spec directory, per-document snapshot directory, document file, or git revision",
    )
    parser.add_argument("new", help="same kinds as OLD")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--no-python", action="store_true", help="skip the generated-package name comparison"
    )
    parser.add_argument(
        "--fail-on",
        choices=("breaking", "never"),
        default="breaking",
        help="exit 1 when a breaking change is found (default) or never",
    )
    args = parser.parse_args(argv)
    old, new = load_side(args.old), load_side(args.new)
    if is_one_document(args.old) or is_one_document(args.new):
        old, new = operations_only(old), operations_only(new)
    changes = compare(old, new)
    names: NameChanges | None = None if args.no_python else python_name_changes(old, new)
    if args.json:
        print(to_json(changes, names), end="")
    else:
        print(to_markdown(f"API changes: {args.old} → {args.new}", changes, names))
    breaking = any(c.severity == BREAKING for c in changes)
    return 1 if breaking and args.fail_on == "breaking" else 0
