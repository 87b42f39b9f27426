"""`python -m aliyun_vpc_simulator.demo`: the README's walkthrough against its own simulator."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest

from aliyun_vpc.client import VpcClient
from aliyun_vpc_simulator import demo

TIMEOUT_SECONDS = 60


def test_demo_runs_every_step_and_says_what_happened() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "aliyun_vpc_simulator.demo"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    assert re.search(r"^Simulator listening on http://127\.0\.0\.1:\d+", out, re.MULTILINE)
    assert re.search(
        r"^Credentials: acs:ram::\d+:role/\S+ assumed through STS AssumeRole$", out, re.MULTILINE
    )
    assert re.search(r"temporary key STS\.[0-9a-f]+, refreshed before it expires", out)
    vpc_ids = re.findall(r"vpc-[a-z0-9]{22}", out.split("2. Create a VSwitch")[0])
    assert len(set(vpc_ids)) == 3
    assert "status: Available" in out
    vswitch = re.search(r"created (vsw-[a-z0-9]{22}) in cn-hangzhou-b, status: Available", out)
    assert vswitch is not None
    listing = out.split("3. List the VPCs")[1].split("4. Errors")[0]
    pages = re.findall(r"page (\d) \(TotalCount=3\)", listing)
    assert pages == ["1", "2"]
    assert sorted(re.findall(r"^\s+(vpc-[a-z0-9]{22})\s", listing, re.MULTILINE)) == sorted(
        set(vpc_ids)
    )
    errors_part = out.split("4. Errors")[1].split("5. Clean up")[0]
    assert "aliyun_vpc.errors.InvalidVpcIdNotFound" in errors_part
    assert "code=InvalidVpcId.NotFound http_status=404" in errors_part
    assert "code=DependencyViolation.VSwitch http_status=400" in errors_part
    assert len(re.findall(r"request_id=[0-9A-F-]{36}$", errors_part, re.MULTILINE)) == 2
    cleanup = out.split("5. Clean up")[1]
    deleted = re.findall(r"deleted ((?:vpc|vsw)-[a-z0-9]{22})", cleanup)
    assert deleted == [vswitch.group(1), *dict.fromkeys(vpc_ids)]
    assert "VPCs left: 0" in cleanup
    assert out.rstrip().endswith("Done: every step behaved as described.")
    assert len(out.splitlines()) < 60


def test_demo_exits_non_zero_when_a_step_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def keep_vswitch(self: VpcClient, **kwargs: Any) -> None:
        """The VSwitch stays, so deleting its VPC fails in the clean-up step."""

    monkeypatch.setattr(VpcClient, "delete_v_switch", keep_vswitch)
    assert demo.main() == 1
    out = capsys.readouterr().out
    assert "FAILED: DependencyViolationVSwitch: DependencyViolation.VSwitch" in out
    assert "Done" not in out
