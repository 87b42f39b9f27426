"""Compile cost of the generated modules a first call imports, as paid without byte code.

    .venv/bin/python benchmarks/bench_compile.py [--rounds N]

Editable installs, images built with PIP_NO_COMPILE and processes run with PYTHONDONTWRITEBYTECODE
load no `.pyc` for our package: every module a program imports is compiled from source first. For a
sync and an async first call (import, construct, one DescribeVpcs over loopback HTTP), a fresh child
lists the modules of `aliyun_vpc._generated` it imported; each one's source is then compiled here
(`compile()`, what the import system does without a `.pyc`) `--rounds` times, fastest kept.

Target: the generated client modules (the client classes) a first call compiles <= 20 ms. The other
generated modules it compiles (behaviour table, its models, package `__init__`s) are listed too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    PYTHON,
    LoopbackServer,
    command_line,
    describe_vpcs_body,
    print_table,
)

TARGET_MS = 20.0
CLIENT_MODULES = ("aliyun_vpc._generated.client", "aliyun_vpc._generated.async_client")

_LIST_GENERATED = (
    "import json, sys\n"
    "print(json.dumps({n: m.__file__ for n, m in sys.modules.items()"
    " if n.startswith('aliyun_vpc._generated')}))\n"
)
FIRST_CALLS = {
    "VpcClient": (
        "import aliyun_vpc\n"
        "c = aliyun_vpc.VpcClient(access_key_id='a', access_key_secret='b',"
        " region_id='cn-hangzhou', endpoint='{endpoint}')\n"
        "assert c.describe_vpcs(page_size=10).total_count == 10\n"
    ),
    "AsyncVpcClient": (
        "import asyncio, aliyun_vpc\n"
        "async def main():\n"
        "    async with aliyun_vpc.AsyncVpcClient(access_key_id='a', access_key_secret='b',"
        " region_id='cn-hangzhou', endpoint='{endpoint}') as c:\n"
        "        assert (await c.describe_vpcs(page_size=10)).total_count == 10\n"
        "asyncio.run(main())\n"
    ),
}


def imported_modules(code: str) -> dict[str, str]:
    """Module name -> source file of every generated module `code` imports (fresh child)."""
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run(
        [PYTHON, "-c", code + _LIST_GENERATED],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found: dict[str, str] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def compile_ms(path: str, rounds: int) -> float:
    """The fastest of `rounds` compilations of one source file, in milliseconds."""
    source = Path(path).read_bytes()
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        compile(source, path, "exec", dont_inherit=True)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def report(imported: dict[str, dict[str, str]], rounds: int) -> bool:
    """Print one table per first call; True when every client's modules meet the target."""
    passed = True
    for client, modules in imported.items():
        rows, client_total, total = [], 0.0, 0.0
        for name, path in sorted(modules.items()):
            ms = compile_ms(path, rounds)
            text = Path(path).read_text(encoding="utf-8")
            total += ms
            client_total += ms if name in CLIENT_MODULES else 0.0
            kind = "client" if name in CLIENT_MODULES else "other"
            rows.append([name, kind, len(text.splitlines()), len(text) // 1024, f"{ms:.1f}"])
        rows.append(["all generated modules", "", "", "", f"{total:.1f}"])
        print(f"\n{client}: generated modules a first call compiles (best of {rounds})")
        print_table(["module", "kind", "lines", "KiB", "compile ms"], rows)
        ok = client_total <= TARGET_MS
        passed &= ok
        print(
            f"  client modules {client_total:.1f} ms  (target <= {TARGET_MS:.0f} ms)"
            f"  {'PASS' if ok else 'FAIL'}"
        )
    return passed


def measure_compile_cost(rounds: int) -> bool:
    """Serve DescribeVpcs on loopback for both first calls, then (server stopped, so it takes no
    CPU time from the measurement) compile what each imported; see the module docstring."""
    with tempfile.TemporaryDirectory() as tmp:
        body_file = Path(tmp) / "body.json"
        body_file.write_bytes(describe_vpcs_body(10))
        with LoopbackServer(body_file) as server:
            imported = {
                client: imported_modules(code.format(endpoint=server.endpoint))
                for client, code in FIRST_CALLS.items()
            }
    return report(imported, rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="compilations per module")
    args = parser.parse_args()
    print(f"command: {command_line()}")
    measure_compile_cost(args.rounds)


if __name__ == "__main__":
    main()
