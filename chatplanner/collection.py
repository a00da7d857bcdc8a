"""When Python's cyclic garbage collector runs: paused while big batches of objects are built,
and, while the window is open, only on the GUI thread.

Left automatic, a collection starts in whichever thread allocates past the threshold. In the
window that is often a background read, and a collection there deletes the window's own Qt
objects that were left in reference cycles (a closed dialog, a page's old model) outside the GUI
thread: Qt then fires a timer on an object it has freed and the app crashes. So the window turns
automatic collection off and collects on its own thread (`collect_when_due`, from a timer), the
same generations the interpreter would have collected by itself.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_automatic = True  # False while the window collects on its own thread
_starting = False  # whether the start-up pause holds (`pause_for_start_up`)


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic collection while tens of thousands of objects are built (an import, People's
    whole list). They hold no cycles, yet each full collection walks them all with the
    interpreter lock held: in the window that froze it for a quarter of a second at a time."""
    global _pauses
    with _lock:
        _pauses += 1
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _automatic:
                gc.enable()


def pause_for_start_up() -> None:
    """No cyclic collection while the app starts, until `end_start_up_pause`: the modules,
    classes and widgets made until the window is wholly open live as long as the app (they
    are frozen, `freeze_long_lived_objects`), and the collector walked them over and over,
    dozens of times before Today was painted. A process forked meanwhile (Today read ahead)
    inherits the pause. Does nothing while the pause holds already."""
    global _pauses, _starting
    with _lock:
        if _starting:
            return
        _starting = True
        _pauses += 1
        gc.disable()


def end_start_up_pause() -> None:
    """The collector back (a command about to run, the window wholly open); does nothing when
    no start-up pause holds."""
    global _pauses, _starting
    with _lock:
        if not _starting:
            return
        _starting = False
        _pauses -= 1
        if _pauses == 0 and _automatic:
            gc.enable()


def collect_on_this_thread_only() -> None:
    """Turn automatic collection off: from now on the caller runs `collect_when_due`."""
    global _automatic
    with _lock:
        _automatic = False
        gc.disable()


def collect_automatically() -> None:
    """Give collection back to the interpreter (the window has closed)."""
    global _automatic
    with _lock:
        _automatic = True
        if _pauses == 0:
            gc.enable()


def collect_when_due() -> int:
    """Collect the generations whose counts have passed their thresholds, as the interpreter
    would have; nothing while a pause holds. Returns the number of objects found unreachable."""
    with _lock:
        if _pauses:
            return 0
    first, second, third = gc.get_threshold()
    young, middle, old = gc.get_count()
    if young <= first:
        return 0
    if middle <= second:
        return gc.collect(0)
    if old <= third:
        return gc.collect(1)
    return gc.collect(2)


def freeze_long_lived_objects() -> None:
    """Keep the objects made so far (modules, classes, the window) out of later collections.

    They live as long as the app, yet each full collection walks all of them again: on a large
    profile, the first read of the visible page (tens of thousands of rows) set off full
    collections that cost tens of milliseconds while the user waited for its content.
    """
    gc.freeze()
