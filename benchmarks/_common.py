"""Shared helpers of the benchmark scripts (not a benchmark itself).

- `ensure_our_package()` says whether the installed `aliyun_vpc.VpcClient` is usable (install the
  project first: `pip install -e '.[bench]' -e ./simulator`).
- `describe_vpcs_body()` is the canned DescribeVpcs answer (10 VPCs, JSON) every client parses.
- `LoopbackServer` runs `_loopback_server.py` in a subprocess (no GIL contention with the client).
- `print_table()` prints a fixed-width table.
"""

from __future__ import annotations

import json
import select
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Self

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
#: The package's two folders: the handwritten runtime and the generator's output.
PACKAGE_DIRS = (REPO / "runtime" / "aliyun_vpc", REPO / "generated" / "aliyun_vpc")
PYTHON = sys.executable

ACCESS_KEY_ID = "testid"
ACCESS_KEY_SECRET = "testsecret"
REGION = "cn-hangzhou"


def ensure_our_package() -> str | None:
    """None when `aliyun_vpc.VpcClient` imports; otherwise the reason it does not."""
    try:
        import aliyun_vpc

        aliyun_vpc.VpcClient  # noqa: B018 - the lazy attribute loads the generated client
    except Exception as error:  # noqa: BLE001 - the package is being built: anything may fail
        return f"{type(error).__name__}: {error}"
    return None


def read_first_line(proc: subprocess.Popen[str], timeout: float = 30.0) -> str:
    """The first stdout line of a child that announces itself, or "" after `timeout` seconds/EOF."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return proc.stdout.readline().strip() if ready else ""


def command_line() -> str:
    return " ".join(shlex.quote(part) for part in [PYTHON, *sys.argv])


# --------------------------------------------------------------------------- canned response


def _vpc(i: int) -> dict[str, object]:
    return {
        "VpcId": f"vpc-bp1qpo0kug3a20qqe{i:04d}",
        "RegionId": "cn-hangzhou",
        "Status": "Available",
        "VpcName": f"bench-vpc-{i}",
        "CreationTime": "2021-04-18T14:16:32Z",
        "CidrBlock": f"10.{i}.0.0/16",
        "Ipv6CidrBlock": "2408:XXXX:0:a100::/56",
        "VRouterId": f"vrt-bp1lhl0taikrteen8{i:04d}",
        "Description": "benchmark VPC with the usual nested lists filled in",
        "IsDefault": i == 0,
        "NetworkAclNum": "1",
        "ResourceGroupId": "rg-acfmxazb4ph6aiy",
        "CenStatus": "Attached",
        "OwnerId": 253460731706911258,
        "DhcpOptionsSetId": "dopt-o6w0df4epg9zo8isy****",
        "DhcpOptionsSetStatus": "Available",
        "DnsHostnameStatus": "DISABLED",
        "EnabledIpv6": True,
        "VSwitchIds": {"VSwitchId": [f"vsw-bp1nhbnpv2blyz8dl{i:04d}{k}" for k in range(3)]},
        "UserCidrs": {"UserCidr": ["192.168.0.0/16"]},
        "NatGatewayIds": {"NatGatewayIds": [f"ngw-bp1cqwqz2o2b9ruyg{i:04d}"]},
        "RouterTableIds": {"RouterTableIds": [f"vtb-bp145q7glnuzdvzu2{i:04d}"]},
        "SecondaryCidrBlocks": {"SecondaryCidrBlock": ["192.168.40.0/21"]},
        "Tags": {"Tag": [{"Key": "env", "Value": "bench"}, {"Key": "team", "Value": "net"}]},
        "Ipv6CidrBlocks": {
            "Ipv6CidrBlock": [{"Ipv6CidrBlock": "2408:XXXX:0:a100::/56", "Ipv6Isp": "BGP"}]
        },
    }


def describe_vpcs_body(count: int = 10) -> bytes:
    body = {
        "RequestId": "7486AE4A-129D-43BB-A09F-6C6A3C8A9C5D",
        "TotalCount": count,
        "PageNumber": 1,
        "PageSize": count,
        "Vpcs": {"Vpc": [_vpc(i) for i in range(count)]},
    }
    return json.dumps(body, separators=(",", ":")).encode()


# --------------------------------------------------------------------------- loopback server


class LoopbackServer:
    """`_loopback_server.py` in a subprocess; `.endpoint` is "http://127.0.0.1:PORT"."""

    def __init__(self, body_file: Path) -> None:
        self._body_file = body_file
        self._proc: subprocess.Popen[str] | None = None
        self.port = 0

    def __enter__(self) -> Self:
        self._proc = subprocess.Popen(
            [PYTHON, str(BENCH_DIR / "_loopback_server.py"), str(self._body_file)],
            stdout=subprocess.PIPE,
            text=True,
        )
        line = read_first_line(self._proc)  # the server prints its port once listening
        if not line.isdigit():
            self.__exit__(None, None, None)
            raise RuntimeError(f"loopback server did not start: {line!r}")
        self.port = int(line)
        return self

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        if self._proc is not None:
            stop_process(self._proc)
            self._proc = None


def stop_process(proc: subprocess.Popen[str]) -> None:
    """Terminate a server subprocess, killing it if it does not exit within 5 s."""
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


# --------------------------------------------------------------------------- output


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def fmt_ratio(ours: float | None, official: float | None) -> str:
    if ours is None or official is None or official == 0:
        return "n/a"
    return f"{ours / official:.2f}x"


def now() -> float:
    return time.perf_counter()
