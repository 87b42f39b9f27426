"""Cold import + client construction, each in a fresh interpreter: ours vs the official SDK.

    .venv/bin/python benchmarks/bench_import.py [--repeat N] [--top K]

For each round a fresh `python -c ...` imports the package, constructs a client and reports
  - in-process time from before the first import to after construction (perf_counter),
  - ru_maxrss after construction (peak RSS of the process, includes the interpreter itself),
and the parent records the whole subprocess wall time (includes interpreter start-up).
Rounds alternate ours / official / bare interpreter so drift hits all of them alike; medians shown.
Then `python -X importtime` for our package: the modules that cost most (cumulative).
A second table adds the first request (DescribeVpcs over loopback HTTP to `_loopback_server.py`):
both SDKs defer part of their set-up (HTTP sessions, connection pools) to it.
Last, what a first call costs without byte code: compiling the generated modules it imports
(`bench_compile.py`, also runnable alone).

Byte code: our package is compiled first (`compileall`) and the children run without
PYTHONDONTWRITEBYTECODE, so both sides load `.pyc` files like a pip install does (pip compiles the
official package at install time; without this the generated modules would be recompiled by
every child when the environment sets PYTHONDONTWRITEBYTECODE=1; the last table measures that case).

Targets: ours <= 0.15x official import+construct time; ours RSS <= 30 MiB; the generated client
modules a first call compiles <= 20 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    PACKAGE_DIRS,
    PYTHON,
    LoopbackServer,
    command_line,
    describe_vpcs_body,
    fmt_ratio,
    median,
    print_table,
)
from bench_compile import measure_compile_cost

for _var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(_var, None)

_PROLOGUE = "import time, resource, json\nt0 = time.perf_counter()\n"
_EPILOGUE = (
    "t1 = time.perf_counter()\n" "print(json.dumps({'t': t1 - t0, 'rss_kib': peak_rss_kib()}))\n"
)
# Peak RSS of this program: VmHWM (Linux) restarts at exec; ru_maxrss would also count the
# parent's memory copied by fork before the exec.
_PEAK_RSS = (
    "def peak_rss_kib():\n"
    "    try:\n"
    "        with open('/proc/self/status') as status:\n"
    "            return next(int(l.split()[1]) for l in status if l.startswith('VmHWM:'))\n"
    "    except OSError:\n"
    "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
)

CASES: dict[str, str] = {
    "ours": (
        "import aliyun_vpc\n"
        "c = aliyun_vpc.VpcClient(access_key_id='a', access_key_secret='b', region_id='cn-hangzhou')\n"
    ),
    "official (alibabacloud-vpc20160428)": (
        "import alibabacloud_vpc20160428.client, alibabacloud_tea_openapi.models\n"
        "c = alibabacloud_vpc20160428.client.Client(alibabacloud_tea_openapi.models.Config(\n"
        "    access_key_id='a', access_key_secret='b', endpoint='vpc.aliyuncs.com',\n"
        "    signature_algorithm='v2'))\n"
    ),
    "aliyun-python-sdk-core + vpc": (
        "from aliyunsdkcore.client import AcsClient\n"
        "from aliyunsdkvpc.request.v20160428.DescribeVpcsRequest import DescribeVpcsRequest\n"
        "c = AcsClient('a', 'b', 'cn-hangzhou')\n"
    ),
    "bare interpreter (baseline)": "pass\n",
}
OURS = "ours"
TIME_TARGET = 0.15  # ours / official, import + construct
OFFICIAL = "official (alibabacloud-vpc20160428)"

#: + one DescribeVpcs over loopback; {endpoint} is "http://127.0.0.1:PORT", {host} "127.0.0.1:PORT".
FIRST_CALL_CASES: dict[str, str] = {
    OURS: (
        "import aliyun_vpc\n"
        "c = aliyun_vpc.VpcClient(access_key_id='a', access_key_secret='b', region_id='cn-hangzhou',\n"
        "    endpoint='{endpoint}')\n"
        "assert c.describe_vpcs(page_size=10).total_count == 10\n"
    ),
    OFFICIAL: (
        "import alibabacloud_vpc20160428.client, alibabacloud_tea_openapi.models\n"
        "from alibabacloud_vpc20160428.models import DescribeVpcsRequest\n"
        "c = alibabacloud_vpc20160428.client.Client(alibabacloud_tea_openapi.models.Config(\n"
        "    access_key_id='a', access_key_secret='b', endpoint='{host}', protocol='http',\n"
        "    signature_algorithm='v2'))\n"
        "r = c.describe_vpcs(DescribeVpcsRequest(region_id='cn-hangzhou', page_size=10))\n"
        "assert r.body.total_count == 10\n"
    ),
}


def child_env() -> dict[str, str]:
    """The installed packages, and byte code allowed (see the module docstring)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(code: str) -> dict[str, float]:
    script = _PROLOGUE + code + _PEAK_RSS + _EPILOGUE
    start = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-c", script],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {"t": result["t"], "rss_kib": result["rss_kib"], "wall": wall}


