"""The People list reads a contact's kind, stage, goal and online activity as one number that
SQLite computes: every member reads back as itself, a value no member has as the default."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import zip_longest

import pytest
from sqlalchemy import text

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import ContactKind, Goal, OnlineActivity, Stage
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    return open_workspace(clock=lambda: NOW)


def test_every_kind_stage_goal_and_activity_reads_back_as_itself(workspace: Workspace) -> None:
    wanted = {}
    # Each member of each enum at least once, in rows that mix them.
    for n, (kind, stage, goal, activity) in enumerate(
        zip_longest(ContactKind, Stage, [*Goal, None], OnlineActivity)
    ):
        kind = kind or ContactKind.PEER
        activity = activity or OnlineActivity.OFTEN
        draft = ContactDraft(first_name=f"P{n}", kind=kind, goal=goal, online_activity=activity)
        contact_id = workspace.people.contact_edits.create(draft).id
        with workspace.context.sessions.begin() as session:
            session.execute(
                text("UPDATE contacts SET stage = :stage WHERE id = :id"),
                {"stage": (stage or Stage.MET).value, "id": contact_id},
            )
        wanted[contact_id] = (kind, stage or Stage.MET, goal, activity)
    summaries = workspace.people.contacts.list_summaries(in_list_order=True)
    got = {s.id: (s.kind, s.stage, s.goal, s.online_activity) for s in summaries}
    assert got == wanted
    first = workspace.people.contacts.first_by_name(60)
    assert {s.id: (s.kind, s.stage, s.goal, s.online_activity) for s in first} == wanted


def test_values_written_by_another_tool_read_as_the_defaults(workspace: Workspace) -> None:
    contact_id = workspace.people.contact_edits.create(ContactDraft(first_name="Odd")).id
    with workspace.context.sessions.begin() as session:
        session.execute(
            text(
                "UPDATE contacts SET kind = 'boss', stage = 'later', goal = 'fame', "
                "online_activity = 'hourly' WHERE id = :id"
            ),
            {"id": contact_id},
        )
    (summary,) = workspace.people.contacts.list_summaries()
    assert (summary.kind, summary.stage, summary.goal, summary.online_activity) == (
        ContactKind.OTHER,
        Stage.NOT_CONTACTED,
        None,
        OnlineActivity.UNKNOWN,
    )
