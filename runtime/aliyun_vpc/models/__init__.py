"""Request and response models (generated in `aliyun_vpc._generated.models`), imported on first use.

    from aliyun_vpc.models import CreateVpcRequest

Deprecated, kept for one release: the per-operation module paths of earlier versions
(`aliyun_vpc.models.describe_vpcs.Vpc`) still import, as aliases of the generated modules (the same
classes), with a `DeprecationWarning`.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import warnings
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any

from aliyun_vpc._generated import models as _generated

if TYPE_CHECKING:
    from collections.abc import Sequence

    from aliyun_vpc._generated.models import *

__all__ = list(_generated.__all__)


def __getattr__(name: str) -> Any:
    """The generated model named `name`, imported on first use."""
    value = getattr(_generated, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _ModuleAlias(MetaPathFinder, Loader):
    """Imports `aliyun_vpc.models.<module>` as a view of `aliyun_vpc._generated.models.<module>`."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        parent, _, module = fullname.rpartition(".")
        if parent != __name__ or module.startswith("_"):
            return None
        if importlib.util.find_spec(f"{_generated.__name__}.{module}") is None:
            return None
        return ModuleSpec(fullname, self)

    def create_module(self, spec: ModuleSpec) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        short = module.__name__.rpartition(".")[2]
        target = importlib.import_module(f"{_generated.__name__}.{short}")
        warnings.warn(
            f"{module.__name__} is deprecated: import its classes from aliyun_vpc.models",
            DeprecationWarning,
            stacklevel=2,
        )
        names = list(getattr(target, "__all__", ()))
        module.__dict__.update({name: getattr(target, name) for name in names})
        module.__dict__["__all__"] = names
        module.__dict__["__getattr__"] = lambda name: getattr(target, name)


if not any(isinstance(finder, _ModuleAlias) for finder in sys.meta_path):
    sys.meta_path.append(_ModuleAlias())
