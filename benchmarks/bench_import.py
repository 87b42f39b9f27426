"""Cold import + client construction, each in a fresh interpreter: ours vs the official SDK.

    .venv/bin/python benchmarks/bench_import.py [--repeat N] [--top K]

For each round a fresh `python -c ...` imports the package, constructs a client and reports
  - in-process time from before the first import to after construction (perf_counter),
  - ru_maxrss after construction (peak RSS of the process, includes the interpreter itself),
and the parent records the whole subprocess wall time (includes interpreter start-up).
Rounds alternate ours / official / bare interpreter so drift hits all of them alike; medians shown.
Then `python -X importtime` for our package: the modules that cost most (cumulative).

Targets: ours <= 0.25x official import+construct time; ours RSS <= 30 MiB.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, command_line, fmt_ratio, median, our_env, print_table

_PROLOGUE = "import time, resource, json\nt0 = time.perf_counter()\n"
_EPILOGUE = (
    "t1 = time.perf_counter()\n"
    "print(json.dumps({'t': t1 - t0, "
    "'rss_kib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))\n"
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
OFFICIAL = "official (alibabacloud-vpc20160428)"


def run_once(code: str) -> dict[str, float]:
    script = _PROLOGUE + code + _EPILOGUE
    start = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-c", script],
        env=our_env(),
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
        env=our_env(),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="fresh processes per case")
    parser.add_argument("--top", type=int, default=15, help="importtime entries shown")
    args = parser.parse_args()

    print(f"command: {command_line()}")
    results: dict[str, list[dict[str, float]]] = {name: [] for name in CASES}
    errors: dict[str, str] = {}
    # one warm-up round (fills the OS file cache and writes any missing .pyc), not recorded
    for name, code in CASES.items():
        try:
            run_once(code)
        except Exception as error:  # noqa: BLE001 - the package is being built: report, go on
            errors[name] = str(error)
    for _ in range(args.repeat):
        for name, code in CASES.items():
            if name in errors:
                continue
            try:
                results[name].append(run_once(code))
            except Exception as error:  # noqa: BLE001 - the package is being built: report, go on
                errors[name] = str(error)

    def med(name: str, key: str) -> float | None:
        rows = results[name]
        return median([r[key] for r in rows]) if rows else None

    rows = []
    for name in CASES:
        if name in errors:
            rows.append([name, "ERROR", "", "", "", errors[name][:70]])
            continue
        t, wall, rss = med(name, "t"), med(name, "wall"), med(name, "rss_kib")
        assert t is not None and wall is not None and rss is not None
        rows.append(
            [
                name,
                f"{t * 1000:.1f}",
                fmt_ratio(t, med(OFFICIAL, "t")),
                f"{wall * 1000:.1f}",
                f"{rss / 1024:.1f}",
                fmt_ratio(rss, med(OFFICIAL, "rss_kib")),
            ]
        )
    print(f"\nimport + construct a client, fresh process, median of {args.repeat}")
    print_table(
        [
            "client",
            "import+construct ms",
            "vs official",
            "process wall ms",
            "RSS MiB",
            "RSS vs off.",
        ],
        rows,
    )

    t_ours, t_off, rss_ours = med(OURS, "t"), med(OFFICIAL, "t"), med(OURS, "rss_kib")
    print("\ntargets")
    if t_ours is not None and t_off is not None:
        ratio = t_ours / t_off
        print(
            f"  time  ours/official = {ratio:.3f}  (target <= 0.25)  {'PASS' if ratio <= 0.25 else 'FAIL'}"
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


if __name__ == "__main__":
    main()
