"""`python -m generator {extract,generate,check,propose,spec,diff,update}`.

Code generation, diffing and `update` are imported only when their subcommands run.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generator import pipeline, spec_io
from generator.documents import file_sha256
from generator.model import Spec
from generator.overrides import OverrideError
from generator.pipeline import DEFAULT_SOURCES_DIR, DEFAULT_SPEC_DIR, REPO_ROOT
from generator.report import summary_table

DEFAULT_PACKAGE_DIR = REPO_ROOT / "generated"
# Failures reported as messages (exit 1) rather than tracebacks.
KNOWN_FAILURES = (OverrideError, OSError, ValueError, ModuleNotFoundError)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except spec_io.SpecError as exc:
        return _fail("invalid spec:", exc.errors)
    except KNOWN_FAILURES as exc:
        return _fail("error:", str(exc).splitlines())


def _fail(title: str, lines: list[str]) -> int:
    print(title, file=sys.stderr)
    for line in lines:
        print(f"  {line}", file=sys.stderr)
    return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Extract the VPC API spec from its documents and generate the bindings.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="documents -> spec/ (YAML), atomically")
    extract.add_argument("--sources", type=Path, default=DEFAULT_SOURCES_DIR)
    extract.add_argument("--out", type=Path, default=DEFAULT_SPEC_DIR)
    extract.set_defaults(command=_extract)

    for name, handler, help_text in (
        ("generate", _generate, "spec/ -> generated/ (prints changed files)"),
        ("check", _check, "exit 1 when generated files or the spec are stale"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--spec", type=Path, default=DEFAULT_SPEC_DIR)
        sub.add_argument("--out", type=Path, default=DEFAULT_PACKAGE_DIR)
        sub.set_defaults(command=handler)

    propose = commands.add_parser(
        "propose", help="paginator and waiter entries the rules suggest, against the reviewed files"
    )
    propose.add_argument("--spec", type=Path, default=DEFAULT_SPEC_DIR)
    propose.set_defaults(command=_propose)

    show = commands.add_parser("spec", help="print the merged spec")
    show.add_argument("--spec", type=Path, default=DEFAULT_SPEC_DIR)
    show.add_argument("--json", action="store_true", help="the full spec as JSON")
    show.set_defaults(command=_show_spec)

    diff = commands.add_parser(
        "diff", help="API changes between two spec revisions", add_help=False
    )
    diff.add_argument("arguments", nargs=argparse.REMAINDER)
    diff.set_defaults(command=_diff)

    update = commands.add_parser(
        "update", help="extract + generate, then print and record the API changes"
    )
    update.add_argument("--sources", type=Path, default=DEFAULT_SOURCES_DIR)
    update.add_argument("--spec", type=Path, default=DEFAULT_SPEC_DIR)
    update.add_argument("--out", type=Path, default=DEFAULT_PACKAGE_DIR)
    update.add_argument("--changelog", type=Path, default=REPO_ROOT / "CHANGELOG.md")
    update.set_defaults(command=_update)
    return parser


def _extract(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    extraction = pipeline.extract(args.sources, args.out)
    elapsed = time.perf_counter() - started
    print(summary_table(extraction.counts(), extraction.merged_counts()), end="")
    print(
        f"\n{len(extraction.conflicts)} conflicts, {len(extraction.overrides)} overrides; ", end=""
    )
    print(f"wrote {args.out} in {elapsed:.1f}s")
    for line in extraction.history:
        print(line)
    return 0


def _generate(args: argparse.Namespace) -> int:
    from generator.codegen import generate
    from generator.codegen.traits import behaviour_files_for

    spec = spec_io.load_spec(args.spec)
    for path in generate(spec, args.out, behaviour_files_for(args.spec)):
        print(path)
    return 0


def _propose(args: argparse.Namespace) -> int:
    from generator.codegen.proposer import proposal_report
    from generator.codegen.traits import behaviour_files_for

    spec = spec_io.load_spec(args.spec)
    print(proposal_report(spec, behaviour_files_for(args.spec)), end="")
    return 0


def _check(args: argparse.Namespace) -> int:
    from generator.codegen import stale_files
    from generator.codegen.traits import behaviour_files_for

    spec = spec_io.load_spec(args.spec)
    sources = args.spec / "sources"
    stale = _changed_documents(spec, sources) or _stale_spec_files(sources, args.spec)
    stale += stale_files(spec, args.out, behaviour_files_for(args.spec))
    for name in stale:
        print(f"stale: {name}", file=sys.stderr)
    if stale:
        print("run `python -m generator extract` / `generate`", file=sys.stderr)
    return 1 if stale else 0


def _changed_documents(spec: Spec, sources_dir: Path) -> list[str]:
    """Documents whose file no longer matches the sha256 the spec was extracted from."""
    if not sources_dir.is_dir():
        return []
    return [
        f"{sources_dir / doc.file} (spec extracted from sha256 {doc.sha256[:12]})"
        for doc in spec.service.documents
        if not (sources_dir / doc.file).is_file()
        or file_sha256(sources_dir / doc.file) != doc.sha256
    ]


def _stale_spec_files(sources_dir: Path, spec_dir: Path) -> list[str]:
    """Spec files that differ from what extracting the documents now would write."""
    if not sources_dir.is_dir():
        return []
    expected = pipeline.render(pipeline.build(sources_dir, pipeline.overrides_path_for(spec_dir)))
    on_disk = {
        path.relative_to(spec_dir).as_posix()
        for name in pipeline.MANAGED
        for path in (
            [spec_dir / name] if (spec_dir / name).is_file() else (spec_dir / name).rglob("*")
        )
        if path.is_file()
    }
    return sorted(
        str(spec_dir / name)
        for name in on_disk | expected.keys()
        if name not in expected
        or not (spec_dir / name).is_file()
        or (spec_dir / name).read_text(encoding="utf-8") != expected[name]
    )


def _show_spec(args: argparse.Namespace) -> int:
    spec = spec_io.load_spec(args.spec)
    if args.json:
        sys.stdout.write(spec_io.spec_to_json(spec))
        return 0
    for op in spec.operations:
        print(f"{op.name:55} {op.product:16} {len(op.parameters):3} parameters")
    print(f"{len(spec.operations)} operations")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from generator.diffing import main as diff_main

    return diff_main(args.arguments)


def _update(args: argparse.Namespace) -> int:
    from generator.update import update

    update(args.sources, args.spec, args.out, args.changelog)
    return 0
