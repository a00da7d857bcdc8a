"""The layer rules of ARCHITECTURE.md, checked on every import statement in the package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "chatplanner"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(subpackage: str) -> list[Path]:
    return sorted((PACKAGE / subpackage).rglob("*.py"))


def _violations(subpackage: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in _modules(subpackage):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    return found


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


def test_storage_and_formats_do_not_reach_up_into_services() -> None:
    assert (
        _violations("db", ("chatplanner.services", "chatplanner.cli", "chatplanner.interop")) == []
    )
    assert _violations("interop", ("chatplanner.services", "chatplanner.cli")) == []


def test_only_the_backup_format_reads_the_schema() -> None:
    # The JSON backup's shape is derived from the schema so that a new column is backed up
    # without touching it; no other outside format knows about the database.
    found = _violations("interop", ("chatplanner.db",))
    assert [v for v in found if not v.startswith("chatplanner/interop/backup_")] == []
