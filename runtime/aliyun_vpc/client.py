"""`VpcClient` and `AsyncVpcClient`, one method per operation (generated in `aliyun_vpc._generated`)."""

from __future__ import annotations

from ._generated.client import AsyncVpcClient, VpcClient

__all__ = ["AsyncVpcClient", "VpcClient"]
