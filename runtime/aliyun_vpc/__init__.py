"""Typed Python bindings for the Alibaba Cloud VPC API (Vpc 2016-04-28).

Importing the package is cheap: the clients, the models and httpx load on first use.

    from aliyun_vpc import VpcClient
    with VpcClient(region_id="cn-hangzhou") as client:
        ...
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing would double the import time
__version__ = "0.1.0"

__all__ = ["AsyncVpcClient", "VpcClient", "__version__", "errors", "models"]

if TYPE_CHECKING:
    from typing import Any

    from . import errors, models
    from .client import AsyncVpcClient, VpcClient

_LAZY_ATTRIBUTES = {"VpcClient": ".client", "AsyncVpcClient": ".client"}
_LAZY_MODULES = ("errors", "models")


def __getattr__(name: str) -> Any:
    if name in _LAZY_ATTRIBUTES:
        value = getattr(importlib.import_module(_LAZY_ATTRIBUTES[name], __name__), name)
    elif name in _LAZY_MODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
