"""Assemble an importable `aliyun_vpc` in a temporary folder: the handwritten runtime copied from
`runtime/`, with the generator's output for a given spec linked in as `aliyun_vpc._generated`."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.codegen import generate
from generator.codegen.package import SDK_DIR
from generator.codegen.traits import DEFAULT_FILES, BehaviourFiles
from generator.model import Spec

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = ROOT / "runtime" / "aliyun_vpc"
#: Left out of copies: bytecode caches.
BYTECODE = shutil.ignore_patterns("__pycache__")


def assemble_package(
    spec: Spec,
    root: Path,
    *,
    replace: dict[str, str] | None = None,
    reviewed: BehaviourFiles = DEFAULT_FILES,
) -> Path:
    """`root/aliyun_vpc` (returned) for `spec`, generated into `root/generated` with the reviewed
    behaviour files `reviewed`; `replace` maps runtime file names to stand-in sources. Put `root`
    first on the import path to use it."""
    generate(spec, root / "generated", reviewed)
    return link_runtime(root, replace=replace)


def link_runtime(root: Path, *, replace: dict[str, str] | None = None) -> Path:
    """`root/aliyun_vpc` (returned): a copy of the runtime (`replace` maps file names to stand-in
    sources) whose `_generated` is the output already in `root/generated`."""
    package = root / "aliyun_vpc"
    shutil.copytree(RUNTIME, package, ignore=BYTECODE)
    for name, source in (replace or {}).items():
        (package / name).write_text(source, encoding="utf-8")
    (package / "_generated").symlink_to(root / "generated" / SDK_DIR, target_is_directory=True)
    return package
