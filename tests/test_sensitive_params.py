"""Secret parameters are a spec trait (`sensitive: true`), derived at extraction and read by the
runtime from the generated data: DEBUG logs never show their values."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from aliyun_vpc._generated.operations import OPERATIONS
from e2e_support import REGION_ID, operation, request_kwargs, spec_operations
from package_tree import BYTECODE, link_runtime

from aliyun_vpc import VpcClient
from aliyun_vpc._logging import is_sensitive, redact_params
from aliyun_vpc.exceptions import VpcError
from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator
from generator.extract.sensitivity import is_sensitive as rule

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("AuthKey", "The authentication key of the BGP group."),
        ("Authkey", ""),
        ("Psk", ""),
        ("IkeConfig.Psk", ""),
        ("VpnPassword", ""),
        ("ClientSecret", ""),
        ("IkeConfig", "The configurations of Phase 1 negotiations: - IkeConfig.Psk: the key."),
        ("IkeConfig", "第一階段協商的配置資訊： IkeConfig.Psk: 用於身份認證。"),
        ("Key", "BGP組的認證密鑰。"),
        ("Value", "The login password of the instance."),
        ("Shared", "The pre-shared key of the tunnel."),
    ],
)
def test_the_rule_marks_names_and_descriptions_of_secrets(name: str, description: str) -> None:
    assert rule(name, description) is True


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("Tag.N.Key", "The tag key."),
        ("Filter.N.Key", "The filter key."),
        ("ClientToken", "The token used for client authentication."),
        ("Cipher", "SSL-VPN使用的密碼編譯演算法。"),
        ("IpsecConfig", "IpsecConfig.IpsecPfs: Diffie-Hellman金鑰交換演算法"),
        ("KeyPairName", "The name of the key pair."),
        ("SslVpnClientCertId", "The ID of the client certificate."),
    ],
)
def test_the_rule_leaves_other_parameters_unstated(name: str, description: str) -> None:
    assert rule(name, description) is None


def test_the_generated_table_carries_the_secret_parameters_of_the_spec() -> None:
    marked = {
        (op["name"], p["name"])
        for op in spec_operations().values()
        for p in op["parameters"]
        if p.get("sensitive")
    }
    in_table = {(name, wire) for name, meta in OPERATIONS.items() for wire in meta.sensitive}
    assert in_table == marked
    assert {
        ("CreateBgpGroup", "AuthKey"),
        ("ModifyBgpGroupAttribute", "AuthKey"),
        ("CreateVpnConnection", "IkeConfig"),
        ("ModifyVpnConnectionAttribute", "IkeConfig"),
    } <= marked


def test_list_parameters_are_matched_whatever_their_index() -> None:
    names = frozenset({"Peer.N.Password"})
    assert is_sensitive("Peer.3.Password", names) and is_sensitive("Peer.12.Password", names)
    assert not is_sensitive("Peer.3.Name", names) and not is_sensitive("Password", names)
    assert redact_params({"Signature": "s", "VpcId": "v"}) == {"Signature": "***", "VpcId": "v"}


# ---------------------------------------------------------------------------------------------
# DEBUG logs of real calls through the simulator


def _secret_value(parameter: dict[str, Any], secret: str) -> Any:
    if parameter["type"] == "json":
        return {"Psk": secret, "IkeVersion": "ikev1"}  # the secret inside a JSON parameter
    return secret


def _forms(secret: str) -> list[str]:
    once = quote(secret, safe="-_.~")
    return [secret, once, quote(once, safe=""), json.dumps(secret)[1:-1]]


@pytest.fixture(scope="module")
def simulator() -> Any:
    with Simulator() as running:
        yield running


@pytest.mark.parametrize("action", sorted(n for n, m in OPERATIONS.items() if m.sensitive))
def test_debug_logs_of_a_call_with_every_secret_parameter_set_show_no_value(
    action: str, simulator: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    parameters = {p["name"]: p for p in spec_operations()[action]["parameters"]}
    secrets = {wire: f"S3cret/{wire}+v=1" for wire in OPERATIONS[action].sensitive}
    values = {wire: _secret_value(parameters[wire], secret) for wire, secret in secrets.items()}
    options: dict[str, Any] = {
        "access_key_id": DEFAULT_ACCESS_KEY_ID,
        "access_key_secret": DEFAULT_ACCESS_KEY_SECRET,
        "region_id": REGION_ID,
        "endpoint": simulator.endpoint,
        "retry": False,
    }
    caplog.set_level(logging.DEBUG)  # every logger: ours, the HTTP stack's, the simulator's
    outcome = ""
    with VpcClient(**options) as client:
        try:
            getattr(client, OPERATIONS[action].method)(**request_kwargs(action, values))
        except VpcError as error:  # a refusal must not echo the secret either
            outcome = f"{error}{error!r}"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"{action} params=" in logged  # the DEBUG line with the parameters was written
    for wire, secret in secrets.items():
        assert f"'{wire}': '***'" in logged
        for form in _forms(secret):
            assert form not in logged and form not in outcome


# ---------------------------------------------------------------------------------------------
# A spec change alone makes a parameter secret


_CALL_WITH_DEBUG_LOGS = textwrap.dedent("""
    import io, logging, sys
    from aliyun_vpc import VpcClient
    from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator

    stream = io.StringIO()
    logging.basicConfig(level=logging.DEBUG, stream=stream)
    with Simulator() as simulator, VpcClient(
        access_key_id=DEFAULT_ACCESS_KEY_ID,
        access_key_secret=DEFAULT_ACCESS_KEY_SECRET,
        region_id="cn-hangzhou",
        endpoint=simulator.endpoint,
        retry=False,
    ) as client:
        client.create_vpc(vpc_name=sys.argv[1], cidr_block="172.16.0.0/12")
    print(stream.getvalue())
    """)


def _debug_log_of_create_vpc(package_parent: Path, vpc_name: str) -> str:
    environment = {**os.environ, "PYTHONPATH": str(package_parent)}
    done = subprocess.run(
        [sys.executable, "-c", _CALL_WITH_DEBUG_LOGS, vpc_name],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def test_marking_a_parameter_sensitive_in_the_spec_redacts_it_without_a_python_change(
    tmp_path: Path,
) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(REPO / "spec", spec, ignore=shutil.ignore_patterns("sources", "documents"))
    out = tmp_path / "out"
    shutil.copytree(REPO / "generated", out / "generated", ignore=BYTECODE)
    package = link_runtime(out)

    def handwritten_python() -> dict[str, bytes]:
        return {
            path.relative_to(package).as_posix(): path.read_bytes()
            for path in package.rglob("*.py")
            if "_generated" not in path.relative_to(package).parts
        }

    python_before = handwritten_python()
    assert "_logging.py" in python_before and "_pipeline.py" in python_before
    name = "vpc-name-7Qx"
    assert f"'VpcName': '{name}'" in _debug_log_of_create_vpc(package.parent, name)

    operation = spec / "operations" / "CreateVpc.yaml"
    text = operation.read_text(encoding="utf-8")
    marked = text.replace("  - name: VpcName\n", "  - name: VpcName\n    sensitive: true\n", 1)
    assert marked != text
    operation.write_text(marked, encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--spec",
            str(spec),
            "--out",
            str(out / "generated"),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )

    logged = _debug_log_of_create_vpc(package.parent, name)
    assert "'VpcName': '***'" in logged and name not in logged
    assert handwritten_python() == python_before  # only generated files changed


@pytest.mark.parametrize("action", sorted(n for n, m in OPERATIONS.items() if m.sensitive))
def test_request_models_leave_secret_parameters_out_of_their_repr(action: str) -> None:
    parameters = {p["name"]: p for p in spec_operations()[action]["parameters"]}
    secrets = {wire: f"S3cret-{wire}" for wire in OPERATIONS[action].sensitive}
    values = {wire: _secret_value(parameters[wire], secret) for wire, secret in secrets.items()}
    request = operation(action).request_class(**request_kwargs(action, values))
    shown = f"{request!r} {request!s} {[request]!r}"
    assert f"{type(request).__name__}(" in shown  # the attrs repr, with the other fields
    for secret in secrets.values():
        assert secret not in shown
