"""Command line: `python -m aliyun_vpc_simulator --port 0` prints the URL it listens on."""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Sequence
from dataclasses import fields
from types import FrameType

from . import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, ServerLimits, Simulator
from .resources import Lifecycle


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m aliyun_vpc_simulator",
        description="Run a local Vpc API (2016-04-28) simulator generated from the spec.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s)")
    parser.add_argument("--port", type=int, default=0, help="port; 0 picks a free one")
    parser.add_argument("--spec", default=None, help="spec JSON (default: the packaged spec.json)")
    parser.add_argument("--access-key-id", default=DEFAULT_ACCESS_KEY_ID)
    parser.add_argument("--access-key-secret", default=DEFAULT_ACCESS_KEY_SECRET)
    parser.add_argument("--throttle-rate", type=float, default=0.0, help="share of Throttling")
    parser.add_argument("--error-rate", type=float, default=0.0, help="share of 5xx answers")
    parser.add_argument("--drop-rate", type=float, default=0.0, help="share of dropped requests")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="delay added to answers")
    parser.add_argument("--seed", type=int, default=None, help="seed of the fault draws")
    parser.add_argument(
        "--ready-after-seconds",
        type=float,
        default=Lifecycle.ready_after_seconds,
        help="seconds before a new resource leaves its initial status (default %(default)s)",
    )
    parser.add_argument(
        "--ready-after-describes",
        type=int,
        default=Lifecycle.ready_after_describes,
        help="describes before a new resource leaves its initial status (default %(default)s)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse parameters the documents do not list (UnsupportedParameter) instead of"
        " accepting them and naming them in the x-simulator-undocumented header",
    )
    parser.add_argument(
        "--credential-lifetime-seconds",
        type=float,
        default=3600.0,
        help="lifetime of the temporary credentials it issues (default %(default)s)",
    )
    parser.add_argument(
        "--serve-metadata",
        action="store_true",
        help="also serve an ECS metadata stand-in (its URL printed on the next line)",
    )
    parser.add_argument(
        "--serve-credentials-uri",
        action="store_true",
        help="also serve a credentials URI stand-in (its URL printed on the next line)",
    )
    for limit in fields(ServerLimits):
        parser.add_argument(
            "--" + limit.name.replace("_", "-"),
            type=float if limit.name.endswith("timeout") else int,
            default=limit.default,
            help=f"{limit.metadata['help']} (default %(default)s)",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        limits = ServerLimits(
            **{item.name: getattr(args, item.name) for item in fields(ServerLimits)}
        )
    except ValueError as error:
        parser.error(str(error))
    simulator = Simulator(
        host=args.host,
        port=args.port,
        spec_path=args.spec,
        access_key_id=args.access_key_id,
        access_key_secret=args.access_key_secret,
        throttle_rate=args.throttle_rate,
        error_rate=args.error_rate,
        drop_rate=args.drop_rate,
        latency_ms=args.latency_ms,
        seed=args.seed,
        ready_after_seconds=args.ready_after_seconds,
        ready_after_describes=args.ready_after_describes,
        strict=args.strict,
        credential_lifetime_seconds=args.credential_lifetime_seconds,
        limits=limits,
    )
    stopping = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    with simulator:
        print(simulator.endpoint, flush=True)
        if args.serve_metadata:
            print(f"metadata_endpoint={simulator.serve_metadata().endpoint}", flush=True)
        if args.serve_credentials_uri:
            uri = simulator.serve_credentials_uri().endpoint
            print(f"ALIBABA_CLOUD_CREDENTIALS_URI={uri}", flush=True)
        stopping.wait()


if __name__ == "__main__":
    main()
