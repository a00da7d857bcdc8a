"""Work in the background gives way while the window opens a page.

Python runs one thread at a time: a worker making thousands of rows while the user opens a page
slows that page by as much (Insights' first click: 115 ms alone, 290 ms while People's list was
read ahead, on a network of 30,000). So the window says when it opens a page
(`window_opens_a_page`), and work that can wait calls `give_way` between its steps: it waits
while another page opens, for `OPENING_MS` at most, and goes on at once when the page opening
is its own.

A module of its own, without the Qt classes of `background.py`: the window imports it as it
starts.
"""

from __future__ import annotations

import threading
import time
from functools import partial

from PySide6.QtCore import QTimer

# About how long a page takes to open with its content (its code, its widgets, its data); the
# work waits no longer than that after a click.
OPENING_MS = 300

_changed = threading.Condition()
_opening: str | None = None  # the key of the page being opened, if any
_openings = 0  # counts them: only the newest opening's end lets the work go on


def give_way(page: str) -> None:
    """In a worker doing `page`'s work, between steps: wait while the window opens another
    page."""
    deadline = time.monotonic() + OPENING_MS / 1000
    with _changed:
        while _opening is not None and _opening != page:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            _changed.wait(left)


def window_opens_a_page(page: str) -> None:
    """On the GUI thread, as `page` is chosen: other pages' work waits `OPENING_MS` at most."""
    global _opening, _openings
    with _changed:
        _opening = page
        _openings += 1
        _changed.notify_all()  # work for this page, waiting on another's opening, goes on
    QTimer.singleShot(OPENING_MS, partial(_opened, _openings))


def _opened(opening: int) -> None:
    global _opening
    with _changed:
        if opening == _openings:
            _opening = None
            _changed.notify_all()
