"""domain/, store/ and formats/ never import Textual (the layers point one way)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest


def test_core_layers_do_not_import_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, infoview_tui.domain, infoview_tui.store, infoview_tui.formats\n"
        "for package in (infoview_tui.domain, infoview_tui.store, infoview_tui.formats):\n"
        "    for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(module.name)\n"
        "import infoview_tui.__main__\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if m.startswith('textual'))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- the direction between layers --------------------------------------------------------

PACKAGE = Path(__file__).resolve().parents[2] / "infoview_tui"
# What each layer may import of infoview itself: ui -> formats -> store -> domain, nothing upward.
# (paths.py and __init__.py are leaves every layer may use; app.py and __main__.py are the top.)
ALLOWED: dict[str, set[str]] = {
    "domain": {"domain"},
    "store": {"domain", "store", "paths"},
    "formats": {"domain", "store", "formats", "paths"},
    "ui": {"domain", "store", "formats", "ui", "paths", "app"},
}


def _layer_of(module: str) -> str:
    """'infoview_tui.store.storage' -> 'store'; 'infoview_tui.paths' -> 'paths'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports_of(path: Path, module: str | None = None) -> set[str]:
    """Every infoview module `path` (the module named `module`) imports, at any depth in
    the file (lazy imports too)."""
    module = module or "infoview_tui." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("infoview_tui"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [f"{target}.{alias.name}" for alias in node.names]
                found.update(names)
            elif node.module and node.module.startswith("infoview_tui"):
                found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(layer: str) -> None:
    wrong = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for imported in _imports_of(path):
            target = _layer_of(imported)
            if target not in ALLOWED[layer] and target != "__init__":
                wrong.append(f"{path.relative_to(PACKAGE)} imports {imported}")
    assert not wrong, "\n".join(wrong)


def test_the_direction_check_sees_an_upward_import(tmp_path: Path) -> None:
    # The check above must be able to fail: a domain module reaching up, relatively and by name.
    probe = tmp_path / "probe.py"
    probe.write_text("from ..store.repository import Repository\nimport infoview_tui.ui.screens.today\n")
    imported = _imports_of(probe, module="infoview_tui.domain.probe")
    assert imported == {"infoview_tui.store.repository", "infoview_tui.ui.screens.today"}
    assert {_layer_of(name) for name in imported} - ALLOWED["domain"] == {"store", "ui"}
