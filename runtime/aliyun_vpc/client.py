"""`VpcClient` and `AsyncVpcClient`, one method per operation (generated in `aliyun_vpc._generated`).

Each is imported on first use from its own generated module, so a program using one of them never
loads (or, without byte code, compiles) the other.
"""

from __future__ import annotations

import importlib

# False at run time (`typing` is not imported for it); `bool()` rather than the literal so that
# IDEs that evaluate the constant (jedi) still read the imports below, as type checkers do.
TYPE_CHECKING = bool()  # noqa: UP018 (see above)

if TYPE_CHECKING:
    from typing import Any

    from ._generated.async_client import AsyncVpcClient
    from ._generated.client import VpcClient

__all__ = ["AsyncVpcClient", "VpcClient"]

_MODULES = {"VpcClient": "._generated.client", "AsyncVpcClient": "._generated.async_client"}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULES[name], __package__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
