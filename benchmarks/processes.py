"""Running the app's code in fresh processes for a benchmark, as an installed copy runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE_IN_APP = Path(__file__).with_name("page_in_app.py")


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


def page_first_open_ms(directory: Path, key: str, runs: int, bytecode: Path) -> list[float]:
    """The first click on page `key` in a running app on the profile in `directory`, in fresh
    processes (benchmarks/page_in_app.py), one warm-up run first: `runs` figures."""
    env = installed_like_env(bytecode)
    command = [sys.executable, str(PAGE_IN_APP), str(directory), key]
    figures = []
    for _ in range(runs + 1):
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"{key}: exit status {done.returncode}\n{done.stderr[-2000:]}")
        figures.append(json.loads(done.stdout.strip().splitlines()[-1])["in_app_open_ms"])
    return figures[1:]
