from __future__ import annotations

import pytest

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import GroupKind
from chatplanner.services.groups import GroupError
from chatplanner.services.workspace import Workspace


def test_groups_are_listed_by_name_with_member_counts(workspace: Workspace) -> None:
    zeta = workspace.people.groups.create("zeta club")
    alpha = workspace.people.groups.create("Älpha Association", GroupKind.ASSOCIATION)
    workspace.people.contact_edits.create(
        ContactDraft(first_name="A", group_ids=(zeta.id, alpha.id))
    )
    workspace.people.contact_edits.create(ContactDraft(first_name="B", group_ids=(zeta.id,)))
    listed = workspace.people.groups.list()
    assert [(g.name, g.member_count) for g in listed] == [
        ("Älpha Association", 1),
        ("zeta club", 2),
    ]
    assert listed[0].kind is GroupKind.ASSOCIATION


def test_names_are_trimmed_and_must_be_unique_ignoring_case_and_accents(
    workspace: Workspace,
) -> None:
    created = workspace.people.groups.create("  Café   Club ")
    assert created.name == "Café Club"
    with pytest.raises(GroupError, match="already a group"):
        workspace.people.groups.create("cafe club")
    with pytest.raises(GroupError, match="needs a name"):
        workspace.people.groups.create("   ")


def test_rename_keeps_members_and_may_change_only_the_case(workspace: Workspace) -> None:
    group = workspace.people.groups.create("pmi toronto")
    workspace.people.contact_edits.create(ContactDraft(first_name="A", group_ids=(group.id,)))
    renamed = workspace.people.groups.rename(group.id, "PMI Toronto")
    assert renamed.name == "PMI Toronto"
    assert renamed.member_count == 1


def test_merge_moves_members_once_and_deletes_the_source(workspace: Workspace) -> None:
    source = workspace.people.groups.create("UofT Eng Alumni")
    target = workspace.people.groups.create("UofT Engineering Alumni")
    both = workspace.people.contact_edits.create(
        ContactDraft(first_name="Both", group_ids=(source.id, target.id))
    )
    only = workspace.people.contact_edits.create(
        ContactDraft(first_name="Only", group_ids=(source.id,))
    )
    merged = workspace.people.groups.merge(source.id, target.id)
    assert merged.member_count == 2
    assert [g.id for g in workspace.people.groups.list()] == [target.id]
    assert {m.id for m in workspace.people.groups.members(target.id)} == {both.id, only.id}
    assert workspace.people.contacts.get(only.id).draft.group_ids == (target.id,)
    with pytest.raises(GroupError):
        workspace.people.groups.merge(target.id, target.id)


def test_deleting_a_group_keeps_its_members(workspace: Workspace) -> None:
    group = workspace.people.groups.create("Online group")
    person = workspace.people.contact_edits.create(
        ContactDraft(first_name="Kim", group_ids=(group.id,))
    )
    assert workspace.people.groups.delete(group.id) == (person.id,)
    assert workspace.people.groups.list() == []
    assert workspace.people.contacts.get(person.id).draft.group_ids == ()
    with pytest.raises(GroupError, match="no longer exists"):
        workspace.people.groups.members(group.id)
