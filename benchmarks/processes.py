"""Running the app's code in fresh processes for a benchmark, as an installed copy runs."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.figures import ratio, summary

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


def first_paint(command: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Run `command`, a process that prints JSON lines (the app with
    CHATPLANNER_REPORT_FIRST_PAINT=1, or a bare window), to its end. Returns the wall seconds
    from spawn to its first line (its first paint), and its last line, with the wall seconds
    from spawn added: `wall_to_content_line`, to the line printed when the page's content was
    painted (the app's), and `wall_to_last_line`, to the last."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    report: dict[str, float] | None = None
    wall = 0.0
    content_wall: float | None = None
    for line in process.stdout:
        if line.startswith("{"):
            arrived = time.perf_counter() - started
            if report is None:
                wall = arrived
            report = json.loads(line)
            if content_wall is None and "content_painted_seconds" in report:
                content_wall = arrived
            report["wall_to_last_line"] = arrived
    _out, err = process.communicate(timeout=120)
    if report is None:
        raise RuntimeError(f"no first-paint report from {command}: {err[-2000:]}")
    if content_wall is not None:
        report["wall_to_content_line"] = content_wall
    return wall, report


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


def compiled_env(root: Path) -> dict[str, str]:
    """The checkout compiled into `root`/bytecode, and the environment of child processes that
    use that bytecode (installed_like_env)."""
    bytecode = root / "bytecode"
    compile_checkout(bytecode)
    return installed_like_env(bytecode)


def at_each_size(
    sizes: list[int], measure: Callable[[int, Path, dict[str, str]], dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """`measure(size, folder, env)` for each size, in a temporary folder where the checkout
    was compiled first (env: compiled_env); keyed by the size as text, as reports print it."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        env = compiled_env(root)
        return {str(size): measure(size, root, env) for size in sizes}


def child_figures(
    command: list[str], env: dict[str, str], processes: int, what: str
) -> dict[str, list[float]]:
    """Run `command`, which prints one JSON object of figures, in `processes` + 1 fresh
    processes; the first warms the disk cache and is not counted. Returns each key's figures
    from the counted processes: single numbers gathered into a list, lists joined."""
    gathered: dict[str, list[float]] = {}
    for process in range(processes + 1):
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"{what}: exit status {done.returncode}\n{done.stderr}")
        if not process:
            continue
        for key, value in json.loads(done.stdout).items():
            figures = gathered.setdefault(key, [])
            if isinstance(value, list):
                figures.extend(value)
            else:
                figures.append(value)
    return gathered


def command_beside_floor(
    run_command: Callable[[], tuple[float, float]],
    run_floor: Callable[[], tuple[float, float]],
    runs: int,
) -> dict[str, object]:
    """A whole-process command beside its floor: `runs` + 1 runs of each, alternating so that
    noise from other work on the machine falls on both; the first pair warms caches and is not
    counted. Each run function returns (wall, CPU) seconds of one run (as timed_run_with_cpu
    does). Returns the wall and CPU figures of both, with their spread, and
    the ratios of their medians."""
    walls, cpus, floor_walls, floor_cpus = [], [], [], []
    for run in range(runs + 1):
        wall, cpu = run_command()
        floor_wall, floor_cpu = run_floor()
        if run:
            walls.append(wall)
            cpus.append(cpu)
            floor_walls.append(floor_wall)
            floor_cpus.append(floor_cpu)
    return {
        "command_seconds": summary(walls),
        "command_cpu_seconds": summary(cpus),
        "floor_seconds": summary(floor_walls),
        "floor_cpu_seconds": summary(floor_cpus),
        "ratio_of_medians": ratio(statistics.median(walls), statistics.median(floor_walls)),
        "cpu_ratio_of_medians": ratio(statistics.median(cpus), statistics.median(floor_cpus)),
    }
