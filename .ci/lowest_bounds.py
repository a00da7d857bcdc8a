"""Writes OUT/lowest.txt (each dependency at the lowest version pyproject.toml allows) and
OUT/tools.txt (the test tools' pins from constraints.txt), for CI's "lowest" stage."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def applies_here(requirement: str) -> bool:
    """Whether a requirement's environment marker (after ";") holds on this machine."""
    if ";" not in requirement:
        return True
    marker = requirement.split(";", 1)[1].strip()
    try:
        from packaging.markers import Marker
    except ImportError:  # a bare Python: the platform markers pyproject.toml uses
        found = re.fullmatch(r"sys_platform\s*(==|!=)\s*['\"]([^'\"]+)['\"]", marker)
        if found is None:
            raise SystemExit(f"pyproject.toml: cannot read the marker {marker!r}") from None
        same = sys.platform == found.group(2)
        return same if found.group(1) == "==" else not same
    return Marker(marker).evaluate()


def main(out: Path) -> None:
    with open("pyproject.toml", "rb") as file:
        project = tomllib.load(file)["project"]
    lowest = []
    for requirement in project["dependencies"]:
        if not applies_here(requirement):
            continue  # e.g. tzdata, which only Windows installs
        found = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([^,;\s]+)", requirement)
        if found is None:
            raise SystemExit(f"pyproject.toml: {requirement!r} has no lower bound")
        lowest.append(f"{found.group(1)}=={found.group(2)}")
    tools = {
        normal(re.match(r"[A-Za-z0-9_.-]+", line).group())  # type: ignore[union-attr]
        for line in project["optional-dependencies"]["test"]
    }
    pins = [
        line
        for line in Path("constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#") and normal(line.split("==")[0]) in tools
    ]
    (out / "lowest.txt").write_text("\n".join(lowest) + "\n", encoding="utf-8")
    (out / "tools.txt").write_text("\n".join(pins) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
