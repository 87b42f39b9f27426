"""What a user's code will notice: the public Python names of the generated package, old vs new.

Rather than re-deriving the generator's naming rules, both specs are generated into temporary
directories and their public names (classes, methods and their keyword arguments, model attributes,
enum members, exception classes) are read back with `ast` and compared.
"""

from __future__ import annotations

import ast
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.model import Spec


@dataclass(frozen=True)
class NameChanges:
    removed: tuple[str, ...]
    added: tuple[str, ...]
    #: shared shapes (nested classes, enums) named differently: (old name, new name)
    renamed: tuple[tuple[str, str], ...] = ()


def python_name_changes(old: Spec, new: Spec) -> NameChanges:
    """Generate both specs and compare the public names of the two packages."""
    from generator.codegen import generate
    from generator.codegen.package import SDK_DIR

    with tempfile.TemporaryDirectory(prefix="aliyun-vpc-diff-") as tmp:
        names = []
        for label, spec in (("old", old), ("new", new)):
            out = Path(tmp, label)
            generate(spec, out, fragment=True)  # perhaps one document's operations only
            names.append(public_names(out / SDK_DIR))
    before, after = names
    renamed = shape_renames(old, new)
    return NameChanges(_outermost(before - after), _outermost(after - before), renamed)


def shape_renames(old: Spec, new: Spec) -> tuple[tuple[str, str], ...]:
    """Shapes whose name changed: the same nested class or enum of the same operation (by the name
    the operation's own module gives it) named one way in `old` and another in `new`."""
    before, after = _shape_names(old), _shape_names(new)
    pairs = {(before[key], after[key]) for key in before.keys() & after.keys()}
    return tuple(sorted((was, now) for was, now in pairs if was != now))


def _shape_names(spec: Spec) -> dict[tuple[str, str], str]:
    """(operation, the name its own module gives a shape) -> the shared shape's name."""
    from generator.codegen.models import build_module
    from generator.codegen.shapes import load_overrides, share

    modules = [build_module(op) for op in spec.operations]
    return share(modules, load_overrides(), fragment=True).local_names  # perhaps one document


def _outermost(names: set[str]) -> tuple[str, ...]:
    """The names whose parent is not in the set too: a removed method implies its arguments."""
    return tuple(sorted(n for n in names if _parent(n) not in names))


def _parent(name: str) -> str:
    if name.endswith("=)"):
        return name[: name.index("(")]
    return name.rsplit(".", 1)[0]


def public_names(package_dir: Path) -> set[str]:
    """Dotted public names defined by the Python files under the generated subpackage
    `package_dir`, as users import them (`aliyun_vpc.models.x.Y`, not `aliyun_vpc._generated...`).
    """
    from generator.codegen.package import CLIENT_MODULES

    names: set[str] = set()
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir).with_suffix("").parts
        if parts in {(client,) for client in CLIENT_MODULES}:
            parts = ("client",)  # each client class has its own module; users import the facade
        module = ".".join(["aliyun_vpc", *parts]).removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and _public(node.name):
                names.add(f"{module}.{node.name}")
                names.update(f"{module}.{node.name}.{member}" for member in _members(node))
    return names


def _members(cls: ast.ClassDef) -> set[str]:
    members: set[str] = set()
    for node in cls.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            members.add(node.target.id)
        elif isinstance(node, ast.Assign):
            members.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            members.add(node.name)
            members.update(f"{node.name}({arg.arg}=)" for arg in node.args.kwonlyargs)
    return {m for m in members if _public(m.split("(")[0])}


def _public(name: str) -> bool:
    return not name.startswith("_")
