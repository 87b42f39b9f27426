"""Code generator: the spec -> the `aliyun_vpc` package files (models, clients, errors, tables).

Entry points for the CLI: `generate(spec, out_dir)` writes what changed and returns those paths;
`stale_files(spec, out_dir)` lists what `generate` would change, without writing. Both read the
service traits, paginators and waiters from `files` (the repository's `spec/behaviour.yaml`,
`spec/paginators.yaml` and `spec/waiters.yaml` unless told).
"""

from __future__ import annotations

from pathlib import Path

from generator.codegen.output import stale_paths, write_package
from generator.codegen.package import render_package
from generator.codegen.traits import DEFAULT_FILES, BehaviourFiles
from generator.model import Spec

__all__ = ["generate", "stale_files"]


def generate(
    spec: Spec, out_dir: Path, files: BehaviourFiles = DEFAULT_FILES, *, fragment: bool = False
) -> list[Path]:
    """Render the package for `spec` into `out_dir`; return the files written or removed (a
    `fragment` of the service: see `render_package`)."""
    return write_package(render_package(spec, files, fragment=fragment), out_dir)


def stale_files(spec: Spec, out_dir: Path, files: BehaviourFiles = DEFAULT_FILES) -> list[str]:
    """Relative paths under `out_dir` that differ from what `spec` generates."""
    return stale_paths(render_package(spec, files), out_dir)
