"""What an installed chatplanner carries: every package, its resources inside the package, and a
version read from its metadata; a built wheel runs from a fresh virtual environment."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "chatplanner"


def _listed_packages() -> set[str]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return set(tomllib.load(file)["tool"]["setuptools"]["packages"])


def test_every_folder_of_python_files_is_a_listed_package() -> None:
    folders = {
        ".".join(folder.relative_to(ROOT).parts)
        for folder in [PACKAGE, *PACKAGE.rglob("*")]
        if folder.is_dir() and folder.name != "__pycache__" and any(folder.glob("*.py"))
    }
    without_init = sorted(
        f for f in folders if not (ROOT / f.replace(".", "/") / "__init__.py").exists()
    )
    assert without_init == []
    # A new folder must be added to [tool.setuptools] packages in pyproject.toml, or the
    # installed app lacks it.
    assert folders | {"chatplanner.resources"} == _listed_packages()


def test_the_migrations_know_their_head() -> None:
    from chatplanner.db.revisions import head_revision

    assert head_revision()


def test_the_version_is_the_one_in_pyproject() -> None:
    from chatplanner import version

    with (ROOT / "pyproject.toml").open("rb") as file:
        assert version() == tomllib.load(file)["project"]["version"]


# Long: one story: build the wheel, install it in a fresh environment, run each entry point.
@pytest.mark.slow
def test_a_built_wheel_runs_from_a_fresh_virtual_environment(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (wheel,) = wheels.glob("chatplanner-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "chatplanner/resources/icons/app-icon.svg" in names
    assert not [
        name
        for name in names
        if name.split("/")[0]
        not in (
            "chatplanner",
            wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info",
        )
    ]

    # A fresh environment that sees this one's dependencies (not its chatplanner): installing
    # them again would need the network.
    fresh = tmp_path / "fresh env"
    venv.EnvBuilder(with_pip=False).create(fresh)
    fresh_python = fresh / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(fresh_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    dependencies = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "dependencies.pth").write_text("\n".join(sorted(dependencies)) + "\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(fresh_python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    program = fresh / "bin" / "chatplanner"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "home" / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    work = tmp_path / "elsewhere"  # not the checkout, so nothing of it is importable
    work.mkdir()

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(program), *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    from chatplanner import version

    assert run("--version").strip() == f"chatplanner {version()}"
    shot = work / "today.png"
    run("--demo", "--screenshot", str(shot))
    assert shot.stat().st_size > 10_000
    assert run("contacts", "--json", "--data-dir", str(work / "profile")).strip() == "[]"
    where = subprocess.run(
        [
            str(fresh_python),
            "-c",
            "import chatplanner.resources_path as r; print(r.resources_dir())",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where == str(site / "chatplanner" / "resources")
    assert not (site / "resources").exists()
