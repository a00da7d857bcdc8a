"""The app's command run in a process of its own on the offscreen platform, with the start-up
report (`ui/first_paint.py`) saying on stdout when the window is painted and with its data."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def reporting_app_env(home: Path, settle_ms: int, **more: str) -> dict[str, str]:
    """The environment: the report on, its last line (which closes the window) `settle_ms`
    after Today's content, the user's home in `home`."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "CHATPLANNER_REPORT_FIRST_PAINT": "1",
        "CHATPLANNER_REPORT_SETTLE_MS": str(settle_ms),
        **more,
    }
