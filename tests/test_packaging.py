"""An installed chatplanner must carry every module: setup.py finds packages by __init__.py."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "chatplanner"


def test_every_folder_of_python_files_is_a_package() -> None:
    missing = [
        str(folder.relative_to(PACKAGE.parent))
        for folder in [PACKAGE, *PACKAGE.rglob("*")]
        if folder.is_dir()
        and folder.name != "__pycache__"
        and any(folder.glob("*.py"))
        and not (folder / "__init__.py").exists()
    ]
    assert missing == []


def test_the_migrations_know_their_head() -> None:
    from chatplanner.db.migrate import head_revision

    assert head_revision()
