"""Code generator: the spec -> the `aliyun_vpc` package files (models, clients, errors, tables).

Entry points for the CLI: `generate(spec, out_dir)` writes what changed and returns those paths;
`stale_files(spec, out_dir)` lists what `generate` would change, without writing. Both read the
waiter and read-only rules from `behaviour_file` (the repository's `spec/behaviour.yaml` unless told).
"""

from __future__ import annotations

from pathlib import Path

from generator.codegen.behaviour import BEHAVIOUR_FILE
from generator.codegen.output import stale_paths, write_package
from generator.codegen.package import render_package
from generator.model import Spec

__all__ = ["generate", "stale_files"]


def generate(spec: Spec, out_dir: Path, behaviour_file: Path = BEHAVIOUR_FILE) -> list[Path]:
    """Render the package for `spec` into `out_dir`; return the files written or removed."""
    return write_package(render_package(spec, behaviour_file), out_dir)


def stale_files(spec: Spec, out_dir: Path, behaviour_file: Path = BEHAVIOUR_FILE) -> list[str]:
    """Relative paths under `out_dir` that differ from what `spec` generates."""
    return stale_paths(render_package(spec, behaviour_file), out_dir)
