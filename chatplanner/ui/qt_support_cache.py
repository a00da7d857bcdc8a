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

This module imports nothing of Qt.
"""

from __future__ import annotations
import __future__

import builtins
import contextlib
import marshal
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
# bytes), the entries being {(file name, flags): (source, code)}.
Entries = dict[tuple[str, int], tuple[bytes, CodeType]]


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
    cached = _trusted(path) if path is not None else {}
    compiled: Entries = {}
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
        yield
    finally:
        if builtins.compile is compile_or_reuse:
            builtins.compile = original
    if path is not None:
        if compiled:
            _write(path, {**cached, **compiled})
        with contextlib.suppress(OSError):
            _trying(path).unlink()  # Qt imported: the code served did not stop it


def _trying(path: Path) -> Path:
    """The mark a start leaves while Qt imports with code from `path`: PySide ends the process
    at once when its support modules fail, with no chance to say that the cache was to blame."""
    return path.with_name(path.name + ".trying")


def _trusted(path: Path) -> Entries:
    """The entries of `path`, unless a start that used them did not get through Qt's import
    (its mark is still there): then the file is removed, and the modules compiled afresh, so a
    cache never stops the app twice."""
    mark = _trying(path)
    if mark.exists():
        with contextlib.suppress(OSError):
            path.unlink()
        with contextlib.suppress(OSError):
            mark.unlink()
        return {}
    entries = _read(path)
    if entries:
        with contextlib.suppress(OSError):
            mark.touch()
    return entries


def _read(path: Path) -> Entries:
    """The entries of the file at `path`: none when it is missing, damaged (its checksum, over
    the code's bytes, no longer matches) or another Python's. Only the user can write it, as
    their own bytecode files; the checksum is for a disk's or a copy's damage, which marshal
    does not notice: a code object with a changed byte loads, and fails when run."""
    try:
        magic, checksum, data = marshal.loads(path.read_bytes())
        if magic != MAGIC_NUMBER or checksum != zlib.crc32(data):
            return {}
        entries = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {key: value for key, value in entries.items() if _well_formed(key, value)}


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


def _write(path: Path, entries: Entries) -> None:
    from chatplanner.interop.safe_files import (  # noqa: TID251 - the one way to write
        make_private_folder,
        write_private_file,
    )

    # A cache: not flushed to disk (a torn file is read as no file), but never seen half-written.
    with contextlib.suppress(OSError, ValueError):
        make_private_folder(path.parent)
        data = marshal.dumps(entries)
        whole = marshal.dumps((MAGIC_NUMBER, zlib.crc32(data), data))
        write_private_file(path, whole, durable=False, tidy=True)
