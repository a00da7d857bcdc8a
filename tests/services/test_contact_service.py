from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, text

from chatplanner.db.models import Base, Contact, Meeting, MeetingNotes, Outreach, Visit
from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import ContactKind, Goal, MeetingStatus, Stage
from chatplanner.domain.text import name_sort_key
from chatplanner.services.contacts import ContactError
from chatplanner.services.workspace import Workspace
from tests.profiles import DemoAt, OpenWorkspace

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    return open_workspace(clock=lambda: NOW)


@pytest.fixture
def demo(demo_at: DemoAt) -> Workspace:
    return demo_at(NOW)


def dump(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    with workspace.context.sessions() as session:
        return {
            table.name: [
                tuple(row) for row in session.execute(select(table).order_by(*table.primary_key))
            ]
            for table in Base.metadata.sorted_tables
        }


def test_create_then_get_gives_back_every_field(workspace: Workspace) -> None:
    group = workspace.people.groups.create("Toronto Tech Meetup")
    draft = ContactDraft(
        first_name="Zoë",
        last_name="Tremblay",
        email="zoe@example.com",
        phone="+1 416 555 0100",
        linkedin_url="linkedin.com/in/Zoe-Tremblay/",
        company="Acme",
        title="Engineer",
        previous_title="Intern",
        years_in_role=3,
        city="Montréal",
        kind=ContactKind.MENTOR,
        goal=Goal.MENTORSHIP,
        notes="Met at the <b>meetup</b>",
        keep_in_touch_days=45,
        group_ids=(group.id,),
    )
    created = workspace.people.contact_edits.create(draft)
    fetched = workspace.people.contacts.get(created.id)
    assert fetched.draft.first_name == "Zoë"
    assert fetched.draft.linkedin_url == "https://www.linkedin.com/in/zoe-tremblay"
    assert fetched.draft.group_ids == (group.id,)
    assert fetched.draft.keep_in_touch_days == 45
    assert fetched.stage is Stage.NOT_CONTACTED
    assert fetched.source == "manual"
    assert [entry.kind for entry in workspace.people.contacts.timeline(created.id)] == ["stage"]


def test_update_changes_fields_and_groups(workspace: Workspace) -> None:
    first = workspace.people.groups.create("PMI Toronto")
    second = workspace.people.groups.create("CET Network")
    contact = workspace.people.contact_edits.create(
        ContactDraft(first_name="Ada", group_ids=(first.id,))
    )
    updated = workspace.people.contact_edits.update(
        contact.id,
        ContactDraft(first_name="Ada", last_name="Lovelace", group_ids=(second.id,), city=" "),
    )
    assert updated.draft.last_name == "Lovelace"
    assert updated.draft.group_ids == (second.id,)
    assert updated.draft.city is None


@pytest.mark.parametrize(
    ("draft", "words"),
    [
        (ContactDraft(), "needs at least a name"),
        (ContactDraft(first_name="A", email="not an address"), "not an email address"),
        (ContactDraft(first_name="A", linkedin_url="https://example.com/x"), "LinkedIn link"),
        (ContactDraft(first_name="A", years_in_role=-1), "negative"),
    ],
)
def test_invalid_drafts_are_refused_with_a_sentence(
    workspace: Workspace, draft: ContactDraft, words: str
) -> None:
    with pytest.raises(ContactError, match=words):
        workspace.people.contact_edits.create(draft)
    assert workspace.people.contacts.list_summaries() == []


def test_getting_a_missing_contact_says_so(workspace: Workspace) -> None:
    with pytest.raises(ContactError, match="no longer exists"):
        workspace.people.contacts.get(999)


def test_search_is_accent_and_case_insensitive_across_fields(workspace: Workspace) -> None:
    group = workspace.people.groups.create("Women in Data")
    zoe = workspace.people.contact_edits.create(ContactDraft(first_name="Zoë", last_name="Brontë"))
    other = workspace.people.contact_edits.create(
        ContactDraft(
            first_name="Sam", company="Café Labs", notes="Loves ÉTÉ", group_ids=(group.id,)
        )
    )
    found = {s.id for s in workspace.people.contacts.search("zoe")}
    assert found == {zoe.id}
    assert {s.id for s in workspace.people.contacts.search("CAFE")} == {other.id}
    assert {s.id for s in workspace.people.contacts.search("women data")} == {other.id}
    assert {s.id for s in workspace.people.contacts.search("ete")} == {other.id}
    assert {s.id for s in workspace.people.contacts.search("")} == {zoe.id, other.id}


def test_summaries_carry_groups_and_the_last_contact_from_messages_and_chats(
    demo: Workspace,
) -> None:
    summaries = demo.people.contacts.list_summaries()
    assert len(summaries) == 40
    with demo.context.sessions() as session:
        held = session.execute(
            select(Meeting.contact_id, Meeting.starts_at).where(Meeting.status == "done")
        ).first()
    assert held is not None
    summary = next(s for s in summaries if s.id == held[0])
    assert summary.last_contact_at is not None
    assert summary.last_contact_at >= held[1].replace(tzinfo=UTC)
    assert any(s.group_ids for s in summaries)
    never = [s for s in summaries if s.stage is Stage.NOT_CONTACTED]
    assert never
    assert all(s.last_contact_at is None for s in never)


def test_the_last_contact_is_the_latest_message_reply_chat_held_or_touch(
    demo_at: DemoAt,
) -> None:
    now = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
    demo = demo_at(now)
    with demo.context.sessions.begin() as session:
        # One person's last touch after everything else of theirs, another's chat cancelled.
        touched, cancelled = session.execute(
            select(Meeting.contact_id, Meeting.id).where(Meeting.starts_at <= now).limit(2)
        ).all()
        session.get_one(Contact, touched[0]).last_touch_at = now
        session.get_one(Meeting, cancelled[1]).status = MeetingStatus.CANCELLED.value
    with demo.context.sessions() as session:
        moments = [
            *session.execute(select(Outreach.contact_id, Outreach.sent_at)).all(),
            *session.execute(select(Outreach.contact_id, Outreach.replied_at)).all(),
            *session.execute(
                select(Meeting.contact_id, Meeting.starts_at).where(
                    Meeting.starts_at <= now, Meeting.status != MeetingStatus.CANCELLED.value
                )
            ).all(),
            *session.execute(select(Contact.id, Contact.last_touch_at)).all(),
        ]
    expected: dict[int, datetime] = {}
    for contact_id, moment in moments:
        if moment is not None and (contact_id not in expected or moment > expected[contact_id]):
            expected[contact_id] = moment
    summaries = demo.people.contacts.list_summaries(include_archived=True)
    assert {s.id: s.last_contact_at for s in summaries if s.last_contact_at} == expected
    assert expected[touched[0]] == now
    some = [s.id for s in summaries[::3]]  # the same, asked for a few people
    assert {s.id: s.last_contact_at for s in demo.people.contacts.summaries(some)} == {
        i: expected.get(i) for i in some
    }


def test_archived_contacts_are_listed_only_when_asked(workspace: Workspace) -> None:
    kept = workspace.people.contact_edits.create(ContactDraft(first_name="Kept"))
    gone = workspace.people.contact_edits.create(ContactDraft(first_name="Gone"))
    workspace.people.contact_edits.set_archived([gone.id], True)
    assert [s.id for s in workspace.people.contacts.list_summaries()] == [kept.id]
    assert {s.id for s in workspace.people.contacts.list_summaries(include_archived=True)} == {
        kept.id,
        gone.id,
    }


def test_delete_then_restore_gives_back_every_row_with_the_same_ids(demo: Workspace) -> None:
    before = dump(demo)
    with demo.context.sessions() as session:
        ids = list(
            session.scalars(select(Meeting.contact_id).join(MeetingNotes).distinct().limit(3))
        )
        visits = session.scalar(
            select(Visit.id).where(
                Visit.meeting_id.in_(select(Meeting.id).where(Meeting.contact_id.in_(ids)))
            )
        )
    impact = demo.people.contact_edits.deletion_impact(ids)
    assert impact.contacts == 3
    assert impact.meetings_with_notes >= 3
    snapshot = demo.people.contact_edits.delete(ids)
    after_delete = dump(demo)
    assert len(after_delete["contacts"]) == len(before["contacts"]) - 3
    assert len(after_delete["meeting_notes"]) < len(before["meeting_notes"])
    assert snapshot.contact_ids == tuple(sorted(ids))

    assert demo.people.contact_edits.restore_deleted(snapshot) == tuple(sorted(ids))
    assert dump(demo) == before
    if visits is not None:
        with demo.context.sessions() as session:
            assert session.get(Visit, visits) is not None
    # The notes are searchable again: the full-text index followed the rows back.
    with demo.context.sessions() as session:
        notes = session.scalars(
            select(MeetingNotes).join(Meeting).where(Meeting.contact_id == ids[0])
        ).first()
        assert notes is not None
        word = next(
            w for w in (notes.free_notes or notes.advice).split() if w.isalpha() and len(w) > 4
        )
        hits = (
            session.execute(
                text("SELECT rowid FROM meeting_notes_fts WHERE meeting_notes_fts MATCH :q"),
                {"q": f'"{word}"'},
            )
            .scalars()
            .all()
        )
        assert notes.id in hits


def test_deletion_impact_sentence_names_what_goes(demo: Workspace) -> None:
    with demo.context.sessions() as session:
        contact_id = session.scalars(select(Meeting.contact_id).join(MeetingNotes)).first()
    assert contact_id is not None
    sentence = demo.people.contact_edits.deletion_impact([contact_id]).sentence()
    assert sentence.startswith("Also deletes ")
    assert "meeting with notes" in sentence


def test_a_contact_with_nothing_attached_has_an_empty_impact(workspace: Workspace) -> None:
    contact = workspace.people.contact_edits.create(ContactDraft(first_name="New"))
    assert workspace.people.contact_edits.deletion_impact([contact.id]).sentence() == ""


def test_bulk_set_kind_returns_the_old_values_and_revert_restores_them(
    workspace: Workspace,
) -> None:
    a = workspace.people.contact_edits.create(ContactDraft(first_name="A", kind=ContactKind.PEER))
    b = workspace.people.contact_edits.create(
        ContactDraft(first_name="B", kind=ContactKind.RECRUITER)
    )
    c = workspace.people.contact_edits.create(ContactDraft(first_name="C", kind=ContactKind.MENTOR))
    change = workspace.people.contact_edits.set_kind([a.id, b.id, c.id], ContactKind.MENTOR)
    assert change.previous == {a.id: "peer", b.id: "recruiter"}
    assert {s.kind for s in workspace.people.contacts.list_summaries()} == {ContactKind.MENTOR}
    workspace.people.contact_edits.revert(change)
    kinds = {s.id: s.kind for s in workspace.people.contacts.list_summaries()}
    assert kinds == {a.id: ContactKind.PEER, b.id: ContactKind.RECRUITER, c.id: ContactKind.MENTOR}


def test_bulk_set_goal_and_clear_it(workspace: Workspace) -> None:
    a = workspace.people.contact_edits.create(ContactDraft(first_name="A", goal=Goal.JOB_LEAD))
    b = workspace.people.contact_edits.create(ContactDraft(first_name="B"))
    change = workspace.people.contact_edits.set_goal([a.id, b.id], None)
    assert change.previous == {a.id: "job_lead"}
    change = workspace.people.contact_edits.set_goal([a.id, b.id], Goal.MENTORSHIP)
    assert {s.goal for s in workspace.people.contacts.list_summaries()} == {Goal.MENTORSHIP}
    workspace.people.contact_edits.revert(change)
    assert {s.goal for s in workspace.people.contacts.list_summaries()} == {None}


def test_add_to_group_reports_only_new_members_and_revert_removes_only_them(
    workspace: Workspace,
) -> None:
    group = workspace.people.groups.create("Alumni")
    member = workspace.people.contact_edits.create(
        ContactDraft(first_name="In", group_ids=(group.id,))
    )
    newcomer = workspace.people.contact_edits.create(ContactDraft(first_name="Out"))
    change = workspace.people.contact_edits.add_to_group([member.id, newcomer.id, 12345], group.id)
    assert change.added == (newcomer.id,)
    assert workspace.people.groups.get(group.id).member_count == 2
    workspace.people.contact_edits.revert(change)
    assert [m.id for m in workspace.people.groups.members(group.id)] == [member.id]


def test_set_stage_records_the_change_once(workspace: Workspace) -> None:
    contact = workspace.people.contact_edits.create(ContactDraft(first_name="Ana"))
    assert workspace.people.contact_edits.set_stage(contact.id, Stage.MESSAGED, "Wrote on LinkedIn")
    assert not workspace.people.contact_edits.set_stage(contact.id, Stage.MESSAGED)
    assert workspace.people.contacts.get(contact.id).stage is Stage.MESSAGED
    stages = [e for e in workspace.people.contacts.timeline(contact.id) if e.kind == "stage"]
    assert stages[0].title == "Stage: Messaged"
    assert stages[0].detail == "Wrote on LinkedIn"


def test_timeline_is_newest_first_and_holds_messages_meetings_notes_and_thank_yous(
    demo: Workspace,
) -> None:
    thanked = next(s for s in demo.people.contacts.list_summaries() if s.stage is Stage.THANKED)
    entries = demo.people.contacts.timeline(thanked.id)
    moments = [entry.at for entry in entries]
    assert moments == sorted(moments, reverse=True)
    kinds = {entry.kind for entry in entries}
    assert {"message", "reply", "stage", "meeting", "note", "thank_you"} <= kinds
    assert all(entry.meeting_id for entry in entries if entry.kind == "meeting")


def test_export_records_carry_group_names(workspace: Workspace) -> None:
    group = workspace.people.groups.create("CET Network")
    contact = workspace.people.contact_edits.create(
        ContactDraft(
            first_name="Lê", last_name="Văn", email="le@example.com", group_ids=(group.id,)
        )
    )
    [record] = workspace.people.contacts.export_records([contact.id])
    assert record.first_name == "Lê"
    assert record.groups == ("CET Network",)
    assert record.phone is None
    assert record.notes is None


def test_the_first_screen_is_the_start_of_the_list_in_name_order(workspace: Workspace) -> None:
    for number, (first, last) in enumerate(
        [
            ("Zoë", "Brontë"),
            ("zoe", "Adams"),
            ("Émile", "Zola"),
            ("", "Lone"),
            ("", ""),
            ("Carl", "Zed"),
            ("  Ann ", "Lee"),
        ]
    ):
        workspace.people.contact_edits.create(
            ContactDraft(first_name=first, last_name=last, email=f"p{number}@example.org")
        )
    hidden = workspace.people.contact_edits.create(
        ContactDraft(first_name="Aaron", last_name="Archived")
    )
    workspace.people.contact_edits.set_archived([hidden.id], True)
    expected = _opening_order(workspace)
    for limit in (1, 3, len(expected), len(expected) + 5):
        assert [s.id for s in workspace.people.contacts.first_by_name(limit)] == expected[:limit]
    # The same records as the full list holds.
    full = {s.id: s for s in workspace.people.contacts.summaries(expected[:3])}
    assert workspace.people.contacts.first_by_name(3) == [full[i] for i in expected[:3]]


def _opening_order(workspace: Workspace) -> list[int]:
    """The People table's opening order: by name key, stable, nameless people last."""
    everyone = [s for s in workspace.people.contacts.list_summaries() if not s.archived]
    keys = {s.id: name_sort_key(s.first_name, s.last_name) for s in everyone}
    named = sorted((s.id for s in everyone if keys[s.id]), key=keys.__getitem__)
    return named + [s.id for s in everyone if not keys[s.id]]


def test_names_written_by_another_tool_are_sorted_and_found_by_their_new_name(
    workspace: Workspace,
) -> None:
    for number, (first, last) in enumerate([("Ann", "Lee"), ("Bo", "Chen"), ("Cy", "Dunn")]):
        workspace.people.contact_edits.create(
            ContactDraft(first_name=first, last_name=last, email=f"p{number}@example.org")
        )
    with sqlite3.connect(workspace.profile.database_path) as other_tool:
        other_tool.execute("UPDATE contacts SET first_name = 'Zoë' WHERE first_name = 'Ann'")
        other_tool.execute(
            "INSERT INTO contacts (first_name, last_name, kind, online_activity, stage, notes, "
            "archived, created_at, updated_at) VALUES ('Abe', 'Élan', 'other', 'unknown', "
            "'not_contacted', '', 0, '2026-01-01', '2026-01-01'), ('  ', '', 'other', "
            "'unknown', 'not_contacted', '', 0, '2026-01-01', '2026-01-01')"
        )
    other_tool.close()
    expected = _opening_order(workspace)
    assert [s.id for s in workspace.people.contacts.first_by_name(10)] == expected
    names = [s.display_name for s in workspace.people.contacts.first_by_name(10)]
    assert names[0] == "Abe Élan"
    assert names[-2:] == ["Zoë Lee", "(no name)"]
    assert [s.last_name for s in workspace.people.contacts.search("zoe")] == ["Lee"]
    assert workspace.people.contacts.search("ann") == []


def test_a_list_let_in_later_is_the_list_as_it_stood_when_its_read_began(
    demo: Workspace,
) -> None:
    """`rows_ready` is called once SQLite has begun the read, before any row comes into Python:
    what is committed while the read waits there (by another program) is not half in the list."""
    contacts = demo.people.contacts
    before = contacts.list_summaries(include_archived=True, in_list_order=True)
    first = before[0]
    waited: list[int] = []

    def another_program_writes() -> None:
        waited.append(len(waited))
        with sqlite3.connect(demo.profile.database_path) as other:
            other.execute("UPDATE contacts SET company = 'Elsewhere' WHERE id = ?", (first.id,))
            other.execute("DELETE FROM contact_groups")

    during = contacts.list_summaries(
        include_archived=True, in_list_order=True, rows_ready=another_program_writes
    )
    assert waited == [0]
    assert during == before
    after = contacts.list_summaries(include_archived=True, in_list_order=True)
    assert next(s for s in after if s.id == first.id).company == "Elsewhere"
    assert all(s.group_ids == () for s in after)
    assert any(s.group_ids for s in before)


def test_the_list_and_its_fingerprint_are_read_from_the_same_state(workspace: Workspace) -> None:
    """Someone added while the list is being read (another copy of the app, a sync) is in
    neither the rows nor their fingerprint: the page's next comparison then sees them."""
    contacts = workspace.people.contacts
    for name in ("Ada", "Bea"):
        workspace.people.contact_edits.create(ContactDraft(first_name=name, last_name="Okafor"))
    before = contacts.list_fingerprint()

    def someone_added_meanwhile() -> None:
        other = sqlite3.connect(workspace.profile.database_path)
        try:
            columns = [row[1] for row in other.execute("PRAGMA table_info(contacts)")]
            copied = ", ".join(column for column in columns if column != "id")
            with other:  # a copy of the first person, but for the id and the last name
                other.execute(
                    f"INSERT INTO contacts ({copied}) SELECT {copied} FROM contacts LIMIT 1"
                )
                other.execute(
                    "UPDATE contacts SET last_name = 'Mensah' WHERE id = last_insert_rowid()"
                )
        finally:
            other.close()

    rows, fingerprint = contacts.list_with_fingerprint(rows_ready=someone_added_meanwhile)

    assert [row.last_name for row in rows] == ["Okafor", "Okafor"]
    assert fingerprint == before
    assert contacts.list_fingerprint() != fingerprint
