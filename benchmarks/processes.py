"""Running the app's code in fresh processes for a benchmark, as an installed copy runs."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
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


def timed_run(command: list[str], env: dict[str, str], timeout: float = 600) -> float:
    """Seconds from starting `command` to its exit (a whole process, as a user waits for it);
    a failure stops the benchmark with the command's error."""
    return timed_run_with_cpu(command, env, timeout)[0]


def timed_run_with_cpu(
    command: list[str], env: dict[str, str], timeout: float = 600
) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of `command`, a whole process. The CPU time
    barely moves when other work shares the machine, so it confirms a noisy wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        shown = " ".join(command)
        raise SystemExit(f"{shown}: exit status {done.returncode}\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def compile_checkout(bytecode_folder: Path) -> None:
    """Compile the app's modules into `bytecode_folder` first, as an installed copy has them."""
    env = installed_like_env(bytecode_folder)
    timed_run([sys.executable, "-m", "compileall", "-q", str(ROOT / "chatplanner")], env)
