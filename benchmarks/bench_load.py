"""Load: AsyncVpcClient against the simulator, C concurrent workers doing Create/Describe/Delete VPC.

    .venv/bin/python benchmarks/bench_load.py [--concurrency 32] [--requests 3000] [--seconds 20]
                                              [--no-official]

The simulator runs in a subprocess (`python -m aliyun_vpc_simulator --port 0`, which prints its URL)
so it does not share the client's GIL. Each worker repeats: CreateVpc -> DescribeVpcs(VpcId) ->
DeleteVpc until the request budget or the deadline is used up (bounded both ways). The simulator
verifies the HMAC-SHA1 signatures, so every request is a real signed call.

For comparison the same workload runs through the official alibabacloud-vpc20160428 async methods
(`*_async`, Tea/Darabonba over aiohttp, `Config(signature_algorithm='v2')`) against the same
simulator (`--no-official` skips it). Reported: requests/s, p50/p99 latency overall and per
operation, error counts; ratios ours/official of the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Self

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    PYTHON,
    REGION,
    command_line,
    ensure_our_package,
    median,
    percentile,
    print_table,
    read_first_line,
    stop_process,
)

for _var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(_var, None)

SIM_KEY_ID = "testid"  # the simulator's default key pair
SIM_KEY_SECRET = "testsecret"


class SimulatorProcess:
    def __init__(self, extra: list[str]) -> None:
        self._extra = extra
        self._proc: subprocess.Popen[str] | None = None
        self.endpoint = ""

    def __enter__(self) -> Self:
        return self.start() if self._proc is None else self

    def start(self) -> SimulatorProcess:
        self._proc = subprocess.Popen(
            [PYTHON, "-m", "aliyun_vpc_simulator", "--port", "0", *self._extra],
            stdout=subprocess.PIPE,
            text=True,
        )
        line = read_first_line(self._proc)
        if not line.startswith("http"):
            self.__exit__()
            raise RuntimeError(f"simulator did not start (first line {line!r})")
        self.endpoint = line
        return self

    def __exit__(self, *exc: object) -> None:
        if self._proc is not None:
            stop_process(self._proc)
            self._proc = None


def _vpc_id(value: object) -> str:
    if not value:
        raise LookupError("no VpcId in the CreateVpc answer")
    return str(value)


class Ops:
    """create(name) -> vpc id; describe(vpc id); delete(vpc id) — one client flavour."""

    create: Callable[[str], Awaitable[str]]
    describe: Callable[[str], Awaitable[Any]]
    delete: Callable[[str], Awaitable[Any]]

    async def aclose(self) -> None:
        pass


# --------------------------------------------------------------------------- our client (wired separately)


class OurOps(Ops):
    def __init__(self, endpoint: str, concurrency: int) -> None:
        import aliyun_vpc

        kwargs: dict[str, Any] = {}
        try:  # enough pooled connections for every worker, if the config allows it
            from aliyun_vpc.config import ClientConfig

            kwargs["config"] = ClientConfig(max_connections=concurrency)
        except Exception:  # noqa: BLE001, S110 - optional config
            pass
        self._client = aliyun_vpc.AsyncVpcClient(
            access_key_id=SIM_KEY_ID,
            access_key_secret=SIM_KEY_SECRET,
            region_id=REGION,
            endpoint=endpoint,
            **kwargs,
        )

    async def create(self, name: str) -> str:
        response = await self._client.create_vpc(
            region_id=REGION, cidr_block="192.168.0.0/16", vpc_name=name
        )
        return _vpc_id(response.vpc_id)

    async def describe(self, vpc_id: str) -> Any:
        return await self._client.describe_vpcs(region_id=REGION, vpc_id=vpc_id)

    async def delete(self, vpc_id: str) -> Any:
        return await self._client.delete_vpc(region_id=REGION, vpc_id=vpc_id)

    async def aclose(self) -> None:
        await self._client.close()


# --------------------------------------------------------------------------- official client


class OfficialOps(Ops):
    def __init__(self, endpoint: str, concurrency: int) -> None:
        from alibabacloud_tea_openapi.models import Config
        from alibabacloud_vpc20160428 import models
        from alibabacloud_vpc20160428.client import Client

        self._models = models
        host = endpoint.split("://", 1)[1]
        self._client = Client(
            Config(
                access_key_id=SIM_KEY_ID,
                access_key_secret=SIM_KEY_SECRET,
                region_id=REGION,
                endpoint=host,
                protocol="http",
                signature_algorithm="v2",
                max_idle_conns=concurrency,
            )
        )

    async def create(self, name: str) -> str:
        request = self._models.CreateVpcRequest(
            region_id=REGION, cidr_block="192.168.0.0/16", vpc_name=name
        )
        response = await self._client.create_vpc_async(request)
        return _vpc_id(response.body.vpc_id)

    async def describe(self, vpc_id: str) -> Any:
        request = self._models.DescribeVpcsRequest(region_id=REGION, vpc_id=vpc_id)
        return await self._client.describe_vpcs_async(request)

    async def delete(self, vpc_id: str) -> Any:
        request = self._models.DeleteVpcRequest(region_id=REGION, vpc_id=vpc_id)
        return await self._client.delete_vpc_async(request)


# --------------------------------------------------------------------------- driver


class Recorder:
    def __init__(self, budget: int, deadline: float) -> None:
        self.budget = budget
        self.deadline = deadline
        self.started = 0
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()

    def may_start(self, count: int) -> bool:
        if self.started + count > self.budget or time.perf_counter() > self.deadline:
            return False
        self.started += count
        return True

    async def timed(self, op: str, awaitable: Awaitable[Any]) -> Any:
        start = time.perf_counter()
        try:
            return await awaitable
        except Exception as error:  # noqa: BLE001 - the package is being built: report, go on
            code = getattr(error, "code", None)
            self.errors[f"{op}: {type(error).__name__}{f' {code}' if code else ''}"] += 1
            return None
        finally:
            self.latencies[op].append(time.perf_counter() - start)


async def worker(ops: Ops, rec: Recorder, index: int) -> None:
    n = 0
    while rec.may_start(3):
        n += 1
        vpc_id = await rec.timed("CreateVpc", ops.create(f"load-{index}-{n}"))
        if not vpc_id:
            continue
        await rec.timed("DescribeVpcs", ops.describe(vpc_id))
        await rec.timed("DeleteVpc", ops.delete(vpc_id))


async def run_load(
    make_ops: Callable[[], Ops], concurrency: int, budget: int, seconds: float, warmup: int
) -> tuple[Recorder, float]:
    ops = make_ops()
    try:
        warm = Recorder(warmup, time.perf_counter() + seconds)
        await asyncio.gather(*(worker(ops, warm, -i - 1) for i in range(min(concurrency, 4))))
        rec = Recorder(budget, time.perf_counter() + seconds)
        start = time.perf_counter()
        await asyncio.gather(*(worker(ops, rec, i) for i in range(concurrency)))
        return rec, time.perf_counter() - start
    finally:
        await ops.aclose()


def report(results: dict[str, tuple[Recorder, float]]) -> None:
    rows = []
    summary: dict[str, tuple[float, float, float]] = {}
    for name, (rec, took) in results.items():
        all_lat = [x for values in rec.latencies.values() for x in values]
        count = len(all_lat)
        ok = count - sum(rec.errors.values())
        rps = count / took if took else 0.0
        summary[name] = (rps, percentile(all_lat, 50), percentile(all_lat, 99))
        for op in ("all", "CreateVpc", "DescribeVpcs", "DeleteVpc"):
            lat = all_lat if op == "all" else rec.latencies.get(op, [])
            if not lat:
                continue
            rows.append(
                [
                    name if op == "all" else "",
                    op,
                    len(lat),
                    f"{len(lat) / took:,.0f}" if took else "",
                    f"{percentile(lat, 50) * 1000:.2f}",
                    f"{percentile(lat, 99) * 1000:.2f}",
                    f"{median(lat) * 1000:.2f}" if op == "all" else "",
                    f"{ok} ok" if op == "all" else "",
                ]
            )
    print_table(
        ["client", "operation", "requests", "req/s", "p50 ms", "p99 ms", "median ms", "ok"], rows
    )
    for name, (rec, _) in results.items():
        for error, count in rec.errors.most_common(8):
            print(f"  {name} error x{count}: {error}")
    if len(summary) == 2:
        (n1, (r1, p50_1, p99_1)), (_, (r2, p50_2, p99_2)) = summary.items()
        print(
            f"\nratios {n1.split()[0]}/official: req/s {r1 / r2:.2f}x, p50 {p50_1 / p50_2:.2f}x, "
            f"p99 {p99_1 / p99_2:.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--requests", type=int, default=3000, help="request budget per client")
    parser.add_argument("--seconds", type=float, default=20.0, help="time budget per client")
    parser.add_argument("--warmup", type=int, default=60, help="warm-up requests (not recorded)")
    parser.add_argument("--no-official", action="store_true", help="skip the official client")
    parser.add_argument(
        "--sim-arg", action="append", default=[], help="extra simulator argument (repeatable)"
    )
    args = parser.parse_args()

    print(f"command: {command_line()}")
    missing = ensure_our_package()
    if missing:
        print(f"NOTE: our client is not usable yet ({missing}); only the official side runs")
    try:
        import aliyun_vpc_simulator  # noqa: F401
    except Exception as error:  # noqa: BLE001 - the package is being built: report, go on
        print(
            f"the simulator is not importable yet ({type(error).__name__}: {error}); nothing to run"
        )
        return

    sim_args = ["--ready-after-seconds", "0", *args.sim_arg]
    results: dict[str, tuple[Recorder, float]] = {}
    simulator = SimulatorProcess(sim_args)
    try:
        simulator.start()
    except RuntimeError as error:
        print(f"{error}; nothing to run")
        return
    with simulator as sim:
        print(f"simulator: {sim.endpoint} (subprocess, args {' '.join(sim_args)})")
        print(
            f"concurrency {args.concurrency}, budget {args.requests} requests or {args.seconds:g} s "
            "per client, workload CreateVpc -> DescribeVpcs -> DeleteVpc"
        )
        flavours: list[tuple[str, Callable[[], Ops]]] = []
        if not missing:
            flavours.append(("ours AsyncVpcClient", lambda: OurOps(sim.endpoint, args.concurrency)))
        if not args.no_official:
            flavours.append(
                (
                    "official alibabacloud-vpc20160428 *_async",
                    lambda: OfficialOps(sim.endpoint, args.concurrency),
                )
            )
        for name, make in flavours:
            try:
                results[name] = asyncio.run(
                    run_load(make, args.concurrency, args.requests, args.seconds, args.warmup)
                )
            except Exception as error:  # noqa: BLE001 - the package is being built: report, go on
                print(f"{name}: failed: {type(error).__name__}: {error}")
    print()
    if results:
        report(results)


if __name__ == "__main__":
    main()
