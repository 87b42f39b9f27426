"""The former per-operation model modules (`aliyun_vpc.models.describe_vpcs`), kept for one release.

Models were generated once per operation, nested classes and enums included. They are now grouped
by the resource an operation acts on (`aliyun_vpc.models.vpc`), and identical nested classes and
enums are one shared shape (`aliyun_vpc.models.common.Tag`). Importing a former module still
works: it is made on demand from the table in `_former.py`, holds each name it used to define (the
class it stands for now, some renamed since identical shapes were merged), and warns with a
`DeprecationWarning` naming the new places.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType

__all__ = ["install"]


class _FormerModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds `<package>.<former module>` and fills it from the table of former names."""

    def __init__(self, package: str) -> None:
        self.package = package

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        parent, _, name = fullname.rpartition(".")
        if parent != self.package or name not in _table():
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def exec_module(self, module: ModuleType) -> None:
        names = _table()[module.__name__.rpartition(".")[2]]
        modules = sorted({new.partition(".")[0] for new in names.values()})
        warnings.warn(
            f"{module.__name__} is deprecated and goes in the next release; import its names "
            f"from {self.package} (defined in {', '.join(modules)})",
            DeprecationWarning,
            stacklevel=2,
        )
        for old, new in names.items():
            defining, _, name = new.partition(".")
            setattr(
                module, old, getattr(importlib.import_module(f"{self.package}.{defining}"), name)
            )
        module.__all__ = sorted(names)  # type: ignore[attr-defined]


def _table() -> dict[str, dict[str, str]]:
    from ._former import FORMER_MODULES

    return FORMER_MODULES


def install(package: str) -> None:
    """Serve the former modules of `package` (once per process; after the real modules)."""
    if not any(isinstance(f, _FormerModules) and f.package == package for f in sys.meta_path):
        sys.meta_path.append(_FormerModules(package))
