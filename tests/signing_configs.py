"""The ways a request can be signed, for the tests that run every one of them end to end."""

from __future__ import annotations

import pytest

from aliyun_vpc.config import ClientConfig

SIGNING = pytest.mark.parametrize(
    "config",
    [
        ClientConfig(signature_version="v1"),
        ClientConfig(signature_version="v3"),
        ClientConfig(signature_version="v3", http_method="GET"),
    ],
    ids=["v1-POST", "v3-POST", "v3-GET"],
)
