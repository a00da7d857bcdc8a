"""PySide6's support modules: compiled at the first start, their code reused at the next.

Each case runs in a fresh Python (this one has PySide6 loaded already), importing Qt as the
app's start does, with a counter under `compile` that sees every support module compiled anew.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import zlib
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from typing import Any

import pytest

from chatplanner.ui.qt_support_cache import CACHE_FILE_NAME, cache_path

# Imports Qt inside support_code_cached(PATH) and prints the support modules it compiled, and
# (with PATTERNS as a second argument) the regular expressions it parsed anew.
_START = """
import builtins, json, sys
from pathlib import Path
compiled = []
original = builtins.compile
def counting(source, filename, mode, *args, **kwargs):
    if str(filename).startswith(("shibokensupport/", "signature_bootstrap")):
        compiled.append(str(filename))
    return original(source, filename, mode, *args, **kwargs)
builtins.compile = counting
parsed = []
parser = sys.modules["re._parser"]
parse = parser.parse
def parsing(pattern, *args, **kwargs):
    parsed.append(pattern if isinstance(pattern, str) else repr(pattern))
    return parse(pattern, *args, **kwargs)
parser.parse = parsing
from chatplanner.ui.qt_support_cache import support_code_cached
with support_code_cached(Path(sys.argv[1])):
    from PySide6.QtWidgets import QApplication
parser.parse = parse
from PySide6.QtCore import QSize, Qt
assert Qt.AlignmentFlag.AlignLeft
try:  # the support modules at work: the message lists QSize's signatures
    QSize("wide")
except TypeError as error:
    assert "QSize.__init__(w: int, h: int" in str(error), error
print(json.dumps(parsed if sys.argv[2:] == ["PATTERNS"] else compiled))
"""


def _stored(cache: Path) -> tuple[dict[Any, Any], int, dict[Any, Any]]:
    _magic, _checksum, data = marshal.loads(cache.read_bytes())
    entries, engine, patterns = marshal.loads(data)
    return dict(entries), engine, dict(patterns)


def _entries(cache: Path) -> dict[Any, Any]:
    return _stored(cache)[0]


def _rewrite(cache: Path, entries: dict[Any, Any], patterns: dict[Any, Any] | None = None) -> None:
    """The file as the app writes it, its checksum right, holding `entries` (and `patterns`,
    by default those it holds)."""
    _entries_now, engine, patterns_now = _stored(cache)
    data = marshal.dumps((entries, engine, patterns_now if patterns is None else patterns))
    cache.write_bytes(marshal.dumps((MAGIC_NUMBER, zlib.crc32(data), data)))


def _as_parsed(patterns: dict[Any, Any]) -> set[str]:
    """The stored patterns as `_START` lists them."""
    return {pattern if isinstance(pattern, str) else repr(pattern) for pattern, _flags in patterns}


def _parsed(cache: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _START, str(cache), "PATTERNS"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def _start_status(cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _START, str(cache)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _start(cache: Path, **env: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _START, str(cache)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, **env},
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_second_start_compiles_none_of_pyside_support_modules(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / CACHE_FILE_NAME
    first = _start(cache)
    assert "shibokensupport/signature/loader.py" in first
    assert cache.is_file()
    assert cache.stat().st_mode & 0o777 == 0o600
    assert _start(cache) == []


def test_the_second_start_parses_none_of_their_regular_expressions(tmp_path: Path) -> None:
    """The signature parser's patterns, some 10 ms of each start to compile, are handed to
    the engine as the first start's `re` left them, and match as they did."""
    cache = tmp_path / CACHE_FILE_NAME
    signatures = {pattern for pattern in _parsed(cache) if len(pattern) > 1000}
    assert signatures  # the signature parser's, and the stub writer's
    _entries_now, _engine, patterns = _stored(cache)
    assert signatures <= {pattern for pattern, _flags in patterns}
    assert _parsed(cache) == []


def test_a_regular_expression_program_the_engine_refuses_is_compiled_again(
    tmp_path: Path,
) -> None:
    """Well formed and its checksum right, but not a program the engine takes: the pattern
    is compiled as always, and Qt's signatures still work (the start checks them)."""
    cache = tmp_path / CACHE_FILE_NAME
    _start(cache)
    entries, _engine, patterns = _stored(cache)
    refused = {key: (flags, [255, 0, 1], *rest) for key, (flags, _code, *rest) in patterns.items()}
    _rewrite(cache, entries, refused)
    assert _as_parsed(patterns) <= set(_parsed(cache))


