"""No class in the package has more than about 20 public methods: a class that does more is
two jobs, split by what each is for (as `Workspace` and its service areas, or `ContactService`
and `ContactEditService`), never hidden behind `__getattr__`."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "chatplanner"
MOST_PUBLIC_METHODS = 20


def public_methods(source: str) -> dict[str, int]:
    """Each class in `source` (nested ones too, by name) and how many public methods it
    defines: functions, properties and class methods not named with a leading underscore; a
    property's setter or an overload is the same method again."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            names = {
                item.name
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                and not item.name.startswith("_")
            }
            found[node.name] = len(names)
    return found


def test_the_count_takes_properties_once_and_leaves_private_and_dunder_methods_out() -> None:
    source = (
        "class A:\n"
        "    def __init__(self): ...\n"
        "    def _helper(self): ...\n"
        "    @property\n"
        "    def size(self): ...\n"
        "    @size.setter\n"
        "    def size(self, value): ...\n"
        "    @classmethod\n"
        "    def open(cls): ...\n"
    )
    assert public_methods(source) == {"A": 2}


def test_no_class_has_more_than_about_twenty_public_methods() -> None:
    over = [
        f"{path.relative_to(PACKAGE.parent)}: {name} has {count}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, count in public_methods(path.read_text(encoding="utf-8")).items()
        if count > MOST_PUBLIC_METHODS
    ]
    assert not over, "\n".join(over)
