from __future__ import annotations

import pytest

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import GroupKind
from chatplanner.services.groups import GroupError
from chatplanner.services.workspace import Workspace


def test_groups_are_listed_by_name_with_member_counts(workspace: Workspace) -> None:
    zeta = workspace.groups.create("zeta club")
    alpha = workspace.groups.create("Älpha Association", GroupKind.ASSOCIATION)
    workspace.contacts.create(ContactDraft(first_name="A", group_ids=(zeta.id, alpha.id)))
    workspace.contacts.create(ContactDraft(first_name="B", group_ids=(zeta.id,)))
    listed = workspace.groups.list()
    assert [(g.name, g.member_count) for g in listed] == [
        ("Älpha Association", 1),
        ("zeta club", 2),
    ]
    assert listed[0].kind is GroupKind.ASSOCIATION


def test_names_are_trimmed_and_must_be_unique_ignoring_case_and_accents(
    workspace: Workspace,
) -> None:
    created = workspace.groups.create("  Café   Club ")
    assert created.name == "Café Club"
    with pytest.raises(GroupError, match="already a group"):
        workspace.groups.create("cafe club")
    with pytest.raises(GroupError, match="needs a name"):
        workspace.groups.create("   ")


def test_rename_keeps_members_and_may_change_only_the_case(workspace: Workspace) -> None:
    group = workspace.groups.create("pmi toronto")
    workspace.contacts.create(ContactDraft(first_name="A", group_ids=(group.id,)))
    renamed = workspace.groups.rename(group.id, "PMI Toronto")
    assert renamed.name == "PMI Toronto"
    assert renamed.member_count == 1


def test_merge_moves_members_once_and_deletes_the_source(workspace: Workspace) -> None:
    source = workspace.groups.create("UofT Eng Alumni")
    target = workspace.groups.create("UofT Engineering Alumni")
    both = workspace.contacts.create(
        ContactDraft(first_name="Both", group_ids=(source.id, target.id))
    )
    only = workspace.contacts.create(ContactDraft(first_name="Only", group_ids=(source.id,)))
    merged = workspace.groups.merge(source.id, target.id)
    assert merged.member_count == 2
    assert [g.id for g in workspace.groups.list()] == [target.id]
    assert {m.id for m in workspace.groups.members(target.id)} == {both.id, only.id}
    assert workspace.contacts.get(only.id).draft.group_ids == (target.id,)
    with pytest.raises(GroupError):
        workspace.groups.merge(target.id, target.id)


def test_deleting_a_group_keeps_its_members(workspace: Workspace) -> None:
    group = workspace.groups.create("Online group")
    person = workspace.contacts.create(ContactDraft(first_name="Kim", group_ids=(group.id,)))
    assert workspace.groups.delete(group.id) == (person.id,)
    assert workspace.groups.list() == []
    assert workspace.contacts.get(person.id).draft.group_ids == ()
    with pytest.raises(GroupError, match="no longer exists"):
        workspace.groups.members(group.id)
