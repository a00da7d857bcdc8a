"""People's modules are imported while the open window waits, one module a turn.

`leaf_first` is checked on small packages written for the test (each import form it reads), then
on the app's own People page in a fresh interpreter, where nothing of it is imported yet; the
window test checks that the window does it once open, builds no page meanwhile, and that People
then opens as before from a click.
"""

from __future__ import annotations

import compileall
import importlib
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from chatplanner.ui.idle_imports import IdleImports, leaf_first

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty package `wu` on the path; its modules are forgotten after the test."""
    (tmp_path / "wu").mkdir()
    (tmp_path / "wu" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path / "wu"
    for name in [name for name in sys.modules if name == "wu" or name.startswith("wu.")]:
        del sys.modules[name]


def write(package: Path, **modules: str) -> None:
    """The modules, compiled as an installed copy's are (a module without bytecode is imported
    whole: reading its code would compile it twice)."""
    for name, text in modules.items():
        (package / f"{name}.py").write_text(textwrap.dedent(text))
    compileall.compile_dir(package, quiet=1)


def test_each_module_comes_after_what_it_imports_and_the_type_checkers_imports_are_left(
    package: Path,
) -> None:
    write(
        package,
        page="""
            from __future__ import annotations
            from typing import TYPE_CHECKING
            import wu.model
            from wu.parts import button
            from . import table
            if TYPE_CHECKING:
                from wu import only_for_types
            import wu.after_the_block
            def later():
                import wu.on_first_use
        """,
        model="import wu.base\n",
        base="",
        table="from .base import *\n",
        after_the_block="",
        only_for_types="raise AssertionError('only the type checker reads this')\n",
        on_first_use="raise AssertionError('imported on first use only')\n",
    )
    (package / "parts").mkdir()
    (package / "parts" / "__init__.py").write_text("")
    (package / "parts" / "button.py").write_text("import wu.base\n")
    (package / "parts" / "other.py").write_text("raise AssertionError('not asked for')\n")
    compileall.compile_dir(package, quiet=1)
    importlib.import_module("wu")  # the package, as the app's are once the window is open

    order = []
    for module in leaf_first(["wu.page"]):
        order.append(module)
        before = set(sys.modules)
        __import__(module)
        assert set(sys.modules) - before == {module}, f"{module} ran more than itself"
    assert order.index("wu.base") < order.index("wu.model") < order.index("wu.page")
    assert order.index("wu.parts") < order.index("wu.parts.button") < order.index("wu.page")
    assert order.index("wu.base") < order.index("wu.table") < order.index("wu.page")
    assert order[-2:] == ["wu.after_the_block", "wu.page"]
    for left in ("wu.only_for_types", "wu.on_first_use", "wu.parts.other"):
        assert left not in sys.modules


def test_a_module_that_fails_is_passed_over_and_the_rest_are_imported(
    package: Path, qtbot: QtBot
) -> None:
    write(
        package,
        page="import wu.broken\nimport wu.fine\n",
        broken="raise RuntimeError('a module that cannot be imported')\n",
        fine="",
    )
    imports = IdleImports(["wu.page", "wu.fine"])
    with qtbot.waitSignal(imports.finished, timeout=5000):
        imports.start()
    assert not imports.running
    assert "wu.fine" in sys.modules
    assert "wu.broken" not in sys.modules
    assert "wu.page" not in sys.modules


# In a fresh interpreter, with what the open window has imported: People's modules, a module a
# turn, against those that importing the page at once loads.
_PEOPLE_AHEAD = """
import compileall, json, sys
compileall.compile_dir("chatplanner", quiet=1)  # bytecode, as an installed copy has it
import chatplanner.ui.main_window, chatplanner.ui.views.today
from chatplanner.ui.idle_imports import leaf_first
page = "chatplanner.ui.views.people"
before = set(sys.modules)
larger = []
if sys.argv[1] == "ahead":
    for module in leaf_first([page]):
        was = set(sys.modules)
        __import__(module)
        larger += sorted(set(sys.modules) - was - {module})
else:
    __import__(page)
print(json.dumps({"new": sorted(set(sys.modules) - before), "larger": larger}))
"""


def _people_modules(how: str, bytecode: Path) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PEOPLE_AHEAD, how],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "QT_QPA_PLATFORM": "offscreen",
            "PATH": "/usr/bin:/bin",
            "PYTHONPYCACHEPREFIX": str(bytecode),
        },
        check=True,
    )
    found: dict[str, list[str]] = json.loads(done.stdout.splitlines()[-1])
    return found


def test_peoples_modules_ahead_are_those_the_page_imports_each_in_a_turn_of_its_own(
    tmp_path: Path,
) -> None:
    ahead = _people_modules("ahead", tmp_path)
    at_once = _people_modules("at once", tmp_path)
    assert "chatplanner.ui.people.table_model" in at_once["new"]
    assert ahead["new"] == at_once["new"]
    # No turn ran an app module it had not named; another package's module is a turn with what
    # it imports.
    assert [module for module in ahead["larger"] if module.startswith("chatplanner")] == []


def test_a_module_without_bytecode_is_imported_whole_in_one_turn(package: Path) -> None:
    write(package, page="import wu.model\n", model="")
    for cached in package.rglob("*.pyc"):
        cached.unlink()
    assert list(leaf_first(["wu.page"])) == ["wu.page"]  # its code is not read (compiled)
