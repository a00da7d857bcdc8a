"""A script run in a fresh Python process on the checkout, as a command runs: what it loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def last_json_line(script: str, arguments: list[str], home: Path) -> Any:
    """Run `script` with `arguments` in a fresh process (nothing of the user's environment) and
    read the JSON its last line prints; a failure shows the script's error output."""
    found = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "", "HOME": str(home)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert found.returncode == 0, found.stderr[-2000:]
    return json.loads(found.stdout.strip().splitlines()[-1])
