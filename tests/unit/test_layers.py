"""domain/, store/ and formats/ never import Textual (the layers point one way)."""

import subprocess
import sys


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
