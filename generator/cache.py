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


class ContentCache:
    """Values in one namespace, keyed by the input they were computed from plus a version."""

    def __init__(self, namespace: str, version: str) -> None:
        self._namespace = namespace
        self._version = version

    def _path(self, source: str | bytes) -> Path | None:
        root = cache_dir()  # read on every use: `$GENERATOR_CACHE_DIR` may change (tests)
        if root is None:
            return None
        digest = hashlib.sha256(self._version.encode() + b"\0")
        digest.update(source.encode() if isinstance(source, str) else source)
        hexdigest = digest.hexdigest()
        return root / self._namespace / hexdigest[:2] / hexdigest[2:]

    def get_bytes(self, source: str | bytes) -> bytes | None:
        """The value stored for `source`, or None."""
        path = self._path(source)
        try:
            return path.read_bytes() if path is not None else None
        except OSError:
            return None

    def put_bytes(self, source: str | bytes, value: bytes) -> None:
        """Store `value` for `source`; a cache that cannot be written is skipped silently."""
        path = self._path(source)
        if path is None:
            return
        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(value)
            os.replace(temporary, path)
        except OSError:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)


class TextCache(ContentCache):
    """Text values (UTF-8) keyed by the text they were computed from."""

    def get(self, source: str) -> str | None:
        value = self.get_bytes(source)
        try:
            return value.decode("utf-8") if value is not None else None
        except UnicodeDecodeError:
            return None

    def put(self, source: str, value: str) -> None:
        self.put_bytes(source, value.encode("utf-8"))
