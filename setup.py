"""Package layout only (metadata and dependencies live in pyproject.toml).

The repository keeps icons, templates and data in a top-level `resources/` folder; it is
installed as the `chatplanner.resources` package so that an installed app finds it too.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["chatplanner", "chatplanner.*"]), "chatplanner.resources"],
    package_dir={"chatplanner.resources": "resources"},
)
