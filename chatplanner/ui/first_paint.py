"""A measuring hook for the startup benchmark: report when the main window is first painted.

With CHATPLANNER_REPORT_FIRST_PAINT=1 the app prints a JSON line on stdout at the first paint of
the main window (`first_paint_seconds`: the process's age then; the window with its navigation,
menus and the visible page's layout), another the moment the visible page, which reads its data
right after the first paint, has been painted with that data (`content_painted_seconds`; the
process's age is read in clock ticks, so a reader times the line's arrival), then a last line and
quits: the same figures and resident memory. Given the window's `opened` signal, that last line
waits for the window to be wholly open (its database opened: `opened_seconds`) and the event
loop's next turn, and says the longest time the window could not answer between the content's
paint and then (`longest_freeze_after_content_ms`: the longest gap between turns of the event
loop, as a click or a key would wait). Each moment comes with the process's CPU seconds then
(user + system, `*_cpu_seconds`; with those of the process that read Today's list ahead, once it
has ended), which barely move when other work shares the machine;
`content_painted_window_cpu_seconds`, this process's alone. `database_layer_at_content` names the
packages of the database layer (SQLAlchemy, Alembic) already loaded when the content was painted;
`today_read_ahead`, whether Today's list was the one read ahead.
CHATPLANNER_REPORT_SETTLE_MS waits that long after the paint before measuring memory, so work
a page defers to the event loop is counted too.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

REPORT_ENV = "CHATPLANNER_REPORT_FIRST_PAINT"
# What opening the database through the ORM loads: not needed to paint an up-to-date profile.
DATABASE_LAYER = ("sqlalchemy", "alembic")
SETTLE_ENV = "CHATPLANNER_REPORT_SETTLE_MS"
_IMPORTED_AT = time.perf_counter()
_TURN_PROBE_MS = 5  # how often the event loop's turns are noted after the content's paint


def process_age_seconds() -> float:
    """Seconds since this process started (from /proc on Linux; else since this import)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            # Field 22, counted after the parenthesised command name (which may hold spaces).
            fields = stat.read().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            up = float(uptime.read().split()[0])
        return up - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED_AT


def cpu_seconds() -> float:
    """CPU seconds (user + system) this process has used so far, to the microsecond (os.times
    counts in clock ticks, 10 ms: a change of a few ms was lost in the rounding), and those of
    its child processes that have ended (Today's list read ahead: services/today_ahead)."""
    try:
        import resource

        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        ended = children.ru_utime + children.ru_stime
    except (ImportError, OSError):  # no resource module (Windows)
        ended = 0.0
    return time.process_time() + ended


def memory_kib() -> dict[str, int]:
    """VmRSS and VmHWM (peak resident) of this process, in KiB, where /proc has them."""
    found: dict[str, int] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0])
    except (OSError, ValueError):
        pass
    return found


def loaded_database_layer() -> list[str]:
    """The packages of the database layer loaded in this process so far."""
    return [name for name in DATABASE_LAYER if name in sys.modules]


def report_requested() -> bool:
    return os.environ.get(REPORT_ENV, "") not in ("", "0")


class FirstPaintReporter(QObject):
    """Watches `window` for its first paint event.

    A window is painted before its children, in the same pass, so its own first paint event is
    the first one inside it. Only the window is watched, as the benchmark's bare window is: an
    application-wide filter would run Python for every event of every widget while the window
    is shown (and make PySide wrap each of them), slowing the start it measures.
    """

    def __init__(
        self,
        app: QApplication,
        window: QWidget,
        loaded: SignalInstance | None = None,
        *,
        opened: SignalInstance | None = None,
        details: Callable[[], dict[str, object]] | None = None,
    ) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self._details = details
        self._painted_at: float | None = None
        self._content_at: float | None = None
        self._painted_cpu = self._content_cpu = 0.0
        self._content_window_cpu = 0.0  # this process's alone, without the one reading ahead
        self._layer_at_content: list[str] = []
        self._waiting_for_load = loaded is not None
        if loaded is not None:
            loaded.connect(self._loaded)
        self._waiting_for_open = opened is not None
        self._opened_at: float | None = None
        if opened is not None:
            opened.connect(self._opened)
        # The event loop's turns from the content's paint on: the longest gap between two is
        # the longest a click would have waited.
        self._turns = QTimer(self)
        self._turns.setInterval(_TURN_PROBE_MS)
        self._turns.timeout.connect(self._turned)
        self._last_turn = 0.0
        self._longest_freeze = 0.0
        window.installEventFilter(self)

    def _loaded(self) -> None:
        # The page's data is in: paint it now (as the event loop would next) and note when.
        self._waiting_for_load = False
        self._window.repaint()
        self._content_at = process_age_seconds()
        self._content_cpu = cpu_seconds()
        self._content_window_cpu = time.process_time()
        self._layer_at_content = loaded_database_layer()
        self._say_content_painted()
        self._schedule_report()

    def _say_content_painted(self) -> None:
        line = {
            "content_painted_seconds": round(self._content_at or 0.0, 4),
            "content_painted_cpu_seconds": round(self._content_cpu, 4),
            "content_painted_window_cpu_seconds": round(self._content_window_cpu, 4),
        }
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()

    def _schedule_report(self) -> None:
        self._last_turn = time.perf_counter()
        self._turns.start()
        if self._waiting_for_open:
            return  # on the turn after the window is wholly open
        settle = int(os.environ.get(SETTLE_ENV, "0") or 0)
        QTimer.singleShot(max(settle, 0), self._report)

    def _opened(self) -> None:
        self._opened_at = process_age_seconds()
        self._waiting_for_open = False
        if self._content_at is not None:  # else once the content is painted
            settle = int(os.environ.get(SETTLE_ENV, "0") or 0)
            QTimer.singleShot(max(settle, 0), self._report)

    def _turned(self) -> None:
        now = time.perf_counter()
        self._longest_freeze = max(self._longest_freeze, now - self._last_turn)
        self._last_turn = now

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._painted_at = process_age_seconds()
            self._painted_cpu = cpu_seconds()
            self._window.removeEventFilter(self)
            first = {
                "first_paint_seconds": round(self._painted_at, 4),
                "first_paint_cpu_seconds": round(self._painted_cpu, 4),
            }
            sys.stdout.write(json.dumps(first) + "\n")
            sys.stdout.flush()
            if not self._waiting_for_load:
                self._content_at = self._painted_at
                self._content_cpu = self._painted_cpu
                self._content_window_cpu = time.process_time()
                self._layer_at_content = loaded_database_layer()
                self._say_content_painted()
                self._schedule_report()
        return False

    def _report(self) -> None:
        self._turned()
        self._turns.stop()
        figures = {
            "first_paint_seconds": round(self._painted_at or 0.0, 4),
            "content_painted_seconds": round(self._content_at or 0.0, 4),
            "first_paint_cpu_seconds": round(self._painted_cpu, 4),
            "content_painted_cpu_seconds": round(self._content_cpu, 4),
            "content_painted_window_cpu_seconds": round(self._content_window_cpu, 4),
            "database_layer_at_content": self._layer_at_content,
            "longest_freeze_after_content_ms": round(self._longest_freeze * 1000, 1),
            **({} if self._opened_at is None else {"opened_seconds": round(self._opened_at, 4)}),
            **memory_kib(),
            **(self._details() if self._details is not None else {}),
        }
        sys.stdout.write(json.dumps(figures) + "\n")
        sys.stdout.flush()
        self._window.close()
        self._app.quit()
