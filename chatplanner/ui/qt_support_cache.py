"""PySide6's support modules compiled once, not at every start.

PySide6 keeps the Python modules behind its signatures, error messages and features
(`shibokensupport`) as source inside its library, and its importer compiles every one of them
each time a process imports PySide6 (`compile(source, name, "exec")`): some 15 ms of each start,
since, unlike the modules in its folder, they have no bytecode cache. (PySide's own switch,
SBK_EMBED=0, writes them into its installed folder; this needs nothing written there.)

While the window's first import of Qt runs, `support_code_cached()` hands that importer the code
compiled by an earlier start, from a file in the user's cache folder, for exactly the same
source, file name and compiler flags under the same Python; anything else is compiled as always.
A file that is missing, damaged (a checksum covers the stored code) or another Python's is
ignored, and PySide compiles as it always did; should stored code still stop a start, the mark
that start leaves makes the next one compile afresh. New code is written back at the end, also
where PYTHONDONTWRITEBYTECODE is set: that keeps source folders free of bytecode, and this file
is in the cache folder, where the user's caches belong.

The same file keeps the regular expressions those modules compile as they load, about 9 ms more
of each start (the signature parser's and the stub writer's, some of them thousands of
characters long): what Python's `re` hands its C engine for each (the engine's program, a list
of numbers), given to the engine again as it is, for the same pattern and flags under the same
Python and engine version (`_sre.MAGIC`). The engine checks a program before it takes it (one
it refuses is compiled as always), and the checksum covers these too.

This module imports nothing of Qt.
"""

from __future__ import annotations
import __future__

import _sre  # type: ignore[import-not-found]  # CPython's regular expression engine, no stubs
import builtins
import contextlib
import marshal
import re  # noqa: F401 - its compiler, re._compiler, is patched below
import sys
import zlib
from collections.abc import Iterator
from functools import reduce
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

from chatplanner import APP_NAME

CACHE_FILE_NAME = "pyside-support.marshal"
# The compiler flags a `from __future__` import sets: `compile` passes the caller's on.
_FUTURE_FLAGS = reduce(
    int.__or__, (getattr(__future__, name).compiler_flag for name in __future__.all_feature_names)
)
# The file's content: (Python's bytecode magic, CRC-32 of the entries' bytes, the entries'
# bytes), the entries being ({(file name, flags): (source, code)}, {(pattern, flags): program}).
Entries = dict[tuple[str, int], tuple[bytes, CodeType]]
# What `re` passed `_sre.compile` after the pattern: (flags, code, groups, groupindex,
# indexgroup); with the engine's version, since its programs change with it.
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
Patterns = dict[tuple[str | bytes, int], Program]
_ENGINE = _sre.MAGIC


def cache_path() -> Path | None:
    """The file in the user's cache folder (XDG_CACHE_HOME or ~/.cache on Linux)."""
    import platformdirs

    try:
        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / CACHE_FILE_NAME
    except RuntimeError:  # no home folder to put it in
        return None


@contextlib.contextmanager
def support_code_cached(path: Path | None = None) -> Iterator[None]:
    """Within the block, PySide6's importer is given its support modules' code from the cache
    at `path` (default `cache_path()`); code it had to compile is saved there afterwards.
    Nothing is done when PySide6 is loaded already."""
    if "shiboken6" in sys.modules:
        yield
        return
    path = cache_path() if path is None else path
    cached, cached_patterns = _trusted(path) if path is not None else ({}, {})
    compiled: Entries = {}
    compiled_patterns: Patterns = {}
    original = builtins.compile

    def compile_or_reuse(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        # The importer's call (source bytes, a name, "exec", nothing more); any other is not ours.
        if args or kwargs or mode != "exec" or not isinstance(source, bytes):
            return original(source, filename, mode, *args, **kwargs)
        # The flags compile would have inherited from its caller, given explicitly (a call from
        # here would inherit this module's instead).
        flags = sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
        key = (str(filename), flags)
        known = cached.get(key)
        if known is not None and known[0] == source:
            return known[1]
        code = original(source, filename, mode, flags, True)
        compiled[key] = (source, code)
        return code

    builtins.compile = compile_or_reuse
    try:
        with _patterns_reused(cached_patterns, compiled_patterns):
            yield
    finally:
        if builtins.compile is compile_or_reuse:
            builtins.compile = original
    if path is not None:
        if compiled or compiled_patterns:
            _write(path, {**cached, **compiled}, {**cached_patterns, **compiled_patterns})
        with contextlib.suppress(OSError):
            _trying(path).unlink()  # Qt imported: the code served did not stop it


@contextlib.contextmanager
def _patterns_reused(cached: Patterns, compiled: Patterns) -> Iterator[None]:
    """Within the block, a pattern `re` compiles is given to its engine from `cached` when there;
    else compiled as always, what `re` gave the engine kept in `compiled`."""
    compiler: Any = sys.modules["re._compiler"]  # re's own, whose compile re.compile calls
    original = compiler.compile

    def compile_or_reuse(pattern: Any, flags: int = 0) -> Any:
        if not isinstance(pattern, (str, bytes)) or not isinstance(flags, int):
            return original(pattern, flags)
        key = (pattern, int(flags))
        known = cached.get(key)
        if known is not None:
            with contextlib.suppress(RuntimeError, TypeError, ValueError):
                return _sre.compile(pattern, *known)  # the engine refuses a program not its own
        recorder = _EngineRecorder()
        compiler._sre = recorder
        try:
            compiled_pattern = original(pattern, flags)
        finally:
            compiler._sre = _sre
        if recorder.program is not None:
            compiled[key] = recorder.program
        return compiled_pattern

    compiler.compile = compile_or_reuse
    try:
        yield
    finally:
        if compiler.compile is compile_or_reuse:
            compiler.compile = original


class _EngineRecorder:
    """Stands for `_sre` while `re` compiles one pattern, keeping the program it is handed."""

    def __init__(self) -> None:
        self.program: Program | None = None

    def compile(self, pattern: Any, *program: Any) -> Any:
        if len(program) == 5 and isinstance(program[1], list):
            # Plain numbers: the program's opcodes are int subclasses, which marshal refuses.
            flags, code, groups, groupindex, indexgroup = program
            kept = (flags, [int(number) for number in code], groups, groupindex, indexgroup)
            if _well_formed_program(kept):
                self.program = kept
        return _sre.compile(pattern, *program)

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)


