"""The pages' modules imported while the window waits for the user, one module at a time.

The window opens with only what its first page needs (`views.registry`); each other page's
modules were imported when it was first chosen, and the user waited for that (a third of
opening People on a large network). Once the profile is open and its first page painted,
`IdleImports` imports them on later turns of the event loop, each module after the ones it
imports (`leaf_first`), so no turn takes longer than running one module's own code: a click
or a key that comes meanwhile waits for at most that.

A module's imports are read from its compiled code without running it: the `import` and
`from ... import` at its top level, not those under `if TYPE_CHECKING:` (never run) nor inside
functions (imported on first use, on purpose). A module that cannot be imported is passed
over: the page that needs it says so when it is chosen, as before.
"""

from __future__ import annotations

import dis
import importlib
import importlib.util
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from importlib.machinery import ModuleSpec
from types import CodeType, ModuleType

from PySide6.QtCore import QObject, QTimer, Signal

_log = logging.getLogger(__name__)
START_AFTER_MS = 300
TURN_GAP_MS = 2
_IMPORT_NAME = dis.opmap["IMPORT_NAME"]
_IMPORT_FROM = dis.opmap["IMPORT_FROM"]
_LOAD_NAME = dis.opmap["LOAD_NAME"]
_LOAD_CONST = dis.opmap["LOAD_CONST"]
_EXTENDED_ARG = dis.EXTENDED_ARG
_CACHE = dis.opmap.get("CACHE", -1)
# `if TYPE_CHECKING:` jumps over its block when false (Python 3.11's name, then 3.12's).
_SKIP_IF_FALSE = frozenset(
    dis.opmap[name]
    for name in ("POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_IF_FALSE")
    if name in dis.opmap
)


def leaf_first(modules: Iterable[str]) -> Iterator[str]:
    """The modules not imported yet that importing `modules` would run, each after those it
    imports at its top level. Read lazily: each module's code is read when reached.

    Only the modules of the packages named are read; another package's module is one turn,
    with what it imports: such code may choose its imports by platform or version
    (`if sys.platform == ...`), which reading cannot tell."""
    seen: set[str] = set()
    read = {module.partition(".")[0] for module in modules}
    for module in modules:
        yield from _leaf_first(module, seen, read)


def _leaf_first(module: str, seen: set[str], read: set[str]) -> Iterator[str]:
    if module in seen or module in sys.modules:
        return
    seen.add(module)
    spec = None if _a_name_in_a_module(module) else _spec(module)
    if spec is None:
        return
    if module.partition(".")[0] in read and _compiled_already(spec):
        for imported in _top_level_imports(module, spec):
            yield from _leaf_first(imported, seen, read)
    yield module


def _compiled_already(spec: ModuleSpec) -> bool:
    """Whether the module's bytecode is cached: without it (a checkout run with bytecode writing
    turned off) reading its code would compile it, and importing it compile it again, so it is
    imported whole, in one turn."""
    cached = spec.cached
    return cached is not None and os.path.exists(cached)


def _top_level_imports(module: str, spec: ModuleSpec) -> list[str]:
    code = _code_of(module, spec)
    if code is None:
        return []
    found: list[str] = []
    skip_to = -1  # the end of an `if TYPE_CHECKING:` block
    recent: list[tuple[int, int, int]] = []  # the instructions before this one, latest last
    for offset, op, argument in _instructions(code):
        if offset < skip_to:
            continue
        if op in _SKIP_IF_FALSE and any(
            was == _LOAD_NAME and code.co_names[arg] == "TYPE_CHECKING" for _, was, arg in recent
        ):
            skip_to = _jump_target(code.co_code, offset, argument)
        elif op == _IMPORT_FROM and found:
            # Perhaps a module of the package just named: `from chatplanner.ui import people`.
            found.append(f"{found[-1]}.{code.co_names[argument]}")
        elif op == _IMPORT_NAME:
            name = code.co_names[argument]
            level = _level(code, recent)
            if level:  # a relative import, `from .parts import x`
                try:
                    name = importlib.util.resolve_name("." * level + name, spec.parent or "")
                except ImportError:
                    continue
            found.extend(_with_parents(name))
        recent = [*recent[-1:], (offset, op, argument)]
    return found


