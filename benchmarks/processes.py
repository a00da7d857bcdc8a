"""Running the app's code in fresh processes for a benchmark, as an installed copy runs."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def installed_like_env(bytecode_folder: Path) -> dict[str, str]:
    """The environment of a benchmark's child process.

    Offscreen Qt (unless BENCH_QPA_PLATFORM says otherwise), this checkout first on the path,
    and compiled bytecode as an installed copy has it (pip compiles an install; PySide6's own
    modules always have theirs), kept in `bytecode_folder` so the checkout stays clean, and
    written even where the environment turns bytecode writing off.
    """
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = env.get("BENCH_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(bytecode_folder)
    return env
