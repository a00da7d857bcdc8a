"""Run every benchmark and collect one JSON report with the machine it ran on.

    python -m benchmarks [--quick] [--only NAME ...] [--timeout SECONDS]

Each `benchmarks/bench_*.py` runs in its own process and prints one JSON object. The report goes
to stdout and to benchmarks/out/latest.json. With --quick, a script that accepts `--quick` gets
it, and the older scripts get smaller sizes from QUICK_ARGS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "latest.json"

# Smaller sizes for scripts that do not take --quick themselves.
QUICK_ARGS = {
    "bench_import_parse": ["--rows", "5000", "--repeats", "2"],
    "bench_venue_ranking": ["--runs", "50"],
    "bench_archive_render": ["--meetings", "2000"],
}


def bench_scripts(only: list[str] | None = None) -> list[Path]:
    scripts = sorted(HERE.glob("bench_*.py"))
    if only:
        scripts = [s for s in scripts if s.stem in only or s.stem.removeprefix("bench_") in only]
    return scripts


def _read(path: str, default: str = "") -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return default


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or platform.machine(),
    )
    ram = next(
        (
            round(int(line.split()[1]) / 1024 / 1024, 1)
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal:")
        ),
        None,
    )
    try:
        import PySide6

        pyside = PySide6.__version__
    except ImportError:
        pyside = None
    try:
        import sqlite3

        sqlite = sqlite3.sqlite_version
    except ImportError:
        sqlite = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": ram,
        "os": platform.platform(),
        "python": platform.python_version(),
        "pyside6": pyside,
        "sqlite": sqlite,
    }


def run_script(script: Path, quick: bool, timeout: float) -> dict[str, Any]:
    args: list[str] = []
    if quick:
        source = script.read_text(encoding="utf-8")
        args = ["--quick"] if '"--quick"' in source else QUICK_ARGS.get(script.stem, [])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(script), *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s", "args": args}
    seconds = round(time.perf_counter() - started, 1)
    if done.returncode != 0:
        return {"error": f"exit status {done.returncode}", "stderr": done.stderr[-2000:]}
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        return {"error": "output is not one JSON object", "stdout": done.stdout[-2000:]}
    return {"result": result, "args": args, "wall_seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a quick look")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these (e.g. gui)")
    parser.add_argument("--timeout", type=float, default=600, help="per script, in seconds")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    report: dict[str, Any] = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": machine(),
        "benchmarks": {},
    }
    failed = 0
    for script in bench_scripts(args.only):
        print(f"running {script.name} …", file=sys.stderr, flush=True)
        outcome = run_script(script, args.quick, args.timeout)
        failed += "error" in outcome
        report["benchmarks"][script.stem.removeprefix("bench_")] = outcome
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    text = json.dumps(report, indent=2, ensure_ascii=False)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
