"""A command that does not sync, geocode or write an invite loads none of the code for it: a
script calling the CLI waits for what its command needs (benchmarks/bench_cli.py)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from chatplanner.db.models import Meeting
from chatplanner.services.workspace import Workspace
from tests.cli.fresh_process import last_json_line
from tests.profiles import ProfileTemplates

# The network stack and what only syncing, geocoding, invites, upgrades or the GUI need.
NOT_FOR_A_PLAIN_COMMAND = (
    "niquests",
    "urllib3",
    "urllib3_future",
    "requests",
    "http.client",
    "caldav",
    "keyring",
    "geopy",
    "icalendar",
    "alembic",
    "PySide6",
)

SCRIPT = """
import contextlib, io, json, sys
from chatplanner.cli.main import main

commands = json.loads(sys.argv[1])
for words in commands:
    with contextlib.redirect_stdout(io.StringIO()):
        status = main(words)
    if status != 0:
        raise SystemExit(f"{words}: exit status {status}")
loaded = sorted(
    name
    for name in json.loads(sys.argv[2])
    if name in sys.modules or any(m.startswith(name + ".") for m in sys.modules)
)
print(json.dumps(loaded))
"""


def test_plain_commands_load_no_network_sync_or_invite_code(
    tmp_path: Path, profile_templates: ProfileTemplates
) -> None:
    profile = profile_templates.copy_to(tmp_path / "demo", demo=True)
    with Workspace.open(profile) as workspace, workspace.context.sessions() as session:
        meeting_id = str(session.scalars(select(Meeting.id).order_by(Meeting.id)).first())
    data = ["--data-dir", str(profile)]
    commands = [
        [*data, "contacts", "--search", "x"],
        [*data, "contacts", "--json"],
        [*data, "venues", "--contact", "1", "--json"],
        [*data, "today"],
        [*data, "search", "coffee"],
        [*data, "draft", meeting_id],
        [*data, "brief", meeting_id],
        [*data, "advice"],
        [*data, "archive"],
    ]
    assert (
        last_json_line(
            SCRIPT, [json.dumps(commands), json.dumps(NOT_FOR_A_PLAIN_COMMAND)], tmp_path
        )
        == []
    )
