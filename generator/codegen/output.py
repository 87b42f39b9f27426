"""Write the rendered output: the generator owns everything under its output folder.

Every file under `out_dir` is either produced by the generator or removed by it (bytecode caches
aside), so deleting the folder and generating again gives the same bytes. A produced path must stay
inside `out_dir`: an absolute path, a `..` part or a symlink leading out is refused before anything
is written.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

#: Left alone under the output folder: Python's bytecode caches.
_CACHE_DIR = "__pycache__"

#: The file marking a folder as the generator's output; a folder holding files but not this one
#: is never written to (its files would be deleted as leftovers).
MARKER = "README.md"


class OutputPathError(ValueError):
    """A produced path would land outside the generator's output folder."""


def _target(out_dir: Path, relative: str) -> Path:
    """`out_dir / relative`, refused unless it stays inside `out_dir` (symlinks resolved)."""
    parts = PurePosixPath(relative)
    if parts.is_absolute() or ".." in parts.parts or not parts.parts:
        raise OutputPathError(f"refusing to write {relative!r}: not a path inside {out_dir}")
    target = out_dir / relative
    if not target.resolve().is_relative_to(out_dir.resolve()):
        raise OutputPathError(f"refusing to write {relative!r}: it leads outside {out_dir}")
    return target


def existing_files(out_dir: Path) -> list[str]:
    """Relative paths of the files now under `out_dir` (bytecode caches left out)."""
    if not out_dir.is_dir():
        return []
    return sorted(
        path.relative_to(out_dir).as_posix()
        for path in out_dir.rglob("*")
        if (path.is_file() or path.is_symlink()) and _CACHE_DIR not in path.parts
    )


def _differs(path: Path, content: bytes) -> bool:
    return path.is_symlink() or not path.is_file() or path.read_bytes() != content


def _remove_empty_dirs(out_dir: Path) -> None:
    for folder in sorted(out_dir.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()


def _check_owned(out_dir: Path) -> None:
    """Refuse a folder that holds files but is not the generator's output (no marker)."""
    if existing_files(out_dir) and not (out_dir / MARKER).is_file():
        raise OutputPathError(
            f"refusing to write into {out_dir}: it holds files but no {MARKER} marking it as the "
            "generator's output (every file the generator does not produce there would be deleted)"
        )


def write_package(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write files whose bytes changed, delete every other file; return the paths touched."""
    if MARKER not in files:
        raise OutputPathError(f"the rendered output lacks its {MARKER} marker")
    _check_owned(out_dir)
    targets = {relative: _target(out_dir, relative) for relative in files}
    changed: list[Path] = []
    for relative in existing_files(out_dir):
        if relative not in files:
            leftover = out_dir / relative
            leftover.unlink()
            changed.append(leftover)
    for relative, content in files.items():
        target = targets[relative]
        if _differs(target, content):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            target.write_bytes(content)
            changed.append(target)
    _remove_empty_dirs(out_dir)
    return sorted(changed)


def stale_paths(files: dict[str, bytes], out_dir: Path) -> list[str]:
    """Relative paths that are missing, modified, or present but no longer produced."""
    for relative in files:
        _target(out_dir, relative)
    stale = {
        relative for relative, content in files.items() if _differs(out_dir / relative, content)
    }
    stale.update(relative for relative in existing_files(out_dir) if relative not in files)
    return sorted(stale)
