"""A local, content-addressed cache of pure computations (black formatting, YAML parsing).

An entry is keyed by a sha256 of everything its value depends on (the input text plus the tool's
version), so a stale entry cannot be found, only missed. The cache is never committed: it lives in
`<repo>/.cache/generator/` (or `$GENERATOR_CACHE_DIR`; an empty value turns it off), and a fresh
clone without it computes everything, only slower. Entries are written atomically (temporary file
then rename), so concurrent runs and interrupted writes never leave a partial entry.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

CACHE_ENV = "GENERATOR_CACHE_DIR"
DEFAULT_CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "generator"


def cache_dir() -> Path | None:
    """The cache folder, or None when `$GENERATOR_CACHE_DIR` is set to an empty value."""
    configured = os.environ.get(CACHE_ENV)
    if configured is None:
        return DEFAULT_CACHE_DIR
    return Path(configured) if configured else None


class TextCache:
    """Text values in one namespace, keyed by the text they were computed from plus a version."""

    def __init__(self, namespace: str, version: str) -> None:
        root = cache_dir()
        self._folder = root / namespace if root is not None else None
        self._version = version

    def _path(self, source: str) -> Path | None:
        if self._folder is None:
            return None
        digest = hashlib.sha256(f"{self._version}\0{source}".encode()).hexdigest()
        return self._folder / digest[:2] / digest[2:]

    def get(self, source: str) -> str | None:
        """The value stored for `source`, or None."""
        path = self._path(source)
        try:
            return path.read_text(encoding="utf-8") if path is not None else None
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, source: str, value: str) -> None:
        """Store `value` for `source`; a cache that cannot be written is skipped silently."""
        path = self._path(source)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(value)
            os.replace(temporary, path)
        except OSError:
            return
