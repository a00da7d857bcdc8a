"""Lint: every file the app writes outside the database goes through `interop/safe_files`.

A direct `write_text`, `write_bytes`, `open(..., "w")`, `os.open(..., O_CREAT)` or file copy
anywhere else would skip what that helper guarantees (private mode whatever the umask, no
planted link followed, atomic rename, fsync). The few exceptions are the database itself and
its copies, the lock and log files, each listed with the reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import chatplanner

PACKAGE = Path(chatplanner.__file__).parent
HELPER = PACKAGE / "interop" / "safe_files.py"
ALLOWED = {
    ("db/engine.py", "os.open"): "creates the database file 0600 before SQLite opens it",
    ("profile.py", "os.open"): "the lock file (held open) and the Qt window-state file Qt rewrites",
    ("profile.py", "open"): "the lock file's descriptor, held open while the profile is locked",
    ("ui/error_handler.py", "os.open"): "the log file, appended to by the logging module",
    ("services/auto_backup.py", "shutil.copyfile"): "a database copy staged 0600 in backups/",
}
_COPIES = {"copy", "copy2", "copyfile", "copyfileobj", "copytree", "move"}


def _writing_mode(node: ast.Call, position: int) -> bool:
    modes = node.args[position : position + 1] + [k.value for k in node.keywords if k.arg == "mode"]
    return any(
        isinstance(m, ast.Constant) and isinstance(m.value, str) and set(m.value) & set("wax+")
        for m in modes
    )


def file_writes(path: Path) -> list[tuple[str, int]]:
    """(call, line) of every direct file write in `path`."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        owner = (
            func.value.id
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            else ""
        )
        call = f"{owner}.{name}" if owner else name
        if name in ("write_text", "write_bytes") or (
            name == "open" and owner in ("", "io", "codecs") and _writing_mode(node, 1)
        ):
            found.append((call, node.lineno))
        elif isinstance(func, ast.Attribute) and name == "open" and _writing_mode(node, 0):
            found.append((call, node.lineno))  # Path.open("w")
        elif (call == "os.open" and "O_CREAT" in ast.unparse(node)) or (
            owner == "shutil" and name in _COPIES
        ):
            found.append((call, node.lineno))
    return found


def test_the_lint_finds_direct_writes(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "path.write_text('x')\n"
        "path.write_bytes(b'x')\n"
        "open(name, 'w')\n"
        "path.open('wb')\n"
        "os.open(name, os.O_CREAT | os.O_WRONLY)\n"
        "shutil.copyfile(a, b)\n"
        "open(name)\n"
        "path.open('rb')\n",
        encoding="utf-8",
    )
    assert [line for _call, line in file_writes(sample)] == [1, 2, 3, 4, 5, 6]


def test_every_file_outside_the_database_is_written_through_the_one_helper() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == HELPER:
            continue
        relative = path.relative_to(PACKAGE).as_posix()
        for call, line in file_writes(path):
            if (relative, call) not in ALLOWED:
                problems.append(f"{relative}:{line}: {call}")
    assert problems == []