def _trying(path: Path) -> Path:
    """The mark a start leaves while Qt imports with code from `path`: PySide ends the process
    at once when its support modules fail, with no chance to say that the cache was to blame."""
    return path.with_name(path.name + ".trying")


def _trusted(path: Path) -> tuple[Entries, Patterns]:
    """The entries of `path`, unless a start that used them did not get through Qt's import
    (its mark is still there): then the file is removed, and the modules compiled afresh, so a
    cache never stops the app twice."""
    mark = _trying(path)
    if mark.exists():
        with contextlib.suppress(OSError):
            path.unlink()
        with contextlib.suppress(OSError):
            mark.unlink()
        return {}, {}
    entries, patterns = _read(path)
    if entries or patterns:
        with contextlib.suppress(OSError):
            mark.touch()
    return entries, patterns


def _read(path: Path) -> tuple[Entries, Patterns]:
    """The entries of the file at `path`: none when it is missing, damaged (its checksum, over
    the code's bytes, no longer matches) or another Python's. Only the user can write it, as
    their own bytecode files; the checksum is for a disk's or a copy's damage, which marshal
    does not notice: a code object with a changed byte loads, and fails when run."""
    try:
        magic, checksum, data = marshal.loads(path.read_bytes())
        if magic != MAGIC_NUMBER or checksum != zlib.crc32(data):
            return {}, {}
        entries, engine, patterns = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return {}, {}
    if not isinstance(entries, dict) or not isinstance(patterns, dict):
        return {}, {}
    code = {key: value for key, value in entries.items() if _well_formed(key, value)}
    if engine != _ENGINE:
        return code, {}  # another engine's programs: its patterns are compiled afresh
    programs = {
        key: value
        for key, value in patterns.items()
        if isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], (str, bytes))
        and isinstance(key[1], int)
        and _well_formed_program(value)
    }
    return code, programs


def _well_formed(key: object, value: object) -> bool:
    return (
        isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], str)
        and isinstance(key[1], int)
        and isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], bytes)
        and isinstance(value[1], CodeType)
    )


def _well_formed_program(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 5
        and isinstance(value[0], int)
        and isinstance(value[1], list)
        and all(type(number) is int for number in value[1])
        and isinstance(value[2], int)
        and isinstance(value[3], dict)
        and all(isinstance(k, str) and type(v) is int for k, v in value[3].items())
        and isinstance(value[4], tuple)
        and all(name is None or isinstance(name, str) for name in value[4])
    )


def _write(path: Path, entries: Entries, patterns: Patterns) -> None:
    from chatplanner.interop.safe_files import (  # noqa: TID251 - the one way to write
        make_private_folder,
        write_private_file,
    )

    # A cache: not flushed to disk (a torn file is read as no file), but never seen half-written.
    with contextlib.suppress(OSError, ValueError):
        make_private_folder(path.parent)
        data = marshal.dumps((entries, _ENGINE, patterns))
        whole = marshal.dumps((MAGIC_NUMBER, zlib.crc32(data), data))
        write_private_file(path, whole, durable=False, tidy=True)
