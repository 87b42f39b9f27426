"""Write the rendered package: only changed files, and remove owned files no longer produced.

The generator owns exactly the files listed in `<out_dir>/GENERATED_FILES`; it never touches any
other file (the handwritten runtime lives in the same package).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.codegen.package import GENERATED_LIST


def owned_files(out_dir: Path) -> list[str]:
    """Paths listed in the existing `GENERATED_FILES` (only safe relative paths)."""
    listing = out_dir / GENERATED_LIST
    if not listing.is_file():
        return []
    owned = []
    for line in listing.read_text(encoding="utf-8").splitlines():
        path = PurePosixPath(line.strip())
        if line.strip() and not path.is_absolute() and ".." not in path.parts:
            owned.append(str(path))
    return owned


def _differs(path: Path, content: bytes) -> bool:
    return not path.is_file() or path.read_bytes() != content


def write_package(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write files whose bytes changed, delete owned leftovers; return the paths touched."""
    changed: list[Path] = []
    for relative in owned_files(out_dir):
        target = out_dir / relative
        if relative not in files and target.is_file():
            target.unlink()
            changed.append(target)
    for relative, content in files.items():
        target = out_dir / relative
        if _differs(target, content):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            changed.append(target)
    return sorted(changed)


def stale_paths(files: dict[str, bytes], out_dir: Path) -> list[str]:
    """Relative paths that are missing, modified, or owned but no longer produced."""
    stale = {
        relative for relative, content in files.items() if _differs(out_dir / relative, content)
    }
    stale.update(
        relative
        for relative in owned_files(out_dir)
        if relative not in files and (out_dir / relative).is_file()
    )
    return sorted(stale)