def test_another_engines_programs_are_not_used(tmp_path: Path) -> None:
    cache = tmp_path / CACHE_FILE_NAME
    _start(cache)
    entries, engine, patterns = _stored(cache)
    data = marshal.dumps((entries, engine + 1, patterns))
    cache.write_bytes(marshal.dumps((MAGIC_NUMBER, zlib.crc32(data), data)))
    assert _as_parsed(patterns) <= set(_parsed(cache))
    assert _parsed(cache) == []


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal data at all",
        marshal.dumps((b"\x00\x00\r\n", zlib.crc32(b"{}"), marshal.dumps({}))),
        marshal.dumps((MAGIC_NUMBER, zlib.crc32(b"x"), b"x")),
        marshal.dumps((MAGIC_NUMBER, 1, marshal.dumps(({}, 0, {})))),  # the checksum is wrong
        marshal.dumps((MAGIC_NUMBER, zlib.crc32(marshal.dumps({})), marshal.dumps({}))),  # older
        marshal.dumps((1, 2)),
        marshal.dumps(("a", "b", "c")),
    ],
    ids=[
        "empty",
        "garbage",
        "other-python",
        "not-marshal",
        "bad-sum",
        "older-layout",
        "wrong-shape",
        "strs",
    ],
)
def test_a_damaged_cache_is_compiled_over_and_replaced(tmp_path: Path, content: bytes) -> None:
    cache = tmp_path / CACHE_FILE_NAME
    cache.write_bytes(content)
    assert "shibokensupport/signature/loader.py" in _start(cache)
    assert _start(cache) == []


def test_code_kept_for_other_source_is_not_used(tmp_path: Path) -> None:
    """A PySide6 updated in place: same file names, other source. Code compiled from the old
    source (here, code that would end the process) is never run."""
    cache = tmp_path / CACHE_FILE_NAME
    _start(cache)
    hostile = compile("raise SystemExit('stale code ran')", "stale", "exec")
    stale = {
        key: (source + b"\n# older", hostile) for key, (source, _code) in _entries(cache).items()
    }
    _rewrite(cache, stale)
    assert "shibokensupport/signature/loader.py" in _start(cache)
    assert _start(cache) == []


def test_malformed_entries_are_passed_over(tmp_path: Path) -> None:
    cache = tmp_path / CACHE_FILE_NAME
    _start(cache)
    bad: dict[object, object] = {key: ("not bytes", 42) for key in _entries(cache)}
    bad["not a key"] = (b"", None)
    _rewrite(cache, bad)
    assert "shibokensupport/signature/loader.py" in _start(cache)
    assert _start(cache) == []


def test_a_byte_changed_in_the_stored_code_is_noticed(tmp_path: Path) -> None:
    """A disk's or a copy's damage: bytes changed inside the code, the file still well formed
    (a walkthrough's file with three bytes changed stopped every start with "unknown
    opcode"). The checksum says so, and the modules are compiled again."""
    cache = tmp_path / CACHE_FILE_NAME
    _start(cache)
    damaged = bytearray(cache.read_bytes())
    for offset in (len(damaged) // 3, len(damaged) // 2, 4 * len(damaged) // 5):
        damaged[offset] ^= 0x5A
    cache.write_bytes(bytes(damaged))
    assert "shibokensupport/signature/loader.py" in _start(cache)
    assert _start(cache) == []


def test_code_that_fails_is_thrown_away_for_the_next_start(tmp_path: Path) -> None:
    """Should stored code still fail as PySide runs it (here: well formed, its checksum right,
    for the right source), that start ends as PySide ends it, and the next one compiles
    afresh: a cache never stops the app twice."""
    cache = tmp_path / CACHE_FILE_NAME
    _start(cache)
    failing = compile("raise SystemExit('stored code failed')", "failing", "exec")
    _rewrite(cache, {key: (source, failing) for key, (source, _code) in _entries(cache).items()})
    failed = _start_status(cache)
    assert failed.returncode != 0
    assert "stored code failed" in failed.stderr
    assert "shibokensupport/signature/loader.py" in _start(cache)
    assert _start(cache) == []
    assert [p.name for p in tmp_path.iterdir()] == [CACHE_FILE_NAME]  # no mark left behind


def test_the_cache_is_written_where_python_writes_no_bytecode(tmp_path: Path) -> None:
    """PYTHONDONTWRITEBYTECODE keeps source folders clean; this file is in the cache folder."""
    cache = tmp_path / CACHE_FILE_NAME
    _start(cache, PYTHONDONTWRITEBYTECODE="1")
    assert _start(cache, PYTHONDONTWRITEBYTECODE="1") == []


def test_the_cache_is_in_the_user_cache_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "caches"))
    assert cache_path() == tmp_path / "caches" / "chatplanner" / CACHE_FILE_NAME


def test_the_app_start_fills_the_cache_and_the_next_start_uses_it(tmp_path: Path) -> None:
    """Two starts of the real app, each until Today is painted with its data."""
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "caches"),
        "QT_QPA_PLATFORM": "offscreen",
        "CHATPLANNER_REPORT_FIRST_PAINT": "1",
    }
    command = [sys.executable, "-m", "chatplanner", "--data-dir", str(tmp_path / "profile")]
    cache = tmp_path / "caches" / "chatplanner" / CACHE_FILE_NAME
    written = []
    for _ in range(2):
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        assert "content_painted_seconds" in done.stdout
        written.append(cache.stat().st_mtime_ns)
    assert "shibokensupport/signature/loader.py" in {name for name, _flags in _entries(cache)}
    assert written[1] == written[0]  # nothing new to keep: every module's code was there
