"""The People table's right-click menu, for one or several selected people."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QMenu, QWidget

from chatplanner.domain.contacts import GroupInfo
from chatplanner.ui.icons import icon
from chatplanner.ui.people.bulk_actions import BulkActions
from chatplanner.ui.people.bulk_menus import goal_menu, group_menu, kind_menu
from chatplanner.ui.people.contact_actions import PLAN_CHAT, WRITE_MESSAGE


def people_context_menu(
    parent: QWidget,
    selected: Sequence[int],
    groups: Sequence[GroupInfo],
    bulk: BulkActions,
    *,
    archives: bool,
    write_message: Callable[[list[int]], None],
    plan_chat: Callable[[int], None],
) -> QMenu:
    """`archives`: the archive item archives (else it unarchives). A chat is with one person."""
    ids = list(selected)
    menu = QMenu(parent)
    menu.addAction(icon("mail"), WRITE_MESSAGE).triggered.connect(lambda: write_message(ids))
    plan = menu.addAction(icon("calendar"), PLAN_CHAT)
    plan.triggered.connect(lambda: plan_chat(ids[0]))
    plan.setEnabled(len(ids) == 1)
    if len(ids) != 1:
        plan.setToolTip("A chat is planned with one person: select just one.")
    menu.addSeparator()
    menu.addMenu(group_menu(menu, groups, bulk.add_to_group, bulk.new_group_for_selection))
    menu.addMenu(kind_menu(menu, bulk.set_kind))
    menu.addMenu(goal_menu(menu, bulk.set_goal))
    menu.addAction("Archive" if archives else "Unarchive").triggered.connect(
        lambda: bulk.set_archived(archives)
    )
    menu.addSeparator()
    menu.addAction("Export as vCard…").triggered.connect(lambda: bulk.export_vcard(selected=True))
    menu.addSeparator()
    menu.addAction(icon("trash"), "Delete…").triggered.connect(bulk.delete_selected)
    return menu
