"""The simulator as a user starts it: `python -m aliyun_vpc_simulator ...` in a child process."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from typing import IO


@contextlib.contextmanager
def running_simulator(*args: str) -> Iterator[IO[str]]:
    """The simulator's command line with `args`; yields what it prints (its endpoint first), then
    stops it and checks that it exited cleanly."""
    process = subprocess.Popen(
        [sys.executable, "-m", "aliyun_vpc_simulator", *args],
        stdout=subprocess.PIPE,
        text=True,
        env={"PATH": ""},  # the installed packages only: no PYTHONPATH, no proxies
    )
    try:
        assert process.stdout is not None
        yield process.stdout
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
