"""The hostile-input suite: generated answers and requests through the real client (sender
replaced by a function, see `tests/hostile_corpus.py`), zero exceptions outside `VpcError` and zero
secrets in errors or logs.

CI runs the issue's full count, `HOSTILE_ANSWERS` (default 20,000) answers and `HOSTILE_REQUESTS`
(default 10,000) requests, in about 35 s; smaller counts take a prefix of the same seeded stream
(`HOSTILE_ANSWERS=2000` for a quick local run; `python -m benchmarks.hostile_suite` runs it alone).
"""

from __future__ import annotations

import os

from hostile_corpus import run_answers, run_requests

ANSWERS = int(os.environ.get("HOSTILE_ANSWERS", "20000"))
REQUESTS = int(os.environ.get("HOSTILE_REQUESTS", "10000"))


def test_generated_answers_end_in_typed_errors_without_secrets() -> None:
    tally = run_answers(ANSWERS)
    assert tally.calls == ANSWERS
    assert tally.foreign == [] and tally.leaks == []
    # the corpus meets every outcome, so the rule is checked on each of them
    assert {"ok", "ClientError", "ServerError", "ResponseParseError"} <= tally.outcomes.keys()


def test_generated_requests_end_in_typed_errors_without_secrets() -> None:
    tally = run_requests(REQUESTS)
    assert tally.calls == REQUESTS
    assert tally.foreign == [] and tally.leaks == []
    assert {"ok", "ParamValidationError"} <= tally.outcomes.keys()
