"""The diff on real document revisions, and the locality of a one-parameter change."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.codegen import generate
from generator.diffing import compare
from generator.pipeline import extract, extract_document
from generator.spec_io import load_spec

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "spec" / "sources"
EC_OLD = SOURCES / "express-connect-api-reference-en-undated.txt"
EC_NEW = SOURCES / "express-connect-api-reference-en-20200415.txt"


@pytest.fixture(scope="module")
def express_connect_changes() -> dict[tuple[str, str, str], tuple[str, str | None, str | None]]:
    changes = compare(extract_document(EC_OLD), extract_document(EC_NEW))
    return {(c.operation, c.target, c.change): (c.severity, c.old, c.new) for c in changes}


def test_operation_only_in_the_older_revision_is_a_breaking_removal(express_connect_changes):
    # undated line 906: "Action string Yes Required parameter, with a value: ActivateRouterInterface";
    # the 20200415 revision documents no such operation.
    key = ("ActivateRouterInterface", "operation ActivateRouterInterface", "removed")
    assert express_connect_changes[key] == ("breaking", None, None)


def test_bandwidth_retyped_and_its_range_narrowed(express_connect_changes):
    # undated line 336: "Bandwidth String No ... Default value: 100; optional values: 2 to 10,000."
    # 20200415 line 313: "bandwidth Integer No 10 ... Value range: 5 to 5000. Unit: Mbit/s"
    op, target = "CreatePhysicalConnection", "parameter bandwidth"
    assert express_connect_changes[(op, target, "type changed")] == (
        "breaking",
        "string",
        "integer",
    )
    assert express_connect_changes[(op, target, "minimum narrowed")] == ("breaking", "2", "5")
    assert express_connect_changes[(op, target, "maximum narrowed")] == (
        "breaking",
        "10000",
        "5000",
    )


def test_error_status_changed(express_connect_changes):
    # undated line 361: "InvalidRedundantPhysicalConnectionId.NotFound ... 404 ...";
    # 20200415 line 367: "400 InvalidRedundantPhysicalConnectionId.NotFound ...".
    key = (
        "CreatePhysicalConnection",
        "error InvalidRedundantPhysicalConnectionId.NotFound",
        "HTTP status changed",
    )
    assert express_connect_changes[key] == ("non-breaking", "404", "400")


def test_client_token_added_to_cancel(express_connect_changes):
    # 20200415 CancelPhysicalConnection request table gains "ClientToken String No ...";
    # the undated section lists only Action, RegionId and PhysicalConnectionId.
    key = ("CancelPhysicalConnection", "parameter ClientToken", "added (optional)")
    assert express_connect_changes[key] == ("non-breaking", None, None)


def _changed_files(repo: Path) -> set[str]:
    out = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return {line[3:] for line in out.splitlines()}


def test_one_parameter_changed_in_one_revision_diffs_and_regenerates_locally(tmp_path):
    """Edit one parameter's type in one document: the diff names exactly that parameter, and the
    regeneration touches only that operation's files: its chapter's models module, the spec.json
    listing every operation and the sha256 of the edited document; the string with documented
    values is a new enum shape, exported by the models facade and listed in shapes.yaml."""
    repo = tmp_path / "repo"
    shutil.copytree(SOURCES, repo / "spec" / "sources")
    shutil.copy(ROOT / "spec" / "overrides.yaml", repo / "spec" / "overrides.yaml")
    shutil.copy(ROOT / "spec" / "behaviour.yaml", repo / "spec" / "behaviour.yaml")
    package = repo / "generated"
    extract(repo / "spec" / "sources", repo / "spec")
    old = load_spec(repo / "spec")
    generate(old, package)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")

    document = repo / "spec" / "sources" / "vpn-gateway-api-reference-en-20200917.txt"
    text = document.read_text(encoding="utf-8")
    row = "AutoPropagate\tBoolean\tNo\ttrue\t"  # line 405, ModifyVpnGatewayAttribute only
    assert text.count(row) == 1
    document.write_text(text.replace(row, "AutoPropagate\tString\tNo\ttrue\t"), encoding="utf-8")
    extract(repo / "spec" / "sources", repo / "spec")
    new = load_spec(repo / "spec")
    changes = [(c.operation, c.target, c.change, c.old, c.new) for c in compare(old, new)]
    assert changes == [
        (
            "ModifyVpnGatewayAttribute",
            "parameter AutoPropagate",
            "type changed",
            "boolean",
            "string",
        )
    ]

    generate(new, package)
    assert _git(repo, "status", "--porcelain", "--untracked-files=all").splitlines() == [
        " M generated/aliyun_vpc/_generated/async_client.py",
        " M generated/aliyun_vpc/_generated/client.py",
        " M generated/aliyun_vpc/_generated/models/__init__.py",
        " M generated/aliyun_vpc/_generated/models/vpn_gateway.py",
        " M generated/aliyun_vpc_simulator/data/spec.json",
        " M spec/documents/vpn-en-20200917/ModifyVpnGatewayAttribute.yaml",
        " M spec/operations/ModifyVpnGatewayAttribute.yaml",
        " M spec/service.yaml",
        " M spec/shapes.yaml",
        " M spec/sources/vpn-gateway-api-reference-en-20200917.txt",
    ]
    # each client module holds every method: only the lines of this operation's parameter change.
    for module in ("client", "async_client"):
        client_diff = _git(
            repo, "diff", "-U0", f"generated/aliyun_vpc/_generated/{module}.py"
        ).splitlines()
        changed_lines = [
            line
            for line in client_diff
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
        ]
        assert changed_lines and all("auto_propagate" in line for line in changed_lines)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, timeout=60
    ).stdout
