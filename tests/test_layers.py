"""The layer rules of ARCHITECTURE.md, checked on every import statement in the package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "chatplanner"


def _imports(path: Path) -> set[str]:
    module = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return _imported_names(path.read_text(encoding="utf-8"), module)


def _imported_names(source: str, module: tuple[str, ...]) -> set[str]:
    """Every module an import statement in `source` names, relative imports made absolute
    (`module` is the importing module's dotted path, `__init__` included for a package)."""
    package = module[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                above = package[: len(package) - (node.level - 1)]
                base = ".".join([*above, *([node.module] if node.module else [])])
            names.add(base)
            # `from . import x` and `from chatplanner import db` name modules too.
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _modules(subpackage: str) -> list[Path]:
    return sorted((PACKAGE / subpackage).rglob("*.py"))


def _violations_in(names: set[str], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden))


def _violations(subpackage: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in _modules(subpackage)
        for name in _violations_in(_imports(path), forbidden)
    ]


@pytest.mark.parametrize("layer", ["domain", "db", "services", "interop", "cli"])
def test_no_qt_below_the_ui(layer: str) -> None:
    assert _violations(layer, ("PySide6", "chatplanner.ui")) == []


def test_only_the_gui_entry_reaches_the_composition_root() -> None:
    # The CLI imports chatplanner.app lazily, only when no command is given.
    for layer in ("domain", "db", "services", "interop"):
        assert _violations(layer, ("chatplanner.app",)) == []


def test_domain_imports_nothing_of_the_app_but_itself() -> None:
    forbidden = (
        "chatplanner.db",
        "chatplanner.services",
        "chatplanner.interop",
        "chatplanner.cli",
        "sqlalchemy",
        "alembic",
        "geopy",
    )
    assert _violations("domain", forbidden) == []


def test_ui_never_sees_the_database() -> None:
    assert _violations("ui", ("chatplanner.db", "sqlalchemy", "alembic")) == []


def test_ui_reaches_formats_only_through_services() -> None:
    # One exception: files outside the database are written only through safe_files, and the
    # window writes a few of its own (the desktop entry, the style sheet's assets).
    found = _violations("ui", ("chatplanner.interop",))
    safe_files = " imports chatplanner.interop.safe_files"
    assert [v for v in found if not v.endswith(safe_files) and safe_files + "." not in v] == []


def test_the_command_line_goes_through_services() -> None:
    forbidden = ("chatplanner.db", "sqlalchemy", "alembic", "chatplanner.interop")
    assert _violations("cli", forbidden) == []


def test_relative_imports_are_seen() -> None:
    # The checks above would miss `from ...db import models` if relative imports were skipped.
    source = "from ...db import models\nfrom . import base\nfrom .base import Page\n"
    names = _imported_names(source, ("chatplanner", "ui", "views", "people"))
    assert {"chatplanner.db", "chatplanner.db.models", "chatplanner.ui.views.base"} <= names
    assert _violations_in(names, ("chatplanner.db",)) == ["chatplanner.db", "chatplanner.db.models"]
