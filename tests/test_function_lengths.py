"""A function over about 60 lines says why it stays long: a `# Long:` comment just above it (or
ruff's `noqa` with its reason on its signature). Most long functions were split into named
steps; those left are layouts read top to bottom, formats written in their standard's order and
migrations, where splitting would hide the order."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "chatplanner"
MOST_LINES = 60


def long_functions_without_a_reason(source: str) -> list[str]:
    """The names of the functions in `source` longer than MOST_LINES lines with no `# Long:`
    comment in the three lines above them (decorators included) and no `noqa` on their
    signature."""
    lines = source.splitlines()
    unexplained = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        end = node.end_lineno or node.lineno
        if end - node.lineno + 1 <= MOST_LINES:
            continue
        top = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        above = lines[max(top - 4, 0) : top - 1]
        signature = lines[node.lineno - 1 : node.body[0].lineno - 1]
        if not any("# Long:" in line for line in above) and not any(
            "noqa" in line for line in signature
        ):
            unexplained.append(node.name)
    return unexplained


def test_a_long_function_without_a_reason_is_found_and_one_with_a_reason_is_not() -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(MOST_LINES))
    source = (
        f"def plain():\n{body}\n"
        f"# Long: a layout read top to bottom.\n@decorated\ndef explained():\n{body}\n"
        f"def noqa_on_signature():  # noqa: PLR0915 - the standard's order\n{body}\n"
        "def short():\n    return 1\n"
    )
    assert long_functions_without_a_reason(source) == ["plain"]


def test_every_function_over_sixty_lines_says_why() -> None:
    unexplained = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name in long_functions_without_a_reason(path.read_text(encoding="utf-8"))
    ]
    assert not unexplained, "\n".join(unexplained)
