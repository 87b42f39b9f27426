"""The generator's file handling: determinism, writing only changes, owning the whole output folder
(and nothing outside it), stale detection."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.codegen import generate, stale_files
from generator.codegen.behaviour import load_entries
from generator.codegen.output import MARKER, OutputPathError, write_package
from generator.codegen.package import SDK_DIR, SIMULATOR_SPEC, render_package
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
    target = tmp_path / "generated"
    generate(_load(raw_spec), target, MINI_BEHAVIOUR)
    return target


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_rendering_ignores_input_key_order(raw_spec: Any) -> None:
    assert render_package(_load(raw_spec), MINI_BEHAVIOUR) == render_package(
        _load(_reverse_keys(raw_spec)), MINI_BEHAVIOUR
    )


def test_second_run_writes_nothing_and_bytes_are_identical(out_dir: Path, raw_spec: Any) -> None:
    before = _files(out_dir)
    assert generate(_load(raw_spec), out_dir, MINI_BEHAVIOUR) == []
    assert _files(out_dir) == before


def test_the_output_folder_holds_exactly_the_rendered_files(out_dir: Path, raw_spec: Any) -> None:
    files = _files(out_dir)
    assert files == render_package(_load(raw_spec), MINI_BEHAVIOUR)
    assert {
        MARKER,
        f"{SDK_DIR}/__init__.py",
        f"{SDK_DIR}/client.py",
        f"{SDK_DIR}/errors.py",
        f"{SDK_DIR}/operations.py",
        SIMULATOR_SPEC,
    } <= set(files)
    assert {f"{SDK_DIR}/models/{m}.py" for m in ("vpc", "ipsec_connections")} <= set(files)


def test_deleting_the_folder_and_generating_again_gives_the_same_bytes(
    out_dir: Path, raw_spec: Any
) -> None:
    before = _files(out_dir)
    shutil.rmtree(out_dir)
    generate(_load(raw_spec), out_dir, MINI_BEHAVIOUR)
    assert _files(out_dir) == before


def test_stale_files_reports_modified_and_missing(out_dir: Path, raw_spec: Any) -> None:
    spec = _load(raw_spec)
    assert stale_files(spec, out_dir, MINI_BEHAVIOUR) == []
    client, model = f"{SDK_DIR}/client.py", f"{SDK_DIR}/models/vpc.py"
    (out_dir / client).write_text("# edited\n", encoding="utf-8")
    (out_dir / model).unlink()
    assert stale_files(spec, out_dir, MINI_BEHAVIOUR) == [client, model]
    written = generate(spec, out_dir, MINI_BEHAVIOUR)
    assert written == [out_dir / client, out_dir / model]
    assert stale_files(spec, out_dir, MINI_BEHAVIOUR) == []


def test_every_file_not_produced_is_removed(out_dir: Path, raw_spec: Any) -> None:
    spec = _load(raw_spec)
    dropped = out_dir / SDK_DIR / "models" / "dropped_operation.py"
    dropped.write_text("# from an older spec\n", encoding="utf-8")
    hand_edit = out_dir / SDK_DIR / "notes.txt"
    hand_edit.write_text("# put here by hand\n", encoding="utf-8")
    cache = out_dir / SDK_DIR / "__pycache__" / "client.cpython-311.pyc"
    cache.parent.mkdir()
    cache.write_bytes(b"bytecode")
    assert stale_files(spec, out_dir, MINI_BEHAVIOUR) == [
        f"{SDK_DIR}/models/dropped_operation.py",
        f"{SDK_DIR}/notes.txt",
    ]
    written = generate(spec, out_dir, MINI_BEHAVIOUR)
    assert dropped in written and hand_edit in written
    assert not dropped.exists() and not hand_edit.exists() and cache.exists()
    assert stale_files(spec, out_dir, MINI_BEHAVIOUR) == []


def test_a_folder_not_marked_as_output_is_never_written(tmp_path: Path, raw_spec: Any) -> None:
    folder = tmp_path / "somewhere"
    folder.mkdir()
    (folder / "precious.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputPathError, match="no README.md marking it"):
        generate(_load(raw_spec), folder, MINI_BEHAVIOUR)
    assert [p.name for p in folder.iterdir()] == ["precious.txt"]


@pytest.mark.parametrize("path", ["../outside.py", "/etc/passwd", "a/../../b.py", ""])
def test_a_produced_path_outside_the_folder_is_refused(out_dir: Path, path: str) -> None:
    before = _files(out_dir)
    with pytest.raises(OutputPathError, match="refusing to write"):
        write_package({MARKER: b"x", path: b"print('escaped')\n"}, out_dir)
    assert _files(out_dir) == before


def test_a_symlink_leading_out_of_the_folder_is_refused(out_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out_dir / "link").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OutputPathError, match="leads outside"):
        write_package({MARKER: b"x", "link/escaped.py": b""}, out_dir)
    assert not any(elsewhere.iterdir())


def test_spec_json_ships_the_spec_for_the_simulator(out_dir: Path, raw_spec: Any) -> None:
    text = (out_dir / SIMULATOR_SPEC).read_text(encoding="utf-8")
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
