"""No fact about the API is a constant in the runtime, the simulator or the code generator.

Facts are taken from the reviewed spec: operation names, request parameter wire names (whole, and
the list name before `.N`), error codes and their prefixes (`Throttling` of `Throttling.User`), and
the parameter names of the service traits (the owner parameters most documents omit).
Every string literal in the handwritten runtime, the simulator and the generator (docstrings aside:
they explain) must be none of them, except the few names of the RPC protocol itself. The document
parsers (`generator/extract/`) are left out: they read the documents' layout, whose table headers
("Name", "Type", "Description") coincide with parameter names, and they are what produces the spec.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from generator.codegen.traits import load_behaviour
from generator.spec_io import load_spec

ROOT = Path(__file__).resolve().parents[1]

#: Names of the RPC protocol, shared by every Alibaba Cloud RPC service whatever its API: the
#: common request parameters that say which action, version and format, and those of the v1
#: signature (signing and sending need them; the documents list them as "common parameters", and
#: no change to this API's spec can rename them without a new protocol).
PROTOCOL_NAMES = frozenset(
    {
        "Action",
        "Version",
        "Format",
        "AccessKeyId",
        "SecurityToken",
        "Signature",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "SignatureType",
        "Timestamp",
        "TimeStamp",
    }
)


@cache
def api_facts() -> dict[str, str]:
    """Literal -> what it is, from the spec."""
    spec = load_spec(ROOT / "spec")
    facts: dict[str, str] = {}
    codes = [error.code for error in spec.service.common_errors]
    for op in spec.operations:
        facts[op.name] = f"operation {op.name}"
        codes += [error.code for error in op.errors]
        for param in op.parameters:
            facts.setdefault(param.name, f"parameter of {op.name}")
            facts.setdefault(param.name.split(".")[0], f"parameter of {op.name}")
    for param in spec.service.common_parameters:
        facts.setdefault(param.name, "common parameter")
    for code in codes:
        facts.setdefault(code, "error code")
        facts.setdefault(code.split(".")[0], f"prefix of the error code {code}")
    traits = load_behaviour().traits
    for name in traits.owner_parameters:
        facts.setdefault(name, "service trait")
    return {name: what for name, what in facts.items() if name not in PROTOCOL_NAMES}


def sources() -> list[Path]:
    """The handwritten runtime, the simulator (with its demo) and the generator."""
    return [
        *sorted((ROOT / "runtime" / "aliyun_vpc").rglob("*.py")),
        *sorted((ROOT / "simulator" / "aliyun_vpc_simulator").rglob("*.py")),
        *(
            path
            for path in sorted((ROOT / "generator").rglob("*.py"))
            if (ROOT / "generator" / "extract") not in path.parents
        ),
    ]


def _docstrings(tree: ast.Module) -> set[int]:
    """ids of the docstring nodes of the module, its classes and functions."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def api_constants(path: Path, root: Path = ROOT) -> list[str]:
    """`file:line: 'literal' (what it is)` for each API fact written as a string literal, in
    source order."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _docstrings(tree)
    facts = api_facts()
    literals = sorted(
        (node.lineno, node.col_offset, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skipped
        and node.value in facts
    )
    return [
        f"{path.relative_to(root)}:{line}: {value!r} ({facts[value]})"
        for line, _, value in literals
    ]


@pytest.mark.parametrize("path", sources(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_api_fact_is_a_constant(path: Path) -> None:
    assert api_constants(path) == []


def test_the_scan_finds_api_facts(tmp_path: Path) -> None:
    """The scan is not vacuous: the constants this issue removed would be found."""
    module = tmp_path / "old_retries.py"
    module.write_text(
        '"""Docstrings may name ClientToken."""\n'
        'DEFAULT_RETRYABLE_CODES = frozenset({"ServiceUnavailable", "InternalError"})\n'
        'def is_throttling_code(code):\n    return code.startswith("Throttling")\n'
        'TOKEN, OWNER, PAGED = "ClientToken", "OwnerId", "DescribeRouteEntryList"\n'
        'FILTER = "Filter"\n',
        encoding="utf-8",
    )
    found = [line.split(": ", 1)[1] for line in api_constants(module, tmp_path)]
    assert [item.split(" (")[0] for item in found] == [
        "'ServiceUnavailable'",
        "'InternalError'",
        "'Throttling'",
        "'ClientToken'",
        "'OwnerId'",
        "'DescribeRouteEntryList'",
        "'Filter'",
    ]
    assert "'Throttling' (error code)" in found
