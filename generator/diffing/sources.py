"""Resolve a diff argument to a Spec: a spec directory, a per-document snapshot directory,
a document file (extracted on the fly), or a git revision of spec/ (e.g. HEAD~1)."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import replace
from pathlib import Path

from generator.model import Spec

SPEC_DIR = "spec"


class DiffSourceError(ValueError):
    """The argument names nothing that can be read as a spec (the CLI prints it, exit 1)."""


def load_side(arg: str) -> Spec:
    path = Path(arg)
    if path.is_file():
        return _extract_document(path)
    if path.is_dir():
        return _load_directory(path)
    return _load_git_revision(arg)


def is_one_document(arg: str) -> bool:
    """A document file or a per-document snapshot: it carries no service-wide common errors."""
    path = Path(arg)
    return path.is_file() or (path.is_dir() and not (path / "operations").is_dir())


def operations_only(spec: Spec) -> Spec:
    """`spec` without the service-wide common facts (to compare it with one document)."""
    return replace(
        spec, service=replace(spec.service, common_parameters=[], common_errors=[], documents=[])
    )


def _load_directory(path: Path) -> Spec:
    from generator import spec_io

    if (path / "operations").is_dir():
        return spec_io.load_spec(path)
    if any(path.glob("*.yaml")):
        return spec_io.load_snapshot(path)
    raise DiffSourceError(f"{path}: neither a spec directory nor a per-document snapshot")


def _extract_document(path: Path) -> Spec:
    from generator.pipeline import extract_document

    return extract_document(path)


def _load_git_revision(revision: str) -> Spec:
    """Read spec/ as it was at `revision` (the git work tree's), into a temporary directory."""
    try:
        top = _git("rev-parse", "--show-toplevel").decode().strip()
        archive = _git("-C", top, "archive", "--format=tar", revision, SPEC_DIR)
    except DiffSourceError as exc:
        raise DiffSourceError(
            f"{revision!r}: not a file, directory or git revision ({exc})"
        ) from None
    with tempfile.TemporaryDirectory(prefix="aliyun-vpc-rev-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        return _load_directory(Path(tmp, SPEC_DIR))


def _git(*args: str) -> bytes:
    result = subprocess.run(["git", *args], capture_output=True, timeout=60, check=False)
    if result.returncode != 0:
        raise DiffSourceError(result.stderr.decode(errors="replace").strip())
    return result.stdout
