"""Lazy exports of the generated models package: each name's module is imported on first use."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    namespace: dict[str, Any], module_of: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The `__getattr__` and `__dir__` of the package whose globals are `namespace`: a name listed in
    `module_of` comes from its module (imported then, and kept in `namespace`); a model module's
    own name, as the clients reach it, imports that module."""
    package = namespace["__name__"]
    modules = frozenset(module_of.values())

    def __getattr__(name: str) -> Any:
        module = module_of.get(name)
        if module is None and name in modules:
            return importlib.import_module(f"{package}.{name}")  # the import binds it in namespace
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *namespace.get("__all__", ())})

    return __getattr__, __dir__
