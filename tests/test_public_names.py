"""`generator diff` reads the public names of the generated tree: each client class lives in its own
generated module, and both are named where users import them (`aliyun_vpc.client`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.codegen import generate
from generator.codegen.package import SDK_DIR
from generator.codegen.traits import behaviour_files_for
from generator.diffing.impact import public_names
from generator.model import Spec, from_dict

FIXTURE = Path(__file__).parent / "fixtures" / "mini_spec.json"
MINI_BEHAVIOUR = behaviour_files_for(FIXTURE.parent / "mini_behaviour")


def _names(out: Path, without_parameter: str | None = None) -> set[str]:
    """The public names of the mini spec's package (without one parameter, if given)."""
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for op in data["operations"]:
        op["parameters"] = [p for p in op["parameters"] if p["name"] != without_parameter]
    spec: Spec = from_dict(Spec, data)
    generate(spec, out, MINI_BEHAVIOUR)
    return public_names(out / SDK_DIR)


def test_both_clients_are_named_by_the_facade_users_import(tmp_path: Path) -> None:
    names = _names(tmp_path)
    for client in ("VpcClient", "AsyncVpcClient"):
        assert f"aliyun_vpc.client.{client}.create_vpc" in names
        assert f"aliyun_vpc.client.{client}.create_vpc(vpc_name=)" in names
    assert not [name for name in names if name.startswith("aliyun_vpc.async_client")]


def test_a_removed_parameter_is_one_change_per_client_method(tmp_path: Path) -> None:
    before = _names(tmp_path / "old")
    after = _names(tmp_path / "new", without_parameter="VpcName")
    removed = before - after
    assert after <= before
    assert {
        "aliyun_vpc.client.VpcClient.create_vpc(vpc_name=)",
        "aliyun_vpc.client.AsyncVpcClient.create_vpc(vpc_name=)",
    } <= removed
    assert all(name.startswith(("aliyun_vpc.client.", "aliyun_vpc.models.")) for name in removed)
