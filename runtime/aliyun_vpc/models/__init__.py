"""Request and response models (generated in `aliyun_vpc._generated.models`), imported on first use.

    from aliyun_vpc.models import CreateVpcRequest

Deprecated, kept for one release: the per-operation module paths of earlier versions
(`aliyun_vpc.models.describe_vpcs.Vpc`) still import, with a `DeprecationWarning`, holding the names
they defined (`aliyun_vpc.models._compat`); nested classes and enums are now shared shapes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aliyun_vpc._generated import models as _generated
from aliyun_vpc.models import _compat

if TYPE_CHECKING:
    from aliyun_vpc._generated.models import *

__all__ = list(_generated.__all__)


def __getattr__(name: str) -> Any:
    """The generated model named `name`, imported on first use."""
    value = getattr(_generated, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


_compat.install(__name__, _generated.__name__)
