"""Profiles for tests, made once per session and copied for each test.

A new profile costs its schema migrations (about 0.3 s) and the demo as much again; copying a
profile's folder takes a millisecond. So each kind of profile is made once per session, the
first time a test asks for it, and every test gets a copy of its own.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from chatplanner.domain.clock import Clock, system_clock
from chatplanner.services.workspace import Workspace

# Opens a profile for one test and closes it after the test:
# open_workspace(directory=None, *, clock=system_clock); without a directory, a new profile.
OpenWorkspace = Callable[..., Workspace]
# Opens a copy of the demo seen from a fixed moment, with that moment as its clock.
DemoAt = Callable[[datetime], Workspace]

# The demo is placed relative to "today" where its user lives.
_DEMO_ZONE = ZoneInfo("America/Toronto")


def fixed_clock(moment: datetime) -> Clock:
    return lambda: moment


class ProfileTemplates:
    """New and demo profiles kept for the session, copied for each test that wants one."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._made: dict[tuple[bool, object], Path] = {}

    def copy_to(self, target: Path, *, demo: bool = False, now: datetime | None = None) -> Path:
        """A copy at `target` of a profile opened first at `now` (the wall clock when None),
        holding the demo seen from then when `demo`.

        A profile made at a fixed moment was opened with that moment as its clock, as a test
        opening `Workspace.open(..., clock=lambda: now)` would: its automatic backup is dated
        by it. One made on the wall clock is made again when the day changes.
        """
        seen_from = now if now is not None else system_clock()
        day_or_moment: object = now if now is not None else seen_from.astimezone(_DEMO_ZONE).date()
        key = (demo, day_or_moment)
        source = self._made.get(key)
        if source is None:
            source = self._folder / f"profile-{len(self._made)}"
            clock = system_clock if now is None else fixed_clock(now)
            with Workspace.open(source, clock=clock) as workspace:
                if demo:
                    workspace.seed_demo()
            self._made[key] = source
        shutil.copytree(source, target)
        return target
