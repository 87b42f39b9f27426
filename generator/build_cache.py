"""Extraction remembered: an unchanged tree is not read and merged again (`check`, `update`).

Reading the documents is a pure function of the input files (everything in the sources folder, the
overrides file and the reviewed files beside it) and of the generator's own code. Its result is
pickled in the local cache (`generator.cache`, never committed) under a sha256 of all of these and
the versions of Python and ruamel.yaml, so changing any of them misses, and a fresh clone simply extracts.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import sys
from collections.abc import Callable, Collection
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar, cast

from generator.cache import ContentCache

GENERATOR_DIR = Path(__file__).resolve().parent
_Result = TypeVar("_Result")


def remembered(
    managed: Collection[str],
) -> Callable[[Callable[[Path, Path], _Result]], Callable[[Path, Path], _Result]]:
    """Cache `build(sources_dir, overrides_file)`; `managed` names the outputs beside the
    overrides file, which are not inputs."""

    def decorate(build: Callable[[Path, Path], _Result]) -> Callable[[Path, Path], _Result]:
        store = ContentCache("extraction", f"{build.__module__}.{build.__qualname__}")

        @functools.wraps(build)
        def cached_build(sources_dir: Path, overrides_file: Path) -> _Result:
            key = inputs_digest(sources_dir, overrides_file, managed)
            found, cached = _unpickled(store.get_bytes(key))
            if found:
                return cast(_Result, cached)
            result = build(sources_dir, overrides_file)
            store.put_bytes(key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            return result

        return cached_build

    return decorate


def _unpickled(entry: bytes | None) -> tuple[bool, object]:
    """(True, value) for a readable entry; (False, None) for none or a damaged one (a miss)."""
    if entry is None:
        return False, None
    try:
        return True, pickle.loads(entry)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return False, None


def inputs_digest(sources_dir: Path, overrides_file: Path, managed: Collection[str]) -> str:
    """A sha256 over the sources, the reviewed spec files, the generator's code and the versions."""
    digest = hashlib.sha256(f"{sys.version} ruamel.yaml {version('ruamel.yaml')}".encode())
    folder = overrides_file.parent
    reviewed = [
        path
        for path in (folder.iterdir() if folder.is_dir() else [])
        if path.is_file() and path.name not in managed
    ]
    files = [
        *sorted(path for path in sources_dir.rglob("*") if path.is_file()),
        *sorted({*reviewed, overrides_file} if overrides_file.is_file() else reviewed),
        *sorted(GENERATOR_DIR.rglob("*.py")),
    ]
    for path in files:
        digest.update(f"\0{path}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
