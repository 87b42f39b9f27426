"""`python -m generator`: subcommands, exit codes, and the delegation to codegen and diffing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import generator.cli
import generator.codegen
import generator.diffing
from generator import spec_io
from generator.cli import main
from generator.codegen.traits import DEFAULT_FILES, BehaviourFiles
from generator.model import DocumentInfo, Operation, Parameter, Service, Spec
from generator.pipeline import DEFAULT_SOURCES_DIR, REPO_ROOT

SOURCE_FILE = "vpn-gateway-api-reference-en-20200917.txt"


def _small_spec(root: Path, sha256: str = "0" * 64) -> Spec:
    info = DocumentInfo(
        "vpn-en-20200917", SOURCE_FILE, "T", "vpn-gateway", "en", "2020-09-17", sha256
    )
    spec = Spec(
        service=Service(documents=[info]),
        operations=[
            Operation(
                "DescribeVpnGateways",
                "vpn-gateway",
                "VPN Gateway",
                parameters=[Parameter("Tag.N.Key", "string"), Parameter("PageSize", "integer")],
            )
        ],
    )
    files = {"service.yaml": spec_io.service_yaml(spec.service)}
    files.update(
        {f"operations/{op.name}.yaml": spec_io.operation_yaml(op) for op in spec.operations}
    )
    spec_io.write_files(root, files)
    (root / "sources").mkdir()
    shutil.copy(DEFAULT_SOURCES_DIR / SOURCE_FILE, root / "sources" / SOURCE_FILE)
    return spec


def test_spec_json_prints_the_merged_spec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _small_spec(tmp_path)
    assert main(["spec", "--json", "--spec", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    (op,) = data["operations"]
    assert op["name"] == "DescribeVpnGateways"
    assert [p["name"] for p in op["parameters"]] == ["Tag.N.Key", "PageSize"]
    assert op["response"] == {"name": "DescribeVpnGatewaysResponse", "type": "object", "fields": []}


def test_invalid_spec_exits_1_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _small_spec(tmp_path)
    path = tmp_path / "operations" / "DescribeVpnGateways.yaml"
    path.write_text(path.read_text().replace("type: integer", "typ: integer"))
    assert main(["spec", "--json", "--spec", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "typ:" in text)
    assert f"{path}:{line}: unknown key 'typ' in Parameter" in err


def test_generate_and_check_delegate_to_codegen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _small_spec(tmp_path, sha256=_sha(DEFAULT_SOURCES_DIR / SOURCE_FILE))
    calls: list[tuple[Spec, Path, BehaviourFiles]] = []
    monkeypatch.setattr(
        generator.codegen,
        "generate",
        lambda s, out, rules: calls.append((s, out, rules)) or [out / "client.py"],
    )
    checked: list[BehaviourFiles] = []
    monkeypatch.setattr(
        generator.codegen, "stale_files", lambda s, out, rules: checked.append(rules) or []
    )
    monkeypatch.setattr(generator.cli, "_stale_spec_files", lambda sources, spec_dir: [])
    out = tmp_path / "pkg"
    assert main(["generate", "--spec", str(tmp_path), "--out", str(out)]) == 0
    assert calls == [(spec, out, DEFAULT_FILES)]  # the folder has no behaviour files
    assert capsys.readouterr().out.strip() == str(out / "client.py")
    assert main(["check", "--spec", str(tmp_path), "--out", str(out)]) == 0

    own_waiters = tmp_path / "waiters.yaml"  # a spec folder with its own file uses it
    shutil.copy(REPO_ROOT / "spec" / "waiters.yaml", own_waiters)
    assert main(["generate", "--spec", str(tmp_path), "--out", str(out)]) == 0
    assert main(["check", "--spec", str(tmp_path), "--out", str(out)]) == 0
    own = DEFAULT_FILES._replace(waiters=own_waiters)
    assert calls[-1][2] == own and checked == [DEFAULT_FILES, own]
    assert DEFAULT_FILES.behaviour == REPO_ROOT / "spec" / "behaviour.yaml"

    monkeypatch.setattr(generator.codegen, "stale_files", lambda s, out, rules: ["models/x.py"])
    assert main(["check", "--spec", str(tmp_path), "--out", str(out)]) == 1
    assert "stale: models/x.py" in capsys.readouterr().err


def test_check_names_a_document_that_changed_since_extraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _small_spec(tmp_path, sha256="f" * 64)
    monkeypatch.setattr(generator.codegen, "stale_files", lambda s, out, rules: [])
    assert main(["check", "--spec", str(tmp_path), "--out", str(tmp_path / "pkg")]) == 1
    assert f"stale: {tmp_path / 'sources' / SOURCE_FILE}" in capsys.readouterr().err


def test_diff_passes_its_arguments_through(monkeypatch: pytest.MonkeyPatch) -> None:
    received: list[list[str]] = []
    monkeypatch.setattr(generator.diffing, "main", lambda argv: received.append(argv) or 3)
    assert main(["diff", "old", "new", "--json"]) == 3
    assert received == [["old", "new", "--json"]]


def test_extract_prints_the_summary_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "extract", "--out", str(tmp_path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = {line.split("|")[1].strip(): line for line in result.stdout.splitlines() if "|" in line}
    assert {"vpc-en-20190918", "ec-en-undated", "**total**", "merged"} <= set(rows)
    operations = int(rows["merged"].split("|")[2])
    assert operations == len(list((tmp_path / "operations").glob("*.yaml")))


def test_extract_with_a_broken_override_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "overrides.yaml").write_text(
        "- {family: vpc/en, operation: NoSuchOp, parameter: P, drop: true, "
        "reason: r, evidence: [{doc: vpc/en, line: 1723, quote: Isdefault}]}\n"
    )
    assert main(["extract", "--out", str(tmp_path)]) == 1
    assert f"{tmp_path / 'overrides.yaml'}:1: override matched nothing" in capsys.readouterr().err
    assert not (tmp_path / "operations").exists()


def _sha(path: Path) -> str:
    from generator.documents import file_sha256

    return file_sha256(path)


def test_check_names_spec_files_that_differ_from_a_fresh_extraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec_dir = tmp_path / "spec"
    shutil.copytree(DEFAULT_SOURCES_DIR, spec_dir / "sources")
    shutil.copy(DEFAULT_SOURCES_DIR.parent / "overrides.yaml", spec_dir / "overrides.yaml")
    assert main(["extract", "--sources", str(spec_dir / "sources"), "--out", str(spec_dir)]) == 0
    monkeypatch.setattr(generator.codegen, "stale_files", lambda s, out, rules: [])
    assert main(["check", "--spec", str(spec_dir), "--out", str(tmp_path / "pkg")]) == 0

    edited = spec_dir / "operations" / "DescribeVpcs.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Queries", "Lists", 1))
    capsys.readouterr()
    assert main(["check", "--spec", str(spec_dir), "--out", str(tmp_path / "pkg")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == f"stale: {edited}"


def test_diff_of_something_that_is_no_spec_exits_1_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(tmp_path), str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path}: neither a spec directory nor a per-document snapshot" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["extract", "update", "check", "diff"])
def test_a_file_no_family_recognises_is_an_error_for_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    from generator.documents import file_sha256

    _small_spec(tmp_path, sha256=file_sha256(DEFAULT_SOURCES_DIR / SOURCE_FILE))
    stray = tmp_path / "sources" / "network-guide-20310101.txt"
    stray.write_text("Some other vendor's network guide\n")
    sources, package = str(tmp_path / "sources"), str(tmp_path / "package")
    arguments = {
        "extract": ["extract", "--sources", sources, "--out", str(tmp_path)],
        "update": ["update", "--sources", sources, "--spec", str(tmp_path), "--out", package]
        + ["--changelog", str(tmp_path / "CHANGELOG.md")],
        "check": ["check", "--spec", str(tmp_path), "--out", package],
        "diff": ["diff", str(tmp_path), str(stray)],
    }
    assert main(arguments[command]) == 1
    error = capsys.readouterr().err
    assert f"{stray}: not recognised. Tried the first 400 lines" in error
    assert "`- {file: network-guide-20310101.txt, family: vpc/en}`" in error
    assert not (tmp_path / "documents").exists() and not (tmp_path / "CHANGELOG.md").exists()
