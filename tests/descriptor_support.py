"""Every operation's descriptor (`aliyun_vpc._operation.Operation`), as the generated model modules
define them beside the request and response classes they hold."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from aliyun_vpc._operation import Operation

MODELS = "aliyun_vpc._generated.models"


def descriptors(package: str = MODELS) -> dict[str, Operation[Any, Any]]:
    """The descriptors of every generated model module, by wire name (imports them all)."""
    models = importlib.import_module(package)
    # the class as loaded now (tests may load the package afresh from another folder)
    descriptor = importlib.import_module("aliyun_vpc._operation").Operation
    found: dict[str, Operation[Any, Any]] = {}
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"{package}.{info.name}")
        found.update(
            (value.name, value) for value in vars(module).values() if isinstance(value, descriptor)
        )
    return found
