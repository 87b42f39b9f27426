"""The generator's file handling: determinism, writing only changes, ownership, stale detection."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.codegen import generate, stale_files
from generator.codegen.behaviour import load_entries
from generator.codegen.package import GENERATED_LIST, render_package
from generator.codegen.simulator_data import load_simulator_data
from generator.codegen.traits import behaviour_files_for, load_behaviour
from generator.model import Spec, from_dict
from generator.provenance import without_revisions
from generator.spec_io import spec_to_json

FIXTURE = Path(__file__).parent / "fixtures" / "mini_spec.json"
MINI_BEHAVIOUR = behaviour_files_for(FIXTURE.parent / "mini_behaviour")


def _load(data: Any) -> Spec:
    spec: Spec = from_dict(Spec, data)
    return spec


def _reverse_keys(value: Any) -> Any:
    """The same data with every mapping's key order reversed."""
    if isinstance(value, dict):
        return {key: _reverse_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reverse_keys(item) for item in value]
    return value


@pytest.fixture(scope="module")
def raw_spec() -> Any:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def out_dir(tmp_path: Path, raw_spec: Any) -> Path:
    target = tmp_path / "aliyun_vpc"
    generate(_load(raw_spec), target, MINI_BEHAVIOUR)
    return target


def test_rendering_ignores_input_key_order(raw_spec: Any) -> None:
    assert render_package(_load(raw_spec), MINI_BEHAVIOUR) == render_package(
        _load(_reverse_keys(raw_spec)), MINI_BEHAVIOUR
    )


def test_second_run_writes_nothing_and_bytes_are_identical(out_dir: Path, raw_spec: Any) -> None:
    before = {p: p.read_bytes() for p in out_dir.rglob("*") if p.is_file()}
    assert generate(_load(raw_spec), out_dir, MINI_BEHAVIOUR) == []
    assert {p: p.read_bytes() for p in out_dir.rglob("*") if p.is_file()} == before


def test_generated_files_lists_exactly_what_was_written(out_dir: Path) -> None:
    listed = (out_dir / GENERATED_LIST).read_text(encoding="utf-8").split()
    on_disk = sorted(str(p.relative_to(out_dir)) for p in out_dir.rglob("*") if p.is_file())
    assert listed == on_disk
    assert {"client.py", "errors.py", "_operations.py", "py.typed", "data/spec.json"} <= set(listed)
    assert {f"models/{m}.py" for m in ("describe_vpcs", "create_vpn_connection")} <= set(listed)


def test_stale_files_reports_modified_and_missing(out_dir: Path, raw_spec: Any) -> None:
    spec = _load(raw_spec)
    assert stale_files(spec, out_dir, MINI_BEHAVIOUR) == []
    (out_dir / "client.py").write_text("# edited\n", encoding="utf-8")
    (out_dir / "models" / "delete_vpc.py").unlink()
    assert stale_files(spec, out_dir, MINI_BEHAVIOUR) == ["client.py", "models/delete_vpc.py"]
    written = generate(spec, out_dir, MINI_BEHAVIOUR)
    assert written == [out_dir / "client.py", out_dir / "models" / "delete_vpc.py"]
    assert stale_files(spec, out_dir, MINI_BEHAVIOUR) == []


def test_owned_leftovers_are_removed_and_other_files_kept(out_dir: Path, raw_spec: Any) -> None:
    spec = _load(raw_spec)
    runtime_file = out_dir / "signing.py"
    runtime_file.write_text("# handwritten\n", encoding="utf-8")
    dropped = out_dir / "models" / "dropped_operation.py"
    dropped.write_text("# from an older spec\n", encoding="utf-8")
    listing = out_dir / GENERATED_LIST
    listing.write_text(
        listing.read_text(encoding="utf-8") + "models/dropped_operation.py\n../outside.py\n",
        encoding="utf-8",
    )
    assert "models/dropped_operation.py" in stale_files(spec, out_dir, MINI_BEHAVIOUR)
    written = generate(spec, out_dir, MINI_BEHAVIOUR)
    assert dropped in written and not dropped.exists()
    assert runtime_file.read_text(encoding="utf-8") == "# handwritten\n"
    assert stale_files(spec, out_dir, MINI_BEHAVIOUR) == []


def test_spec_json_ships_the_spec_for_the_simulator(out_dir: Path, raw_spec: Any) -> None:
    text = (out_dir / "data" / "spec.json").read_text(encoding="utf-8")
    shipped = json.loads(text)
    behaviour = {
        "traits": load_behaviour(MINI_BEHAVIOUR.behaviour).traits.as_data(),
        "paginators": load_entries(MINI_BEHAVIOUR.paginators, "paginators"),
        "simulator": load_simulator_data(MINI_BEHAVIOUR.simulator, _load(raw_spec)),
    }
    assert text == spec_to_json(without_revisions(_load(raw_spec)), behaviour)
    assert shipped["paginators"]["DescribeVpcs"]["input_page"] == "PageNumber"
    assert shipped["traits"]["idempotency_token"] == "ClientToken"
    assert shipped["service"]["documents"] == []  # which revisions: spec/service.yaml
    assert [op["name"] for op in shipped["operations"]] == [
        op["name"] for op in raw_spec["operations"]
    ]
    assert json.dumps(shipped, sort_keys=True, indent=2, ensure_ascii=False) + "\n" == text


def test_formatting_cache_gives_black_s_bytes_and_skips_black_when_warm(
    raw_spec: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.cache import CACHE_ENV
    from generator.codegen import render

    monkeypatch.setenv(CACHE_ENV, "")
    uncached = render_package(_load(raw_spec), MINI_BEHAVIOUR)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    assert (
        render_package(_load(raw_spec), MINI_BEHAVIOUR) == uncached
    )  # formatted by black, then stored
    stored = [path for path in (tmp_path / "cache" / "black").rglob("*") if path.is_file()]
    assert len(stored) == sum(1 for name in uncached if name.endswith(".py"))

    def no_black(source: str) -> str:
        raise AssertionError("black ran for an unchanged module")

    monkeypatch.setattr(render, "format_source", no_black)
    assert (
        render_package(_load(raw_spec), MINI_BEHAVIOUR) == uncached
    )  # every module from the cache
    changed = json.loads(json.dumps(raw_spec))
    changed["operations"][0]["summary"] = "A changed summary."
    with pytest.raises(AssertionError, match="black ran"):
        render_package(_load(changed), MINI_BEHAVIOUR)  # a changed module is formatted again
