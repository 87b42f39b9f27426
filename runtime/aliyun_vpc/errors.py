"""Documented error codes (`ErrorCode`) and one exception class per code (generated in
`aliyun_vpc._generated.errors`)."""

from __future__ import annotations

from ._generated import errors as _generated
from ._generated.errors import *  # the public names are the generated module's

__all__ = list(_generated.__all__)

for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type) and _value.__module__ == _generated.__name__:
        _value.__module__ = __name__  # shown, and pickled, as aliyun_vpc.errors.X
del _name, _value
