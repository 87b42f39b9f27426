"""The former per-operation model modules (`aliyun_vpc.models.describe_vpcs`), kept for one release.

Models were generated once per operation, nested classes and enums included. They are now grouped
by documentation chapter (in `aliyun_vpc._generated.models`, all importable from
`aliyun_vpc.models`), and identical nested classes and enums are one shared shape
(`aliyun_vpc.models.Tag`). Importing a former module still works: it is made on demand from the
generated table `_former.py`, holds each name it used to define (the class it stands for now, some
renamed since identical shapes were merged), and warns with a `DeprecationWarning`.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

__all__ = ["install"]


class _FormerModules:
    """Finds `<package>.<former module>` and fills it from the table of former names, with the
    classes of the modules in `generated` (the package the table and those modules live in).

    A meta path finder and loader by protocol (`importlib.abc` would add ~10 ms to the import)."""

    def __init__(self, package: str, generated: str) -> None:
        self.package = package
        self.generated = generated

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        parent, _, name = fullname.rpartition(".")
        if parent != self.package or name not in self._table():
            return None
        return ModuleSpec(fullname, cast("Loader", self))

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # the default module

    def exec_module(self, module: ModuleType) -> None:
        names = self._table()[module.__name__.rpartition(".")[2]]
        warnings.warn(
            f"{module.__name__} is deprecated and goes in the next release; import its names "
            f"from {self.package}",
            DeprecationWarning,
            stacklevel=2,
        )
        for old, new in names.items():
            defining, _, name = new.partition(".")
            found = importlib.import_module(f"{self.generated}.{defining}")
            setattr(module, old, getattr(found, name))
        module.__all__ = sorted(names)  # type: ignore[attr-defined]

    def _table(self) -> dict[str, dict[str, str]]:
        table: dict[str, dict[str, str]]
        table = importlib.import_module(f"{self.generated}._former").FORMER_MODULES
        return table


def install(package: str, generated: str) -> None:
    """Serve the former modules as `<package>.<module>` (once per process; after real modules)."""
    if not any(isinstance(f, _FormerModules) and f.package == package for f in sys.meta_path):
        sys.meta_path.append(_FormerModules(package, generated))
