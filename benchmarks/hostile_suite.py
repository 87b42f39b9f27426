"""The full hostile-input suite (issue 13): 20,000 generated answers and 10,000 generated requests
through the real client in-process; prints the outcomes, the rule breakers and the time taken.

    .venv/bin/python -m benchmarks.hostile_suite [answers] [requests]

CI runs the same generators on a smaller count (tests/test_hostile_suite.py).
"""

from __future__ import annotations

import sys
import time

sys.path[:0] = [".", "tests"]

from hostile_corpus import Tally, run_answers, run_requests


def _report(name: str, tally: Tally, seconds: float) -> int:
    print(
        f"{name}: {tally.calls} in {seconds:.1f} s; outcomes {dict(sorted(tally.outcomes.items()))}"
    )
    print(
        f"  exceptions outside VpcError: {len(tally.foreign)}; secret appearances: {len(tally.leaks)}"
    )
    for line in (tally.foreign + tally.leaks)[:10]:
        print("   ", line)
    return len(tally.foreign) + len(tally.leaks)


def main() -> int:
    answers = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    started = time.perf_counter()
    broken = _report("answers", run_answers(answers), time.perf_counter() - started)
    started = time.perf_counter()
    broken += _report("requests", run_requests(requests), time.perf_counter() - started)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