def importtime_entries(code: str) -> list[tuple[int, int, str]]:
    """(self us, cumulative us, module as printed) for every import `code` makes."""
    done = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", code],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    entries: list[tuple[int, int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3:
            continue
        entries.append((int(parts[0]), int(parts[1]), parts[2].rstrip()))
    return entries


def importtime_top(code: str, top: int) -> list[tuple[int, int, str]]:
    """The costliest imports by cumulative time, leaving out what interpreter start-up imports."""
    startup = {module.strip() for _, _, module in importtime_entries("pass")}
    entries = [e for e in importtime_entries(code) if e[2].strip() not in startup]
    entries.sort(key=lambda e: e[1], reverse=True)
    return entries[:top]


Results = dict[str, list[dict[str, float]]]


def measure(cases: dict[str, str], repeat: int) -> tuple[Results, dict[str, str]]:
    """`repeat` interleaved rounds of fresh processes per case (after one unrecorded warm-up round)."""
    results: Results = {name: [] for name in cases}
    errors: dict[str, str] = {}
    for round_number in range(repeat + 1):
        for name, code in cases.items():
            if name in errors:
                continue
            try:
                result = run_once(code)
            except Exception as error:  # noqa: BLE001 - the package is being built: report, go on
                errors[name] = str(error)
                continue
            if round_number:  # round 0 warms the OS file cache
                results[name].append(result)
    return results, errors


def med(results: Results, name: str, key: str) -> float | None:
    rows = results.get(name)
    return median([r[key] for r in rows]) if rows else None


def print_results(
    title: str, cases: dict[str, str], results: Results, errors: dict[str, str]
) -> None:
    rows = []
    for name in cases:
        t, wall, rss = (
            med(results, name, "t"),
            med(results, name, "wall"),
            med(results, name, "rss_kib"),
        )
        if name in errors or t is None or wall is None or rss is None:
            rows.append([name, "ERROR", "", "", "", errors.get(name, "no result")[:70]])
            continue
        rows.append(
            [
                name,
                f"{t * 1000:.1f}",
                fmt_ratio(t, med(results, OFFICIAL, "t")),
                f"{wall * 1000:.1f}",
                f"{rss / 1024:.1f}",
                fmt_ratio(rss, med(results, OFFICIAL, "rss_kib")),
            ]
        )
    print(f"\n{title}")
    print_table(
        ["client", "in-process ms", "vs official", "process wall ms", "RSS MiB", "RSS vs off."],
        rows,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="fresh processes per case")
    parser.add_argument("--top", type=int, default=15, help="importtime entries shown")
    parser.add_argument(
        "--compile-rounds", type=int, default=20, help="compilations per generated module"
    )
    args = parser.parse_args()

    print(f"command: {command_line()}")
    # in a child: compiling the 4 MB client.py would grow this process
    folders = [str(folder) for folder in PACKAGE_DIRS]
    subprocess.run([PYTHON, "-m", "compileall", "-q", *folders], check=True, timeout=300)
    print(f"compiled {', '.join(folders)} (compileall); children run with byte code on")
    results, errors = measure(CASES, args.repeat)
    print_results(
        f"import + construct a client, fresh process, median of {args.repeat}",
        CASES,
        results,
        errors,
    )

    t_ours, t_off = med(results, OURS, "t"), med(results, OFFICIAL, "t")
    rss_ours = med(results, OURS, "rss_kib")
    print("\ntargets")
    if t_ours is not None and t_off is not None:
        ratio = t_ours / t_off
        print(
            f"  time  ours/official = {ratio:.3f}  (target <= {TIME_TARGET})  "
            f"{'PASS' if ratio <= TIME_TARGET else 'FAIL'}"
        )
    else:
        print("  time  n/a (a case failed)")
    if rss_ours is not None:
        mib = rss_ours / 1024
        print(
            f"  RSS   ours = {mib:.1f} MiB  (target <= 30 MiB)  {'PASS' if mib <= 30 else 'FAIL'}"
        )
    else:
        print("  RSS   n/a (our case failed)")
    if OURS in errors:
        print(f"\nour package is not usable yet: {errors[OURS]}")

    with tempfile.TemporaryDirectory() as tmp:
        body_file = Path(tmp) / "body.json"
        body_file.write_bytes(describe_vpcs_body(10))
        with LoopbackServer(body_file) as server:
            cases = {
                name: code.format(endpoint=server.endpoint, host=server.host)
                for name, code in FIRST_CALL_CASES.items()
            }
            first, first_errors = measure(cases, args.repeat)
    print_results(
        f"import + construct + first DescribeVpcs over loopback HTTP, median of {args.repeat}",
        cases,
        first,
        first_errors,
    )

    for label, code in (
        ("import aliyun_vpc", "import aliyun_vpc"),
        ("+ construct", CASES[OURS].replace("\n", "; ").strip("; ")),
    ):
        top = importtime_top(code, args.top)
        print(
            f"\npython -X importtime -c {shlex.quote(code)}  (top {args.top} by cumulative, start-up modules left out)"
        )
        print_table(
            ["cumulative us", "self us", "module"],
            [[c, s, m] for s, c, m in top],
        )

    print("\nwithout byte code (bench_compile.py)")
    measure_compile_cost(args.compile_rounds)


if __name__ == "__main__":
    main()
