"""Lint: every tooltip and message box text in the GUI is a fixed string or goes through
`literal()`, so no text built from user data can be taken for rich text by Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import chatplanner

PACKAGE = Path(chatplanner.__file__).parent
SOURCES = sorted([*(PACKAGE / "ui").rglob("*.py"), PACKAGE / "app.py"])
# Methods whose argument (by position) Qt may render as rich text.
TEXT_METHODS = {"setToolTip": 0, "setInformativeText": 0, "setWhatsThis": 0, "setStatusTip": 0}
MESSAGE_BOX_FUNCTIONS = {"warning", "information", "question", "critical", "about"}
# Built on purpose from the app's own markup with every inserted value escaped.
REVIEWED = {("about.py", "about_html")}


def _is_safe(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(value, ast.Constant) for value in node.values)
    if isinstance(node, ast.IfExp):
        return _is_safe(node.body) and _is_safe(node.orelse)
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        return name == "literal"
    return False


def _called_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _message_box_names(tree: ast.AST) -> set[str]:
    """Variables assigned a `QMessageBox(...)` anywhere in the module."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and _called_name(node.value) == "QMessageBox"
        ):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def unsafe_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    boxes = _message_box_names(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        method = node.func.attr
        owner = node.func.value
        owner_name = owner.id if isinstance(owner, ast.Name) else ""
        argument: ast.expr | None = None
        if method in TEXT_METHODS and len(node.args) > TEXT_METHODS[method]:
            argument = node.args[TEXT_METHODS[method]]
        elif owner_name == "QMessageBox" and method in MESSAGE_BOX_FUNCTIONS:
            argument = node.args[2] if len(node.args) > 2 else None
        elif owner_name == "QInputDialog" and method.startswith("get"):
            argument = node.args[2] if len(node.args) > 2 else None  # its label guesses too
        elif owner_name == "QToolTip" and method == "showText" and len(node.args) > 1:
            argument = node.args[1]
        elif owner_name in boxes and method == "setText" and node.args:
            argument = node.args[0]
        if argument is None or _is_safe(argument):
            continue
        if isinstance(argument, ast.Call) and (path.name, _called_name(argument)) in REVIEWED:
            continue
        where = path.relative_to(PACKAGE) if path.is_relative_to(PACKAGE) else path.name
        found.append(f"{where}:{node.lineno}: {ast.unparse(node)[:90]}")
    return found


def test_the_lint_catches_built_text_and_accepts_literal(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "label.setToolTip(f'Open {name}')\n"
        "label.setToolTip('Open ' + name)\n"
        "label.setToolTip('Open {}'.format(name))\n"
        "label.setToolTip(name)\n"
        "QMessageBox.question(self, 'Remove?', f'Remove {venue}?')\n"
        "box = QMessageBox(self)\n"
        "box.setText(message)\n"
        "QToolTip.showText(pos, f'<qt>{text}</qt>', self)\n"
        "QInputDialog.getItem(self, 'Merge', f'Members of {name}:', names)\n"
        # Accepted:
        "label.setToolTip(literal(f'Open {name}'))\n"
        "label.setToolTip('A fixed sentence')\n"
        "label.setToolTip(literal(error) if error else '')\n"
        "QMessageBox.warning(self, f'Title {x}', literal(str(error)))\n",
        encoding="utf-8",
    )
    problems = unsafe_calls(sample)
    assert [p.split(":")[1] for p in problems] == ["1", "2", "3", "4", "5", "7", "8", "9"]


def test_no_tooltip_or_message_box_shows_built_text_without_literal() -> None:
    problems = [problem for path in SOURCES for problem in unsafe_calls(path)]
    assert problems == []
