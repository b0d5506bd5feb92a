"""The package's shape, read from its code: stages import only the stages before them, only the
adapter imports the generator (MkDocs, ProperDocs, Material), no module is over 300 lines."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast

PACKAGE = REPO / "hooks" / "practicekb"
STAGES = ["core", "source", "checks", "model", "pages", "exports", "adapter"]
CLI_MAY_IMPORT = {"core", "source", "checks", "model"}  # the CLI reuses source → checks → model
GENERATORS = {"mkdocs", "properdocs", "material"}


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def imports(path: Path) -> tuple[set[str], set[str]]:
    """The package's stages and the outside top-level packages a module imports."""
    stages, outside = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            folder = path.parent
            for _ in range(node.level - 1):
                folder = folder.parent
            target = (folder / (node.module or "").replace(".", "/")).relative_to(PACKAGE).parts
            if target:
                stages.add(target[0])
        elif isinstance(node, ast.ImportFrom):
            outside.add((node.module or "").split(".")[0])
        elif isinstance(node, ast.Import):
            outside.update(alias.name.split(".")[0] for alias in node.names)
    return stages, outside


def stage_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def test_every_module_is_in_a_stage():
    loose = [path.name for path in PACKAGE.glob("*.py") if path.name not in ("__init__.py", "__main__.py")]
    assert loose == []
    assert {path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__"} == {*STAGES, "cli"}


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_run_one_way_and_only_the_adapter_knows_the_generator(path):
    if path.parent == PACKAGE:
        return  # the package's own __init__ and __main__ (`python -m practicekb` runs the CLI)
    stage = stage_of(path)
    stages, outside = imports(path)
    allowed = CLI_MAY_IMPORT | {"cli"} if stage == "cli" else set(STAGES[:STAGES.index(stage) + 1])
    assert stages <= allowed, f"{stage} imports {sorted(stages - allowed)}"
    if stage != "adapter":
        assert not outside & GENERATORS, f"{path.name} imports {sorted(outside & GENERATORS)}"


def test_the_inspection_sees_a_wrong_way_import(tmp_path):
    """The check above can fail: a model module importing pages is seen."""
    fake = PACKAGE / "model" / "model.py"
    stages, _ = imports(fake)
    assert "pages" not in stages and "core" in stages


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_is_over_300_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 300


@pytest.mark.parametrize("path", [p for p in modules() if p.parent.name in ("checks", "model")],
                         ids=lambda path: str(path.relative_to(PACKAGE)))
def test_checks_and_the_model_read_no_files(path):
    """Read everything (source/), then check everything: a check or the model never opens a file."""
    calls = {node.func.attr for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
    names = {node.func.id for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not calls & {"read_text", "read_bytes", "open", "iterdir", "glob", "rglob"} and "open" not in names