def _instructions(code: CodeType) -> Iterator[tuple[int, int, int]]:
    """Each instruction's offset, operation and argument, up to the module's last import.

    Read from the raw code rather than through `dis`, which decodes all of it first (some
    15 microseconds an instruction, tens of milliseconds for a page's modules); the imports
    come first. Should a Python version lay its code out otherwise, the worst outcome is a
    module imported in a larger turn, or one that is only named for the type checker."""
    raw = code.co_code
    last_import = raw[::2].rfind(_IMPORT_NAME) * 2
    extended = 0
    for offset in range(0, last_import + 2, 2):
        op = raw[offset]
        if op == _CACHE:
            continue
        argument = raw[offset + 1] | extended
        if op == _EXTENDED_ARG:
            extended = argument << 8
            continue
        extended = 0
        yield offset, op, argument


def _jump_target(raw: bytes, offset: int, argument: int) -> int:
    """Where a forward jump at `offset` lands: counted from after its inline caches."""
    after = offset + 2
    while after < len(raw) and raw[after] == _CACHE:
        after += 2
    return after + 2 * argument


def _level(code: CodeType, recent: list[tuple[int, int, int]]) -> int:
    """An import's level (0: absolute), the constant loaded two instructions before it."""
    if len(recent) < 2 or recent[0][1] != _LOAD_CONST:
        return 0
    level = code.co_consts[recent[0][2]]
    return level if isinstance(level, int) else 0


def _with_parents(name: str) -> list[str]:
    """`a.b.c` runs `a`, then `a.b`, then `a.b.c`."""
    parts = name.split(".")
    return [".".join(parts[: count + 1]) for count in range(len(parts)) if parts[count]]


def _a_name_in_a_module(name: str) -> bool:
    """Whether `name` is, as far as can be seen without looking for files, not a module but a
    name that `from module import name` takes from a module already imported."""
    parent_name, _, last = name.rpartition(".")
    parent = sys.modules.get(parent_name) if parent_name else None
    if parent is None:
        return False
    if not hasattr(parent, "__path__"):
        return True  # a module, not a package: it has no modules in it
    found = getattr(parent, last, None)
    return found is not None and not isinstance(found, ModuleType)


def _spec(module: str) -> ModuleSpec | None:
    try:
        return importlib.util.find_spec(module)  # imports the parent packages, as importing does
    except (ImportError, ValueError):
        return None


def _code_of(module: str, spec: ModuleSpec) -> CodeType | None:
    """The module's code as importing it would run it; None for a module with none to read
    (built in, or an extension)."""
    get_code = getattr(spec.loader, "get_code", None)
    if get_code is None:
        return None
    try:
        code = get_code(module)
    except (ImportError, OSError, SyntaxError):
        return None
    return code if isinstance(code, CodeType) else None


class IdleImports(QObject):
    """Imports `modules` (and what they import) one module a turn of the event loop."""

    finished = Signal()

    def __init__(self, modules: Iterable[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending = leaf_first(modules)
        self._timer = QTimer(self)
        # A gap between turns: what the window still does after its paint (the cards below the
        # first screen, the database's opening) and what the user does come first.
        self._timer.setInterval(TURN_GAP_MS)
        self._timer.timeout.connect(self._import_next)

    def start(self, after_ms: int = START_AFTER_MS) -> None:
        """Begin `after_ms` from now: a window just painted has its own work to finish first."""
        QTimer.singleShot(after_ms, self, self._timer.start)

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _import_next(self) -> None:
        module = next(self._pending, None)
        if module is None:
            self._timer.stop()
            self.finished.emit()
            return
        try:
            importlib.import_module(module)
        except Exception:  # passed over: the page says why when it is chosen
            _log.debug("not imported ahead: %s", module, exc_info=True)
